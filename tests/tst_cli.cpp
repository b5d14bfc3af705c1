// sessionscope-cli as users run it: exit statuses, messages on stderr, and the --states output
// (docs/scenario-format.md). The malformed scenarios live in tests/data/cli/.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kCli = QStringLiteral(SESSIONSCOPE_CLI);
const QString kDataDir = QStringLiteral(SESSIONSCOPE_SOURCE_DIR "/tests/data/cli");

struct CliResult
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    QString errLine(int index = 0) const
    {
        return QString::fromUtf8(err).split(u'\n').value(index);
    }
};

// Runs the CLI in `workingDirectory` with a fixed C locale, so system messages are English.
CliResult runCli(const QStringList &arguments, const QString &workingDirectory = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"LC_ALL"_s, u"C"_s);
    environment.insert(u"LANGUAGE"_s, u"C"_s);
    process.setProcessEnvironment(environment);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start(kCli, arguments);
    CliResult result;
    if (!process.waitForStarted(10000) || !process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        result.err = "could not run " + kCli.toUtf8() + ": " + process.errorString().toUtf8();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

bool writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
           file.write(content) == content.size();
}

const QByteArray kValidScenario = R"({
  "format": "sessionscope-scenario/1",
  "title": "cli smoke test",
  "schema": {"entities": [
    {"name": "User", "table": "users",
     "columns": [{"name": "id", "type": "integer", "primary_key": true},
                 {"name": "name", "type": "text", "nullable": false}]}]},
  "steps": [
    {"op": "new", "entity": "User", "as": "u1", "values": {"name": "ann"}},
    {"op": "add", "obj": "u1"},
    {"op": "flush"},
    {"op": "commit"},
    {"op": "read", "obj": "u1", "attr": "name"},
    {"op": "delete", "obj": "u1"},
    {"op": "new", "entity": "User", "as": "u2", "values": {"name": "bob"}},
    {"op": "delete", "obj": "u2"}
  ]
})";

const QStringList kValidOps{u"new"_s,  u"add"_s,    u"flush"_s, u"commit"_s,
                            u"read"_s, u"delete"_s, u"new"_s,   u"delete"_s};

// A scenario that commits one user, for the database-file tests.
const QByteArray kCommitScenario = R"({
  "format": "sessionscope-scenario/1",
  "schema": {"entities": [
    {"name": "User", "table": "users",
     "columns": [{"name": "id", "type": "integer", "primary_key": true},
                 {"name": "name", "type": "text"}]}]},
  "steps": [
    {"op": "new", "entity": "User", "as": "u1", "values": {"name": "ann"}},
    {"op": "add", "obj": "u1"},
    {"op": "commit"}
  ]
})";

QJsonObject object(const QJsonValue &value, const QString &key)
{
    return value.toObject().value(key).toObject();
}

// Rows of "id name" in the users table of a SQLite file, or an error text.
QStringList usersIn(const QString &path)
{
    const QString name = u"tst_cli-check"_s;
    QStringList rows;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        if (!db.open())
            return {u"cannot open"_s};
        QSqlQuery query(db);
        if (!query.exec(u"SELECT \"id\", \"name\" FROM \"users\" ORDER BY \"id\""_s))
            rows.append(u"no users table"_s);
        while (query.next())
            rows.append(query.value(0).toString() + u' ' + query.value(1).toString());
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return rows;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void noArguments();
    void unknownCommand();
    void runNeedsOneScenario_data();
    void runNeedsOneScenario();
    void help_data();
    void help();
    void runHelp();

    void states();
    void textSummary();
    void malformedScenarios_data();
    void malformedScenarios();
    void sessionErrorIsNotAScenarioError();

    void databaseFile();
    void databaseThatCannotBeOpened();

    void traceReplaysToTheStates();
    void inspectSummaryAndDiff();
    void inspectDiffText();
    void inspectUsage_data();
    void inspectUsage();
    void traceOptions_data();
    void traceOptions();
    void unobservedStatesMatchButListNoSql();
    void aScenarioErrorLeavesNoTrace();

private:
    QTemporaryDir m_dir;
};

void TestCli::initTestCase()
{
    QVERIFY2(QFileInfo(kCli).isExecutable(), qPrintable(kCli));
    QVERIFY2(QFileInfo(kDataDir).isDir(), qPrintable(kDataDir));
    QVERIFY(m_dir.isValid());
}

