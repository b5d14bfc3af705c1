#include "runcommand.h"

#include "scenario/scenariorunner.h"
#include "support/databaseurl.h"
#include "trace/tracerecorder.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTextStream>

using namespace sessionscope;

namespace {

QString joined(const QJsonArray &names)
{
    QStringList list;
    for (const QJsonValue &name : names)
        list.append(name.toString());
    return list.isEmpty() ? QStringLiteral("-") : list.join(QStringLiteral(", "));
}

// A readable account of one step: what it did, the SQL it sent, and where the session stands.
QString describeStep(const ScenarioStep &step, const StepOutcome &outcome, const QJsonObject &state)
{
    if (step.op == u"note")
        return QStringLiteral("\n  # %1\n")
            .arg(step.fields.value(QStringLiteral("text")).toString());
    QString text = QStringLiteral("%1. %2\n").arg(outcome.step, 2).arg(step.summary());
    for (const StatementEvent &statement : outcome.statements)
        text += QStringLiteral("      SQL  %1\n").arg(statement.sql.simplified());
    if (outcome.error)
        text += QStringLiteral("      !!   %1: %2\n")
                    .arg(errorKindName(*outcome.error), outcome.errorMessage);
    QStringList objects;
    const QJsonObject all = state.value(QStringLiteral("objects")).toObject();
    for (auto it = all.begin(); it != all.end(); ++it)
        objects.append(QStringLiteral("%1 %2").arg(it.key(), it.value()[u"state"].toString()));
    const QJsonObject transaction = state.value(QStringLiteral("transaction")).toObject();
    text += QStringLiteral("      new: %1 | dirty: %2 | deleted: %3 | transaction: %4\n")
                .arg(joined(state.value(QStringLiteral("new")).toArray()),
                     joined(state.value(QStringLiteral("dirty")).toArray()),
                     joined(state.value(QStringLiteral("deleted")).toArray()),
                     transaction.value(QStringLiteral("active")).toBool() ? QStringLiteral("active")
                                                                          : QStringLiteral("none"));
    if (!objects.isEmpty())
        text += QStringLiteral("      objects: %1\n").arg(objects.join(QStringLiteral(", ")));
    return text;
}

} // namespace

int runCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Runs a scenario against a database."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("scenario"),
                                 QStringLiteral("The scenario file (JSON)."));
    const QCommandLineOption states(
        QStringLiteral("states"), QStringLiteral("Print the state before the first step and after "
                                                 "each step as a JSON array."));
    const QCommandLineOption database(
        QStringLiteral("database"),
        QStringLiteral("A SQLite path or a postgresql:// URL (default: "
                       "in-memory SQLite)."),
        QStringLiteral("url"));
    const QCommandLineOption dropExisting(QStringLiteral("drop-existing"),
                                          QStringLiteral("Drop the scenario's tables first if they "
                                                         "exist."));
    const QCommandLineOption trace(QStringLiteral("trace"),
                                   QStringLiteral("Record the run as a trace (JSON Lines) in "
                                                  "<file>; see docs/trace-format.md."),
                                   QStringLiteral("file"));
    const QCommandLineOption redact(
        QStringLiteral("redact"),
        QStringLiteral("What the trace hides: none (default), sensitive (columns marked "
                       "sensitive, and raw SQL parameters) or all (every bound parameter)."),
        QStringLiteral("mode"), QStringLiteral("none"));
    const QCommandLineOption unobserved(
        QStringLiteral("unobserved"),
        QStringLiteral("Run with nothing listening to the session, as an application without "
                       "an inspector runs it; the states then list no SQL. Not with --trace."));
    parser.addOptions({states, database, dropExisting, trace, redact, unobserved});
    parser.process(arguments);

    QTextStream err(stderr);
    QTextStream out(stdout);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        err << "sessionscope-cli run: give exactly one scenario file\n";
        return 2;
    }
    TraceRecorder::Options traceOptions;
    const QString redaction = parser.value(redact);
    if (redaction == u"sensitive") {
        traceOptions.redaction = TraceRecorder::Redaction::Sensitive;
    } else if (redaction == u"all") {
        traceOptions.redaction = TraceRecorder::Redaction::All;
    } else if (redaction != u"none") {
        err << "sessionscope-cli run: --redact takes none, sensitive or all, not \"" << redaction
            << "\"\n";
        return 2;
    }
    if (parser.isSet(unobserved) && parser.isSet(trace)) {
        err << "sessionscope-cli run: --unobserved and --trace exclude each other (a trace "
               "observes the session)\n";
        return 2;
    }
    try {
        Scenario scenario = Scenario::fromFile(positional.first());
        const QSqlDatabase db = openDatabase(parser.value(database), QStringLiteral("run"));
        ScenarioRunner runner(std::move(scenario), db);
        runner.prepare(parser.isSet(dropExisting));
        runner.setObserved(!parser.isSet(unobserved));
        // The trace is written to a temporary file and replaces <file> only when complete.
        std::unique_ptr<QSaveFile> traceFile;
        std::unique_ptr<TraceRecorder> recorder;
        if (parser.isSet(trace)) {
            traceFile = std::make_unique<QSaveFile>(parser.value(trace));
            if (!traceFile->open(QIODevice::WriteOnly)) {
                err << "sessionscope-cli run: cannot write " << parser.value(trace) << ": "
                    << traceFile->errorString() << '\n';
                return 1;
            }
            traceOptions.title = runner.scenario().title;
            traceOptions.source = QFileInfo(positional.first()).fileName();
            recorder =
                std::make_unique<TraceRecorder>(runner.session(), traceFile.get(), traceOptions);
            runner.setTraceRecorder(recorder.get());
        }
        auto finishTrace = [&]() -> bool {
            if (!recorder)
                return true;
            recorder->finish();
            if (!recorder->errorString().isEmpty() || !traceFile->commit()) {
                err << "sessionscope-cli run: " << parser.value(trace) << ": "
                    << (recorder->errorString().isEmpty() ? traceFile->errorString()
                                                          : recorder->errorString())
                    << '\n';
                return false;
            }
            return true;
        };
        if (parser.isSet(states)) {
            out << QJsonDocument(runner.runAll()).toJson(QJsonDocument::Indented);
        } else {
            out << runner.scenario().title << '\n';
            if (!runner.scenario().description.isEmpty())
                out << runner.scenario().description << '\n';
            for (int i = 0; i < runner.stepCount(); ++i) {
                const StepOutcome outcome = runner.runStep(i);
                out << describeStep(runner.scenario().steps.at(i), outcome, runner.state(&outcome));
            }
        }
        return finishTrace() ? 0 : 1;
    } catch (const ScenarioError &error) {
        err << error.message() << '\n';
    } catch (const SessionError &error) {
        err << positional.first() << ": " << error.message() << '\n';
    }
    return 1;
}
