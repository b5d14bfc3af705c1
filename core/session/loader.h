#pragma once

#include "session.h"
#include "valuerows.h"

#include <QSet>

namespace sessionscope {

// Everything that turns rows into objects for a Session: get(), query(), lazy loads of
// relationships and loads of expired attributes (SQLAlchemy's orm/loading.py and the lazy
// loader strategy). Rows for an identity already in the session never overwrite what it holds;
// they only fill what is unloaded.
class Loader
{
public:
    explicit Loader(Session &session);

    ObjectState *get(const EntityType &entity, const QVariantList &key);
    QList<ObjectState *> query(const EntityType &entity, const Session::Filter &filterBy);
    LoadResult loadExpired(ObjectState &state, Passive passive);
    LoadResult lazyLoad(ObjectState &state, int attribute, Passive passive);
    // Reloads the given attributes (all when empty) of a persistent object now.
    void refresh(ObjectState &state, const QList<int> &attributes);
    QVariantList normalizeKey(const EntityType &entity, const QVariantList &key) const;

private:
    struct Condition
    {
        int column;
        QVariant value; // canonical; invalid: IS NULL
    };
    // SELECT `columns` of `entity` WHERE the conditions hold, ordered by primary key; rows come
    // back in canonical form, one row of `columns.size()` values each.
    ValueRows select(const EntityType &entity, const QList<int> &columns,
                     const QList<Condition> &where);
    // The objects for `rows` (every column, in mapping order); the values move into them.
    QList<ObjectState *> instances(const EntityType &entity, ValueRows rows);
    ObjectState *instance(const EntityType &entity, std::span<QVariant> row,
                          QSet<ObjectState *> &partials);
    // A column's value as a relationship load reads it: the committed value when asked for.
    LoadResult columnValue(ObjectState &state, int column, Passive passive);
    ObjectState *loadByKey(const EntityType &entity, const QVariantList &key, bool autoflush);

    Session &m_session;
};

} // namespace sessionscope
