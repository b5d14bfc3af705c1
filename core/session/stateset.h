#pragma once

#include "state/objectstate.h"

#include <QHash>
#include <QList>

#include <algorithm>

namespace sessionscope {

// A set of objects that remembers insertion order (the session's new and deleted sets, the
// transaction's snapshots): O(1) membership, ordered iteration on demand.
class StateSet
{
public:
    bool insert(ObjectState *state)
    {
        if (m_order.contains(state))
            return false;
        m_order.insert(state, ++m_counter);
        state->touchFields();
        return true;
    }
    bool remove(ObjectState *state)
    {
        if (m_order.remove(state) == 0)
            return false;
        state->touchFields();
        return true;
    }
    void insertAll(const StateSet &other)
    {
        for (ObjectState *state : other.ordered())
            insert(state);
    }
    bool contains(const ObjectState *state) const
    {
        return m_order.contains(const_cast<ObjectState *>(state));
    }
    bool isEmpty() const { return m_order.isEmpty(); }
    qsizetype size() const { return m_order.size(); }
    void clear()
    {
        for (auto it = m_order.cbegin(); it != m_order.cend(); ++it)
            it.key()->touchFields();
        m_order.clear();
    }

    QList<ObjectState *> ordered() const
    {
        QList<std::pair<quint64, ObjectState *>> items;
        items.reserve(m_order.size());
        for (auto it = m_order.cbegin(); it != m_order.cend(); ++it)
            items.append({it.value(), it.key()});
        std::sort(items.begin(), items.end());
        QList<ObjectState *> out;
        out.reserve(items.size());
        for (const auto &item : items)
            out.append(item.second);
        return out;
    }

private:
    QHash<ObjectState *, quint64> m_order;
    quint64 m_counter = 0;
};

} // namespace sessionscope
