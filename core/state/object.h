#pragma once

#include "history.h"
#include "mapping/attribute.h"
#include "objectstate.h"

#include <QList>
#include <QVariant>

namespace sessionscope {

// A handle to a mapped object: what applications hold. Copies refer to the same object (like a
// pointer, so a const handle still allows changing the object). A handle keeps the object and
// the pool it lives in valid even after its session is destroyed.
//
// Attribute access goes through the object's session like attribute access on a SQLAlchemy
// instance: reading an unloaded attribute loads it, assigning records History and back-populates.
// Errors are SessionError (an unknown attribute or a value of the wrong type is InvalidRequest).
class Object
{
public:
    Object() noexcept = default;
    explicit Object(ObjectState *state) noexcept;
    Object(const Object &other) noexcept;
    Object(Object &&other) noexcept;
    Object &operator=(Object other) noexcept;
    ~Object();

    bool isNull() const { return m_state == nullptr; }
    explicit operator bool() const { return m_state != nullptr; }
    ObjectState *state() const { return m_state; }
    const EntityType &entity() const { return m_state->entity(); }
    Lifecycle lifecycle() const { return m_state->lifecycle(); }

    // Column values (canonical: see values.h). get() loads when needed.
    QVariant get(QStringView attribute) const;
    void set(QStringView attribute, const QVariant &value) const;
    // The same through a typed handle (attribute.h): no name to look up, no type to check. A
    // NULL read into a type that cannot hold it (qint64 rather than std::optional<qint64>) is
    // an InvalidRequest.
    template<typename T>
    T get(const Attribute<T> &attribute) const
    {
        const QVariant value = columnValue(attribute.entity(), attribute.index());
        if constexpr (!ColumnTraits<T>::nullable) {
            if (!value.isValid())
                detail::throwNullRead(attribute.entity(), attribute.index(), ColumnTraits<T>::name);
        }
        return ColumnTraits<T>::read(value);
    }
    template<typename T>
    void set(const Attribute<T> &attribute, const std::type_identity_t<T> &value) const
    {
        setColumn(attribute.entity(), attribute.index(), ColumnTraits<T>::write(value));
    }

    // Relationships.
    Object reference(QStringView attribute) const;
    void setReference(QStringView attribute, const Object &target) const;
    QList<Object> collection(QStringView attribute) const;
    void setCollection(QStringView attribute, const QList<Object> &members) const;
    void append(QStringView attribute, const Object &member) const;
    void remove(QStringView attribute, const Object &member) const;

    // Inspection, never loading.
    bool isLoaded(QStringView attribute) const;
    History history(QStringView attribute) const;

    friend bool operator==(const Object &a, const Object &b) { return a.m_state == b.m_state; }

private:
    int attributeIndex(QStringView name, int kind) const;
    // get() and set() of column `index`, for a handle of `entity`.
    QVariant columnValue(const EntityType &entity, int index) const;
    void setColumn(const EntityType &entity, int index, const QVariant &value) const;
    void assign(int index, const QVariant &value) const;

    ObjectState *m_state = nullptr;
};

size_t qHash(const Object &object, size_t seed = 0);

} // namespace sessionscope

// A handle is one pointer, its state's handle count unaffected by where it lives: a list of
// handles grows by moving memory, not by constructing and destroying each one.
Q_DECLARE_TYPEINFO(sessionscope::Object, Q_RELOCATABLE_TYPE);
Q_DECLARE_METATYPE(sessionscope::Object)
