#pragma once

#include "state/object.h"

#include <QHash>
#include <QList>
#include <QString>

namespace sessionscope {

// The names a scenario gives objects: aliases bound by steps ("u1"), and for objects without
// one, "Entity#key" (key parts joined by commas). An object's first alias is its name.
class ObjectNames
{
public:
    // Binds an alias; false when it is already bound.
    bool bind(const QString &alias, const Object &object);
    Object find(const QString &alias) const { return m_byAlias.value(alias); }
    bool contains(const QString &alias) const { return m_byAlias.contains(alias); }

    QString nameOf(const ObjectState *state) const;
    // Every alias with its object, in binding order.
    const QList<std::pair<QString, Object>> &aliases() const { return m_order; }

private:
    QHash<QString, Object> m_byAlias;
    QHash<const ObjectState *, QString> m_firstAlias;
    QList<std::pair<QString, Object>> m_order;
};

} // namespace sessionscope
