#include "identitymap.h"

#include "mapping/values.h"

#include <algorithm>
#include <utility>

namespace sessionscope {

namespace {

size_t hashIdentity(const EntityType *entity, std::span<const QVariant> key, size_t seed)
{
    return values::hashValues(key, ::qHash(quintptr(entity), seed));
}

} // namespace

size_t qHash(const IdentityKey &key, size_t seed)
{
    return hashIdentity(key.entity, key.key, seed);
}

size_t IdentityMap::hashOf(const EntityType &entity, std::span<const QVariant> key) const
{
    return hashIdentity(&entity, key, m_seed);
}

size_t IdentityMap::hashOf(const EntityType &entity, const ObjectKey &key) const
{
    // hashIdentity() of the key's values, without making QVariants of an integer key.
    return key.hash(::qHash(quintptr(&entity), m_seed));
}

template<typename Matches>
qsizetype IdentityMap::findSlot(size_t hash, const Matches &matches) const
{
    if (m_slots.empty())
        return -1;
    const size_t mask = m_slots.size() - 1;
    const quint8 tag = tagOf(hash);
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        if (m_tags[i] == kEmpty)
            return -1;
        if (m_tags[i] == tag && matches(*m_slots[i]))
            return qsizetype(i);
    }
}

qsizetype IdentityMap::slotOf(const EntityType &entity, std::span<const QVariant> key,
                              size_t hash) const
{
    return findSlot(hash, [&](const ObjectState &held) {
        return &held.entity() == &entity && held.key().equals(key.data(), qsizetype(key.size()));
    });
}

qsizetype IdentityMap::slotOf(const EntityType &entity, const ObjectKey &key, size_t hash) const
{
    return findSlot(hash, [&](const ObjectState &held) {
        return &held.entity() == &entity && held.key() == key;
    });
}

void IdentityMap::makeRoomForOne()
{
    // At most seven eighths of the slots in use, removed ones included: a probe reads tag
    // bytes, 64 to a cache line, and looks at a state only when a tag matches, so longer runs
    // cost little next to the memory a sparser table takes. When removed slots are what fills
    // the table, rehashing at the same size is enough to clear them.
    const qsizetype capacity = qsizetype(m_slots.size());
    if (8 * (m_used + 1) <= 7 * capacity)
        return;
    const bool grow = 4 * (m_size + 1) > 2 * capacity;
    rehash(std::max<qsizetype>(16, grow ? 2 * capacity : capacity));
}

void IdentityMap::insertNew(ObjectState &state, size_t hash)
{
    makeRoomForOne();
    place(state, hash);
    hold(state);
}

void IdentityMap::place(ObjectState &state, size_t hash)
{
    const size_t mask = m_slots.size() - 1;
    size_t i = hash & mask;
    while (isHeld(m_tags[i]))
        i = (i + 1) & mask;
    if (m_tags[i] == kEmpty)
        ++m_used;
    m_tags[i] = tagOf(hash);
    m_slots[i] = &state;
    ++m_size;
}

void IdentityMap::hold(ObjectState &state)
{
    Q_ASSERT(!state.m_inIdentityMap);
    state.joinExpiryEpoch(); // expiry deferred before it joined is not its own
    state.m_inIdentityMap = true;
}

void IdentityMap::rehash(qsizetype capacity)
{
    std::vector<quint8> oldTags(size_t(capacity), kEmpty);
    std::vector<ObjectState *> oldStates(size_t(capacity), nullptr);
    oldTags.swap(m_tags);
    oldStates.swap(m_slots);
    m_size = 0;
    m_used = 0;
    for (size_t i = 0; i < oldStates.size(); ++i) {
        if (isHeld(oldTags[i]))
            place(*oldStates[i], hashOf(*oldStates[i])); // still held: no join
    }
}

void IdentityMap::reserveMore(qsizetype extra)
{
    const qsizetype wanted = m_size + extra;
    qsizetype capacity = std::max<qsizetype>(16, qsizetype(m_slots.size()));
    while (8 * wanted > 7 * capacity)
        capacity *= 2;
    if (capacity != qsizetype(m_slots.size()))
        rehash(capacity);
}

ObjectState *IdentityMap::find(const EntityType &entity, std::span<const QVariant> key) const
{
    const qsizetype slot = slotOf(entity, key, hashOf(entity, key));
    return slot < 0 ? nullptr : m_slots[size_t(slot)];
}

bool IdentityMap::containsState(const ObjectState &state) const
{
    // The flag spares a probe into memory the flush would not otherwise touch. Every change of
    // membership goes through this class, and a held state is discarded before it is re-keyed.
    Q_ASSERT(state.m_inIdentityMap ==
             (state.hasIdentity() && find(state.entity(), state.key().toList()) == &state));
    return state.m_inIdentityMap;
}

