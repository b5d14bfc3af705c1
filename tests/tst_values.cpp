// Column values: the canonical form per column type (coerce), the JSON form of scenarios and
// traces, datetimes and JSON text, equality, and how values travel to and from SQLite and
// PostgreSQL (SqlDialect).

#include "mapping/mappingbuilder.h"
#include "mapping/values.h"
#include "session/ddl.h"
#include "session/sqldialect.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSize>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimeZone>

using namespace sessionscope;
using namespace Qt::StringLiterals;

namespace {

Column makeColumn(ColumnType type, JsonKind kind = JsonKind::None)
{
    Column column;
    column.name = u"c"_s;
    column.type = type;
    column.jsonKind = kind;
    return column;
}

QDateTime utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int ms = 0)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

// A canonical datetime (microseconds in the last argument).
QVariant ts(int y, int mo, int d, int h = 0, int mi = 0, int s = 0, int us = 0)
{
    return QVariant::fromValue(Timestamp(y, mo, d, h, mi, s, us));
}

QVariant json(const QJsonValue &value)
{
    return QVariant(value);
}

// A null of a given type, as QSqlQuery returns SQL NULL.
QVariant typedNull(QMetaType type)
{
    return QVariant(type);
}

// "type:value" so that failures show the type, and 1 (qlonglong) never equals true (bool).
QString describe(const QVariant &value)
{
    if (!value.isValid())
        return u"<invalid>"_s;
    if (value.isNull())
        return u"%1:<null>"_s.arg(QString::fromLatin1(value.typeName()));
    QString text;
    switch (value.typeId()) {
    case QMetaType::QDateTime: {
        const QDateTime dt = value.toDateTime();
        text = dt.toString(Qt::ISODateWithMs) +
               (dt.timeSpec() == Qt::UTC ? u" (UTC)"_s : u" (not UTC)"_s);
        break;
    }
    case QMetaType::QJsonValue:
        text = QString::fromUtf8(values::jsonText(value.toJsonValue()));
        break;
    default:
        if (value.metaType() == QMetaType::fromType<Timestamp>()) {
            text = value.value<Timestamp>().toIsoString();
            break;
        }
        text = value.toString();
        break;
    case QMetaType::QByteArray:
        text = QString::fromLatin1(value.toByteArray().toHex());
        break;
    }
    return QString::fromLatin1(value.typeName()) + u':' + text;
}

} // namespace

class TestValues : public QObject
{
    Q_OBJECT

private slots:
    void coerce_data();
    void coerce();
    void coerceNull_data();
    void coerceNull();
    void fromJson_data();
    void fromJson();
    void fromJsonRefusals_data();
    void fromJsonRefusals();
    void isoDateTime_data();
    void isoDateTime();
    void parseDateTime_data();
    void parseDateTime();
    void jsonText_data();
    void jsonText();
    void malformedJsonText_data();
    void malformedJsonText();
    void equal_data();
    void equal();
    void toSql_data();
    void toSql();
    void fromSql_data();
    void fromSql();
    void sqlRoundTrip_data();
    void sqlRoundTrip();
    void sqliteStorageRoundTrip();
};

// ---- coerce -----------------------------------------------------------------------------------

