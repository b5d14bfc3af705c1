#pragma once

#include "support/variantinline.h"

#include <QList>
#include <QVariant>

#include <span>
#include <utility>

namespace sessionscope {

// An object's identity key: the primary-key values it was flushed or loaded with. Every object
// holds one, so it is kept to 16 bytes: the usual key, one 64-bit integer (a generated key), is
// the integer itself, and any other key is boxed in a QVariant on the heap, holding the value
// or, for a composite key (or a one-column key the single form cannot tell apart: a NULL, or a
// value that is itself a list), the list of values. Empty means "no identity".
class ObjectKey
{
public:
    ObjectKey() = default;
    explicit ObjectKey(std::span<const QVariant> values) { assign(values); }
    ObjectKey(const ObjectKey &other) { *this = other; }
    ObjectKey(ObjectKey &&other) noexcept { take(other); }
    ObjectKey &operator=(const ObjectKey &other);
    ObjectKey &operator=(ObjectKey &&other) noexcept
    {
        if (this != &other) {
            clear();
            take(other);
        }
        return *this;
    }
    ~ObjectKey() { clear(); }

    bool isEmpty() const { return m_kind == Kind::Empty; }
    qsizetype size() const;
    QVariant operator[](qsizetype i) const;

    // The key's one value when it is a single 64-bit integer: keys compare, sort and hash
    // without going through QVariant.
    const qlonglong *asInteger() const { return m_kind == Kind::Integer ? &m_integer : nullptr; }

    void assign(std::span<const QVariant> values)
    {
        clear();
        // The usual key, inline: every loaded row's key is made this way.
        if (values.size() == 1 && variantTypeId(values.front()) == QMetaType::LongLong) {
            m_integer = *static_cast<const qlonglong *>(values.front().constData());
            m_kind = Kind::Integer;
            return;
        }
        assignBoxed(values);
    }
    void clear()
    {
        if (m_kind == Kind::Boxed)
            delete m_boxed;
        m_kind = Kind::Empty;
    }
    QVariantList toList() const;

    // Calls f(std::span<const QVariant>) with the values (an integer key's made for the call).
    template<typename F>
    decltype(auto) visit(F &&f) const
    {
        switch (m_kind) {
        case Kind::Empty:
            return f(std::span<const QVariant>());
        case Kind::Integer: {
            const QVariant value(m_integer);
            return f(std::span<const QVariant>(&value, 1));
        }
        case Kind::Boxed:
            break;
        }
        if (m_boxed->typeId() == QMetaType::QVariantList) {
            const auto &list = *static_cast<const QVariantList *>(m_boxed->constData());
            return f(std::span<const QVariant>(list.constData(), size_t(list.size())));
        }
        return f(std::span<const QVariant>(m_boxed, 1));
    }

    // Element-wise QVariant equality, as QVariantList's.
    bool equals(const QVariant *values, qsizetype count) const;
    bool operator==(const QVariantList &values) const
    {
        return equals(values.constData(), values.size());
    }
    friend bool operator==(const ObjectKey &a, const ObjectKey &b);
    // values::compareKeys() order.
    int compare(std::span<const QVariant> values) const;
    int compare(const ObjectKey &other) const;
    // values::hashValues() of the key's values, as IdentityMap hashes a key given as values.
    size_t hash(size_t seed) const;

private:
    // assign() of any key but a single integer, this one being empty.
    void assignBoxed(std::span<const QVariant> values);
    // Moves `other`'s key here, this one being empty; `other` becomes empty. Inline: every
    // loaded row's key moves a few times on its way into its object.
    void take(ObjectKey &other)
    {
        if (other.m_kind == Kind::Boxed)
            m_boxed = other.m_boxed;
        else if (other.m_kind == Kind::Integer)
            m_integer = other.m_integer;
        m_kind = std::exchange(other.m_kind, Kind::Empty);
    }

    enum class Kind : quint8 { Empty, Integer, Boxed };
    union {
        qlonglong m_integer;
        QVariant *m_boxed;
    };
    Kind m_kind = Kind::Empty;
};

} // namespace sessionscope