// ---- usage ------------------------------------------------------------------------------------

void TestCli::noArguments()
{
    const CliResult result = runCli({});
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.errLine(0), u"usage: sessionscope-cli COMMAND [options]"_s);
    QVERIFY(result.err.contains("  run SCENARIO [--states] [--database URL] [--drop-existing]"));
    QCOMPARE(result.out, QByteArray());
}

void TestCli::unknownCommand()
{
    const CliResult result = runCli({u"frobnicate"_s, u"x.json"_s});
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.errLine(0), u"sessionscope-cli: unknown command \"frobnicate\""_s);
    QCOMPARE(result.errLine(1), u"usage: sessionscope-cli COMMAND [options]"_s);
    QCOMPARE(result.out, QByteArray());
}

void TestCli::runNeedsOneScenario_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no scenario") << QStringList{u"run"_s};
    QTest::newRow("only options") << QStringList{u"run"_s, u"--states"_s};
    QTest::newRow("two scenarios") << QStringList{u"run"_s, u"a.json"_s, u"b.json"_s};
}

void TestCli::runNeedsOneScenario()
{
    QFETCH(QStringList, arguments);
    const CliResult result = runCli(arguments);
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(result.errLine(0), u"sessionscope-cli run: give exactly one scenario file"_s);
    QCOMPARE(result.out, QByteArray());
}

void TestCli::help_data()
{
    QTest::addColumn<QString>("argument");
    QTest::newRow("--help") << u"--help"_s;
    QTest::newRow("-h") << u"-h"_s;
    QTest::newRow("help") << u"help"_s;
}

void TestCli::help()
{
    QFETCH(QString, argument);
    const CliResult result = runCli({argument});
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(result.err, QByteArray());
    QVERIFY(result.out.startsWith("usage: sessionscope-cli COMMAND [options]\n"));
    QVERIFY(result.out.contains("  run SCENARIO [--states] [--database URL] [--drop-existing]"));
}

void TestCli::runHelp()
{
    const CliResult result = runCli({u"run"_s, u"--help"_s});
    QCOMPARE(result.exitCode, 0);
    for (const char *option : {"--states", "--database <url>", "--drop-existing"})
        QVERIFY2(result.out.contains(option), option);
}

// ---- running scenarios ------------------------------------------------------------------------

