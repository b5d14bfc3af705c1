#pragma once

#include "connection.h"
#include "session.h"
#include "statement.h"
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
    QList<Object> query(const EntityType &entity, const Session::Filter &filterBy);
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
    // The SQL selecting `columns` of `entity` WHERE the conditions hold, ordered by primary
    // key, with the parameters and details it is executed with.
    QString selectStatement(const EntityType &entity, const QList<int> &columns,
                            const QList<Condition> &where, QVariantList &parameters,
                            StatementDetails &details) const;
    // Runs selectStatement(); one row of `columns.size()` values per row read.
    ValueRows select(const EntityType &entity, const QList<int> &columns,
                     const QList<Condition> &where);
    // The objects for every row of `entity` where the conditions hold, in row order; all or,
    // when the query fails, none of them.
    QList<ObjectState *> loadRows(const EntityType &entity, const QList<Condition> &where);
    // loadRows() into `out` (empty), a list of ObjectState * or of Object handles.
    template<typename Out>
    void loadInto(const EntityType &entity, const QList<Condition> &where, Out &out);
    // loadRows() for a session nobody watches: each new row becomes its object as it is read,
    // without holding every row first; rows of objects already held wait until the last row.
    // `out` (empty) is a list of ObjectState * or of Object handles.
    template<typename Out>
    void streamInstances(const EntityType &entity, const QList<Condition> &where, Out &out);
    // The objects for `rows` (every column, in mapping order); the values move into them.
    QList<ObjectState *> instances(const EntityType &entity, ValueRows rows);
    ObjectState *instance(const EntityType &entity, std::span<QVariant> row,
                          QSet<ObjectState *> &partials);
    // A row for an object the session holds: fills what is unloaded, once per load.
    ObjectState *fillUnloaded(ObjectState &state, std::span<QVariant> row,
                              QSet<ObjectState *> &partials);
    // A new object for a row whose key the identity map does not hold, attached but not yet in
    // the map; the row's values move into it.
    ObjectState *instantiate(const EntityType &entity, ObjectKey key, std::span<QVariant> row);
    // A column's value as a relationship load reads it: the committed value when asked for.
    LoadResult columnValue(ObjectState &state, int column, Passive passive);
    ObjectState *loadByKey(const EntityType &entity, const QVariantList &key, bool autoflush);

    Session &m_session;
};

} // namespace sessionscope
