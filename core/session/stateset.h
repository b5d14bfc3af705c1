#pragma once

#include "state/objectstate.h"
#include "state/orderedstateset.h"

namespace sessionscope {

// A set of objects that remembers insertion order (the session's new and deleted sets, the
// transaction's snapshots). Joining or leaving one changes what the object's fields show, so
// each change touches the object for the recorder.
class StateSet
{
public:
    bool insert(ObjectState *state)
    {
        if (!m_states.insert(state))
            return false;
        state->touchFields();
        return true;
    }
    bool remove(ObjectState *state)
    {
        if (!m_states.remove(state))
            return false;
        state->touchFields();
        return true;
    }
    void insertAll(const StateSet &other)
    {
        other.m_states.forEach([this](ObjectState *state) { insert(state); });
    }
    // Moves every member to the end of `target`, leaving this set empty. Into an empty target
    // the set moves whole, without a hash operation per member.
    void moveAllInto(StateSet &target)
    {
        if (!target.isEmpty()) {
            target.insertAll(*this);
            clear();
            return;
        }
        std::swap(m_states, target.m_states);
        target.m_states.forEach([](ObjectState *state) { state->touchFields(); });
    }
    bool contains(const ObjectState *state) const { return m_states.contains(state); }
    void reserve(qsizetype count) { m_states.reserve(count); }
    bool isEmpty() const { return m_states.isEmpty(); }
    qsizetype size() const { return m_states.size(); }
    void clear()
    {
        m_states.forEach([](ObjectState *state) { state->touchFields(); });
        m_states.clear();
    }
    QList<ObjectState *> ordered() const { return m_states.ordered(); }

private:
    OrderedStateSet m_states;
};

} // namespace sessionscope