void TestCli::states()
{
    const QString path = m_dir.filePath(u"valid.json"_s);
    QVERIFY(writeFile(path, kValidScenario));
    const CliResult result = runCli({u"run"_s, path, u"--states"_s});
    QCOMPARE(result.err, QByteArray());
    QCOMPARE(result.exitCode, 0);

    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(result.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(document.isArray());
    const QJsonArray states = document.array();
    QCOMPARE(states.size(), kValidOps.size() + 1);

    QStringList fields{u"step"_s,        u"op"_s,           u"error"_s, u"error_message"_s,
                       u"transaction"_s, u"identity_map"_s, u"new"_s,   u"dirty"_s,
                       u"deleted"_s,     u"objects"_s,      u"sql"_s};
    fields.sort();
    for (qsizetype i = 0; i < states.size(); ++i) {
        const QJsonObject state = states.at(i).toObject();
        QCOMPARE(state.keys(), fields);
        QCOMPARE(state.value(u"step"), QJsonValue(int(i)));
        QCOMPARE(state.value(u"op"), i == 0 ? QJsonValue() : QJsonValue(kValidOps.at(i - 1)));
        if (i != 8) {
            QCOMPARE(state.value(u"error"), QJsonValue());
            QCOMPARE(state.value(u"error_message"), QJsonValue());
        }
    }

    // Before the first step: an empty session outside any transaction.
    const QJsonObject initial = states.at(0).toObject();
    QCOMPARE(
        initial.value(u"transaction").toObject(),
        (QJsonObject{{u"active"_s, false}, {u"nested_depth"_s, 0}, {u"status"_s, u"inactive"_s}}));
    QCOMPARE(initial.value(u"objects").toObject(), QJsonObject());
    QCOMPARE(initial.value(u"sql").toArray(), QJsonArray());

    // add: pending, in the new set, transaction begun; no identity yet.
    const QJsonObject added = states.at(2).toObject();
    QCOMPARE(added.value(u"new").toArray(), QJsonArray{u"u1"_s});
    QCOMPARE(object(added.value(u"objects"), u"u1"_s).value(u"state"), QJsonValue(u"pending"_s));
    QCOMPARE(object(added.value(u"objects"), u"u1"_s).value(u"key"), QJsonValue());
    QCOMPARE(object(added, u"transaction"_s).value(u"active"), QJsonValue(true));

    // flush: one INSERT into users; u1 is persistent with the generated key 1.
    const QJsonObject flushed = states.at(3).toObject();
    const QJsonObject u1 = object(flushed.value(u"objects"), u"u1"_s);
    QCOMPARE(u1.value(u"entity"), QJsonValue(u"User"_s));
    QCOMPARE(u1.value(u"state"), QJsonValue(u"persistent"_s));
    QCOMPARE(u1.value(u"key"), QJsonValue(QJsonArray{1}));
    QCOMPARE(u1.value(u"modified"), QJsonValue(false));
    QCOMPARE(object(u1.value(u"attrs"), u"id"_s).value(u"value"), QJsonValue(1));
    QCOMPARE(flushed.value(u"new").toArray(), QJsonArray());
    const QJsonObject entry{
        {u"entity"_s, u"User"_s}, {u"key"_s, QJsonArray{1}}, {u"obj"_s, u"u1"_s}};
    QCOMPARE(flushed.value(u"identity_map").toArray(), QJsonArray{entry});
    const QJsonObject insert{{u"verb"_s, u"INSERT"_s}, {u"table"_s, u"users"_s}, {u"rows"_s, 1}};
    QCOMPARE(flushed.value(u"sql").toArray(), QJsonArray{insert});

    // commit: the transaction ends and every attribute is expired.
    const QJsonObject committed = states.at(4).toObject();
    const QJsonObject expired = object(committed.value(u"objects"), u"u1"_s);
    QCOMPARE(object(committed, u"transaction"_s).value(u"active"), QJsonValue(false));
    QCOMPARE(expired.value(u"expired").toArray(), (QJsonArray{u"id"_s, u"name"_s}));
    QCOMPARE(object(expired.value(u"attrs"), u"name"_s), (QJsonObject{{u"loaded"_s, false}}));

    // read: loads the row again in a new transaction.
    const QJsonObject read = states.at(5).toObject();
    const QJsonObject name =
        object(object(read.value(u"objects"), u"u1"_s).value(u"attrs"), u"name"_s);
    QCOMPARE(name.value(u"value"), QJsonValue(u"ann"_s));
    QCOMPARE(name.value(u"history").toObject(), (QJsonObject{{u"added"_s, QJsonArray()},
                                                             {u"unchanged"_s, QJsonArray{u"ann"_s}},
                                                             {u"deleted"_s, QJsonArray()}}));
    QCOMPARE(read.value(u"sql").toArray().size(), 1);
    QCOMPARE(read.value(u"sql").toArray().at(0).toObject().value(u"verb"), QJsonValue(u"SELECT"_s));
    QCOMPARE(object(read, u"transaction"_s).value(u"active"), QJsonValue(true));

    // delete: in the deleted set, still persistent until the flush.
    const QJsonObject deleted = states.at(6).toObject();
    QCOMPARE(deleted.value(u"deleted").toArray(), QJsonArray{u"u1"_s});
    QCOMPARE(object(deleted.value(u"objects"), u"u1"_s).value(u"state"),
             QJsonValue(u"persistent"_s));

    // Deleting a transient object is the step's error; the run goes on.
    const QJsonObject refused = states.at(8).toObject();
    QCOMPARE(refused.value(u"error"), QJsonValue(u"invalid_request"_s));
    QVERIFY(!refused.value(u"error_message").toString().isEmpty());
    QCOMPARE(object(refused.value(u"objects"), u"u2"_s).value(u"state"),
             QJsonValue(u"transient"_s));
    QCOMPARE(refused.value(u"deleted").toArray(), QJsonArray{u"u1"_s});
}

void TestCli::textSummary()
{
    const QString path = m_dir.filePath(u"summary.json"_s);
    QVERIFY(writeFile(path, kValidScenario));
    const CliResult result = runCli({u"run"_s, path});
    QCOMPARE(result.err, QByteArray());
    QCOMPARE(result.exitCode, 0);
    const QStringList lines = QString::fromUtf8(result.out).split(u'\n');
    QCOMPARE(lines.value(0), u"cli smoke test"_s);
    QCOMPARE(lines.value(1), u" 1. new User as u1"_s);
    QCOMPARE(lines.value(2), u"      new: - | dirty: - | deleted: - | transaction: none"_s);
    QCOMPARE(lines.value(3), u"      objects: u1 transient"_s);
    QCOMPARE(lines.value(4), u" 2. add u1"_s);
    QCOMPARE(lines.value(5), u"      new: u1 | dirty: - | deleted: - | transaction: active"_s);
    QCOMPARE(lines.value(7), u" 3. flush"_s);
    QVERIFY2(lines.value(8).startsWith(u"      SQL  INSERT INTO \"users\""_s),
             qPrintable(lines.value(8)));
    QCOMPARE(lines.value(10), u"      objects: u1 persistent"_s);
    QVERIFY(lines.contains(u" 4. commit"_s));
    const qsizetype last = lines.indexOf(u" 8. delete u2"_s);
    QVERIFY(last > 0);
    QVERIFY2(lines.value(last + 1).startsWith(u"      !!   invalid_request: "_s),
             qPrintable(lines.value(last + 1)));
}

void TestCli::malformedScenarios_data()
{
    QTest::addColumn<QString>("file");      // in tests/data/cli, run from that directory
    QTest::addColumn<QString>("firstLine"); // a regular expression for stderr's first line

    auto exact = [](const QString &line) {
        return QRegularExpression::anchoredPattern(QRegularExpression::escape(line));
    };
    auto row = [&](const char *tag, const QString &file, const QString &line) {
        QTest::newRow(tag) << file << exact(file + u": "_s + line);
    };
    const QString step = u"step %1: "_s;

    row("unreadable file", u"does-not-exist.json"_s, u"cannot read: No such file or directory"_s);
    // Line 4 holds the key that follows the missing comma; the column is Qt's offset.
    QTest::newRow("invalid JSON") << u"invalid-json.json"_s
                                  << u"^invalid-json\\.json:4:[0-9]+: malformed JSON: .+$"_s;
    row("not an object", u"not-an-object.json"_s, u"a scenario is a JSON object"_s);
    row("wrong format", u"wrong-format.json"_s,
        u"format: \"sessionscope-scenario/2\" is not a format this version reads "
        u"(sessionscope-scenario/1)"_s);
    row("missing format", u"missing-format.json"_s, u"format: is required"_s);
    row("unknown top-level field", u"unknown-top-level-field.json"_s,
        u"titel: unknown field (expected one of: format, title, description, autoflush, "
        u"expire_on_commit, schema, steps)"_s);
    row("schema error", u"schema-error.json"_s,
        u"schema.entities[0].columns[1].type: unknown type \"varchar\" (expected integer, text, "
        u"real, boolean, json, blob or datetime)"_s);
    row("unknown schema field", u"schema-unknown-field.json"_s,
        u"schema.entities[0].columns[0].primary-key: unknown field (expected one of: name, type, "
        u"primary_key, nullable, unique, default, references, version, json_kind, sensitive)"_s);
    row("step not an object", u"step-not-object.json"_s,
        step.arg(2) + u"a step is a JSON object, not a string"_s);
    row("step without op", u"step-without-op.json"_s,
        step.arg(1) + u"\"op\" is required and must be a string"_s);
    row("unknown op", u"unknown-op.json"_s, step.arg(3) + u"unknown op \"frobnicate\""_s);
    row("unknown field in a step", u"unknown-step-field.json"_s,
        step.arg(2) + u"\"add\" has no field \"object\" (it takes: obj)"_s);
    row("missing field in a step", u"missing-step-field.json"_s,
        step.arg(2) + u"\"set\" needs the field \"value\""_s);
    row("field of the wrong type", u"step-field-type.json"_s,
        step.arg(1) + u"\"as\" must be a string, not a number"_s);
    row("unknown entity", u"unknown-entity.json"_s, step.arg(2) + u"unknown entity \"Users\""_s);
    row("alias not bound", u"unbound-alias.json"_s, step.arg(2) + u"\"u2\" is not a bound alias"_s);
    row("alias bound twice", u"alias-bound-twice.json"_s,
        step.arg(2) + u"the alias \"u1\" is already bound"_s);
    row("unknown attribute", u"unknown-attribute.json"_s,
        step.arg(2) + u"User has no attribute \"nmae\""_s);
    row("unknown attribute in values", u"unknown-attribute-in-values.json"_s,
        step.arg(1) + u"User has no attribute \"age\""_s);
    row("mutate with an unknown action", u"bad-mutate-action.json"_s,
        step.arg(3) + u"action must be \"set\" or \"delete\", not \"append\""_s);
}

void TestCli::malformedScenarios()
{
    QFETCH(QString, file);
    QFETCH(QString, firstLine);
    QVERIFY(file == u"does-not-exist.json" || QFileInfo::exists(kDataDir + u'/' + file));

    for (const bool states : {true, false}) {
        QStringList arguments{u"run"_s, file};
        if (states)
            arguments.append(u"--states"_s);
        const CliResult result = runCli(arguments, kDataDir);
        QCOMPARE(result.exitCode, 1);
        const QRegularExpression pattern(firstLine);
        QVERIFY(pattern.isValid());
        QVERIFY2(pattern.match(result.errLine(0)).hasMatch(),
                 qPrintable(u"stderr: "_s + QString::fromUtf8(result.err)));
        QCOMPARE(result.errLine(1), QString()); // one line
        // --states prints the whole array or nothing.
        if (states)
            QCOMPARE(result.out, QByteArray());
    }
}

void TestCli::sessionErrorIsNotAScenarioError()
{
    const CliResult result = runCli({u"run"_s, u"session-error.json"_s, u"--states"_s}, kDataDir);
    QCOMPARE(result.err, QByteArray());
    QCOMPARE(result.exitCode, 0);
    const QJsonArray states = QJsonDocument::fromJson(result.out).array();
    QCOMPARE(states.size(), 6);
    QStringList errors;
    for (const QJsonValue &state : states)
        errors.append(state.toObject().value(u"error").toString(u"-"_s));
    // delete of a transient object, and a value that does not fit its column.
    QCOMPARE(errors, (QStringList{u"-"_s, u"-"_s, u"invalid_request"_s, u"-"_s,
                                  u"invalid_request"_s, u"-"_s}));
    QVERIFY(states.at(2).toObject().value(u"error_message").isString());
    QVERIFY(!states.at(2).toObject().value(u"error_message").toString().isEmpty());
    QCOMPARE(states.at(1).toObject().value(u"error_message"), QJsonValue());
    // The refused steps changed nothing: the object is added and flushed as usual.
    const QJsonObject u1 = object(states.at(5).toObject().value(u"objects"), u"u1"_s);
    QCOMPARE(u1.value(u"state"), QJsonValue(u"persistent"_s));
    QCOMPARE(u1.value(u"key"), QJsonValue(QJsonArray{1}));
}

// ---- databases --------------------------------------------------------------------------------

void TestCli::databaseFile()
{
    const QString scenario = m_dir.filePath(u"commit.json"_s);
    QVERIFY(writeFile(scenario, kCommitScenario));
    const QString database = m_dir.filePath(u"scenario.db"_s);
    QFile::remove(database);

    CliResult result = runCli({u"run"_s, scenario, u"--database"_s, database});
    QCOMPARE(result.err, QByteArray());
    QCOMPARE(result.exitCode, 0);
    QVERIFY(QFileInfo::exists(database));
    QCOMPARE(usersIn(database), QStringList{u"1 ann"_s});

    // The tables exist now: refused, and the message says how to replace them.
    result = runCli({u"run"_s, scenario, u"--database"_s, database, u"--states"_s});
    QCOMPARE(result.exitCode, 1);
    QCOMPARE(result.out, QByteArray());
    const QString message = result.errLine(0);
    QVERIFY2(message.startsWith(scenario + u": cannot create the scenario's tables: "_s),
             qPrintable(message));
    QVERIFY2(message.contains(u"--drop-existing"_s), qPrintable(message));
    QCOMPARE(usersIn(database), QStringList{u"1 ann"_s});

    // --drop-existing starts from empty tables again: still one user, not two.
    result = runCli({u"run"_s, scenario, u"--database"_s, database, u"--drop-existing"_s});
    QCOMPARE(result.err, QByteArray());
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(usersIn(database), QStringList{u"1 ann"_s});

    // The same file named as a sqlite:// URL.
    result = runCli({u"run"_s, scenario, u"--database"_s, u"sqlite://"_s + database,
                     u"--drop-existing"_s, u"--states"_s});
    QCOMPARE(result.err, QByteArray());
    QCOMPARE(result.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(result.out).array().size(), 4);
    QCOMPARE(usersIn(database), QStringList{u"1 ann"_s});
}

void TestCli::databaseThatCannotBeOpened()
{
    const QString scenario = m_dir.filePath(u"commit.json"_s);
    QVERIFY(writeFile(scenario, kCommitScenario));
    const QString database = m_dir.filePath(u"no-such-directory/scenario.db"_s);
    const CliResult result = runCli({u"run"_s, scenario, u"--database"_s, database});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.errLine(0).startsWith(scenario + u": cannot open "_s + database + u": "_s),
             result.err.constData());
    QVERIFY(!QFileInfo::exists(database));
}

