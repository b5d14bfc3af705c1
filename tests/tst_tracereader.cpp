// Reading traces: the validating JSON cursor, event lines, and Timeline over traces written by
// hand the way another program might write them (docs/trace-format.md). Recording and the round
// trip through real sessions are in tst_tracerecording.cpp; malformed files in tst_tracecorpus.

#include "trace/jsoncursor.h"
#include "trace/timeline.h"
#include "trace/traceerror.h"
#include "trace/traceevent.h"
#include "trace/traceinspection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace sessionscope;
using namespace Qt::StringLiterals;

namespace {

const QByteArray kHeader =
    R"({"format":"sessionscope-trace/1","recorder":"another-orm 2.0","future_field":[1,2],)"
    R"("mapping":{"entities":[)"
    R"({"name":"User","table":"users","columns":[{"name":"id","type":"integer","primary_key":true},)"
    R"({"name":"name","type":"text"}],"relationships":[{"name":"addresses","target":"Address",)"
    R"("kind":"one_to_many","back_populates":"user"}]},)"
    R"({"name":"Address","table":"addresses","columns":[{"name":"id","type":"integer","primary_key":true},)"
    R"({"name":"email","type":"text"},{"name":"user_id","type":"integer","references":"users.id"}],)"
    R"("relationships":[{"name":"user","target":"User","kind":"many_to_one","back_populates":"addresses"}]}]}})"
    "\n";

QByteArray loaded(const QByteArray &value, const QByteArray &added,
                  const QByteArray &unchanged = "[]")
{
    return R"({"loaded":true,"value":)" + value + R"(,"history":{"added":)" + added +
           R"(,"unchanged":)" + unchanged + R"(,"deleted":[]}})";
}

// A trace as another recorder might write it: sparse object ids, members in another order (so
// the fast head parser declines), an event type this reader does not know, CRLF line ends.
QByteArray foreignTrace()
{
    QByteArray t = kHeader;
    t += R"({"type":"begin","seq":1,"op":1,"t":0,"kind":"add","label":"add User"})"
         "\n";
    t +=
        R"({"seq":2,"op":1,"t":5,"type":"lifecycle","object":140001,"transition":"transient_to_pending",)"
        R"("delta":{"transaction":{"active":true,"nested_depth":0},"objects":{"140001":{"entity":"User",)"
        R"("state":"pending","aliases":["u"],"sets":["new"],"attrs":{"name":)" +
        loaded(R"("ann")", R"(["ann"])") + "}}}}}\n";
    t +=
        R"({"seq":3,"op":1,"t":6,"type":"annotation","note":"ignored","delta":{"objects":{"140001":{"modified":true}}}})"
        "\r\n";
    t += R"({"seq":4,"op":1,"t":7,"type":"end","error":null})"
         "\r\n";
    t += R"({"seq":5,"op":2,"t":8,"type":"begin","kind":"flush","label":"flush"})"
         "\n";
    t +=
        R"j({"seq":6,"op":2,"t":9,"type":"sql","sql":"INSERT INTO users (name) VALUES (?)","verb":"INSERT",)j"
        R"("table":"users","params":[["ann"]],"rows":1,"duration_ns":10,"error":null,"delta":{"objects":)"
        R"({"140001":{"state":"persistent","key":[1],"sets":["identity_map"],"modified":false,"attrs":{"id":)" +
        loaded("1", "[]", "[1]") + R"(,"name":)" + loaded(R"("ann")", "[]", R"(["ann"])") +
        "}}}}}\n";
    t += R"({"seq":7,"op":2,"t":9,"type":"end","error":{"kind":"integrity","message":"made up"}})"
         "\n";
    return t;
}

QByteArray eventLine(qint64 seq, qint64 op, const QByteArray &type, const QByteArray &rest = {})
{
    return "{\"seq\":" + QByteArray::number(seq) + ",\"op\":" + QByteArray::number(op) +
           ",\"t\":" + QByteArray::number(seq) + ",\"type\":\"" + type + '"' + rest + "}\n";
}

} // namespace

class TestTraceReader : public QObject
{
    Q_OBJECT

private slots:
    // ---- the cursor

