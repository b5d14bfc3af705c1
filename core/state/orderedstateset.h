#pragma once

#include <QList>
#include <QtGlobal>

#include <vector>

namespace sessionscope {

class ObjectState;

// A set of object states that keeps insertion order: O(1) insert, remove and membership, and
// ordered iteration without sorting. Flushes put every object of a session through these
// sets, so they hold plain pointers: the order in a vector (a removed entry leaves a hole until
// the next compaction) and an open-addressing index of positions into it, with a tag byte per
// slot (seven more bits of the hash) so that a probe reads the order only when a tag matches.
class OrderedStateSet
{
public:
    bool insert(ObjectState *state);
    // Makes room for `count` members in all, so that filling up to it never rebuilds the index.
    void reserve(qsizetype count);
    bool remove(const ObjectState *state);
    bool contains(const ObjectState *state) const { return slotOf(state) != kNotFound; }
    bool isEmpty() const { return m_size == 0; }
    qsizetype size() const { return m_size; }
    void clear();

    // The members in the order they were inserted.
    QList<ObjectState *> ordered() const;
    template<typename F>
    void forEach(F &&f) const
    {
        for (ObjectState *state : m_order) {
            if (state)
                f(state);
        }
    }

private:
    static constexpr size_t kNotFound = size_t(-1);

    quint64 hashOf(const ObjectState *state) const;
    size_t homeOf(quint64 hash) const { return size_t(hash >> m_shift); }
    // The seven bits below those homeOf() takes, marked as held.
    quint8 tagOf(quint64 hash) const { return quint8(0x80 | ((hash >> (m_shift - 7)) & 0x7F)); }
    size_t slotOf(const ObjectState *state) const;
    void placeInIndex(quint32 position);
    // Drops the holes from the order and rebuilds the index for `size` members.
    void rebuild(qsizetype size);

    std::vector<ObjectState *> m_order; // nullptr where a member was removed
    std::vector<quint32> m_index;       // 0: empty; otherwise a position in m_order, plus one
    std::vector<quint8> m_tags;         // per slot: 0 when empty, else tagOf() its member
    qsizetype m_size = 0;
    int m_shift = 64; // the hash's top bits pick the slot: 64 - log2(capacity)
};

} // namespace sessionscope