// ---- traces ------------------------------------------------------------------------------------

void TestCli::traceReplaysToTheStates()
{
    const QString scenario = m_dir.filePath(u"valid.json"_s);
    QVERIFY(writeFile(scenario, kValidScenario));
    const QString trace = m_dir.filePath(u"valid.jsonl"_s);
    const CliResult run = runCli({u"run"_s, scenario, u"--states"_s, u"--trace"_s, trace});
    QCOMPARE(run.err, QByteArray());
    QCOMPARE(run.exitCode, 0);
    const QJsonArray states = QJsonDocument::fromJson(run.out).array();
    QCOMPARE(states.size(), kValidOps.size() + 1);
    for (int n = 0; n < states.size(); ++n) {
        const CliResult inspect = runCli({u"inspect"_s, trace, u"--at"_s, QString::number(n)});
        QCOMPARE(inspect.err, QByteArray());
        QCOMPARE(inspect.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(inspect.out).object(), states[n].toObject());
    }
    // Event 1 is the first operation's begin: nothing has happened yet.
    const CliResult first = runCli({u"inspect"_s, trace, u"--at-event"_s, u"1"_s});
    QCOMPARE(first.exitCode, 0);
    const QJsonObject atFirst = QJsonDocument::fromJson(first.out).object();
    QCOMPARE(atFirst[u"step"].toInt(), 1);
    QCOMPARE(atFirst[u"op"].toString(), u"new"_s);
    QCOMPARE(atFirst[u"objects"].toObject(), QJsonObject());
    // The text account of a run is unchanged by recording it.
    const CliResult text = runCli({u"run"_s, scenario, u"--trace"_s, trace});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains(" 1. new User as u1\n"));
}

