#pragma once

#include "column.h"
#include "support/variantinline.h"
#include "timestamp.h"

#include <QJsonValue>
#include <QVariant>

#include <optional>
#include <span>

namespace sessionscope::values {

// Every column value is held in one canonical form per type, so that comparisons (History, "no
// net change") are exact and SQL binding is uniform:
//   integer -> qlonglong, real -> double, text -> QString, boolean -> bool,
//   json -> QJsonValue, blob -> QByteArray, datetime -> Timestamp (naive, microseconds)
// SQL NULL / None is an invalid QVariant.

// Whether `value` is already canonical for the column, told without a call: an integer, real or
// text of the column's own type (a typed null is not; it becomes an invalid QVariant), or NULL.
// What applications assign and drivers return most of the time.
inline bool isCanonical(const Column &column, const QVariant &value)
{
    if (!variantIsValid(value))
        return true;
    const int type = variantTypeId(value);
    const bool sameType = (column.type == ColumnType::Integer && type == QMetaType::LongLong) ||
                          (column.type == ColumnType::Real && type == QMetaType::Double) ||
                          (column.type == ColumnType::Text && type == QMetaType::QString);
    // isNull() of these types, which hold no pointer, is the flag; read without a call.
    return sameType && !value.data_ptr().is_null;
}

// Converts an assigned value to the canonical form; nullopt (and *why) when it does not fit.
std::optional<QVariant> coerce(const Column &column, const QVariant &value, QString *why);

// A scenario value (JSON) for the column; nullopt (and *why) when it does not fit.
std::optional<QVariant> fromJson(const Column &column, const QJsonValue &json, QString *why);

// The JSON form used by scenarios' --states and by traces.
QJsonValue toJson(const QVariant &canonical);

// Equality as History uses it: SQL values compare by value, NULL equals NULL.
bool equal(const QVariant &a, const QVariant &b);
// Orders canonical values like Python orders them (for primary keys): NULL first, numbers by
// value, then by type; <0, 0 or >0.
int compare(const QVariant &a, const QVariant &b);
int compareKeys(std::span<const QVariant> a, std::span<const QVariant> b);
// Hash consistent with equal() for canonical key values.
size_t hashValue(const QVariant &value, size_t seed);
// hashValue() of each value in turn, each seeding the next (a key of several columns).
size_t hashValues(std::span<const QVariant> values, size_t seed);

// Compact JSON text of any JSON value (objects, arrays and scalars alike).
QByteArray jsonText(const QJsonValue &value);
std::optional<QJsonValue> parseJsonText(const QByteArray &text, QString *why);

} // namespace sessionscope::values
