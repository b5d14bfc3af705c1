// Recording real sessions and reading the traces back: every conformance scenario replays to
// exactly its run --states, in any seek order and from keyframes or checkpoints; redaction
// hides what it promises; live traces are followed as they grow. Runs on SQLite and
// PostgreSQL.

#include "testdatabase.h"

#include "scenario/scenariorunner.h"
#include "scenario/statesnapshot.h"
#include "support/databaseurl.h"
#include "trace/timeline.h"
#include "trace/traceerror.h"
#include "trace/traceinspection.h"
#include "trace/tracerecorder.h"

#include <QBuffer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <QUrl>

using namespace sessionscope;
using namespace Qt::StringLiterals;

namespace {

const QString kSourceDir = QStringLiteral(SESSIONSCOPE_SOURCE_DIR);

// Fails with the first differing member, which QCOMPARE on whole objects would not show.
bool sameJson(const QJsonObject &actual, const QJsonObject &expected, const QString &where)
{
    if (actual == expected)
        return true;
    QStringList keys = expected.keys() + actual.keys();
    keys.removeDuplicates();
    for (const QString &key : std::as_const(keys)) {
        if (actual.value(key) == expected.value(key))
            continue;
        auto text = [](const QJsonValue &value) {
            return QString::fromUtf8(
                QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
        };
        QTest::qFail(qPrintable(u"%1: \"%2\" differs\n   actual:   %3\n   expected: %4"_s.arg(
                         where, key, text(actual.value(key)).left(2000),
                         text(expected.value(key)).left(2000))),
                     __FILE__, __LINE__);
        return false;
    }
    return false;
}

QByteArray userSchema()
{
    return R"("schema": {"entities": [
   {"name": "User", "table": "users",
    "columns": [{"name": "id", "type": "integer", "primary_key": true},
                {"name": "name", "type": "text", "nullable": false, "unique": true},
                {"name": "secret", "type": "text", "sensitive": true}]}]})";
}

Scenario secretScenario()
{
    return Scenario::fromJson(R"({"format": "sessionscope-scenario/1", "title": "secrets", )" +
                                  userSchema() + R"(,
 "steps": [
   {"op": "new", "entity": "User", "as": "u1", "values": {"name": "ann-visible", "secret": "hunter2-hidden"}},
   {"op": "add", "obj": "u1"},
   {"op": "flush"},
   {"op": "set", "obj": "u1", "attr": "secret", "value": "swordfish-hidden"},
   {"op": "sql", "statement": "UPDATE users SET name = ? WHERE id = ?", "params": ["raw-param-hidden", 1]},
   {"op": "commit"},
   {"op": "get", "entity": "User", "key": [1], "as": "again"}]})",
                              u"secrets.json"_s);
}

// Runs a scenario with a recorder and returns its --states and its trace.
struct Recording
{
    QJsonArray states;
    QByteArray trace;
};

Recording record(Scenario scenario, QSqlDatabase db, TraceRecorder::Options options = {})
{
    ScenarioRunner runner(std::move(scenario), db);
    runner.prepare(true);
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    Recording recording;
    {
        TraceRecorder recorder(runner.session(), &buffer, options);
        runner.setTraceRecorder(&recorder);
        recording.states = runner.runAll();
        recorder.finish();
        runner.setTraceRecorder(nullptr);
    }
    recording.trace = buffer.data();
    return recording;
}

QStringList scenarioFiles()
{
    QStringList files;
    const QDir dir(kSourceDir + u"/tests/conformance/scenarios"_s);
    for (const QString &name : dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name))
        files.append(dir.filePath(name));
    files.append(kSourceDir + u"/resources/scenarios/demo.json"_s);
    return files;
}

} // namespace