void TestCli::inspectSummaryAndDiff()
{
    const QString scenario = m_dir.filePath(u"valid.json"_s);
    QVERIFY(writeFile(scenario, kValidScenario));
    const QString trace = m_dir.filePath(u"summary.jsonl"_s);
    QCOMPARE(runCli({u"run"_s, scenario, u"--trace"_s, trace}).exitCode, 0);

    const CliResult summary = runCli({u"inspect"_s, trace, u"--summary"_s});
    QCOMPARE(summary.exitCode, 0);
    const QJsonObject counts = QJsonDocument::fromJson(summary.out).object();
    QCOMPARE(counts[u"operations"].toInt(), kValidOps.size());
    QCOMPARE(counts[u"statements"].toInt(), 2); // the INSERT, and the SELECT that reloads u1
    QCOMPARE(counts[u"objects"].toInt(), 2);
    QCOMPARE(counts[u"errors"].toInt(), 1); // deleting the transient u2
    QCOMPARE(counts[u"title"].toString(), u"cli smoke test"_s);
    QCOMPARE(counts[u"source"].toString(), u"valid.json"_s);
    QCOMPARE(counts[u"database"].toString(), u"sqlite"_s);

    // Both spellings: inspect TRACE --diff A B and inspect --diff A B TRACE; --json gives the
    // changes as JSON.
    for (const QStringList &arguments :
         {QStringList{u"inspect"_s, trace, u"--diff"_s, u"2"_s, u"3"_s, u"--json"_s},
          QStringList{u"inspect"_s, u"--json"_s, u"--diff"_s, u"2"_s, u"3"_s, trace}}) {
        const CliResult diff = runCli(arguments);
        QCOMPARE(diff.err, QByteArray());
        QCOMPARE(diff.exitCode, 0);
        const QJsonObject changes = QJsonDocument::fromJson(diff.out).object();
        QCOMPARE(changes[u"from"].toInt(), 2);
        QCOMPARE(changes[u"to"].toInt(), 3);
        const QJsonObject u1 = changes[u"changed"][u"u1"].toObject();
        QCOMPARE(u1[u"state"].toObject(),
                 (QJsonObject{{u"from"_s, u"pending"_s}, {u"to"_s, u"persistent"_s}}));
        QCOMPARE(u1[u"key"][u"to"].toArray(), QJsonArray{1});
    }
}

