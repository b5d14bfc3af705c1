#include "inspectcommand.h"

#include "difftext.h"
#include "trace/timeline.h"
#include "trace/traceerror.h"
#include "trace/traceinspection.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QTextStream>

using namespace sessionscope;

namespace {

// A non-negative integer argument, or nullopt.
std::optional<qint64> number(const QString &text)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 0)
        return std::nullopt;
    return value;
}

} // namespace

int inspectCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Reads a trace and prints the session's state at any point of it, "
                       "without the database."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("trace"), QStringLiteral("The trace file."));
    const QCommandLineOption at(QStringLiteral("at"),
                                QStringLiteral("Print the state after operation <n> (0: before "
                                               "the first), as one element of run --states."),
                                QStringLiteral("n"));
    const QCommandLineOption atEvent(QStringLiteral("at-event"),
                                     QStringLiteral("Print the state after event <m> (its seq)."),
                                     QStringLiteral("m"));
    const QCommandLineOption summary(QStringLiteral("summary"),
                                     QStringLiteral("Print counts of operations, events, "
                                                    "statements, objects and errors."));
    const QCommandLineOption diff(QStringLiteral("diff"),
                                  QStringLiteral("Print what changed between operations <a> and "
                                                 "<b>: --diff A B, one line per change."),
                                  QStringLiteral("a"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print --diff as JSON (the other actions always "
                                                 "print JSON)."));
    parser.addOptions({at, atEvent, summary, diff, json});
    parser.process(arguments);

    QTextStream err(stderr);
    QTextStream out(stdout);
    QStringList positional = parser.positionalArguments();
    // --diff takes two numbers; the second arrives as a positional argument.
    std::optional<qint64> diffTo;
    if (parser.isSet(diff) && positional.size() == 2) {
        // `inspect --diff A B TRACE` and `inspect TRACE --diff A B` both read naturally.
        const int index = number(positional.at(0)) && !number(positional.at(1)) ? 0 : 1;
        diffTo = number(positional.takeAt(index));
    }
    if (positional.size() != 1) {
        err << "sessionscope-cli inspect: give exactly one trace file"
            << (parser.isSet(diff) ? " (and --diff A B)" : "") << '\n';
        return 2;
    }
    const int actions = int(parser.isSet(at)) + int(parser.isSet(atEvent)) +
                        int(parser.isSet(summary)) + int(parser.isSet(diff));
    if (actions != 1) {
        err << "sessionscope-cli inspect: give one of --at N, --at-event M, --summary, --diff A "
               "B\n";
        return 2;
    }
    if (parser.isSet(diff) && !diffTo) {
        err << "sessionscope-cli inspect: --diff takes two operation numbers: --diff A B\n";
        return 2;
    }
    const QString option = parser.isSet(at)        ? parser.value(at)
                           : parser.isSet(atEvent) ? parser.value(atEvent)
                           : parser.isSet(diff)    ? parser.value(diff)
                                                   : QStringLiteral("0");
    const std::optional<qint64> position = number(option);
    if (!position || *position > std::numeric_limits<int>::max()) {
        err << "sessionscope-cli inspect: \"" << option
            << "\" is not an operation or event number\n";
        return 2;
    }

    try {
        const std::unique_ptr<Timeline> timeline = Timeline::open(positional.first());
        // Check every line first: a malformed trace is reported, never half-shown.
        timeline->verify();
        if (const std::optional<QString> truncation = timeline->truncation())
            err << "warning: " << *truncation << '\n';
        QJsonObject result;
        if (parser.isSet(at))
            result = stateAfterOperation(*timeline, int(*position));
        else if (parser.isSet(atEvent))
            result = stateAfterEvent(*timeline, *position);
        else if (parser.isSet(summary))
            result = traceSummary(*timeline);
        else {
            const int from = int(*position);
            const int to = int(std::min<qint64>(*diffTo, INT_MAX));
            result = traceDiff(*timeline, from, to);
            if (!parser.isSet(json)) {
                out << describeDiff(*timeline, from, to, result);
                return 0;
            }
        }
        out << QJsonDocument(result).toJson(QJsonDocument::Indented);
        return 0;
    } catch (const TraceError &error) {
        err << error.message() << '\n';
    }
    return 1;
}
