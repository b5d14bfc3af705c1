#pragma once

#include <QList>
#include <QVariant>

#include <span>

namespace sessionscope {

// An object's identity key: the primary-key values it was flushed or loaded with. Most keys are
// one column, so a single value is held inline (one QVariant, no list, no allocation of its own);
// a composite key holds its list inside that QVariant. Empty means "no identity". A one-column key
// that the inline form cannot tell apart (a NULL, which is a key of a nullable column, or a value
// that is itself a list) is kept as a list of one.
class ObjectKey
{
public:
    ObjectKey() = default;
    explicit ObjectKey(std::span<const QVariant> values) { assign(values); }

    bool isEmpty() const { return !m_value.isValid(); }
    qsizetype size() const { return isEmpty() ? 0 : (isComposite() ? list().size() : 1); }
    const QVariant *begin() const { return isComposite() ? list().constData() : &m_value; }
    const QVariant *end() const { return begin() + size(); }
    const QVariant &operator[](qsizetype i) const { return begin()[i]; }

    // The key's one value when it is a single 64-bit integer (the usual generated key): keys
    // compare and sort without going through QVariant.
    const qlonglong *asInteger() const
    {
        return m_value.typeId() == QMetaType::LongLong
                   ? static_cast<const qlonglong *>(m_value.constData())
                   : nullptr;
    }

    void assign(std::span<const QVariant> values);
    void clear() { m_value = QVariant(); }
    QVariantList toList() const;

    // Element-wise QVariant equality, as QVariantList's.
    bool equals(const QVariant *values, qsizetype count) const;
    bool operator==(const QVariantList &values) const
    {
        return equals(values.constData(), values.size());
    }
    friend bool operator==(const ObjectKey &a, const ObjectKey &b)
    {
        return a.equals(b.begin(), b.size());
    }

private:
    // assign() keeps a list in m_value whenever the inline form would be ambiguous.
    bool isComposite() const { return m_value.typeId() == QMetaType::QVariantList; }
    const QVariantList &list() const
    {
        return *static_cast<const QVariantList *>(m_value.constData());
    }

    QVariant m_value;
};

} // namespace sessionscope