void TestValues::coerce_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QVariant>("input");
    QTest::addColumn<QVariant>("expected"); // the canonical value, when accepted
    QTest::addColumn<QString>("why");       // the reason, when refused

    auto accept = [&](const char *tag, ColumnType type, const QVariant &input,
                      const QVariant &expected, JsonKind kind = JsonKind::None) {
        QTest::newRow(tag) << int(type) << int(kind) << input << expected << QString();
    };
    auto refuse = [&](const char *tag, ColumnType type, const QVariant &input, const QString &why,
                      JsonKind kind = JsonKind::None) {
        QTest::newRow(tag) << int(type) << int(kind) << input << QVariant() << why;
    };

    // integer -> qlonglong
    accept("integer from qlonglong", ColumnType::Integer, QVariant(qlonglong(-42)),
           QVariant(qlonglong(-42)));
    accept("integer from int", ColumnType::Integer, QVariant(7), QVariant(qlonglong(7)));
    accept("integer from uint", ColumnType::Integer, QVariant(7u), QVariant(qlonglong(7)));
    accept("integer from large qulonglong", ColumnType::Integer,
           QVariant(qulonglong(std::numeric_limits<qint64>::max())),
           QVariant(std::numeric_limits<qlonglong>::max()));
    accept("integer from whole double", ColumnType::Integer, QVariant(3.0), QVariant(qlonglong(3)));
    accept("integer from negative whole double", ColumnType::Integer, QVariant(-2.0),
           QVariant(qlonglong(-2)));
    refuse("integer from 1.5", ColumnType::Integer, QVariant(1.5), u"1.5 is not a whole number"_s);
    refuse("integer from text", ColumnType::Integer, QVariant(u"5"_s),
           u"an integer column cannot hold a QString"_s);
    refuse("integer from bool", ColumnType::Integer, QVariant(true),
           u"an integer column cannot hold a bool"_s);
    refuse("integer from too large qulonglong", ColumnType::Integer,
           QVariant(qulonglong(std::numeric_limits<qint64>::max()) + 1),
           u"an integer column cannot hold a qulonglong"_s);

    // real -> double
    accept("real from double", ColumnType::Real, QVariant(2.5), QVariant(2.5));
    accept("real from int", ColumnType::Real, QVariant(2), QVariant(2.0));
    accept("real from qlonglong", ColumnType::Real, QVariant(qlonglong(-3)), QVariant(-3.0));
    accept("real from float", ColumnType::Real, QVariant(0.5f), QVariant(0.5));
    refuse("real from text", ColumnType::Real, QVariant(u"1.5"_s),
           u"a real column cannot hold a QString"_s);
    refuse("real from bool", ColumnType::Real, QVariant(false),
           u"a real column cannot hold a bool"_s);

    // text -> QString
    accept("text from text", ColumnType::Text, QVariant(u"ann"_s), QVariant(u"ann"_s));
    accept("text from empty text", ColumnType::Text, QVariant(u""_s), QVariant(u""_s));
    refuse("text from number", ColumnType::Text, QVariant(qlonglong(5)),
           u"a text column cannot hold a qlonglong"_s);
    refuse("text from bytes", ColumnType::Text, QVariant(QByteArray("x")),
           u"a text column cannot hold a QByteArray"_s);

    // boolean -> bool
    accept("boolean from true", ColumnType::Boolean, QVariant(true), QVariant(true));
    accept("boolean from false", ColumnType::Boolean, QVariant(false), QVariant(false));
    accept("boolean from 1", ColumnType::Boolean, QVariant(1), QVariant(true));
    accept("boolean from 0", ColumnType::Boolean, QVariant(qlonglong(0)), QVariant(false));
    refuse("boolean from 2", ColumnType::Boolean, QVariant(2),
           u"a boolean column takes true, false or null, not 2"_s);
    refuse("boolean from -1", ColumnType::Boolean, QVariant(qlonglong(-1)),
           u"a boolean column takes true, false or null, not -1"_s);
    refuse("boolean from 1.0", ColumnType::Boolean, QVariant(1.0),
           u"a boolean column takes true, false or null, not 1"_s);

    // json -> QJsonValue
    const QJsonObject object{{u"a"_s, 1}, {u"b"_s, QJsonArray{true, u"x"_s}}};
    const QJsonArray array{1, u"two"_s, QJsonValue()};
    accept("json from object value", ColumnType::Json, json(object), json(object));
    accept("json from QJsonObject", ColumnType::Json, QVariant(object), json(object));
    accept("json from QJsonArray", ColumnType::Json, QVariant(array), json(array));
    accept("json from text", ColumnType::Json, QVariant(u"s"_s), json(u"s"_s));
    accept("json from number", ColumnType::Json, QVariant(qlonglong(5)), json(5));
    accept("json from bool", ColumnType::Json, QVariant(false), json(false));
    accept("json from QVariantMap", ColumnType::Json, QVariant(QVariantMap{{u"a"_s, 1}}),
           json(QJsonObject{{u"a"_s, 1}}));
    accept("json dict from object", ColumnType::Json, json(object), json(object), JsonKind::Dict);
    accept("json list from array", ColumnType::Json, json(array), json(array), JsonKind::List);
    accept("json dict from empty object", ColumnType::Json, json(QJsonObject()),
           json(QJsonObject()), JsonKind::Dict);
    refuse("json dict from array", ColumnType::Json, json(array),
           u"column \"c\" holds a JSON object"_s, JsonKind::Dict);
    refuse("json dict from text", ColumnType::Json, json(u"x"_s),
           u"column \"c\" holds a JSON object"_s, JsonKind::Dict);
    refuse("json list from object", ColumnType::Json, QVariant(object),
           u"column \"c\" holds a JSON array"_s, JsonKind::List);
    refuse("json from a type JSON cannot hold", ColumnType::Json, QVariant(QSize(1, 2)),
           u"a QSize is not a JSON value"_s);

    // blob -> QByteArray
    accept("blob from bytes", ColumnType::Blob, QVariant(QByteArray("\x00\xff", 2)),
           QVariant(QByteArray("\x00\xff", 2)));
    refuse("blob from text", ColumnType::Blob, QVariant(u"aGk="_s),
           u"a blob column cannot hold a QString"_s);

    // datetime -> QDateTime in UTC (naive: the wall clock is kept, the zone dropped)
    accept("datetime from UTC", ColumnType::DateTime, QVariant(utc(2024, 3, 1, 9, 30)),
           ts(2024, 3, 1, 9, 30));
    accept("datetime from a Timestamp", ColumnType::DateTime, ts(2024, 3, 1, 9, 30, 0, 123456),
           ts(2024, 3, 1, 9, 30, 0, 123456));
    accept("datetime from an offset", ColumnType::DateTime,
           QVariant(QDateTime(QDate(2024, 3, 1), QTime(9, 30, 0, 250), Qt::OffsetFromUTC, 3600)),
           ts(2024, 3, 1, 9, 30, 0, 250000));
    accept("datetime from a time zone", ColumnType::DateTime,
           QVariant(QDateTime(QDate(2024, 7, 1), QTime(23, 59, 59),
                              QTimeZone(QByteArrayLiteral("America/New_York")))),
           ts(2024, 7, 1, 23, 59, 59));
    accept("datetime from local time", ColumnType::DateTime,
           QVariant(QDateTime(QDate(2024, 3, 1), QTime(9, 30), Qt::LocalTime)),
           ts(2024, 3, 1, 9, 30));
    accept("datetime from ISO text", ColumnType::DateTime, QVariant(u"2024-03-01T09:30:00"_s),
           ts(2024, 3, 1, 9, 30));
    accept("datetime from a date", ColumnType::DateTime, QVariant(QDate(2024, 3, 1)),
           ts(2024, 3, 1));
    refuse("datetime from unparseable text", ColumnType::DateTime, QVariant(u"tomorrow"_s),
           u"\"tomorrow\" is not an ISO 8601 date and time"_s);
    refuse("datetime from a number", ColumnType::DateTime, QVariant(qlonglong(1709285400)),
           u"qlonglong is not an ISO 8601 date and time"_s);
}

void TestValues::coerce()
{
    QFETCH(int, type);
    QFETCH(int, kind);
    QFETCH(QVariant, input);
    QFETCH(QVariant, expected);
    QFETCH(QString, why);

    const Column column = makeColumn(ColumnType(type), JsonKind(kind));
    QString reason;
    const std::optional<QVariant> result = values::coerce(column, input, &reason);
    if (why.isEmpty()) {
        QVERIFY2(result, qPrintable(u"refused: "_s + reason));
        QCOMPARE(describe(*result), describe(expected));
    } else {
        QVERIFY2(!result, qPrintable(u"accepted as "_s + describe(result.value_or(QVariant()))));
        QCOMPARE(reason, why);
    }
}

void TestValues::coerceNull_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QVariant>("input");

    const QList<std::pair<const char *, ColumnType>> types{
        {"integer", ColumnType::Integer},  {"real", ColumnType::Real}, {"text", ColumnType::Text},
        {"boolean", ColumnType::Boolean},  {"json", ColumnType::Json}, {"blob", ColumnType::Blob},
        {"datetime", ColumnType::DateTime}};
    for (const auto &[name, type] : types) {
        QTest::addRow("%s: invalid", name) << int(type) << QVariant();
        QTest::addRow("%s: typed null", name) << int(type) << typedNull(QMetaType::fromType<int>());
        QTest::addRow("%s: nullptr", name) << int(type) << QVariant::fromValue(nullptr);
    }
    QTest::newRow("json: JSON null") << int(ColumnType::Json) << json(QJsonValue::Null);
    QTest::newRow("text: null QString")
        << int(ColumnType::Text) << typedNull(QMetaType::fromType<QString>());
}