class TestTraceRecording : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data() { testing::addDatabaseRows(); }
    void cleanup() { testing::closeTestDatabases(); }

    void everyScenarioReplaysToItsStates_data()
    {
        QTest::addColumn<QString>("path");
        for (const QString &path : scenarioFiles())
            QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
    }
    void everyScenarioReplaysToItsStates()
    {
        QFETCH(QString, path);
        QSqlDatabase db = testing::openTestDatabase();
        if (!db.isValid())
            return;
        // Frequent keyframes, so that seeks start from them as well as from checkpoints.
        TraceRecorder::Options options;
        options.keyframeInterval = 5;
        options.keyframeSpacing = 0;
        const Recording recording = record(Scenario::fromFile(path), db, options);
        const QJsonArray &states = recording.states;

        // In order, verified first (checkpoints every 3 events).
        Timeline::Options timelineOptions;
        timelineOptions.checkpointInterval = 3;
        const std::unique_ptr<Timeline> timeline =
            Timeline::fromData(recording.trace, u"trace.jsonl"_s, timelineOptions);
        QVERIFY(timeline->verify());
        QCOMPARE(timeline->operationCount(), states.size() - 1);
        for (int n = 0; n < states.size(); ++n) {
            if (!sameJson(stateAfterOperation(*timeline, n), states[n].toObject(),
                          u"after operation %1"_s.arg(n)))
                return;
        }
        // Backwards and at random, without verify(): from keyframes, the cursor or the start.
        const std::unique_ptr<Timeline> lazy =
            Timeline::fromData(recording.trace, u"trace.jsonl"_s);
        QRandomGenerator random(42);
        for (int i = 0; i < 2 * int(states.size()); ++i) {
            const int n =
                i < states.size() ? int(states.size()) - 1 - i : int(random.bounded(states.size()));
            if (!sameJson(stateAfterOperation(*lazy, n), states[n].toObject(),
                          u"seeking to operation %1"_s.arg(n)))
                return;
        }
        // After an operation's end event, the state is the operation's.
        for (int n = 1; n < states.size(); ++n) {
            const qint64 end = timeline->operation(n).endEvent;
            QVERIFY(end >= 0);
            if (!sameJson(stateAfterEvent(*timeline, end + 1), states[n].toObject(),
                          u"after the end of operation %1"_s.arg(n)))
                return;
        }
        // The summary agrees with the run.
        qint64 statements = 0;
        qint64 errors = 0;
        for (const QJsonValue &state : states) {
            statements += state[u"sql"].toArray().size();
            errors += state[u"error"].isNull() ? 0 : 1;
        }
        const QJsonObject summary = traceSummary(*timeline);
        QCOMPARE(summary[u"operations"].toInteger(), states.size() - 1);
        QCOMPARE(summary[u"statements"].toInteger(), statements);
        QCOMPARE(summary[u"errors"].toInteger(), errors);
        QCOMPARE(summary[u"database"].toString(), testing::currentDatabaseKind());
    }

    void keyframesAreSpacedAndCapped()
    {
        QSqlDatabase db = testing::openTestDatabase();
        if (!db.isValid())
            return;
        const QString demo = kSourceDir + u"/resources/scenarios/demo.json"_s;
        auto keyframes = [](const QByteArray &trace) {
            const std::unique_ptr<Timeline> timeline = Timeline::fromData(trace, u"t"_s);
            qint64 count = 0;
            for (qint64 e = 0; e < timeline->eventCount(); ++e)
                count += timeline->eventType(e) == TraceEventType::Keyframe ? 1 : 0;
            return count;
        };
        TraceRecorder::Options options;
        options.keyframeInterval = 5;
        options.keyframeSpacing = 0;
        const Recording often = record(Scenario::fromFile(demo), db, options);
        options.keyframeSpacing = 8; // a keyframe only after eight times its size in events
        const Recording spaced = record(Scenario::fromFile(demo), db, options);
        options.maxKeyframeBytes = 100; // every keyframe is longer: none is written
        const Recording capped = record(Scenario::fromFile(demo), db, options);
        QVERIFY(keyframes(often.trace) > 10);
        QVERIFY(keyframes(spaced.trace) < keyframes(often.trace) / 2);
        QCOMPARE(keyframes(capped.trace), 0);
        // Keyframes are an optimisation: every trace replays to the same states.
        for (const Recording *recording : {&often, &spaced, &capped}) {
            const std::unique_ptr<Timeline> timeline = Timeline::fromData(recording->trace, u"t"_s);
            QVERIFY(timeline->verify());
            for (int n = 0; n < recording->states.size(); ++n)
                QVERIFY(sameJson(stateAfterOperation(*timeline, n), recording->states[n].toObject(),
                                 u"operation %1"_s.arg(n)));
        }
    }

    void sensitiveColumnsAreRedacted()
    {
        QSqlDatabase db = testing::openTestDatabase();
        if (!db.isValid())
            return;
        TraceRecorder::Options options;
        options.redaction = TraceRecorder::Redaction::Sensitive;
        const Recording recording = record(secretScenario(), db, options);
        QVERIFY(!recording.trace.contains("hunter2-hidden"));
        QVERIFY(!recording.trace.contains("swordfish-hidden"));
        QVERIFY(recording.trace.contains("ann-visible"));

        const std::unique_ptr<Timeline> timeline = Timeline::fromData(recording.trace, u"t"_s);
        QVERIFY(timeline->verify());
        QCOMPARE(timeline->header().redaction, u"sensitive"_s);
        const QJsonObject redacted{{u"redacted"_s, true}};
        const QJsonObject flushed = stateAfterOperation(*timeline, 3);
        const QJsonObject secret = flushed[u"objects"][u"u1"][u"attrs"][u"secret"].toObject();
        QCOMPARE(secret[u"value"].toObject(), redacted);
        QCOMPARE(flushed[u"objects"][u"u1"][u"attrs"][u"name"][u"value"].toString(),
                 u"ann-visible"_s);
        // Everything but the values is as recorded without redaction.
        QJsonObject expected = recording.states[3].toObject();
        QCOMPARE(flushed[u"sql"], expected[u"sql"]);
        QCOMPARE(flushed[u"identity_map"], expected[u"identity_map"]);
        // The insert's parameters: name in the clear, the secret hidden.
        bool sawInsert = false;
        for (qint64 e = timeline->operation(3).beginEvent; e <= timeline->operation(3).endEvent;
             ++e) {
            if (timeline->eventType(e) != TraceEventType::Sql)
                continue;
            const TraceStatement statement = timeline->statement(e);
            if (statement.verb != u"INSERT"_s)
                continue;
            sawInsert = true;
            const QJsonArray row = statement.params.at(0).toArray();
            QVERIFY(row.contains(QJsonValue(u"ann-visible"_s)));
            QVERIFY(row.contains(QJsonValue(redacted)));
        }
        QVERIFY(sawInsert);
        // Raw SQL's parameters are all hidden: their columns are unknown.
        const TraceOperation raw = timeline->operation(5);
        QCOMPARE(raw.kind, u"sql"_s);
        QCOMPARE(timeline->eventType(raw.beginEvent + 1), TraceEventType::Sql);
        QCOMPARE(timeline->statement(raw.beginEvent + 1).params,
                 (QJsonArray{QJsonArray{redacted, redacted}}));
        // Labels never quote a set value when redacting.
        QCOMPARE(timeline->operation(4).label, u"set User.secret"_s);
    }

    void redactingAllHidesEveryValueButKeys()
    {
        QSqlDatabase db = testing::openTestDatabase();
        if (!db.isValid())
            return;
        TraceRecorder::Options options;
        options.redaction = TraceRecorder::Redaction::All;
        const Recording recording = record(secretScenario(), db, options);
        for (const char *value :
             {"hunter2-hidden", "swordfish-hidden", "raw-param-hidden", "ann-visible"})
            QVERIFY2(!recording.trace.contains(value), value);
        const std::unique_ptr<Timeline> timeline = Timeline::fromData(recording.trace, u"t"_s);
        QVERIFY(timeline->verify());
        const QJsonObject last = stateAfterOperation(*timeline, timeline->operationCount());
        QCOMPARE(last[u"identity_map"], recording.states.last()[u"identity_map"]); // keys stay
        QCOMPARE(last[u"objects"][u"u1"][u"attrs"][u"id"][u"value"].toInt(), 1);
        QCOMPARE(last[u"objects"][u"u1"][u"state"],
                 recording.states.last()[u"objects"][u"u1"][u"state"]);
    }

    void aDatabasePasswordNeverAppears()
    {
        if (testing::currentDatabaseKind() != u"postgresql"_s)
            QSKIP("SQLite connections have no password");
        if (!testing::openTestDatabase().isValid())
            return;
        // The test server trusts local connections, so any password connects.
        QUrl url(qEnvironmentVariable("SESSIONSCOPE_TEST_PG_URL"));
        const QString password = u"pw-must-not-leak-7f3a"_s;
        url.setPassword(password);
        QSqlDatabase db = openDatabase(url.toString(), u"trace-password"_s);
        Recording recording;
        {
            recording = record(secretScenario(), db);
        }
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"trace-password"_s);
        QVERIFY(!recording.trace.contains(password.toUtf8()));
        QVERIFY(!recording.trace.contains(
            QByteArray(url.host().toUtf8() + ':' + QByteArray::number(url.port()))));
        const std::unique_ptr<Timeline> timeline = Timeline::fromData(recording.trace, u"t"_s);
        QCOMPARE(timeline->header().database, u"postgresql"_s);
    }

    void whatTheSessionAlreadyHeldIsTheStartingState()
    {
        QSqlDatabase db = testing::openTestDatabase();
        if (!db.isValid())
            return;
        std::unique_ptr<Session> session = testing::freshSession(db, testing::usersAndAddresses());
        Object ann = session->create(u"User"_s);
        ann.set(u"name"_s, u"ann"_s);
        session->add(ann);
        session->flush();
        Object bob = session->create(u"User"_s);
        bob.set(u"name"_s, u"bob"_s);
        session->add(bob);
        const QJsonObject before = sessionSnapshot(*session, ObjectNames());

        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        {
            TraceRecorder recorder(*session, &buffer);
            session->commit();
        }
        const std::unique_ptr<Timeline> timeline = Timeline::fromData(buffer.data(), u"t"_s);
        QCOMPARE(timeline->eventType(0), TraceEventType::Start);
        QJsonObject start = stateAfterOperation(*timeline, 0);
        for (const QString &stepField :
             {u"step"_s, u"op"_s, u"error"_s, u"error_message"_s, u"sql"_s})
            start.remove(stepField);
        QVERIFY(sameJson(start, before, u"before the first operation"_s));
        QCOMPARE(stateAfterOperation(*timeline, 1)[u"identity_map"].toArray().size(), 2);
    }

    void aLiveTraceIsFollowedStepByStep()
    {
        QSqlDatabase db = testing::openTestDatabase();
        if (!db.isValid())
            return;
        ScenarioRunner runner(Scenario::fromFile(kSourceDir + u"/resources/scenarios/demo.json"_s),
                              db);
        runner.prepare(true);
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        TraceRecorder recorder(runner.session(), &buffer); // writes at the end of every operation
        runner.setTraceRecorder(&recorder);
        const std::unique_ptr<Timeline> timeline = Timeline::fromData(buffer.data(), u"live"_s);
        qint64 seen = buffer.data().size();
        for (int i = 0; i < runner.stepCount(); ++i) {
            const StepOutcome outcome = runner.runStep(i);
            timeline->appendData(QByteArrayView(buffer.data()).sliced(seen));
            seen = buffer.data().size();
            QVERIFY(timeline->refresh() > 0);
            QCOMPARE(timeline->operationCount(), i + 1);
            QVERIFY(!timeline->truncation().has_value());
            if (!sameJson(stateAfterOperation(*timeline, i + 1), runner.state(&outcome),
                          u"live, after step %1"_s.arg(i + 1)))
                return;
        }
        recorder.finish();
        runner.setTraceRecorder(nullptr);
    }

    void aFailingDeviceStopsTheTraceNotTheSession()
    {
        QSqlDatabase db = testing::openTestDatabase();
        if (!db.isValid())
            return;
        std::unique_ptr<Session> session = testing::freshSession(db, testing::usersAndAddresses());
        QBuffer readOnly;
        readOnly.open(QIODevice::ReadOnly); // every write fails
        TraceRecorder recorder(*session, &readOnly);
        Object ann = session->create(u"User"_s);
        ann.set(u"name"_s, u"ann"_s);
        session->add(ann);
        session->commit();
        QVERIFY(!recorder.errorString().isEmpty());
        QVERIFY(recorder.errorString().startsWith(u"cannot write the trace"_s));
        QCOMPARE(session->identityMapObjects().size(), 1);
        QVERIFY(!session->inTransaction());
    }
};

QTEST_GUILESS_MAIN(TestTraceRecording)
#include "tst_tracerecording.moc"
