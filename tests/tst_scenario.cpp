// Scenarios as a library feature: loading, running step by step, the --states snapshot, and
// the line between a step's error (recorded) and a scenario's error (stops the run).

#include "testdatabase.h"

#include "scenario/scenariorunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace sessionscope;

namespace {

QByteArray scenarioJson(const QByteArray &steps, const QByteArray &extra = {})
{
    return R"({"format": "sessionscope-scenario/1", "title": "t", )" + extra + R"(
 "schema": {"entities": [
   {"name": "User", "table": "users",
    "columns": [{"name": "id", "type": "integer", "primary_key": true},
                {"name": "name", "type": "text", "nullable": false, "unique": true},
                {"name": "when", "type": "datetime"}],
    "relationships": [{"name": "addresses", "target": "Address", "kind": "one_to_many",
                       "back_populates": "user"}]},
   {"name": "Address", "table": "addresses",
    "columns": [{"name": "id", "type": "integer", "primary_key": true},
                {"name": "email", "type": "text"},
                {"name": "user_id", "type": "integer", "references": "users.id"}],
    "relationships": [{"name": "user", "target": "User", "kind": "many_to_one",
                       "back_populates": "addresses"}]}]},
 "steps": )" +
           steps + "}";
}

} // namespace

class TestScenario : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScenarioRunner> runner(const QByteArray &steps)
    {
        QSqlDatabase db = testing::openTestDatabase();
        if (!db.isValid())
            return nullptr;
        auto r = std::make_unique<ScenarioRunner>(
            Scenario::fromJson(scenarioJson(steps), QStringLiteral("test.json")), db);
        r->prepare(true);
        return r;
    }