void TestValues::coerceNull()
{
    QFETCH(int, type);
    QFETCH(QVariant, input);
    // NULL fits every column, including a key or a json_kind column (nullability is the
    // database's business), and its canonical form is an invalid QVariant.
    for (JsonKind kind : {JsonKind::None, JsonKind::Dict}) {
        if (kind != JsonKind::None && type != int(ColumnType::Json))
            continue;
        QString why = u"untouched"_s;
        const auto result = values::coerce(makeColumn(ColumnType(type), kind), input, &why);
        QVERIFY2(result, qPrintable(why));
        QVERIFY(!result->isValid());
        QCOMPARE(why, u"untouched"_s);
    }
}

// ---- JSON form --------------------------------------------------------------------------------

void TestValues::fromJson_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QJsonValue>("input");
    QTest::addColumn<QVariant>("canonical");
    QTest::addColumn<QJsonValue>("output"); // toJson(canonical)

    auto row = [](const char *tag, ColumnType type, const QJsonValue &input,
                  const QVariant &canonical, const QJsonValue &output,
                  JsonKind kind = JsonKind::None) {
        QTest::newRow(tag) << int(type) << int(kind) << input << canonical << output;
    };
    const QJsonValue null(QJsonValue::Null);

    row("integer", ColumnType::Integer, 42, QVariant(qlonglong(42)), 42);
    row("negative integer", ColumnType::Integer, -7, QVariant(qlonglong(-7)), -7);
    row("integer written 3.0", ColumnType::Integer, 3.0, QVariant(qlonglong(3)), 3);
    row("integer 2^53", ColumnType::Integer, 9007199254740991.0,
        QVariant(qlonglong(9007199254740991)), QJsonValue(qint64(9007199254740991)));
    row("integer null", ColumnType::Integer, null, QVariant(), null);
    row("real", ColumnType::Real, 2.5, QVariant(2.5), 2.5);
    row("real written 3", ColumnType::Real, 3, QVariant(3.0), 3.0);
    row("real null", ColumnType::Real, null, QVariant(), null);
    row("text", ColumnType::Text, u"ann"_s, QVariant(u"ann"_s), u"ann"_s);
    row("text unicode", ColumnType::Text, u"\u00e9\u4e2d\"\n"_s, QVariant(u"\u00e9\u4e2d\"\n"_s),
        u"\u00e9\u4e2d\"\n"_s);
    row("empty text", ColumnType::Text, u""_s, QVariant(u""_s), u""_s);
    row("boolean true", ColumnType::Boolean, true, QVariant(true), true);
    row("boolean false", ColumnType::Boolean, false, QVariant(false), false);
    row("boolean null", ColumnType::Boolean, null, QVariant(), null);

    const QJsonObject object{{u"b"_s, 1}, {u"a"_s, QJsonArray{1, 2, QJsonObject{}}}};
    const QJsonArray array{1, u"x"_s, QJsonValue(), false};
    row("json object", ColumnType::Json, object, json(object), object);
    row("json array", ColumnType::Json, array, json(array), array);
    row("json string", ColumnType::Json, u"s"_s, json(u"s"_s), u"s"_s);
    row("json number", ColumnType::Json, 1.5, json(1.5), 1.5);
    row("json boolean", ColumnType::Json, true, json(true), true);
    row("json null is SQL NULL", ColumnType::Json, null, QVariant(), null);
    row("json dict", ColumnType::Json, object, json(object), object, JsonKind::Dict);
    row("json list", ColumnType::Json, array, json(array), array, JsonKind::List);
    row("json dict null", ColumnType::Json, null, QVariant(), null, JsonKind::Dict);

    row("blob", ColumnType::Blob, u"aGk="_s, QVariant(QByteArray("hi")), u"aGk="_s);
    row("blob binary", ColumnType::Blob, u"AAEC/w=="_s, QVariant(QByteArray("\x00\x01\x02\xff", 4)),
        u"AAEC/w=="_s);
    row("blob without padding", ColumnType::Blob, u"YQ"_s, QVariant(QByteArray("a")), u"YQ=="_s);
    row("empty blob", ColumnType::Blob, u""_s, QVariant(QByteArray("")), u""_s);
    row("blob null", ColumnType::Blob, null, QVariant(), null);

    row("datetime", ColumnType::DateTime, u"2024-03-01T09:30:00"_s, ts(2024, 3, 1, 9, 30),
        u"2024-03-01T09:30:00"_s);
    row("datetime with milliseconds", ColumnType::DateTime, u"2024-03-01T09:30:00.250"_s,
        ts(2024, 3, 1, 9, 30, 0, 250000), u"2024-03-01T09:30:00.250000"_s);
    row("datetime with microseconds", ColumnType::DateTime, u"2024-03-01T09:30:00.123456"_s,
        ts(2024, 3, 1, 9, 30, 0, 123456), u"2024-03-01T09:30:00.123456"_s);
    row("datetime with a space, no seconds", ColumnType::DateTime, u"2024-12-31 23:59"_s,
        ts(2024, 12, 31, 23, 59), u"2024-12-31T23:59:00"_s);
    row("date only", ColumnType::DateTime, u"2024-02-29"_s, ts(2024, 2, 29),
        u"2024-02-29T00:00:00"_s);
    row("datetime null", ColumnType::DateTime, null, QVariant(), null);
}

void TestValues::fromJson()
{
    QFETCH(int, type);
    QFETCH(int, kind);
    QFETCH(QJsonValue, input);
    QFETCH(QVariant, canonical);
    QFETCH(QJsonValue, output);

    const Column column = makeColumn(ColumnType(type), JsonKind(kind));
    QString why;
    const auto value = values::fromJson(column, input, &why);
    QVERIFY2(value, qPrintable(why));
    QCOMPARE(describe(*value), describe(canonical));
    QCOMPARE(values::toJson(*value), output);
    // The printed form reads back to the same canonical value.
    const auto again = values::fromJson(column, output, &why);
    QVERIFY2(again, qPrintable(why));
    QVERIFY(values::equal(*again, *value));
    // And the canonical value is one coerce() keeps as it is.
    const auto coerced = values::coerce(column, *value, &why);
    QVERIFY2(coerced, qPrintable(why));
    QCOMPARE(describe(*coerced), describe(*value));
}

