#include "runcommand.h"

#include "scenario/scenariorunner.h"
#include "support/databaseurl.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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
    QStringList args;
    for (const char *field : {"entity", "obj", "attr"}) {
        const QJsonValue v = step.fields.value(QLatin1String(field));
        if (v.isString())
            args.append(v.toString());
    }
    if (step.fields.contains(QStringLiteral("value")))
        args.append(QStringLiteral("= %1").arg(
            QString::fromUtf8(QJsonDocument(QJsonArray{step.fields.value(QStringLiteral("value"))})
                                  .toJson(QJsonDocument::Compact)
                                  .mid(1)
                                  .chopped(1))));
    if (step.fields.contains(QStringLiteral("as")))
        args.append(QStringLiteral("as %1").arg(
            step.fields.value(QStringLiteral("as")).isArray()
                ? joined(step.fields.value(QStringLiteral("as")).toArray())
                : step.fields.value(QStringLiteral("as")).toString()));
    QString text = QStringLiteral("%1. %2\n")
                       .arg(outcome.step, 2)
                       .arg(QString(step.op + u' ' + args.join(u' ')).trimmed());
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
    parser.addOptions({states, database, dropExisting});
    parser.process(arguments);

    QTextStream err(stderr);
    QTextStream out(stdout);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        err << "sessionscope-cli run: give exactly one scenario file\n";
        return 2;
    }
    try {
        Scenario scenario = Scenario::fromFile(positional.first());
        const QSqlDatabase db = openDatabase(parser.value(database), QStringLiteral("run"));
        ScenarioRunner runner(std::move(scenario), db);
        runner.prepare(parser.isSet(dropExisting));
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
        return 0;
    } catch (const ScenarioError &error) {
        err << error.message() << '\n';
    } catch (const SessionError &error) {
        err << positional.first() << ": " << error.message() << '\n';
    }
    return 1;
}
