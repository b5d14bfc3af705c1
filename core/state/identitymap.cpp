#include "identitymap.h"

#include "mapping/values.h"

namespace sessionscope {

size_t qHash(const IdentityKey &key, size_t seed)
{
    size_t h = ::qHash(quintptr(key.entity), seed);
    for (const QVariant &part : key.key)
        h = values::hashValue(part, h);
    return h;
}

ObjectState *IdentityMap::find(const EntityType &entity, const QVariantList &key) const
{
    return m_states.value(IdentityKey{&entity, key}, nullptr);
}

bool IdentityMap::containsState(const ObjectState &state) const
{
    return state.hasIdentity() && find(state.entity(), state.key()) == &state;
}

bool IdentityMap::add(ObjectState &state)
{
    const IdentityKey key{&state.entity(), state.key()};
    const auto it = m_states.constFind(key);
    if (it != m_states.cend())
        return it.value() == &state;
    m_states.insert(key, &state);
    if (state.isModified())
        m_modified.insert(&state);
    state.touchFields();
    return true;
}

void IdentityMap::addNew(ObjectState &state)
{
    Q_ASSERT(!find(state.entity(), state.key()));
    m_states.insert(IdentityKey{&state.entity(), state.key()}, &state);
    if (state.isModified())
        m_modified.insert(&state);
    state.touchFields();
}

ObjectState *IdentityMap::replace(ObjectState &state)
{
    // One look-up: the slot is found (or made) once and overwritten.
    ObjectState *&slot = m_states[IdentityKey{&state.entity(), state.key()}];
    ObjectState *previous = slot;
    slot = &state;
    if (previous && previous != &state) {
        m_modified.remove(previous);
        previous->touchFields();
    }
    state.touchFields();
    if (state.isModified())
        m_modified.insert(&state);
    return previous == &state ? nullptr : previous;
}

void IdentityMap::discard(ObjectState &state)
{
    if (!containsState(state))
        return;
    m_states.remove(IdentityKey{&state.entity(), state.key()});
    m_modified.remove(&state);
    state.touchFields();
}

void IdentityMap::clear()
{
    for (ObjectState *state : std::as_const(m_states))
        state->touchFields();
    m_states.clear();
    m_modified.clear();
}

} // namespace sessionscope