void TestValues::fromJsonRefusals_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QJsonValue>("input");
    QTest::addColumn<QString>("why");

    auto row = [](const char *tag, ColumnType type, const QJsonValue &input, const QString &why,
                  JsonKind kind = JsonKind::None) {
        QTest::newRow(tag) << int(type) << int(kind) << input << why;
    };
    row("text into integer", ColumnType::Integer, u"5"_s,
        u"column \"c\" (integer) cannot hold \"5\""_s);
    row("1.5 into integer", ColumnType::Integer, 1.5, u"1.5 is not a whole number"_s);
    row("boolean into integer", ColumnType::Integer, true,
        u"column \"c\" (integer) cannot hold true"_s);
    row("array into integer", ColumnType::Integer, QJsonArray{1},
        u"column \"c\" (integer) cannot hold [1]"_s);
    row("text into real", ColumnType::Real, u"1.5"_s, u"column \"c\" (real) cannot hold \"1.5\""_s);
    row("2 into boolean", ColumnType::Boolean, 2, u"column \"c\" (boolean) cannot hold 2"_s);
    row("1 into boolean", ColumnType::Boolean, 1, u"column \"c\" (boolean) cannot hold 1"_s);
    row("\"true\" into boolean", ColumnType::Boolean, u"true"_s,
        u"column \"c\" (boolean) cannot hold \"true\""_s);
    row("number into text", ColumnType::Text, 5, u"column \"c\" (text) cannot hold 5"_s);
    row("object into text", ColumnType::Text, QJsonObject{{u"a"_s, 1}},
        u"column \"c\" (text) cannot hold {\"a\":1}"_s);
    row("array into a dict column", ColumnType::Json, QJsonArray{1, 2},
        u"column \"c\" holds a JSON object"_s, JsonKind::Dict);
    row("object into a list column", ColumnType::Json, QJsonObject{{u"a"_s, 1}},
        u"column \"c\" holds a JSON array"_s, JsonKind::List);
    row("number into a list column", ColumnType::Json, 1, u"column \"c\" holds a JSON array"_s,
        JsonKind::List);
    row("number into blob", ColumnType::Blob, 5, u"a blob value is base64 text"_s);
    row("invalid base64", ColumnType::Blob, u"not base64!"_s,
        u"\"not base64!\" is not valid base64"_s);
    row("base64 with too much padding", ColumnType::Blob, u"aGk=="_s,
        u"\"aGk==\" is not valid base64"_s);
    row("unparseable datetime", ColumnType::DateTime, u"next tuesday"_s,
        u"\"next tuesday\" is not an ISO 8601 date and time"_s);
    row("datetime with a bad day", ColumnType::DateTime, u"2023-02-29T10:00:00"_s,
        u"\"2023-02-29T10:00:00\" is not an ISO 8601 date and time"_s);
    row("number into datetime", ColumnType::DateTime, 1709285400,
        u"column \"c\" (datetime) cannot hold 1709285400"_s);
}

void TestValues::fromJsonRefusals()
{
    QFETCH(int, type);
    QFETCH(int, kind);
    QFETCH(QJsonValue, input);
    QFETCH(QString, why);

    QString reason;
    const auto value =
        values::fromJson(makeColumn(ColumnType(type), JsonKind(kind)), input, &reason);
    QVERIFY2(!value, qPrintable(u"accepted as "_s + describe(value.value_or(QVariant()))));
    QCOMPARE(reason, why);
}

// ---- datetimes --------------------------------------------------------------------------------

void TestValues::isoDateTime_data()
{
    QTest::addColumn<Timestamp>("timestamp");
    QTest::addColumn<QString>("text");

    QTest::newRow("whole seconds") << Timestamp(2024, 3, 1, 9, 30) << u"2024-03-01T09:30:00"_s;
    QTest::newRow("microseconds") << Timestamp(2024, 3, 1, 9, 30, 0, 123456)
                                  << u"2024-03-01T09:30:00.123456"_s;
    QTest::newRow("one microsecond")
        << Timestamp(2024, 3, 1, 9, 30, 5, 1) << u"2024-03-01T09:30:05.000001"_s;
    QTest::newRow("midnight") << Timestamp(2000, 1, 1) << u"2000-01-01T00:00:00"_s;
    QTest::newRow("last microsecond of a year")
        << Timestamp(1999, 12, 31, 23, 59, 59, 999999) << u"1999-12-31T23:59:59.999999"_s;
    QTest::newRow("four-digit year padding")
        << Timestamp(5, 6, 7, 8, 9, 10) << u"0005-06-07T08:09:10"_s;
}

void TestValues::isoDateTime()
{
    QFETCH(Timestamp, timestamp);
    QFETCH(QString, text);
    QCOMPARE(timestamp.toIsoString(), text);
    QCOMPARE(Timestamp::parse(text), timestamp);
    // SQLite's storage form always has six fraction digits and a space.
    QString sqlText = text;
    sqlText[10] = u' ';
    if (timestamp.microsecond() == 0)
        sqlText += u".000000"_s;
    QCOMPARE(timestamp.toSqlText(), sqlText);
    QCOMPARE(Timestamp::parse(sqlText), timestamp);
}

void TestValues::parseDateTime_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Timestamp>("expected"); // invalid: refused

    const Timestamp refused;
    QTest::newRow("T separator") << u"2024-03-01T09:30:00"_s << Timestamp(2024, 3, 1, 9, 30);
    QTest::newRow("space separator") << u"2024-03-01 09:30:00"_s << Timestamp(2024, 3, 1, 9, 30);
    QTest::newRow("no seconds") << u"2024-03-01T09:30"_s << Timestamp(2024, 3, 1, 9, 30);
    QTest::newRow("seconds") << u"2024-03-01T09:30:07"_s << Timestamp(2024, 3, 1, 9, 30, 7);
    QTest::newRow("one fraction digit")
        << u"2024-03-01T09:30:07.5"_s << Timestamp(2024, 3, 1, 9, 30, 7, 500000);
    QTest::newRow("three fraction digits")
        << u"2024-03-01T09:30:07.042"_s << Timestamp(2024, 3, 1, 9, 30, 7, 42000);
    QTest::newRow("microseconds") << u"2024-03-01T09:30:07.123999"_s
                                  << Timestamp(2024, 3, 1, 9, 30, 7, 123999);
    QTest::newRow("nanoseconds") << u"2024-03-01 09:30:07.000000001"_s
                                 << Timestamp(2024, 3, 1, 9, 30, 7);
    QTest::newRow("bare date") << u"2024-03-01"_s << Timestamp(2024, 3, 1);
    QTest::newRow("leap day") << u"2024-02-29 12:00"_s << Timestamp(2024, 2, 29, 12);
    QTest::newRow("end of day") << u"2024-03-01T23:59:59.999"_s
                                << Timestamp(2024, 3, 1, 23, 59, 59, 999000);

    QTest::newRow("empty") << QString() << refused;
    QTest::newRow("garbage") << u"yesterday"_s << refused;
    QTest::newRow("garbage of date length") << u"abcd-ef-gh"_s << refused;
    QTest::newRow("slashes") << u"2024/03/01"_s << refused;
    QTest::newRow("short year") << u"24-03-01"_s << refused;
    QTest::newRow("month 13") << u"2024-13-01"_s << refused;
    QTest::newRow("month 0") << u"2024-00-10"_s << refused;
    QTest::newRow("day 32") << u"2024-01-32"_s << refused;
    QTest::newRow("February 30") << u"2024-02-30"_s << refused;
    QTest::newRow("not a leap year") << u"2023-02-29"_s << refused;
    QTest::newRow("hour 24") << u"2024-03-01T24:00"_s << refused;
    QTest::newRow("minute 60") << u"2024-03-01T09:60"_s << refused;
    QTest::newRow("second 60") << u"2024-03-01T09:30:60"_s << refused;
    QTest::newRow("one-digit hour") << u"2024-03-01T9:30"_s << refused;
    QTest::newRow("one-digit second") << u"2024-03-01T09:30:7"_s << refused;
    QTest::newRow("hour only") << u"2024-03-01T09"_s << refused;
    QTest::newRow("other separator") << u"2024-03-01_09:30"_s << refused;
    QTest::newRow("trailing separator") << u"2024-03-01T"_s << refused;
    QTest::newRow("zone Z") << u"2024-03-01T09:30:00Z"_s << refused;
    QTest::newRow("zone offset") << u"2024-03-01T09:30:00+01:00"_s << refused;
    QTest::newRow("trailing junk after date") << u"2024-03-01x"_s << refused;
    QTest::newRow("trailing junk after minutes") << u"2024-03-01T09:30x"_s << refused;
    QTest::newRow("trailing space") << u"2024-03-01T09:30:00 "_s << refused;
    QTest::newRow("empty fraction") << u"2024-03-01T09:30:00."_s << refused;
    QTest::newRow("ten fraction digits") << u"2024-03-01T09:30:00.1234567890"_s << refused;
    QTest::newRow("letters in fraction") << u"2024-03-01T09:30:00.12a"_s << refused;
    QTest::newRow("fraction without seconds") << u"2024-03-01T09:30.5"_s << refused;
    QTest::newRow("space inside the hour") << u"2024-03-01T 9:30"_s << refused;
    QTest::newRow("sign inside the month") << u"2024-+3-01"_s << refused;
}