    // (Escapes are spelled out in ordinary literals: moc misreads \" inside raw strings.)
    void cursorReturnsWhatItSkips_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("object") << QByteArray(R"({"a": [1, -2.5e+3, true, false, null], "b": {}})");
        QTest::newRow("escapes") << QByteArray(
            "\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"");
        QTest::newRow("utf-8") << QByteArray("\"h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80\"");
        QTest::newRow("zero") << QByteArray("0");
        QTest::newRow("negative zero") << QByteArray("-0.0e-0");
        QTest::newRow("empty containers") << QByteArray(R"([[], {}, [{}], ""])");
        QTest::newRow("whitespace") << QByteArray(" \t[ 1 ,\r\n 2 ] ");
    }
    void cursorReturnsWhatItSkips()
    {
        QFETCH(QByteArray, json);
        const TraceLimits limits;
        JsonCursor cursor(json, limits);
        const QByteArrayView skipped = cursor.skipValue();
        cursor.expectEnd();
        QCOMPARE(QByteArray(skipped.data(), skipped.size()), json.trimmed());
        // Whatever the cursor accepts, Qt's parser reads too.
        QJsonParseError error;
        QJsonDocument::fromJson('[' + json + ']', &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
    }

    void cursorRejects_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("leading zero") << QByteArray("01") << u"invalid number: a leading zero"_s;
        QTest::newRow("bare dot") << QByteArray("1.") << u"invalid number"_s;
        QTest::newRow("bare minus") << QByteArray("-") << u"invalid number"_s;
        QTest::newRow("exponent without digits") << QByteArray("1e+") << u"invalid number"_s;
        QTest::newRow("bad escape") << QByteArray("\"\\x\"") << u"invalid escape '\\x'"_s;
        QTest::newRow("short \\u") << QByteArray("\"\\u12\"") << u"four hexadecimal digits"_s;
        QTest::newRow("lone high surrogate")
            << QByteArray("\"\\ud800\"") << u"lone high surrogate"_s;
        QTest::newRow("lone low surrogate") << QByteArray("\"\\udc00\"") << u"lone low surrogate"_s;
        QTest::newRow("control character")
            << QByteArray("\"a\tb\"") << u"control character (0x09)"_s;
        QTest::newRow("invalid utf-8") << QByteArray("\"\xc3\x28\"") << u"invalid UTF-8"_s;
        QTest::newRow("overlong utf-8") << QByteArray("\"\xc0\xaf\"") << u"invalid UTF-8"_s;
        QTest::newRow("encoded surrogate") << QByteArray("\"\xed\xa0\x80\"") << u"invalid UTF-8"_s;
        QTest::newRow("unterminated string") << QByteArray("\"abc") << u"unterminated string"_s;
        QTest::newRow("trailing comma") << QByteArray("[1,]") << u"unexpected ']'"_s;
        QTest::newRow("missing comma") << QByteArray("[1 2]") << u"expected ',' or ']'"_s;
        QTest::newRow("missing colon") << QByteArray(R"({"a" 1})") << u"expected ':'"_s;
        QTest::newRow("unquoted key") << QByteArray("{a:1}") << u"member name in quotes"_s;
        QTest::newRow("bad literal") << QByteArray("nul") << u"expected null"_s;
        QTest::newRow("trailing garbage") << QByteArray("{} x") << u"unexpected text after"_s;
        QTest::newRow("nothing") << QByteArray("  ") << u"unexpected end of line"_s;
        QTest::newRow("unclosed") << QByteArray("[1, [2]") << u"unexpected end of line"_s;
    }
    void cursorRejects()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        const TraceLimits limits;
        try {
            JsonCursor cursor(json, limits);
            cursor.skipValue();
            cursor.expectEnd();
            QFAIL("accepted malformed JSON");
        } catch (const JsonCursorError &error) {
            QVERIFY2(error.message.contains(message), qPrintable(error.message));
        }
    }

    void cursorEnforcesLimits()
    {
        TraceLimits limits;
        limits.nesting = 4;
        limits.stringLength = 8;
        auto accepts = [&](const QByteArray &json) {
            try {
                JsonCursor cursor(json, limits);
                cursor.skipValue();
                return QString();
            } catch (const JsonCursorError &error) {
                return error.message;
            }
        };
        QCOMPARE(accepts("[[[[1]]]]"), QString());
        QCOMPARE(accepts("[[[[[1]]]]]"), u"nested deeper than 4 levels"_s);
        QCOMPARE(accepts(R"("1234567")"), QString());
        QVERIFY(accepts(R"("123456789")").contains(u"longer than 8 bytes"_s));
        // The default limits hold for deep input without recursion trouble.
        const TraceLimits defaults;
        const QByteArray deep = QByteArray(100000, '[') + QByteArray(100000, ']');
        JsonCursor cursor(deep, defaults);
        QVERIFY_THROWS_EXCEPTION(JsonCursorError, cursor.skipValue());
    }

    void cursorDecodesScalars()
    {
        const TraceLimits limits;
        const QByteArray json =
            R"({"s": "a\u00e9\ud83d\ude00\n", "big": 9223372036854775807, "over": 9223372036854775808,)"
            R"( "frac": 2.5, "yes": true, "nothing": null})";
        JsonCursor cursor(json, limits);
        cursor.enterObject();
        QString key;
        QVERIFY(cursor.nextMember(&key));
        QCOMPARE(cursor.readString(u"s"), u"a\u00e9\U0001F600\n"_s);
        QVERIFY(cursor.nextMember(&key));
        QCOMPARE(cursor.readInteger(u"big"), std::numeric_limits<qint64>::max());
        QVERIFY(cursor.nextMember(&key));
        QVERIFY_THROWS_EXCEPTION(JsonCursorError, cursor.readInteger(u"over"));
        // After a failure the cursor is not reused; read the rest afresh.
        JsonCursor second(json, limits);
        second.enterObject();
        for (int i = 0; i < 3; ++i) {
            QVERIFY(second.nextMember(&key));
            second.skipValue();
        }
        QVERIFY(second.nextMember(&key));
        QCOMPARE(key, u"frac"_s);
        QVERIFY_THROWS_EXCEPTION(JsonCursorError, second.readInteger(u"frac"));
    }

    // ---- event lines

    void fastHeadAgreesWithTheFullParser_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<bool>("fast");
        QTest::newRow("canonical")
            << QByteArray(R"({"seq":12,"op":3,"t":1520440,"type":"sql","x":1})") << true;
        QTest::newRow("only head")
            << QByteArray(R"({"seq":1,"op":0,"t":0,"type":"start"})") << true;
        QTest::newRow("unknown type")
            << QByteArray(R"({"seq":1,"op":0,"t":0,"type":"zz_top"})") << true;
        QTest::newRow("spaces") << QByteArray(R"({"seq": 12, "op": 3, "t": 5, "type": "sql"})")
                                << false;
        QTest::newRow("other order")
            << QByteArray(R"({"op":3,"seq":12,"t":5,"type":"sql"})") << false;
        QTest::newRow("leading zero")
            << QByteArray(R"({"seq":012,"op":3,"t":5,"type":"sql"})") << false;
        QTest::newRow("escaped type")
            << QByteArray(R"({"seq":1,"op":3,"t":5,"type":"s\u0071l"})") << false;
    }
    void fastHeadAgreesWithTheFullParser()
    {
        QFETCH(QByteArray, line);
        QFETCH(bool, fast);
        TraceEventHead head;
        QCOMPARE(parseEventHeadFast(line, &head), fast);
        const TraceLimits limits;
        if (!fast) {
            // The full parser reads what the fast one declined, or rejects it.
            try {
                head = TraceEventLine(line, limits).head();
            } catch (const JsonCursorError &) {
                QCOMPARE(line, QByteArray(R"({"seq":012,"op":3,"t":5,"type":"sql"})"));
                return;
            }
        }
        const TraceEventLine full(line, limits);
        QCOMPARE(head.seq, full.head().seq);
        QCOMPARE(head.op, full.head().op);
        QCOMPARE(head.t, full.head().t);
        QCOMPARE(head.type, full.head().type);
    }

    void eventLinesRejectDuplicatesAndWrongTypes()
    {
        const TraceLimits limits;
        QVERIFY_THROWS_EXCEPTION(
            JsonCursorError,
            TraceEventLine(R"({"seq":1,"op":1,"t":0,"type":"x","seq":2})", limits));
        QVERIFY_THROWS_EXCEPTION(JsonCursorError,
                                 TraceEventLine(R"({"seq":"1","op":1,"t":0,"type":"x"})", limits));
        QVERIFY_THROWS_EXCEPTION(JsonCursorError,
                                 TraceEventLine(R"({"seq":0,"op":1,"t":0,"type":"x"})", limits));
        QVERIFY_THROWS_EXCEPTION(JsonCursorError, TraceEventLine(R"([1])", limits));
        const TraceEventLine line(R"({"seq":1,"op":1,"t":0,"type":"x","s":"v","n":null})", limits);
        QCOMPARE(line.string("s"), u"v"_s);
        QCOMPARE(line.optionalString("n"), QString());
        QVERIFY(!line.optionalInteger("missing").has_value());
        QVERIFY_THROWS_EXCEPTION(JsonCursorError, line.integer("s"));
    }

    // ---- Timeline over a trace written by another program

    void replaysATraceWrittenByAnotherProgram()
    {
        const std::unique_ptr<Timeline> timeline =
            Timeline::fromData(foreignTrace(), u"foreign.jsonl"_s);
        QVERIFY(timeline->verify());
        QCOMPARE(timeline->eventCount(), 7);
        QCOMPARE(timeline->operationCount(), 2);
        QCOMPARE(timeline->header().recorder, u"another-orm 2.0"_s);
        QCOMPARE(timeline->eventType(2), TraceEventType::Other);

        const QJsonObject added = stateAfterOperation(*timeline, 1);
        QCOMPARE(added[u"op"].toString(), u"add"_s);
        QCOMPARE(added[u"new"].toArray(), QJsonArray{u"u"_s});
        QCOMPARE(added[u"transaction"][u"active"].toBool(), true);
        const QJsonObject pending = added[u"objects"][u"u"].toObject();
        QCOMPARE(pending[u"state"].toString(), u"pending"_s);
        QCOMPARE(pending[u"modified"].toBool(), true); // from the event type it does not know
        QVERIFY(pending[u"key"].isNull());
        QCOMPARE(pending[u"expired"].toArray(), QJsonArray());
        // Attributes a trace never described are not loaded.
        QCOMPARE(pending[u"attrs"][u"addresses"].toObject(), (QJsonObject{{u"loaded"_s, false}}));
        QCOMPARE(pending[u"attrs"][u"id"].toObject(), (QJsonObject{{u"loaded"_s, false}}));
        QCOMPARE(pending[u"attrs"][u"name"][u"value"].toString(), u"ann"_s);

        const QJsonObject flushed = stateAfterOperation(*timeline, 2);
        QCOMPARE(flushed[u"error"].toString(), u"integrity"_s);
        QCOMPARE(flushed[u"error_message"].toString(), u"made up"_s);
        QCOMPARE(flushed[u"sql"].toArray(),
                 (QJsonArray{QJsonObject{
                     {u"verb"_s, u"INSERT"_s}, {u"table"_s, u"users"_s}, {u"rows"_s, 1}}}));
        QCOMPARE(flushed[u"identity_map"].toArray(),
                 (QJsonArray{QJsonObject{
                     {u"entity"_s, u"User"_s}, {u"key"_s, QJsonArray{1}}, {u"obj"_s, u"u"_s}}}));
        QCOMPARE(flushed[u"objects"][u"u"][u"attrs"][u"id"][u"history"][u"unchanged"].toArray(),
                 QJsonArray{1});

        // Before the first operation nothing exists; the step fields say so.
        const QJsonObject before = stateAfterOperation(*timeline, 0);
        QCOMPARE(before[u"step"].toInt(), 0);
        QVERIFY(before[u"op"].isNull());
        QCOMPARE(before[u"objects"].toObject(), QJsonObject());
        QCOMPARE(before[u"transaction"][u"active"].toBool(), false);

        // The middle of an operation: after event 2 the object is pending and not modified yet.
        const QJsonObject midway = stateAfterEvent(*timeline, 2);
        QCOMPARE(midway[u"step"].toInt(), 1);
        QCOMPARE(midway[u"objects"][u"u"][u"modified"].toBool(), false);

        const TraceOperation flush = timeline->operation(2);
        QCOMPARE(flush.kind, u"flush"_s);
        QCOMPARE(flush.beginEvent, 4);
        QCOMPARE(flush.endEvent, 6);
        const TraceStatement insert = timeline->statement(5);
        QCOMPARE(insert.params, (QJsonArray{QJsonArray{u"ann"_s}}));
        QCOMPARE(insert.durationNs, 10);
    }

    void seeksInAnyOrderGiveTheSameStates()
    {
        Timeline::Options options;
        options.checkpointInterval = 2;
        const std::unique_ptr<Timeline> timeline =
            Timeline::fromData(foreignTrace(), u"t"_s, options);
        QList<QJsonObject> forward;
        for (qint64 seq = 0; seq <= timeline->eventCount(); ++seq)
            forward.append(stateAfterEvent(*timeline, seq));
        QVERIFY(timeline->verify());
        QCOMPARE(timeline->checkpointCount(), 3);
        for (qint64 seq = timeline->eventCount(); seq >= 0; --seq)
            QCOMPARE(stateAfterEvent(*timeline, seq), forward[seq]);
    }

    void summaryAndDiff()
    {
        const std::unique_ptr<Timeline> timeline = Timeline::fromData(foreignTrace(), u"t"_s);
        const QJsonObject summary = traceSummary(*timeline);
        QCOMPARE(summary[u"operations"].toInt(), 2);
        QCOMPARE(summary[u"events"].toInt(), 7);
        QCOMPARE(summary[u"keyframes"].toInt(), 0);
        QCOMPARE(summary[u"statements"].toInt(), 1);
        QCOMPARE(summary[u"objects"].toInt(), 1);
        QCOMPARE(summary[u"errors"].toInt(), 1);
        QCOMPARE(summary[u"unfinished_operation"].toBool(), false);
        QVERIFY(summary[u"truncated"].isNull());

        const QJsonObject diff = traceDiff(*timeline, 0, 1);
        QCOMPARE(diff[u"appeared"].toArray(), QJsonArray{u"u"_s});
        QCOMPARE(diff[u"transaction"][u"to"][u"active"].toBool(), true);
        const QJsonObject flushed = traceDiff(*timeline, 1, 2)[u"changed"][u"u"].toObject();
        QCOMPARE(flushed[u"state"].toObject(),
                 (QJsonObject{{u"from"_s, u"pending"_s}, {u"to"_s, u"persistent"_s}}));
        QCOMPARE(flushed[u"sets"][u"to"].toArray(), QJsonArray{u"identity_map"_s});
        QCOMPARE(flushed[u"modified"][u"to"].toBool(), false);
        QCOMPARE(flushed[u"attrs"].toObject().keys(), (QStringList{u"id"_s, u"name"_s}));
        QVERIFY(!flushed.contains(u"expired"_s));
        QCOMPARE(traceDiff(*timeline, 2, 2)[u"changed"].toObject(), QJsonObject());
    }

    // ---- live traces, truncation, failures

    void followsATraceAsItIsWritten()
    {
        const QByteArray whole = foreignTrace();
        const qsizetype cut = whole.indexOf("\n", whole.indexOf("\"seq\":2")) + 40; // mid line 4
        const std::unique_ptr<Timeline> timeline = Timeline::fromData(whole.left(cut), u"live"_s);
        QCOMPARE(timeline->eventCount(), 2);
        QCOMPARE(timeline->operationCount(), 1);
        QVERIFY(timeline->truncation().has_value());
        QVERIFY(timeline->truncation()->startsWith(u"live:4: the last line has no newline"_s));
        const QJsonObject partial = stateAfterOperation(*timeline, 1);
        QVERIFY(partial[u"error"].isNull()); // the operation has not ended yet
        QCOMPARE(partial[u"objects"][u"u"][u"state"].toString(), u"pending"_s);
        QCOMPARE(timeline->stateEventOf(1), 1);

        timeline->appendData(whole.mid(cut));
        QCOMPARE(timeline->refresh(), 5);
        QVERIFY(!timeline->truncation().has_value());
        QVERIFY(timeline->verify());
        QCOMPARE(stateAfterOperation(*timeline, 2)[u"op"].toString(), u"flush"_s);
        QCOMPARE(timeline->refresh(), 0);
    }

    void aFailedSeekLeavesTheCursorWhereItWas()
    {
        QByteArray trace = kHeader;
        trace += eventLine(1, 1, "begin", R"(,"kind":"add","label":"add")");
        trace += eventLine(2, 1, "lifecycle",
                           R"(,"delta":{"objects":{"1":{"entity":"User","state":"pending"}}})");
        trace += eventLine(3, 1, "end", R"(,"error":null)");
        trace += eventLine(4, 1, "lifecycle",
                           R"(,"delta":{"objects":{"2":{"entity":"Ghost","state":"pending"}}})");
        const std::unique_ptr<Timeline> timeline = Timeline::fromData(trace, u"bad.jsonl"_s);
        QCOMPARE(timeline->eventCount(), 4); // opening reads only the heads
        timeline->seekEvent(2);
        const QJsonObject before = timeline->renderer().session();
        const QString expected = u"bad.jsonl:5: delta.objects.2.entity: \"Ghost\" is not an entity "
                                 "of the header's mapping"_s;
        try {
            timeline->seekEvent(3);
            QFAIL("seeking into a malformed delta succeeded");
        } catch (const TraceError &error) {
            QCOMPARE(error.message(), expected);
        }
        QCOMPARE(timeline->cursor(), 2);
        QCOMPARE(timeline->renderer().session(), before);
        try {
            timeline->verify();
            QFAIL("verify accepted a malformed delta");
        } catch (const TraceError &error) {
            QCOMPARE(error.message(), expected);
        }
    }

    void aTraceWithNoEvents()
    {
        const std::unique_ptr<Timeline> timeline = Timeline::fromData(kHeader, u"empty.jsonl"_s);
        QVERIFY(timeline->verify());
        QCOMPARE(timeline->eventCount(), 0);
        const QJsonObject state = stateAfterOperation(*timeline, 0);
        QCOMPARE(state[u"identity_map"].toArray(), QJsonArray());
        QCOMPARE(state[u"sql"].toArray(), QJsonArray());
        try {
            stateAfterOperation(*timeline, 1);
            QFAIL("operation 1 of an empty trace");
        } catch (const TraceError &error) {
            QCOMPARE(error.message(), u"empty.jsonl: there is no operation 1 (the trace has 0)"_s);
        }
    }

    void operationsMustNotOverlap_data()
    {
        QTest::addColumn<QByteArray>("events");
        QTest::addColumn<QString>("message");
        const QByteArray begin1 = eventLine(1, 1, "begin", R"(,"kind":"add")");
        QTest::newRow("begin inside an operation")
            << begin1 + eventLine(2, 2, "begin", R"(,"kind":"add")")
            << u"t:3: operation 2 begins before operation 1 ended"_s;
        QTest::newRow("end without begin")
            << eventLine(1, 0, "end") << u"t:2: an end without a begin"_s;
        QTest::newRow("wrong op") << begin1 + eventLine(2, 2, "sql")
                                  << u"t:3: op is 2, expected 1 (the operation in progress, or the "
                                     "last one that ended)"_s;
        QTest::newRow("seq gap") << begin1 + eventLine(3, 1, "end")
                                 << u"t:3: seq is 3, expected 2 (events are numbered 1, 2, 3, ... "
                                    "in file order)"_s;
        QTest::newRow("skipped op")
            << eventLine(1, 2, "begin") << u"t:2: a begin with op 2, expected 1"_s;
    }
    void operationsMustNotOverlap()
    {
        QFETCH(QByteArray, events);
        QFETCH(QString, message);
        try {
            Timeline::fromData(kHeader + events, u"t"_s);
            QFAIL("opened a trace whose operations overlap");
        } catch (const TraceError &error) {
            QCOMPARE(error.message(), message);
        }
    }
};

QTEST_GUILESS_MAIN(TestTraceReader)
#include "tst_tracereader.moc"
