#include "orderedstateset.h"

#include <bit>

namespace sessionscope {

namespace {

constexpr size_t kMinimumCapacity = 16;

} // namespace

quint64 OrderedStateSet::hashOf(const ObjectState *state) const
{
    // Fibonacci hashing: allocations differ mostly in their middle bits, which the
    // multiplication carries into the top ones.
    return quint64(quintptr(state)) * 0x9E3779B97F4A7C15ull;
}

size_t OrderedStateSet::slotOf(const ObjectState *state) const
{
    if (m_index.empty())
        return kNotFound;
    const size_t mask = m_index.size() - 1;
    const quint64 hash = hashOf(state);
    const quint8 tag = tagOf(hash);
    for (size_t slot = homeOf(hash);; slot = (slot + 1) & mask) {
        if (m_tags[slot] == 0)
            return kNotFound;
        if (m_tags[slot] == tag && m_order[m_index[slot] - 1] == state)
            return slot;
    }
}

void OrderedStateSet::placeInIndex(quint32 position)
{
    const size_t mask = m_index.size() - 1;
    const quint64 hash = hashOf(m_order[position]);
    size_t slot = homeOf(hash);
    while (m_tags[slot] != 0)
        slot = (slot + 1) & mask;
    m_index[slot] = position + 1;
    m_tags[slot] = tagOf(hash);
}

bool OrderedStateSet::insert(ObjectState *state)
{
    if (contains(state))
        return false;
    // At most three quarters full, counting the member about to arrive.
    if (size_t(m_size + 1) * 4 > m_index.size() * 3)
        rebuild(m_size + 1);
    m_order.push_back(state);
    placeInIndex(quint32(m_order.size() - 1));
    ++m_size;
    return true;
}

void OrderedStateSet::reserve(qsizetype count)
{
    m_order.reserve(size_t(count));
    if (size_t(count) * 4 > m_index.size() * 3)
        rebuild(count);
}

bool OrderedStateSet::remove(const ObjectState *state)
{
    size_t hole = slotOf(state);
    if (hole == kNotFound)
        return false;
    m_order[m_index[hole] - 1] = nullptr;
    --m_size;
    // Backward-shift deletion: later entries of the probe run move up, so lookups never need
    // tombstones. An entry stays where it is if its home lies cyclically in (hole, slot].
    const size_t mask = m_index.size() - 1;
    m_index[hole] = 0;
    m_tags[hole] = 0;
    for (size_t slot = (hole + 1) & mask; m_tags[slot] != 0; slot = (slot + 1) & mask) {
        const size_t home = homeOf(hashOf(m_order[m_index[slot] - 1]));
        const bool staysPut =
            hole < slot ? (home > hole && home <= slot) : (home > hole || home <= slot);
        if (staysPut)
            continue;
        m_index[hole] = m_index[slot];
        m_tags[hole] = m_tags[slot];
        m_index[slot] = 0;
        m_tags[slot] = 0;
        hole = slot;
    }
    // Holes in the order cost iteration time and memory: compact once they outnumber members.
    const size_t holes = m_order.size() - size_t(m_size);
    if (holes > 32 && holes > size_t(m_size))
        rebuild(m_size);
    return true;
}

void OrderedStateSet::clear()
{
    m_order = {};
    m_index = {};
    m_tags = {};
    m_size = 0;
    m_shift = 64;
}

QList<ObjectState *> OrderedStateSet::ordered() const
{
    QList<ObjectState *> out;
    out.reserve(m_size);
    forEach([&out](ObjectState *state) { out.append(state); });
    return out;
}

void OrderedStateSet::rebuild(qsizetype size)
{
    std::erase(m_order, nullptr);
    size_t capacity = kMinimumCapacity;
    while (size_t(size) * 4 > capacity * 3)
        capacity *= 2;
    m_index.assign(capacity, 0);
    m_tags.assign(capacity, 0);
    m_shift = 64 - std::countr_zero(capacity);
    for (size_t position = 0; position < m_order.size(); ++position)
        placeInIndex(quint32(position));
}

} // namespace sessionscope