void TestValues::parseDateTime()
{
    QFETCH(QString, text);
    QFETCH(Timestamp, expected);

    const Timestamp parsed = Timestamp::parse(text);
    if (!expected.isValid()) {
        QVERIFY2(!parsed.isValid(), qPrintable(parsed.toIsoString()));
        return;
    }
    QCOMPARE(parsed, expected);
}

// ---- JSON text --------------------------------------------------------------------------------

void TestValues::jsonText_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<QByteArray>("text");

    QTest::newRow("integer") << QJsonValue(42) << QByteArray("42");
    QTest::newRow("negative real") << QJsonValue(-1.5) << QByteArray("-1.5");
    QTest::newRow("string") << QJsonValue(u"a\"b\\c"_s) << QByteArray(R"("a\"b\\c")");
    QTest::newRow("unicode string") << QJsonValue(u"\u00e9"_s) << QByteArray("\"\xc3\xa9\"");
    QTest::newRow("empty string") << QJsonValue(u""_s) << QByteArray(R"("")");
    QTest::newRow("true") << QJsonValue(true) << QByteArray("true");
    QTest::newRow("false") << QJsonValue(false) << QByteArray("false");
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << QByteArray("null");
    QTest::newRow("empty object") << QJsonValue(QJsonObject()) << QByteArray("{}");
    QTest::newRow("empty array") << QJsonValue(QJsonArray()) << QByteArray("[]");
    QTest::newRow("object, keys sorted")
        << QJsonValue(QJsonObject{{u"b"_s, 1}, {u"a"_s, QJsonArray{1, u"x"_s}}})
        << QByteArray(R"({"a":[1,"x"],"b":1})");
    QTest::newRow("nested array") << QJsonValue(QJsonArray{
                                         QJsonArray{}, QJsonObject{{u"k"_s, QJsonValue()}}, 2.5})
                                  << QByteArray(R"([[],{"k":null},2.5])");
}

void TestValues::jsonText()
{
    QFETCH(QJsonValue, value);
    QFETCH(QByteArray, text);
    QCOMPARE(values::jsonText(value), text);
    QString why;
    const auto parsed = values::parseJsonText(text, &why);
    QVERIFY2(parsed, qPrintable(why));
    QCOMPARE(*parsed, value);
    // Blanks around and inside are fine.
    const auto spaced = values::parseJsonText(" \n" + text + " ", &why);
    QVERIFY2(spaced, qPrintable(why));
    QCOMPARE(*spaced, value);
}

void TestValues::malformedJsonText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("unclosed object") << QByteArray("{\"a\":1");
    QTest::newRow("unclosed array") << QByteArray("[1,");
    QTest::newRow("bare word") << QByteArray("tru");
    QTest::newRow("single quotes") << QByteArray("'a'");
    QTest::newRow("trailing garbage") << QByteArray("{} x");
    QTest::newRow("closing bracket") << QByteArray("1]");
    QTest::newRow("two values") << QByteArray("1,2");
    QTest::newRow("empty") << QByteArray();
}

void TestValues::malformedJsonText()
{
    QFETCH(QByteArray, text);
    QString why;
    QVERIFY(!values::parseJsonText(text, &why));
    QVERIFY2(why.startsWith(u"stored JSON is malformed: "_s), qPrintable(why));
    QVERIFY2(!why.contains(u"no error"_s), qPrintable(why));
}

// ---- equality ---------------------------------------------------------------------------------