private slots:
    void initTestCase_data() { testing::addDatabaseRows(); }
    void cleanup() { testing::closeTestDatabases(); }

    void statesFollowTheContract()
    {
        auto r = runner(R"j([
            {"op": "new", "entity": "User", "as": "u1", "values": {"name": "ann", "when": "2024-03-01T09:30:00"}},
            {"op": "add", "obj": "u1"},
            {"op": "flush"},
            {"op": "note", "text": "nothing happens"}])j");
        if (!r)
            return;
        const QJsonArray states = r->runAll();
        QCOMPARE(states.size(), 5);
        QCOMPARE(states[0][u"step"].toInt(), 0);
        QVERIFY(states[0][u"op"].isNull());
        const QJsonObject flushed = states[3].toObject();
        QCOMPARE(flushed[u"op"].toString(), QStringLiteral("flush"));
        QVERIFY(flushed[u"error"].isNull());
        QCOMPARE(flushed[u"transaction"].toObject(),
                 (QJsonObject{{QStringLiteral("active"), true},
                              {QStringLiteral("nested_depth"), 0},
                              {QStringLiteral("status"), QStringLiteral("active")}}));
        QCOMPARE(flushed[u"identity_map"].toArray(),
                 (QJsonArray{QJsonObject{{QStringLiteral("entity"), QStringLiteral("User")},
                                         {QStringLiteral("key"), QJsonArray{1}},
                                         {QStringLiteral("obj"), QStringLiteral("u1")}}}));
        QCOMPARE(flushed[u"sql"].toArray(),
                 (QJsonArray{QJsonObject{{QStringLiteral("verb"), QStringLiteral("INSERT")},
                                         {QStringLiteral("table"), QStringLiteral("users")},
                                         {QStringLiteral("rows"), 1}}}));
        const QJsonObject u1 = flushed[u"objects"][u"u1"].toObject();
        QCOMPARE(u1[u"state"].toString(), QStringLiteral("persistent"));
        QCOMPARE(u1[u"key"].toArray(), QJsonArray{1});
        QCOMPARE(u1[u"modified"].toBool(), false);
        QCOMPARE(u1[u"attrs"][u"when"][u"value"].toString(), QStringLiteral("2024-03-01T09:30:00"));
        QCOMPARE(u1[u"attrs"][u"name"][u"history"].toObject(),
                 (QJsonObject{{QStringLiteral("added"), QJsonArray{}},
                              {QStringLiteral("unchanged"), QJsonArray{QStringLiteral("ann")}},
                              {QStringLiteral("deleted"), QJsonArray{}}}));
        QCOMPARE(u1[u"attrs"][u"addresses"].toObject(),
                 (QJsonObject{{QStringLiteral("loaded"), false}}));
        QVERIFY(states[4][u"sql"].toArray().isEmpty());
    }

    void stepErrorsAreRecordedAndTheRunGoesOn()
    {
        auto r = runner(R"j([
            {"op": "new", "entity": "User", "as": "u1", "values": {"name": "ann"}},
            {"op": "delete", "obj": "u1"},
            {"op": "set", "obj": "u1", "attr": "name", "value": 5},
            {"op": "add", "obj": "u1"},
            {"op": "new", "entity": "User", "as": "u2", "values": {"name": "ann"}},
            {"op": "add", "obj": "u2"},
            {"op": "flush"},
            {"op": "query", "entity": "User"},
            {"op": "rollback"},
            {"op": "query", "entity": "User"}])j");
        if (!r)
            return;
        const QJsonArray states = r->runAll();
        QStringList errors;
        for (const QJsonValue &s : states)
            errors.append(s[u"error"].isNull() ? QStringLiteral("-") : s[u"error"].toString());
        QCOMPARE(errors,
                 (QStringList{QStringLiteral("-"), QStringLiteral("-"),
                              QStringLiteral("invalid_request"), QStringLiteral("invalid_request"),
                              QStringLiteral("-"), QStringLiteral("-"), QStringLiteral("-"),
                              QStringLiteral("integrity"), QStringLiteral("pending_rollback"),
                              QStringLiteral("-"), QStringLiteral("-")}));
        QVERIFY(!states[2][u"error_message"].toString().isEmpty());
        QCOMPARE(states[10][u"objects"][u"u1"][u"state"].toString(), QStringLiteral("transient"));
    }

    void unaliasedObjectsAreNamedByKey()
    {
        auto r = runner(R"j([
            {"op": "sql", "statement": "INSERT INTO users (id, name) VALUES (?, ?)", "params": [7, "x"]},
            {"op": "sql", "statement": "INSERT INTO addresses (id, email, user_id) VALUES (3, 'e', 7)"},
            {"op": "get", "entity": "User", "key": [7], "as": "u"},
            {"op": "read", "obj": "u", "attr": "addresses"},
            {"op": "query", "entity": "User", "as": ["first", "second"]}])j");
        if (!r)
            return;
        const QJsonArray states = r->runAll();
        QCOMPARE(states[1][u"sql"][0][u"verb"].toString(), QStringLiteral("INSERT"));
        QCOMPARE(states[1][u"sql"][0][u"table"].toString(), QStringLiteral("users"));
        const QJsonObject read = states[4].toObject();
        QCOMPARE(read[u"objects"][u"u"][u"attrs"][u"addresses"][u"value"].toArray(),
                 QJsonArray{QStringLiteral("Address#3")});
        QVERIFY(read[u"objects"].toObject().contains(u"Address#3"));
        // Loading a collection does not populate the children's reference back (SQLAlchemy
        // neither): it stays unloaded until read, then comes from the identity map.
        QCOMPARE(read[u"objects"][u"Address#3"][u"attrs"][u"user"].toObject(),
                 (QJsonObject{{QStringLiteral("loaded"), false}}));
        // One result, two aliases: the second stays unbound; "u" stays the object's name.
        QVERIFY(r->names().contains(QStringLiteral("first")));
        QVERIFY(!r->names().contains(QStringLiteral("second")));
        const QJsonArray identityMap = states[5][u"identity_map"].toArray(); // sorted by entity
        QCOMPARE(identityMap.size(), 2);
        QCOMPARE(identityMap[0][u"obj"].toString(), QStringLiteral("Address#3"));
        QCOMPARE(identityMap[1][u"obj"].toString(), QStringLiteral("u"));
    }

    void printingNeverLoads()
    {
        auto r = runner(R"j([
            {"op": "new", "entity": "User", "as": "u1", "values": {"name": "ann"}},
            {"op": "add", "obj": "u1"},
            {"op": "commit"}])j");
        if (!r)
            return;
        r->runAll();
        testing::StatementLog log;
        r->session().addListener(&log);
        const QJsonObject state = r->state();
        QVERIFY(log.statements().isEmpty());
        QCOMPARE(state[u"objects"][u"u1"][u"expired"].toArray(),
                 (QJsonArray{QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("when"),
                             QStringLiteral("addresses")}));
        r->session().removeListener(&log);
    }

    void scenarioErrorsStopTheRun()
    {
        auto r = runner(R"j([
            {"op": "new", "entity": "User", "as": "u1", "values": {"name": "ann"}},
            {"op": "add", "obj": "ghost"}])j");
        if (!r)
            return;
        r->runStep(0);
        try {
            r->runStep(1);
            QFAIL("an unbound alias must stop the run");
        } catch (const ScenarioError &error) {
            QCOMPARE(error.message(),
                     QStringLiteral("test.json: step 2: \"ghost\" is not a bound alias"));
        }
    }

    void loadingRejectsMalformedScenarios_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("syntax") << QByteArray("{\n  \"format\": ,\n}")
                                << QStringLiteral("test.json:2:13: malformed JSON: illegal value");
        QTest::newRow("format") << QByteArray(R"({"format": "x", "schema": {}, "steps": []})")
                                << QStringLiteral("test.json: format: \"x\" is not a format this "
                                                  "version reads (sessionscope-scenario/1)");
        QTest::newRow("unknown op") << scenarioJson(R"([{"op": "flsh"}])")
                                    << QStringLiteral("test.json: step 1: unknown op \"flsh\"");
        QTest::newRow("missing field")
            << scenarioJson(R"([{"op": "add"}])")
            << QStringLiteral("test.json: step 1: \"add\" needs the field \"obj\"");
        QTest::newRow("unknown entity")
            << scenarioJson(R"([{"op": "new", "entity": "Usr", "as": "x"}])")
            << QStringLiteral("test.json: step 1: unknown entity \"Usr\"");
        QTest::newRow("schema path")
            << scenarioJson(R"([])").replace("\"datetime\"", "\"date\"")
            << QStringLiteral(
                   "test.json: schema.entities[0].columns[2].type: unknown type \"date\" "
                   "(expected integer, text, real, boolean, json, blob or datetime)");
    }

    void loadingRejectsMalformedScenarios()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        try {
            Scenario::fromJson(json, QStringLiteral("test.json"));
            QFAIL("expected a ScenarioError");
        } catch (const ScenarioError &error) {
            QCOMPARE(error.message(), message);
        }
    }
};

QTEST_GUILESS_MAIN(TestScenario)
#include "tst_scenario.moc"
