#include "values.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace sessionscope::values {

namespace {

QString typeLabel(const QVariant &value)
{
    return QString::fromLatin1(value.typeName() ? value.typeName() : "null");
}

std::optional<QVariant> coerceInteger(const QVariant &value, QString *why)
{
    switch (value.typeId()) {
    case QMetaType::LongLong:
        return value;
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar:
        return QVariant(value.toLongLong());
    case QMetaType::ULongLong:
    case QMetaType::ULong:
        if (value.toULongLong() <= quint64(std::numeric_limits<qint64>::max()))
            return QVariant(value.toLongLong());
        break;
    case QMetaType::Double:
    case QMetaType::Float: {
        const double d = value.toDouble();
        if (std::isfinite(d) && d == std::floor(d) && std::abs(d) < 9.007199254740992e15)
            return QVariant(qlonglong(d));
        *why = QStringLiteral("%1 is not a whole number").arg(d);
        return std::nullopt;
    }
    default:
        break;
    }
    *why = QStringLiteral("an integer column cannot hold a %1").arg(typeLabel(value));
    return std::nullopt;
}

std::optional<QVariant> coerceReal(const QVariant &value, QString *why)
{
    switch (value.typeId()) {
    case QMetaType::Double:
        return value;
    case QMetaType::Float:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
    case QMetaType::Long:
    case QMetaType::ULong:
        return QVariant(value.toDouble());
    default:
        *why = QStringLiteral("a real column cannot hold a %1").arg(typeLabel(value));
        return std::nullopt;
    }
}

std::optional<QVariant> coerceBoolean(const QVariant &value, QString *why)
{
    if (value.typeId() == QMetaType::Bool)
        return value;
    bool isInteger = false;
    switch (value.typeId()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong:
        isInteger = true;
        break;
    default:
        break;
    }
    if (isInteger && (value.toLongLong() == 0 || value.toLongLong() == 1))
        return QVariant(value.toLongLong() == 1);
    *why = QStringLiteral("a boolean column takes true, false or null, not %1")
               .arg(value.typeId() == QMetaType::QString ? u'"' + value.toString() + u'"'
                    : value.toString().isEmpty()         ? typeLabel(value)
                                                         : value.toString());
    return std::nullopt;
}

std::optional<QVariant> coerceJson(const Column &column, const QVariant &value, QString *why)
{
    QJsonValue json;
    if (value.typeId() == QMetaType::QJsonValue)
        json = value.toJsonValue();
    else if (value.typeId() == QMetaType::QJsonObject)
        json = value.toJsonObject();
    else if (value.typeId() == QMetaType::QJsonArray)
        json = value.toJsonArray();
    else
        json = QJsonValue::fromVariant(value);
    const bool givenAsJson = value.typeId() == QMetaType::QJsonValue ||
                             value.typeId() == QMetaType::QJsonObject ||
                             value.typeId() == QMetaType::QJsonArray;
    // fromVariant() gives Null (not Undefined) for types it cannot convert, so a null that did
    // not come in as JSON means "not JSON".
    if (json.isUndefined() || (json.isNull() && !givenAsJson)) {
        *why = QStringLiteral("a %1 is not a JSON value").arg(typeLabel(value));
        return std::nullopt;
    }
    if (json.isNull())
        return QVariant();
    if (column.jsonKind == JsonKind::Dict && !json.isObject()) {
        *why = QStringLiteral("column \"%1\" holds a JSON object").arg(column.name);
        return std::nullopt;
    }
    if (column.jsonKind == JsonKind::List && !json.isArray()) {
        *why = QStringLiteral("column \"%1\" holds a JSON array").arg(column.name);
        return std::nullopt;
    }
    return QVariant(json);
}

std::optional<QVariant> coerceDateTime(const QVariant &value, QString *why)
{
    Timestamp timestamp;
    if (value.metaType() == QMetaType::fromType<Timestamp>())
        timestamp = value.value<Timestamp>();
    else if (value.typeId() == QMetaType::QDateTime)
        timestamp = Timestamp::fromDateTime(value.toDateTime()); // the wall clock; zone dropped
    else if (value.typeId() == QMetaType::QString)
        timestamp = Timestamp::parse(value.toString());
    else if (value.typeId() == QMetaType::QDate)
        timestamp = Timestamp(value.toDate(), 0);
    if (!timestamp.isValid()) {
        *why = QStringLiteral("%1 is not an ISO 8601 date and time")
                   .arg(value.typeId() == QMetaType::QString ? u'"' + value.toString() + u'"'
                                                             : typeLabel(value));
        return std::nullopt;
    }
    return QVariant::fromValue(timestamp);
}

} // namespace