void TestValues::equal_data()
{
    QTest::addColumn<QVariant>("a");
    QTest::addColumn<QVariant>("b");
    QTest::addColumn<bool>("equal");

    const QVariant null;
    QTest::newRow("NULL, NULL") << null << null << true;
    QTest::newRow("NULL, typed NULL")
        << null << typedNull(QMetaType::fromType<qlonglong>()) << true;
    QTest::newRow("typed NULLs of different types")
        << typedNull(QMetaType::fromType<QString>()) << typedNull(QMetaType::fromType<int>())
        << true;
    QTest::newRow("NULL, 0") << null << QVariant(qlonglong(0)) << false;
    QTest::newRow("0, NULL") << QVariant(qlonglong(0)) << null << false;
    QTest::newRow("NULL, false") << null << QVariant(false) << false;
    QTest::newRow("NULL, empty text") << null << QVariant(u""_s) << false;
    QTest::newRow("NULL, empty bytes") << null << QVariant(QByteArray("")) << false;
    QTest::newRow("same integer") << QVariant(qlonglong(5)) << QVariant(qlonglong(5)) << true;
    QTest::newRow("different integers")
        << QVariant(qlonglong(5)) << QVariant(qlonglong(6)) << false;
    QTest::newRow("same text, separate strings")
        << QVariant(u"ann"_s) << QVariant(QString::fromLatin1("ann")) << true;
    QTest::newRow("text differing in case") << QVariant(u"ann"_s) << QVariant(u"Ann"_s) << false;
    QTest::newRow("same real") << QVariant(0.1 + 0.2) << QVariant(0.1 + 0.2) << true;
    QTest::newRow("booleans") << QVariant(true) << QVariant(false) << false;
    QTest::newRow("same json object built differently")
        << json(QJsonObject{{u"a"_s, 1}, {u"b"_s, 2}})
        << json(QJsonObject{{u"b"_s, 2}, {u"a"_s, 1}}) << true;
    QTest::newRow("json objects differing in a value")
        << json(QJsonObject{{u"a"_s, 1}}) << json(QJsonObject{{u"a"_s, 2}}) << false;
    QTest::newRow("json arrays in another order")
        << json(QJsonArray{1, 2}) << json(QJsonArray{2, 1}) << false;
    QTest::newRow("same bytes") << QVariant(QByteArray("\x00\x01", 2))
                                << QVariant(QByteArray("\x00\x01", 2)) << true;
    QTest::newRow("bytes of different length")
        << QVariant(QByteArray("\x00", 1)) << QVariant(QByteArray("\x00\x00", 2)) << false;
    QTest::newRow("same datetime")
        << ts(2024, 3, 1, 9, 30, 0, 1000) << ts(2024, 3, 1, 9, 30, 0, 1000) << true;
    QTest::newRow("datetimes a millisecond apart")
        << ts(2024, 3, 1, 9, 30, 0, 1000) << ts(2024, 3, 1, 9, 30) << false;
}

void TestValues::equal()
{
    QFETCH(QVariant, a);
    QFETCH(QVariant, b);
    QFETCH(bool, equal);
    QCOMPARE(values::equal(a, b), equal);
    QCOMPARE(values::equal(b, a), equal);
}

// ---- SqlDialect -------------------------------------------------------------------------------

void TestValues::toSql_data()
{
    QTest::addColumn<int>("flavor");
    QTest::addColumn<int>("type");
    QTest::addColumn<QVariant>("canonical");
    QTest::addColumn<QVariant>("bound");

    const int sqlite = int(SqlFlavor::SQLite);
    const int pg = int(SqlFlavor::PostgreSQL);
    const QJsonObject object{{u"b"_s, QJsonArray{1, 2}}, {u"a"_s, u"x"_s}};
    auto both = [&](const char *tag, ColumnType type, const QVariant &canonical,
                    const QVariant &bound) {
        QTest::addRow("sqlite: %s", tag) << sqlite << int(type) << canonical << bound;
        QTest::addRow("postgresql: %s", tag) << pg << int(type) << canonical << bound;
    };

    QTest::newRow("sqlite: true as 1")
        << sqlite << int(ColumnType::Boolean) << QVariant(true) << QVariant(qlonglong(1));
    QTest::newRow("sqlite: false as 0")
        << sqlite << int(ColumnType::Boolean) << QVariant(false) << QVariant(qlonglong(0));
    QTest::newRow("postgresql: true")
        << pg << int(ColumnType::Boolean) << QVariant(true) << QVariant(true);
    QTest::newRow("postgresql: false")
        << pg << int(ColumnType::Boolean) << QVariant(false) << QVariant(false);
    QTest::newRow("sqlite: datetime as text")
        << sqlite << int(ColumnType::DateTime) << ts(2024, 3, 1, 9, 30)
        << QVariant(u"2024-03-01 09:30:00.000000"_s);
    QTest::newRow("sqlite: datetime with milliseconds")
        << sqlite << int(ColumnType::DateTime) << ts(2024, 3, 1, 9, 30, 5, 250000)
        << QVariant(u"2024-03-01 09:30:05.250000"_s);
    QTest::newRow("postgresql: datetime")
        << pg << int(ColumnType::DateTime) << ts(2024, 3, 1, 9, 30, 5, 250000)
        << QVariant(u"2024-03-01 09:30:05.250000"_s);

    both("json object as compact text", ColumnType::Json, json(object),
         QVariant(uR"({"a":"x","b":[1,2]})"_s));
    both("json array as text", ColumnType::Json, json(QJsonArray{1, u"a"_s}),
         QVariant(uR"([1,"a"])"_s));
    both("json string as text", ColumnType::Json, json(u"s"_s), QVariant(uR"("s")"_s));
    both("json number as text", ColumnType::Json, json(1.5), QVariant(u"1.5"_s));
    both("json boolean as text", ColumnType::Json, json(false), QVariant(u"false"_s));
    both("integer unchanged", ColumnType::Integer, QVariant(qlonglong(7)), QVariant(qlonglong(7)));
    both("real unchanged", ColumnType::Real, QVariant(2.5), QVariant(2.5));
    both("text unchanged", ColumnType::Text, QVariant(u"ann"_s), QVariant(u"ann"_s));
    both("blob unchanged", ColumnType::Blob, QVariant(QByteArray("\x00\xff", 2)),
         QVariant(QByteArray("\x00\xff", 2)));
    for (ColumnType type :
         {ColumnType::Integer, ColumnType::Real, ColumnType::Text, ColumnType::Boolean,
          ColumnType::Json, ColumnType::Blob, ColumnType::DateTime}) {
        const QByteArray name = columnTypeName(type).toLatin1();
        both(QByteArray("NULL " + name).constData(), type, QVariant(), QVariant());
    }
    // Typed nulls are NULL too, on the inline path for common types as well.
    both("typed null integer", ColumnType::Integer, QVariant(QMetaType::fromType<qlonglong>()),
         QVariant());
    both("typed null real", ColumnType::Real, QVariant(QMetaType::fromType<double>()), QVariant());
    both("typed null text", ColumnType::Text, QVariant(QMetaType::fromType<QString>()), QVariant());
    both("empty text stays text", ColumnType::Text, QVariant(u""_s), QVariant(u""_s));
    both("integer into a real column", ColumnType::Real, QVariant(qlonglong(3)),
         QVariant(qlonglong(3)));
}

void TestValues::toSql()
{
    QFETCH(int, flavor);
    QFETCH(int, type);
    QFETCH(QVariant, canonical);
    QFETCH(QVariant, bound);
    const SqlDialect dialect{SqlFlavor(flavor)};
    QCOMPARE(describe(dialect.toSql(makeColumn(ColumnType(type)), canonical)), describe(bound));
}