// Without --json, --diff tells what changed in words, one line per change.
void TestCli::inspectDiffText()
{
    const QString scenario = m_dir.filePath(u"valid.json"_s);
    QVERIFY(writeFile(scenario, kValidScenario));
    const QString trace = m_dir.filePath(u"difftext.jsonl"_s);
    QCOMPARE(runCli({u"run"_s, scenario, u"--trace"_s, trace}).exitCode, 0);
    auto diffLines = [&](const QString &from, const QString &to) {
        const CliResult diff = runCli({u"inspect"_s, trace, u"--diff"_s, from, to});
        [&] {
            QCOMPARE(diff.err, QByteArray());
            QCOMPARE(diff.exitCode, 0);
            QVERIFY(diff.out.endsWith('\n'));
        }();
        return QString::fromUtf8(diff.out).trimmed().split(u'\n');
    };

    // Operation 1 makes u1 (new User, name "ann"); 2 adds it; 3 flushes it: a row and a key.
    QCOMPARE(diffLines(u"0"_s, u"1"_s),
             (QStringList{u"A: the start, before operation 1"_s,
                          u"B: after operation 1 (new User as u1)"_s, u"+ User u1 transient"_s}));
    const QStringList flush = diffLines(u"2"_s, u"3"_s);
    QCOMPARE(flush.mid(0, 2),
             (QStringList{u"A: after operation 2 (add u1)"_s, u"B: after operation 3 (flush)"_s}));
    QVERIFY2(flush.contains(u"~ u1: pending -> persistent"_s), qPrintable(flush.join(u'\n')));
    QVERIFY(flush.contains(u"~ u1 key: None -> [1]"_s));
    QVERIFY(flush.contains(u"~ u1 sets: new -> identity_map"_s));
    QVERIFY(flush.contains(u"~ u1.id: (not loaded) -> 1"_s));
    // The name did not change, its History did: the flush made "ann" the committed value.
    QVERIFY(
        flush.contains(u"~ u1.name: \"ann\", History added [\"ann\"] -> unchanged [\"ann\"]"_s));
    // Backwards, the object disappears; the same step twice has nothing to tell.
    QCOMPARE(diffLines(u"1"_s, u"0"_s).last(), u"- User u1 transient"_s);
    QCOMPARE(diffLines(u"3"_s, u"3"_s).last(), u"No differences."_s);
    // Every change of the JSON has its line.
    const CliResult json = runCli({u"inspect"_s, trace, u"--diff"_s, u"2"_s, u"3"_s, u"--json"_s});
    const QJsonObject u1 = QJsonDocument::fromJson(json.out).object()[u"changed"][u"u1"].toObject();
    int changes = int(u1.size()) - 1 + int(u1[u"attrs"].toObject().size());
    QCOMPARE(flush.size() - 2, changes);
}