std::optional<QVariant> coerce(const Column &column, const QVariant &value, QString *why)
{
    if (!value.isValid() || value.isNull())
        return QVariant();
    switch (column.type) {
    case ColumnType::Integer:
        return coerceInteger(value, why);
    case ColumnType::Real:
        return coerceReal(value, why);
    case ColumnType::Text:
        if (value.typeId() == QMetaType::QString)
            return value;
        *why = QStringLiteral("a text column cannot hold a %1").arg(typeLabel(value));
        return std::nullopt;
    case ColumnType::Boolean:
        return coerceBoolean(value, why);
    case ColumnType::Json:
        return coerceJson(column, value, why);
    case ColumnType::Blob:
        if (value.typeId() == QMetaType::QByteArray)
            return value;
        *why = QStringLiteral("a blob column cannot hold a %1").arg(typeLabel(value));
        return std::nullopt;
    case ColumnType::DateTime:
        return coerceDateTime(value, why);
    }
    return std::nullopt;
}

std::optional<QVariant> fromJson(const Column &column, const QJsonValue &json, QString *why)
{
    if (json.isNull())
        return QVariant();
    switch (column.type) {
    case ColumnType::Json:
        return coerceJson(column, QVariant(json), why);
    case ColumnType::Blob: {
        if (!json.isString()) {
            *why = QStringLiteral("a blob value is base64 text");
            return std::nullopt;
        }
        const auto decoded = QByteArray::fromBase64Encoding(
            json.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            *why = QStringLiteral("\"%1\" is not valid base64").arg(json.toString());
            return std::nullopt;
        }
        return QVariant(*decoded);
    }
    case ColumnType::Integer:
        if (json.isDouble())
            return coerceInteger(QVariant(json.toDouble()), why);
        break;
    case ColumnType::Real:
        if (json.isDouble())
            return QVariant(json.toDouble());
        break;
    case ColumnType::Boolean:
        if (json.isBool())
            return QVariant(json.toBool());
        break;
    case ColumnType::Text:
        if (json.isString())
            return QVariant(json.toString());
        break;
    case ColumnType::DateTime:
        if (json.isString())
            return coerceDateTime(QVariant(json.toString()), why);
        break;
    }
    *why = QStringLiteral("column \"%1\" (%2) cannot hold %3")
               .arg(column.name, columnTypeName(column.type), QString::fromUtf8(jsonText(json)));
    return std::nullopt;
}

QJsonValue toJson(const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return QJsonValue(QJsonValue::Null);
    switch (value.typeId()) {
    case QMetaType::LongLong:
        return QJsonValue(value.toLongLong());
    case QMetaType::Double:
        return QJsonValue(value.toDouble());
    case QMetaType::Bool:
        return QJsonValue(value.toBool());
    case QMetaType::QString:
        return QJsonValue(value.toString());
    case QMetaType::QJsonValue:
        return value.toJsonValue();
    case QMetaType::QByteArray:
        return QJsonValue(QString::fromLatin1(value.toByteArray().toBase64()));
    default:
        if (value.metaType() == QMetaType::fromType<Timestamp>())
            return QJsonValue(value.value<Timestamp>().toIsoString());
        return QJsonValue::fromVariant(value);
    }
}