void IdentityMap::added(ObjectState &state)
{
    if (state.isModified())
        mark(state);
    state.touchFields();
}

void IdentityMap::unmarkUnmodified()
{
    for (ObjectState *state : m_modifiedList) {
        if (state->m_markedModified && !state->isModified()) {
            unmark(*state);
            state->touchFields(); // the dirty set
        }
    }
    compactModified();
}

void IdentityMap::compactModified()
{
    const size_t holes = m_modifiedList.size() - size_t(m_modifiedCount);
    if (m_modifiedCount > 0 && (holes <= 32 || holes <= size_t(m_modifiedCount)))
        return;
    std::erase_if(m_modifiedList, [](ObjectState *state) {
        if (state->m_markedModified)
            return false;
        state->m_inModifiedList = false;
        return true;
    });
}

QList<ObjectState *> IdentityMap::modifiedStates() const
{
    QList<ObjectState *> states;
    states.reserve(m_modifiedCount);
    for (ObjectState *state : m_modifiedList) {
        if (state->m_markedModified)
            states.append(state);
    }
    return states;
}

bool IdentityMap::add(ObjectState &state)
{
    const size_t hash = hashOf(state);
    if (const qsizetype slot = slotOf(state, hash); slot >= 0)
        return m_slots[size_t(slot)] == &state;
    insertNew(state, hash);
    added(state);
    return true;
}

void IdentityMap::addNew(ObjectState &state, size_t hash)
{
    Q_ASSERT(!find(state.entity(), state.key().toList()));
    Q_ASSERT(hash == hashOf(state));
    insertNew(state, hash);
    added(state);
}

ObjectState *IdentityMap::placeHeld(ObjectState &state, size_t hash)
{
    Q_ASSERT(state.m_inIdentityMap && !state.isModified() && hash == hashOf(state));
    // The state is read only when a tag matches: the load that made it is long past it.
    const qsizetype slot = findSlot(hash, [&state](const ObjectState &held) {
        return &held.entity() == &state.entity() && held.key() == state.key();
    });
    if (slot >= 0) {
        releaseAhead(state);
        return m_slots[size_t(slot)];
    }
    makeRoomForOne();
    place(state, hash); // unmodified: nothing for added() to mark
    return nullptr;
}

IdentityMap::Probe IdentityMap::probe(const EntityType &entity, const ObjectKey &key) const
{
    const size_t hash = hashOf(entity, key);
    const qsizetype slot = slotOf(entity, key, hash);
    return {slot < 0 ? nullptr : m_slots[size_t(slot)], hash};
}

ObjectState *IdentityMap::replace(ObjectState &state)
{
    const size_t hash = hashOf(state);
    ObjectState *previous = nullptr;
    if (const qsizetype slot = slotOf(state, hash); slot >= 0) {
        previous = std::exchange(m_slots[size_t(slot)], &state);
        if (previous != &state) {
            previous->settle(); // before it stops being held, as below
            previous->m_inIdentityMap = false;
            if (unmark(*previous))
                compactModified();
            previous->touchFields();
            hold(state);
        }
    } else {
        insertNew(state, hash);
    }
    added(state);
    return previous == &state ? nullptr : previous;
}

void IdentityMap::discard(ObjectState &state)
{
    if (!state.hasIdentity())
        return;
    const qsizetype slot = slotOf(state, hashOf(state));
    if (slot < 0 || m_slots[size_t(slot)] != &state)
        return;
    m_tags[size_t(slot)] = kRemoved;
    m_slots[size_t(slot)] = nullptr;
    state.settle(); // expiry deferred while it was held still applies
    state.m_inIdentityMap = false;
    --m_size;
    if (unmark(state))
        compactModified();
    state.touchFields();
}

void IdentityMap::clear()
{
    for (ObjectState *state : states()) {
        state->settle();
        state->m_inIdentityMap = false;
        state->touchFields();
    }
    std::vector<quint8>().swap(m_tags);
    std::vector<ObjectState *>().swap(m_slots);
    m_size = 0;
    m_used = 0;
    for (ObjectState *state : m_modifiedList) {
        state->m_markedModified = false;
        state->m_inModifiedList = false;
    }
    m_modifiedList.clear();
    m_modifiedCount = 0;
}

QList<ObjectState *> IdentityMap::states() const
{
    QList<ObjectState *> states;
    states.reserve(m_size);
    for (size_t i = 0; i < m_slots.size(); ++i) {
        if (isHeld(m_tags[i]))
            states.append(m_slots[i]);
    }
    return states;
}

} // namespace sessionscope