void TestCli::inspectUsage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString usage = u"sessionscope-cli inspect: give one of --at N, --at-event M, --summary, "
                          "--diff A B"_s;
    QTest::newRow("no trace") << QStringList{u"--summary"_s} << 2
                              << u"sessionscope-cli inspect: give exactly one trace file"_s;
    QTest::newRow("no action") << QStringList{u"TRACE"_s} << 2 << usage;
    QTest::newRow("two actions") << QStringList{u"TRACE"_s, u"--summary"_s, u"--at"_s, u"1"_s} << 2
                                 << usage;
    QTest::newRow("diff with one number")
        << QStringList{u"TRACE"_s, u"--diff"_s, u"1"_s} << 2
        << u"sessionscope-cli inspect: --diff takes two operation numbers: --diff A B"_s;
    QTest::newRow("not a number") << QStringList{u"TRACE"_s, u"--at"_s, u"first"_s} << 2
                                  << u"sessionscope-cli inspect: \"first\" is not an operation or "
                                     "event number"_s;
    QTest::newRow("negative") << QStringList{u"TRACE"_s, u"--at"_s, u"-1"_s} << 2
                              << u"sessionscope-cli inspect: \"-1\" is not an operation or event "
                                 "number"_s;
    QTest::newRow("past the end") << QStringList{u"TRACE"_s, u"--at"_s, u"99"_s} << 1
                                  << u"TRACE: there is no operation 99 (the trace has 8)"_s;
    QTest::newRow("event past the end") << QStringList{u"TRACE"_s, u"--at-event"_s, u"999"_s} << 1
                                        << u"TRACE: there is no event 999 (the trace has "_s;
    QTest::newRow("missing file") << QStringList{u"MISSING"_s, u"--summary"_s} << 1
                                  << u"MISSING: cannot open: "_s;
}