bool equal(const QVariant &a, const QVariant &b)
{
    if (a.typeId() == QMetaType::LongLong && b.typeId() == QMetaType::LongLong)
        return *static_cast<const qlonglong *>(a.constData()) ==
               *static_cast<const qlonglong *>(b.constData());
    const bool aNull = !a.isValid() || a.isNull();
    const bool bNull = !b.isValid() || b.isNull();
    if (aNull || bNull)
        return aNull == bNull;
    return a == b;
}

int compare(const QVariant &a, const QVariant &b)
{
    if (a.typeId() == QMetaType::LongLong && b.typeId() == QMetaType::LongLong) {
        // The common case (integer keys), without conversions.
        const qlonglong x = *static_cast<const qlonglong *>(a.constData());
        const qlonglong y = *static_cast<const qlonglong *>(b.constData());
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    const bool aNull = !a.isValid() || a.isNull();
    const bool bNull = !b.isValid() || b.isNull();
    if (aNull || bNull)
        return int(bNull) - int(aNull) < 0 ? 1 : (aNull == bNull ? 0 : -1);
    auto numeric = [](const QVariant &v) {
        return v.typeId() == QMetaType::LongLong || v.typeId() == QMetaType::Double ||
               v.typeId() == QMetaType::Bool;
    };
    if (numeric(a) && numeric(b)) {
        const double x = a.toDouble();
        const double y = b.toDouble();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (a.metaType() != b.metaType())
        return a.metaType().id() < b.metaType().id() ? -1 : 1;
    if (a.metaType() == QMetaType::fromType<Timestamp>()) {
        const auto order = a.value<Timestamp>() <=> b.value<Timestamp>();
        return order < 0 ? -1 : (order > 0 ? 1 : 0);
    }
    if (a.typeId() == QMetaType::QByteArray)
        return a.toByteArray() < b.toByteArray() ? -1
                                                 : (a.toByteArray() == b.toByteArray() ? 0 : 1);
    return QString::compare(a.toString(), b.toString());
}

int compareKeys(std::span<const QVariant> a, std::span<const QVariant> b)
{
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
        if (const int c = compare(a[i], b[i]); c != 0)
            return c;
    }
    return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

size_t hashValue(const QVariant &value, size_t seed)
{
    // The stored value itself for the common types: hashing comes before any conversion.
    switch (value.typeId()) {
    case QMetaType::LongLong:
        return ::qHash(*static_cast<const qlonglong *>(value.constData()), seed);
    case QMetaType::Double:
        return ::qHash(*static_cast<const double *>(value.constData()), seed);
    case QMetaType::Bool:
        return ::qHash(*static_cast<const bool *>(value.constData()), seed);
    case QMetaType::QString:
        return ::qHash(*static_cast<const QString *>(value.constData()), seed);
    case QMetaType::QByteArray:
        return ::qHash(value.toByteArray(), seed);
    default:
        if (value.metaType() == QMetaType::fromType<Timestamp>())
            return sessionscope::qHash(value.value<Timestamp>(), seed);
        return ::qHash(value.toString(), seed);
    }
}

size_t hashValues(std::span<const QVariant> values, size_t seed)
{
    for (const QVariant &value : values)
        seed = hashValue(value, seed);
    return seed;
}

QByteArray jsonText(const QJsonValue &value)
{
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    // Scalars: serialise inside an array and strip the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

std::optional<QJsonValue> parseJsonText(const QByteArray &text, QString *why)
{
    QJsonParseError error;
    const QByteArray wrapped = '[' + text + ']';
    const QJsonDocument document = QJsonDocument::fromJson(wrapped, &error);
    if (error.error != QJsonParseError::NoError) {
        *why = QStringLiteral("stored JSON is malformed: %1").arg(error.errorString());
        return std::nullopt;
    }
    if (document.array().size() != 1) {
        *why = QStringLiteral("stored JSON is malformed: expected exactly one JSON value");
        return std::nullopt;
    }
    return document.array().at(0);
}

} // namespace sessionscope::values
