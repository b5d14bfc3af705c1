#include "objectkey.h"

#include "mapping/values.h"
#include "support/variantinline.h"

#include <utility>

namespace sessionscope {

ObjectKey &ObjectKey::operator=(const ObjectKey &other)
{
    if (this == &other)
        return *this;
    clear();
    if (other.m_kind == Kind::Integer)
        m_integer = other.m_integer;
    else if (other.m_kind == Kind::Boxed)
        m_boxed = new QVariant(*other.m_boxed);
    m_kind = other.m_kind;
    return *this;
}

void ObjectKey::assignBoxed(std::span<const QVariant> values)
{
    if (values.empty())
        return;
    const QVariant &first = values.front();
    if (values.size() == 1 && variantIsValid(first) &&
        variantTypeId(first) != QMetaType::QVariantList)
        m_boxed = new QVariant(first);
    else
        m_boxed = new QVariant(QVariant::fromValue(QVariantList(values.begin(), values.end())));
    m_kind = Kind::Boxed;
}

qsizetype ObjectKey::size() const
{
    return visit([](std::span<const QVariant> values) { return qsizetype(values.size()); });
}

QVariant ObjectKey::operator[](qsizetype i) const
{
    return visit([i](std::span<const QVariant> values) { return values[size_t(i)]; });
}

QVariantList ObjectKey::toList() const
{
    return visit([](std::span<const QVariant> values) {
        return QVariantList(values.begin(), values.end());
    });
}

bool ObjectKey::equals(const QVariant *values, qsizetype count) const
{
    if (m_kind == Kind::Integer && count == 1 && values[0].typeId() == QMetaType::LongLong)
        return m_integer == *static_cast<const qlonglong *>(values[0].constData());
    return visit([values, count](std::span<const QVariant> mine) {
        if (qsizetype(mine.size()) != count)
            return false;
        for (qsizetype i = 0; i < count; ++i) {
            if (!(mine[size_t(i)] == values[i]))
                return false;
        }
        return true;
    });
}

bool operator==(const ObjectKey &a, const ObjectKey &b)
{
    if (a.m_kind == ObjectKey::Kind::Integer && b.m_kind == ObjectKey::Kind::Integer)
        return a.m_integer == b.m_integer;
    return b.visit([&a](std::span<const QVariant> values) {
        return a.equals(values.data(), qsizetype(values.size()));
    });
}

int ObjectKey::compare(std::span<const QVariant> values) const
{
    return visit(
        [values](std::span<const QVariant> mine) { return values::compareKeys(mine, values); });
}

int ObjectKey::compare(const ObjectKey &other) const
{
    if (m_kind == Kind::Integer && other.m_kind == Kind::Integer)
        return m_integer < other.m_integer ? -1 : (m_integer > other.m_integer ? 1 : 0);
    return other.visit([this](std::span<const QVariant> values) { return compare(values); });
}

size_t ObjectKey::hash(size_t seed) const
{
    if (m_kind == Kind::Integer) // values::hashValue() of a LongLong
        return ::qHash(m_integer, seed);
    return visit(
        [seed](std::span<const QVariant> parts) { return values::hashValues(parts, seed); });
}

} // namespace sessionscope