void TestCli::inspectUsage()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QString scenario = m_dir.filePath(u"valid.json"_s);
    QVERIFY(writeFile(scenario, kValidScenario));
    const QString trace = m_dir.filePath(u"usage.jsonl"_s);
    QCOMPARE(runCli({u"run"_s, scenario, u"--trace"_s, trace}).exitCode, 0);
    const QString missing = m_dir.filePath(u"missing.jsonl"_s);
    for (QString &argument : arguments)
        argument = argument == u"TRACE"_s ? trace : argument == u"MISSING"_s ? missing : argument;
    message.replace(u"TRACE"_s, trace).replace(u"MISSING"_s, missing);
    const CliResult result = runCli(QStringList{u"inspect"_s} + arguments);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.errLine(0).startsWith(message), result.err.constData());
    QCOMPARE(result.out, QByteArray());
}

void TestCli::traceOptions_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown redaction") << QStringList{u"--redact"_s, u"some"_s} << 2
                                       << u"sessionscope-cli run: --redact takes none, sensitive "
                                          "or all, not \"some\""_s;
    QTest::newRow("unwritable trace")
        << QStringList{u"--trace"_s, u"DIR/no-such-dir/t.jsonl"_s} << 1
        << u"sessionscope-cli run: cannot write DIR/no-such-dir/t.jsonl: "_s;
    QTest::newRow("unobserved trace")
        << QStringList{u"--unobserved"_s, u"--trace"_s, u"DIR/t.jsonl"_s} << 2
        << u"sessionscope-cli run: --unobserved and --trace exclude each other"_s;
}

void TestCli::traceOptions()
{
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QString scenario = m_dir.filePath(u"valid.json"_s);
    QVERIFY(writeFile(scenario, kValidScenario));
    for (QString &option : options)
        option.replace(u"DIR"_s, m_dir.path());
    message.replace(u"DIR"_s, m_dir.path());
    const CliResult result = runCli(QStringList{u"run"_s, scenario} + options);
    QCOMPARE(result.exitCode, exitCode);
    QVERIFY2(result.errLine(0).startsWith(message), result.err.constData());
    QCOMPARE(result.out, QByteArray());
}

void TestCli::unobservedStatesMatchButListNoSql()
{
    // Nothing listening, the session takes its quiet paths: the same states, without SQL.
    const QString path = m_dir.filePath(u"valid.json"_s);
    QVERIFY(writeFile(path, kValidScenario));
    const CliResult observed = runCli({u"run"_s, path, u"--states"_s});
    const CliResult unobserved = runCli({u"run"_s, path, u"--states"_s, u"--unobserved"_s});
    QCOMPARE(unobserved.exitCode, 0);
    QCOMPARE(unobserved.err, QByteArray());
    QJsonArray expected = QJsonDocument::fromJson(observed.out).array();
    const QJsonArray actual = QJsonDocument::fromJson(unobserved.out).array();
    QCOMPARE(actual.size(), kValidOps.size() + 1);
    bool anySql = false;
    for (qsizetype i = 0; i < actual.size(); ++i) {
        QJsonObject state = expected.at(i).toObject();
        anySql = anySql || !state.value(u"sql").toArray().isEmpty();
        state.insert(u"sql"_s, QJsonArray());
        QCOMPARE(actual.at(i).toObject(), state);
    }
    QVERIFY(anySql); // the observed run did list statements
}

void TestCli::aScenarioErrorLeavesNoTrace()
{
    // The run stops at a scenario error; a half-written trace is not left behind.
    const QString trace = m_dir.filePath(u"stopped.jsonl"_s);
    const CliResult result =
        runCli({u"run"_s, kDataDir + u"/alias-bound-twice.json"_s, u"--trace"_s, trace});
    QCOMPARE(result.exitCode, 1);
    QVERIFY(!QFileInfo::exists(trace));
}

QTEST_GUILESS_MAIN(TestCli)

#include "tst_cli.moc"
