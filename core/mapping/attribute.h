#pragma once

#include "mapping.h"
#include "timestamp.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonValue>
#include <QString>
#include <QVariant>

#include <optional>
#include <type_traits>

namespace sessionscope {

// How a C++ type reads and writes a column's canonical value (values.h). A type the traits do not
// know cannot make a handle: the mapping refuses it where the handle is made.
template<typename T>
struct ColumnTraits;

namespace detail {
template<ColumnType Type, bool NullIsValue = false>
struct ColumnTraitsOf
{
    static constexpr ColumnType type = Type;
    // Whether the type itself can say NULL (a null QString), so no std::optional is needed.
    static constexpr bool nullable = NullIsValue;
};
// Thrown by get() for a NULL read into a type that cannot hold it.
[[noreturn]] void throwNullRead(const EntityType &entity, int column, const char *typeName);
} // namespace detail

template<>
struct ColumnTraits<qint64> : detail::ColumnTraitsOf<ColumnType::Integer>
{
    static qint64 read(const QVariant &v) { return v.toLongLong(); }
    static QVariant write(qint64 v) { return QVariant(qlonglong(v)); }
    static constexpr const char *name = "qint64";
};
template<>
struct ColumnTraits<int> : detail::ColumnTraitsOf<ColumnType::Integer>
{
    static int read(const QVariant &v) { return v.toInt(); }
    static QVariant write(int v) { return QVariant(qlonglong(v)); }
    static constexpr const char *name = "int";
};
template<>
struct ColumnTraits<double> : detail::ColumnTraitsOf<ColumnType::Real>
{
    static double read(const QVariant &v) { return v.toDouble(); }
    static QVariant write(double v) { return QVariant(v); }
    static constexpr const char *name = "double";
};
template<>
struct ColumnTraits<bool> : detail::ColumnTraitsOf<ColumnType::Boolean>
{
    static bool read(const QVariant &v) { return v.toBool(); }
    static QVariant write(bool v) { return QVariant(v); }
    static constexpr const char *name = "bool";
};
template<>
struct ColumnTraits<QString> : detail::ColumnTraitsOf<ColumnType::Text, true>
{
    static QString read(const QVariant &v) { return v.toString(); } // NULL: a null QString
    static QVariant write(const QString &v) { return v.isNull() ? QVariant() : QVariant(v); }
    static constexpr const char *name = "QString";
};
template<>
struct ColumnTraits<QByteArray> : detail::ColumnTraitsOf<ColumnType::Blob, true>
{
    static QByteArray read(const QVariant &v) { return v.toByteArray(); }
    static QVariant write(const QByteArray &v) { return v.isNull() ? QVariant() : QVariant(v); }
    static constexpr const char *name = "QByteArray";
};
template<>
struct ColumnTraits<QJsonValue> : detail::ColumnTraitsOf<ColumnType::Json, true>
{
    // SQL NULL and JSON null are one value in a json column.
    static QJsonValue read(const QVariant &v)
    {
        return v.isValid() ? v.toJsonValue() : QJsonValue(QJsonValue::Null);
    }
    static QVariant write(const QJsonValue &v) { return v.isNull() ? QVariant() : QVariant(v); }
    static constexpr const char *name = "QJsonValue";
};
template<>
struct ColumnTraits<Timestamp> : detail::ColumnTraitsOf<ColumnType::DateTime>
{
    static Timestamp read(const QVariant &v) { return v.value<Timestamp>(); }
    static QVariant write(const Timestamp &v) { return QVariant::fromValue(v); }
    static constexpr const char *name = "Timestamp";
};
template<>
struct ColumnTraits<QDateTime> : detail::ColumnTraitsOf<ColumnType::DateTime, true>
{
    // The wall-clock reading, as Qt::UTC (naive datetimes keep no zone); milliseconds.
    static QDateTime read(const QVariant &v)
    {
        return v.isValid() ? v.value<Timestamp>().toDateTime() : QDateTime();
    }
    static QVariant write(const QDateTime &v)
    {
        return v.isValid() ? QVariant::fromValue(Timestamp::fromDateTime(v)) : QVariant();
    }
    static constexpr const char *name = "QDateTime";
};
// Any of the above that may be NULL.
template<typename T>
struct ColumnTraits<std::optional<T>> : detail::ColumnTraitsOf<ColumnTraits<T>::type, true>
{
    static std::optional<T> read(const QVariant &v)
    {
        return v.isValid() ? std::optional<T>(ColumnTraits<T>::read(v)) : std::nullopt;
    }
    static QVariant write(const std::optional<T> &v)
    {
        return v ? ColumnTraits<T>::write(*v) : QVariant();
    }
    static constexpr const char *name = "std::optional";
};

// A column of an entity, resolved once from the mapping and checked against the C++ type that
// reads and writes it, so that calls through it need neither a name lookup nor a type check:
//
//     const Attribute<QString> name = mapping.attribute<QString>(u"User", u"name");
//     ann.set(name, u"ann"_s);
//     QString n = ann.get(name);
//
// Made by attributeOf() (or Mapping's template of the same job); a handle made for another
// entity than the object's is refused at the call.
template<typename T>
class Attribute
{
public:
    using Traits = ColumnTraits<T>;

    const EntityType &entity() const { return *m_entity; }
    int index() const { return m_index; }
    const Column &column() const { return m_entity->column(m_index); }

private:
    template<typename U>
    friend Attribute<U> attributeOf(const Mapping &mapping, QStringView entity, QStringView name);
    Attribute(const EntityType *entity, int index)
        : m_entity(entity)
        , m_index(index)
    {}

    const EntityType *m_entity;
    int m_index;
};

namespace detail {
// The column's index, or an InvalidRequest SessionError naming what does not fit.
int resolveColumn(const Mapping &mapping, QStringView entity, QStringView name, ColumnType type,
                  const char *typeName, const EntityType **found);
} // namespace detail

// The handle of `entity`'s column `name`, read and written as T: unknown names, relationships,
// and a T that does not hold the column's type are refused here, as InvalidRequest.
template<typename T>
Attribute<T> attributeOf(const Mapping &mapping, QStringView entity, QStringView name)
{
    const EntityType *type = nullptr;
    const int index = detail::resolveColumn(mapping, entity, name, ColumnTraits<T>::type,
                                            ColumnTraits<T>::name, &type);
    return Attribute<T>(type, index);
}

template<typename T>
Attribute<T> Mapping::attribute(QStringView entity, QStringView name) const
{
    return attributeOf<T>(*this, entity, name);
}

} // namespace sessionscope