void TestValues::fromSql_data()
{
    QTest::addColumn<int>("flavor");
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QVariant>("raw");
    QTest::addColumn<QVariant>("expected");
    QTest::addColumn<QString>("why"); // when refused

    const int sqlite = int(SqlFlavor::SQLite);
    const int pg = int(SqlFlavor::PostgreSQL);
    auto row = [&](const char *tag, int flavor, ColumnType type, const QVariant &raw,
                   const QVariant &expected, const QString &why = {},
                   JsonKind kind = JsonKind::None) {
        QTest::newRow(tag) << flavor << int(type) << int(kind) << raw << expected << why;
    };

    row("integer", sqlite, ColumnType::Integer, QVariant(qlonglong(5)), QVariant(qlonglong(5)));
    row("integer from int", pg, ColumnType::Integer, QVariant(5), QVariant(qlonglong(5)));
    row("integer from text", sqlite, ColumnType::Integer, QVariant(u"-12"_s),
        QVariant(qlonglong(-12)));
    row("integer from non-numeric text", sqlite, ColumnType::Integer, QVariant(u"abc"_s),
        QVariant(), u"\"abc\" is not an integer"_s);
    row("integer from fractional text", sqlite, ColumnType::Integer, QVariant(u"1.5"_s), QVariant(),
        u"\"1.5\" is not an integer"_s);
    row("integer from a fractional real", sqlite, ColumnType::Integer, QVariant(1.5), QVariant(),
        u"1.5 is not a whole number"_s);
    row("real", sqlite, ColumnType::Real, QVariant(2.5), QVariant(2.5));
    row("real from an integer", sqlite, ColumnType::Real, QVariant(qlonglong(3)), QVariant(3.0));
    row("real from text", pg, ColumnType::Real, QVariant(u"0.25"_s), QVariant(0.25));
    row("real from non-numeric text", sqlite, ColumnType::Real, QVariant(u"x"_s), QVariant(),
        u"\"x\" is not a number"_s);
    row("text", sqlite, ColumnType::Text, QVariant(u"ann"_s), QVariant(u"ann"_s));

    row("sqlite boolean 1", sqlite, ColumnType::Boolean, QVariant(qlonglong(1)), QVariant(true));
    row("sqlite boolean 0", sqlite, ColumnType::Boolean, QVariant(qlonglong(0)), QVariant(false));
    row("postgresql boolean", pg, ColumnType::Boolean, QVariant(true), QVariant(true));
    row("boolean \"t\"", pg, ColumnType::Boolean, QVariant(u"t"_s), QVariant(true));
    row("boolean \"f\"", pg, ColumnType::Boolean, QVariant(u"f"_s), QVariant(false));
    row("boolean \"true\"", pg, ColumnType::Boolean, QVariant(u"true"_s), QVariant(true));
    row("boolean \"false\"", pg, ColumnType::Boolean, QVariant(u"false"_s), QVariant(false));
    row("boolean \"1\"", sqlite, ColumnType::Boolean, QVariant(u"1"_s), QVariant(true));
    row("boolean \"0\"", sqlite, ColumnType::Boolean, QVariant(u"0"_s), QVariant(false));

    row("json object", sqlite, ColumnType::Json, QVariant(uR"({"b": [1, 2], "a": "x"})"_s),
        json(QJsonObject{{u"a"_s, u"x"_s}, {u"b"_s, QJsonArray{1, 2}}}));
    row("json array", pg, ColumnType::Json, QVariant(u"[1, \"a\"]"_s), json(QJsonArray{1, u"a"_s}));
    row("json string", sqlite, ColumnType::Json, QVariant(uR"("s")"_s), json(u"s"_s));
    row("json number", sqlite, ColumnType::Json, QVariant(u"1.5"_s), json(1.5));
    row("json null text is NULL", sqlite, ColumnType::Json, QVariant(u"null"_s), QVariant());
    // Only the start of this reason is ours; the rest is QJsonParseError's.
    row("json malformed", sqlite, ColumnType::Json, QVariant(u"{\"a\":"_s), QVariant(),
        u"stored JSON is malformed: "_s);
    row("json array in a dict column", sqlite, ColumnType::Json, QVariant(u"[1]"_s), QVariant(),
        u"column \"c\" holds a JSON object"_s, JsonKind::Dict);

    row("blob", sqlite, ColumnType::Blob, QVariant(QByteArray("\x00\xff", 2)),
        QVariant(QByteArray("\x00\xff", 2)));

    row("sqlite datetime text", sqlite, ColumnType::DateTime,
        QVariant(u"2024-03-01 09:30:05.250000"_s), ts(2024, 3, 1, 9, 30, 5, 250000));
    row("sqlite datetime text without fraction", sqlite, ColumnType::DateTime,
        QVariant(u"2024-03-01 09:30:05"_s), ts(2024, 3, 1, 9, 30, 5));
    row("datetime with an offset keeps the wall clock", pg, ColumnType::DateTime,
        QVariant(QDateTime(QDate(2024, 3, 1), QTime(9, 30, 5, 250), Qt::OffsetFromUTC, -18000)),
        ts(2024, 3, 1, 9, 30, 5, 250000));
    row("datetime in a time zone keeps the wall clock", pg, ColumnType::DateTime,
        QVariant(QDateTime(QDate(2024, 3, 1), QTime(9, 30),
                           QTimeZone(QByteArrayLiteral("Europe/Berlin")))),
        ts(2024, 3, 1, 9, 30));
    row("local datetime keeps the wall clock", pg, ColumnType::DateTime,
        QVariant(QDateTime(QDate(2024, 3, 1), QTime(9, 30), Qt::LocalTime)), ts(2024, 3, 1, 9, 30));
    row("datetime garbage", sqlite, ColumnType::DateTime, QVariant(u"soon"_s), QVariant(),
        u"\"soon\" is not a date and time"_s);

    for (ColumnType type :
         {ColumnType::Integer, ColumnType::Real, ColumnType::Text, ColumnType::Boolean,
          ColumnType::Json, ColumnType::Blob, ColumnType::DateTime}) {
        const QByteArray name = columnTypeName(type).toLatin1();
        // QSqlQuery gives NULL as a null QVariant of the column's type.
        const QMetaType nullType = type == ColumnType::Integer ? QMetaType::fromType<qlonglong>()
                                                               : QMetaType::fromType<QString>();
        for (int flavor : {sqlite, pg}) {
            QTest::addRow("%s NULL (%s)", name.constData(), flavor == sqlite ? "sqlite" : "pg")
                << flavor << int(type) << int(JsonKind::None) << typedNull(nullType) << QVariant()
                << QString();
        }
    }
}

