#pragma once

#include "objectstate.h"

#include <QHash>
#include <QSet>

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
class IdentityMap
{
public:
    ObjectState *find(const EntityType &entity, const QVariantList &key) const;
    bool containsState(const ObjectState &state) const;
    // Adds a state by its key; fails when another object already holds that key.
    bool add(ObjectState &state);
    // Adds a state whose key find() just reported free (a row loaded for the first time).
    void addNew(ObjectState &state);
    // Adds or replaces whatever holds the state's key; returns the replaced state, if any.
    ObjectState *replace(ObjectState &state);
    // Removes the state if it is the one held under its key.
    void discard(ObjectState &state);
    void clear();
    // Makes room for `extra` more objects at once (a large load would otherwise rehash often).
    void reserveMore(qsizetype extra) { m_states.reserve(m_states.size() + extra); }

    qsizetype size() const { return m_states.size(); }
    QList<ObjectState *> states() const { return m_states.values(); }

    void markModified(ObjectState &state)
    {
        m_modified.insert(&state);
        state.touchFields(); // the dirty set
    }
    void unmarkModified(ObjectState &state)
    {
        if (m_modified.remove(&state))
            state.touchFields(); // the dirty set
    }
    bool hasModified() const { return !m_modified.isEmpty(); }
    bool isMarkedModified(const ObjectState &state) const
    {
        return m_modified.contains(const_cast<ObjectState *>(&state));
    }
    QList<ObjectState *> modifiedStates() const { return m_modified.values(); }

private:
    QHash<IdentityKey, ObjectState *> m_states;
    QSet<ObjectState *> m_modified;
};

} // namespace sessionscope
