#pragma once

#include "objectstate.h"

#include <QHash>

#include <span>
#include <vector>

namespace sessionscope {

// (entity, primary key): what makes an object unique within a session.
struct IdentityKey
{
    const EntityType *entity = nullptr;
    QVariantList key;
    friend bool operator==(const IdentityKey &a, const IdentityKey &b)
    {
        return a.entity == b.entity && a.key == b.key;
    }
};
size_t qHash(const IdentityKey &key, size_t seed = 0);

// Objects with a database identity in one session: at most one per row. Also tracks which of
// them are modified (the session's dirty candidates), like SQLAlchemy's IdentityMap._modified.
//
// The map holds only state pointers: each state carries its own key, so nothing is copied. It is
// an open-addressing table with a tag byte per slot (seven bits of the hash), so a probe touches
// another object only when the tags match.
class IdentityMap
{
public:
    ObjectState *find(const EntityType &entity, std::span<const QVariant> key) const;
    // find(), also giving the key's hash for addNew(): a load that misses hashes each key once.
    struct Probe
    {
        ObjectState *found = nullptr;
        size_t hash = 0;
    };
    Probe probe(const EntityType &entity, const ObjectKey &key) const;
    bool containsState(const ObjectState &state) const;
    // Adds a state by its key; fails when another object already holds that key.
    bool add(ObjectState &state);
    // Adds a state whose key probe() just reported free (a row loaded for the first time), with
    // the hash probe() gave for that key.
    void addNew(ObjectState &state, size_t hash);
    // For a load that makes many objects before it adds them: holdAhead() each one as it is
    // made, while it is in the cache, then placeHeld() it, which touches only the table (and
    // the states whose tags match); releaseAhead() one that is not to be added after all. In
    // between, the state says it is held while the table does not have it yet.
    void holdAhead(ObjectState &state) { hold(state); }
    // Adds a state holdAhead() was given, unmodified, with the hash of its key, unless another
    // state holds that key already: returns that one (and releases this one), or null.
    ObjectState *placeHeld(ObjectState &state, size_t hash);
    static void releaseAhead(ObjectState &state) { state.m_inIdentityMap = false; }
    // Adds or replaces whatever holds the state's key; returns the replaced state, if any.
    ObjectState *replace(ObjectState &state);
    // Removes the state if it is the one held under its key.
    void discard(ObjectState &state);
    void clear();
    // Makes room for `extra` more objects at once (a large load would otherwise rehash often).
    void reserveMore(qsizetype extra);

    qsizetype size() const { return m_size; }
    QList<ObjectState *> states() const;

    // The dirty list: marking and unmarking are a flag on the state, and the list keeps an
    // unmarked entry as a hole until it is compacted (or emptied when nothing is left marked).
    void markModified(ObjectState &state)
    {
        mark(state);
        state.touchFields(); // the dirty set
    }
    void unmarkModified(ObjectState &state)
    {
        if (unmark(state)) {
            state.touchFields(); // the dirty set
            compactModified();
        }
    }
    // unmarkModified() for every marked state that is no longer modified (after a flush).
    void unmarkUnmodified();
    bool hasModified() const { return m_modifiedCount > 0; }
    bool isMarkedModified(const ObjectState &state) const { return state.m_markedModified; }
    // In the order they were marked; a state unmarked and marked again before the list was
    // compacted keeps its first place.
    QList<ObjectState *> modifiedStates() const;

private:
    static constexpr quint8 kEmpty = 0;
    static constexpr quint8 kRemoved = 1;
    static quint8 tagOf(size_t hash) { return quint8(0x80 | (hash >> (sizeof(size_t) * 8 - 7))); }
    static bool isHeld(quint8 tag) { return tag & 0x80; }
    // A key given as values and the same key as an ObjectKey hash alike.
    size_t hashOf(const EntityType &entity, std::span<const QVariant> key) const;
    size_t hashOf(const EntityType &entity, const ObjectKey &key) const;
    size_t hashOf(const ObjectState &state) const { return hashOf(state.entity(), state.key()); }
    // The slot holding this key, or -1.
    qsizetype slotOf(const EntityType &entity, std::span<const QVariant> key, size_t hash) const;
    qsizetype slotOf(const EntityType &entity, const ObjectKey &key, size_t hash) const;
    qsizetype slotOf(const ObjectState &state, size_t hash) const
    {
        return slotOf(state.entity(), state.key(), hash);
    }
    template<typename Matches>
    qsizetype findSlot(size_t hash, const Matches &matches) const;
    // Rehashes when one more state would take the table past its load limit.
    void makeRoomForOne();
    // Puts a state whose key is not in the table into it.
    void insertNew(ObjectState &state, size_t hash);
    // Puts a state into the first free slot of its probe run (the table has room); place()
    // alone when rehashing, hold() too when it joins.
    void place(ObjectState &state, size_t hash);
    static void hold(ObjectState &state);
    void rehash(qsizetype capacity);
    void added(ObjectState &state);
    void mark(ObjectState &state)
    {
        if (state.m_markedModified)
            return;
        state.m_markedModified = true;
        ++m_modifiedCount;
        if (!state.m_inModifiedList) {
            state.m_inModifiedList = true;
            m_modifiedList.push_back(&state);
        }
    }
    bool unmark(ObjectState &state)
    {
        if (!state.m_markedModified)
            return false;
        state.m_markedModified = false;
        --m_modifiedCount;
        return true;
    }
    // Drops the holes once they outnumber the marked states (all of them when none is left).
    void compactModified();

    std::vector<quint8> m_tags;         // per slot: kEmpty, kRemoved or tagOf(hash)
    std::vector<ObjectState *> m_slots; // a power of two of them, or none
    qsizetype m_size = 0;
    qsizetype m_used = 0; // slots not empty: m_size plus those removed
    size_t m_seed = QHashSeed::globalSeed();
    std::vector<ObjectState *> m_modifiedList; // marked states and holes, in marking order
    qsizetype m_modifiedCount = 0;
};

} // namespace sessionscope