void TestValues::fromSql()
{
    QFETCH(int, flavor);
    QFETCH(int, type);
    QFETCH(int, kind);
    QFETCH(QVariant, raw);
    QFETCH(QVariant, expected);
    QFETCH(QString, why);

    const SqlDialect dialect{SqlFlavor(flavor)};
    QString reason;
    const auto value = dialect.fromSql(makeColumn(ColumnType(type), JsonKind(kind)), raw, &reason);
    if (why.isEmpty()) {
        QVERIFY2(value, qPrintable(reason));
        QCOMPARE(describe(*value), describe(expected));
    } else {
        QVERIFY2(!value, qPrintable(u"accepted as "_s + describe(value.value_or(QVariant()))));
        if (why.endsWith(u": "_s))
            QVERIFY2(reason.startsWith(why) && reason.size() > why.size(), qPrintable(reason));
        else
            QCOMPARE(reason, why);
    }
}

void TestValues::sqlRoundTrip_data()
{
    QTest::addColumn<int>("flavor");
    QTest::addColumn<int>("type");
    QTest::addColumn<QVariant>("canonical");

    const QList<std::pair<const char *, std::pair<ColumnType, QVariant>>> values{
        {"integer", {ColumnType::Integer, QVariant(qlonglong(-9007199254740991))}},
        {"real", {ColumnType::Real, QVariant(-0.125)}},
        {"text", {ColumnType::Text, QVariant(u"\u00e9 'quoted'"_s)}},
        {"true", {ColumnType::Boolean, QVariant(true)}},
        {"false", {ColumnType::Boolean, QVariant(false)}},
        {"json object", {ColumnType::Json, json(QJsonObject{{u"k"_s, QJsonArray{1, true}}})}},
        {"json scalar", {ColumnType::Json, json(u"s"_s)}},
        {"blob", {ColumnType::Blob, QVariant(QByteArray("\x00\x01\xfe", 3))}},
        {"datetime", {ColumnType::DateTime, ts(2024, 3, 1, 9, 30)}},
        {"datetime with ms", {ColumnType::DateTime, ts(1999, 12, 31, 23, 59, 59, 999000)}},
        {"NULL", {ColumnType::Text, QVariant()}},
    };
    for (const auto &[tag, value] : values) {
        QTest::addRow("sqlite: %s", tag)
            << int(SqlFlavor::SQLite) << int(value.first) << value.second;
        QTest::addRow("postgresql: %s", tag)
            << int(SqlFlavor::PostgreSQL) << int(value.first) << value.second;
    }
}

void TestValues::sqlRoundTrip()
{
    QFETCH(int, flavor);
    QFETCH(int, type);
    QFETCH(QVariant, canonical);
    const SqlDialect dialect{SqlFlavor(flavor)};
    const Column column = makeColumn(ColumnType(type));
    QString why;
    const auto back = dialect.fromSql(column, dialect.toSql(column, canonical), &why);
    QVERIFY2(back, qPrintable(why));
    QCOMPARE(describe(*back), describe(canonical));
}

void TestValues::sqliteStorageRoundTrip()
{
    // Through a real SQLite table: what the QSQLITE driver hands back converts to the same
    // canonical values.
    MappingBuilder builder;
    builder.entity(u"Row"_s, u"rows"_s)
        .column(u"id"_s, ColumnType::Integer)
        .primaryKey()
        .column(u"i"_s, ColumnType::Integer)
        .column(u"r"_s, ColumnType::Real)
        .column(u"t"_s, ColumnType::Text)
        .column(u"b"_s, ColumnType::Boolean)
        .column(u"j"_s, ColumnType::Json)
        .column(u"bl"_s, ColumnType::Blob)
        .column(u"dt"_s, ColumnType::DateTime);
    const MappingPtr mapping = builder.build();
    const EntityType &entity = *mapping->entity(u"Row");
    const SqlDialect sqlite(SqlFlavor::SQLite);

    const QList<QVariantList> rows{
        {QVariant(qlonglong(1)), QVariant(qlonglong(42)), QVariant(2.5), QVariant(u"ann"_s),
         QVariant(true), json(QJsonObject{{u"a"_s, QJsonArray{1, u"x"_s}}}),
         QVariant(QByteArray("\x00\xff\x10", 3)), ts(2024, 3, 1, 9, 30, 5, 250000)},
        {QVariant(qlonglong(2)), QVariant(qlonglong(-1)), QVariant(3.0), QVariant(u""_s),
         QVariant(false), json(u"text"_s), QVariant(QByteArray("")), ts(2024, 3, 1)},
        {QVariant(qlonglong(3)), QVariant(), QVariant(), QVariant(), QVariant(), QVariant(),
         QVariant(), QVariant()},
    };

    const QString connection = u"tst_values-sqlite"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(u":memory:"_s);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const QString &sql : createTableStatements(*mapping, sqlite))
            QVERIFY2(query.exec(sql), qPrintable(query.lastError().text()));
        QVERIFY(query.prepare(u"INSERT INTO \"rows\" VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s));
        for (const QVariantList &row : rows) {
            for (int c = 0; c < entity.columnCount(); ++c)
                query.addBindValue(sqlite.toSql(entity.column(c), row.at(c)));
            QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
        }
        // SQLite keeps what SQLAlchemy would write: 0/1 and text datetimes.
        QVERIFY(query.exec(u"SELECT \"b\", typeof(\"b\"), \"dt\", typeof(\"dt\"), \"j\" "
                           u"FROM \"rows\" ORDER BY \"id\""_s));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), u"1"_s);
        QCOMPARE(query.value(1).toString(), u"integer"_s);
        QCOMPARE(query.value(2).toString(), u"2024-03-01 09:30:05.250000"_s);
        QCOMPARE(query.value(3).toString(), u"text"_s);
        QCOMPARE(query.value(4).toString(), uR"({"a":[1,"x"]})"_s);

        QVERIFY(query.exec(u"SELECT * FROM \"rows\" ORDER BY \"id\""_s));
        for (const QVariantList &row : rows) {
            QVERIFY(query.next());
            for (int c = 0; c < entity.columnCount(); ++c) {
                QString why;
                const auto value = sqlite.fromSql(entity.column(c), query.value(c), &why);
                QVERIFY2(value, qPrintable(entity.column(c).name + u": "_s + why));
                QCOMPARE(describe(*value), describe(row.at(c)));
            }
        }
        QVERIFY(!query.next());
    }
    QSqlDatabase::database(connection, false).close();
    QSqlDatabase::removeDatabase(connection);
}

QTEST_GUILESS_MAIN(TestValues)

#include "tst_values.moc"
