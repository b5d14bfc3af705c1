#include "object.h"

#include "attributes.h"
#include "events/sessionlistener.h"
#include "mapping/values.h"
#include "objectpool.h"
#include "statecontext.h"
#include "support/error.h"

namespace sessionscope {

namespace {

enum AttributeKind { AnyKind, ColumnKind, ReferenceKind, CollectionKind };

// Runs an attribute operation as one session operation, so listeners see it bracketed.
template<typename F>
auto asOperation(ObjectState *state, OperationKind kind, int attribute, F &&f)
{
    StateContext *context = state->pool()->context();
    if (!context)
        return f();
    OperationInfo info;
    info.kind = kind;
    info.object = state;
    info.attribute = attribute;
    context->beginOperation(info);
    try {
        if constexpr (std::is_void_v<decltype(f())>) {
            f();
            context->endOperation(nullptr);
        } else {
            auto result = f();
            context->endOperation(nullptr);
            return result;
        }
    } catch (const SessionError &error) {
        context->endOperation(&error);
        throw;
    } catch (...) {
        context->endOperation(nullptr);
        throw;
    }
}

ObjectState *stateOf(const Object &object)
{
    return object.state();
}

} // namespace

Object::Object(ObjectState *state) noexcept
    : m_state(state)
{
    if (m_state) {
        m_state->pool()->retain();
        ++m_state->m_handles;
    }
}

Object::Object(const Object &other) noexcept
    : Object(other.m_state)
{}

Object::Object(Object &&other) noexcept
    : m_state(std::exchange(other.m_state, nullptr))
{}

Object &Object::operator=(Object other) noexcept
{
    std::swap(m_state, other.m_state);
    return *this;
}

Object::~Object()
{
    if (m_state) {
        --m_state->m_handles;
        m_state->pool()->release();
    }
}

int Object::attributeIndex(QStringView name, int kind) const
{
    if (!m_state)
        throwInvalidRequest(QStringLiteral("attribute \"%1\" of a null object").arg(name));
    const EntityType &entity = m_state->entity();
    const int index = entity.attributeIndex(name);
    if (index < 0)
        throwInvalidRequest(
            QStringLiteral("%1 has no attribute \"%2\"").arg(entity.name(), name.toString()));
    const bool ok =
        kind == AnyKind || (kind == ColumnKind && entity.isColumn(index)) ||
        (kind == ReferenceKind && entity.isRelationship(index) && !entity.isCollection(index)) ||
        (kind == CollectionKind && entity.isCollection(index));
    if (!ok) {
        const char *what = entity.isColumn(index)       ? "a column"
                           : entity.isCollection(index) ? "a collection"
                                                        : "a reference";
        throwInvalidRequest(
            QStringLiteral("%1.%2 is %3").arg(entity.name(), name.toString(), QLatin1String(what)));
    }
    return index;
}

QVariant Object::get(QStringView attribute) const
{
    const int index = attributeIndex(attribute, ColumnKind);
    return asOperation(m_state, OperationKind::Read, index,
                       [&] { return attributes::value(*m_state, index); });
}

void Object::set(QStringView attribute, const QVariant &value) const
{
    assign(attributeIndex(attribute, ColumnKind), value);
}

void Object::assign(int index, const QVariant &value) const
{
    const Column &column = m_state->entity().column(index);
    std::optional<QVariant> coerced; // only when there is something to convert
    if (!values::isCanonical(column, value)) {
        QString why;
        coerced = values::coerce(column, value, &why);
        if (!coerced)
            throwInvalidRequest(
                QStringLiteral("%1.%2: %3").arg(m_state->entity().name(), column.name, why));
    }
    const QVariant &assigned = coerced ? *coerced : value;
    asOperation(m_state, OperationKind::Set, index,
                [&] { attributes::set(*m_state, index, assigned); });
}

namespace {

void checkHandle(const ObjectState *state, const EntityType &entity, int index)
{
    if (!state)
        throwInvalidRequest(QStringLiteral("a null object has no attributes"));
    if (&state->entity() != &entity)
        throwInvalidRequest(QStringLiteral("%1 is a %2, but the attribute is %3.%4")
                                .arg(describeObject(*state), state->entity().name(), entity.name(),
                                     entity.column(index).name));
}

} // namespace

QVariant Object::columnValue(const EntityType &entity, int index) const
{
    checkHandle(m_state, entity, index);
    return asOperation(m_state, OperationKind::Read, index,
                       [&] { return attributes::value(*m_state, index); });
}

void Object::setColumn(const EntityType &entity, int index, const QVariant &value) const
{
    checkHandle(m_state, entity, index);
    assign(index, value);
}

Object Object::reference(QStringView attribute) const
{
    const int index = attributeIndex(attribute, ReferenceKind);
    return asOperation(m_state, OperationKind::Read, index, [&] {
        const QVariant v = attributes::value(*m_state, index);
        return Object(v.isValid() ? v.value<ObjectState *>() : nullptr);
    });
}

void Object::setReference(QStringView attribute, const Object &target) const
{
    const int index = attributeIndex(attribute, ReferenceKind);
    const EntityType &expected = *m_state->entity().relationship(index).target;
    if (target && &target.entity() != &expected)
        throwInvalidRequest(QStringLiteral("%1.%2 refers to %3, not %4")
                                .arg(m_state->entity().name(), attribute.toString(),
                                     expected.name(), target.entity().name()));
    if (target && target.state()->pool() != m_state->pool())
        throwInvalidRequest(QStringLiteral("objects of different sessions cannot refer to each "
                                           "other; merge() the object first"));
    asOperation(m_state, OperationKind::Set, index,
                [&] { attributes::set(*m_state, index, referenceValue(stateOf(target))); });
}

QList<Object> Object::collection(QStringView attribute) const
{
    const int index = attributeIndex(attribute, CollectionKind);
    return asOperation(m_state, OperationKind::Read, index, [&] {
        QList<Object> out;
        for (ObjectState *member : attributes::value(*m_state, index).value<ObjectList>())
            out.append(Object(member));
        return out;
    });
}

void Object::setCollection(QStringView attribute, const QList<Object> &members) const
{
    const int index = attributeIndex(attribute, CollectionKind);
    const EntityType &expected = *m_state->entity().relationship(index).target;
    ObjectList states;
    for (const Object &member : members) {
        if (!member || &member.entity() != &expected || member.state()->pool() != m_state->pool())
            throwInvalidRequest(
                QStringLiteral("%1.%2 holds %3 objects of this session")
                    .arg(m_state->entity().name(), attribute.toString(), expected.name()));
        states.append(member.state());
    }
    asOperation(m_state, OperationKind::Set, index,
                [&] { attributes::set(*m_state, index, QVariant::fromValue(states)); });
}

void Object::append(QStringView attribute, const Object &member) const
{
    const int index = attributeIndex(attribute, CollectionKind);
    const EntityType &expected = *m_state->entity().relationship(index).target;
    if (!member || &member.entity() != &expected || member.state()->pool() != m_state->pool())
        throwInvalidRequest(
            QStringLiteral("%1.%2 holds %3 objects of this session")
                .arg(m_state->entity().name(), attribute.toString(), expected.name()));
    asOperation(m_state, OperationKind::Append, index,
                [&] { attributes::append(*m_state, index, member.state()); });
}

void Object::remove(QStringView attribute, const Object &member) const
{
    const int index = attributeIndex(attribute, CollectionKind);
    if (!member)
        throwInvalidRequest(QStringLiteral("cannot remove a null object"));
    asOperation(m_state, OperationKind::Remove, index,
                [&] { attributes::remove(*m_state, index, member.state()); });
}

bool Object::isLoaded(QStringView attribute) const
{
    return m_state->isLoaded(attributeIndex(attribute, AnyKind));
}

History Object::history(QStringView attribute) const
{
    return attributes::history(*m_state, attributeIndex(attribute, AnyKind));
}

size_t qHash(const Object &object, size_t seed)
{
    return ::qHash(quintptr(object.state()), seed);
}

} // namespace sessionscope
