#include "loader.h"

#include "mapping/identifier.h"
#include "mapping/values.h"
#include "rowreader.h"
#include "state/attributes.h"
#include "state/objectpool.h"

#include <QVarLengthArray>

namespace sessionscope {

namespace {

QList<int> allColumns(const EntityType &entity)
{
    QList<int> columns;
    for (int c = 0; c < entity.columnCount(); ++c)
        columns.append(c);
    return columns;
}

// The identity key of a row holding every column (empty when a key column is NULL). A single
// key column is made into the key as it is, so an integer key never becomes a second QVariant.
ObjectKey rowKey(const EntityType &entity, std::span<const QVariant> row)
{
    const QList<int> &primaryKey = entity.primaryKey();
    if (primaryKey.size() == 1) {
        const std::span<const QVariant> value = row.subspan(size_t(primaryKey.front()), 1);
        return variantIsValid(value.front()) ? ObjectKey(value) : ObjectKey();
    }
    QVarLengthArray<QVariant, 4> key;
    for (int k : primaryKey) {
        if (!variantIsValid(row[size_t(k)]))
            return {};
        key.append(row[size_t(k)]);
    }
    return ObjectKey(std::span<const QVariant>(key.constData(), size_t(key.size())));
}

} // namespace

Loader::Loader(Session &session)
    : m_session(session)
{}

QString Loader::selectStatement(const EntityType &entity, const QList<int> &columns,
                                const QList<Condition> &where, QVariantList &parameters,
                                StatementDetails &details) const
{
    const QString table = quoteIdentifier(entity.table());
    QStringList selected;
    const SqlDialect &dialect = m_session.dialect();
    for (int c : columns) {
        const Column &column = entity.column(c);
        selected.append(
            dialect.selectExpression(column, table + u'.' + quoteIdentifier(column.name)));
    }
    QString sql =
        QStringLiteral("SELECT %1 FROM %2").arg(selected.join(QStringLiteral(", ")), table);
    details.entity = &entity;
    QStringList conditions;
    for (const Condition &condition : where) {
        const Column &column = entity.column(condition.column);
        const QString name = table + u'.' + quoteIdentifier(column.name);
        if (!condition.value.isValid()) {
            conditions.append(name + QStringLiteral(" IS NULL"));
        } else {
            conditions.append(name + QStringLiteral(" = ?"));
            parameters.append(dialect.toSql(column, condition.value));
            details.parameterColumns.append(condition.column);
        }
    }
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    QStringList order;
    for (int k : entity.primaryKey())
        order.append(table + u'.' + quoteIdentifier(entity.column(k).name));
    sql += QStringLiteral(" ORDER BY ") + order.join(QStringLiteral(", "));
    return sql;
}

ValueRows Loader::select(const EntityType &entity, const QList<int> &columns,
                         const QList<Condition> &where)
{
    QVariantList parameters;
    StatementDetails details;
    const QString sql = selectStatement(entity, columns, where, parameters, details);
    ValueRows rows;
    rows.reset(columns.size());
    RowReader reader(m_session.dialect(), entity, columns);
    m_session.connectionForWork().execute(
        sql, parameters, {QStringLiteral("SELECT"), entity.table()},
        [&](const Statement &result) { reader.readAll(result, rows.addRow().data()); }, details);
    if (!reader.failure().isEmpty())
        throw SessionError(ErrorKind::Operational, reader.failure());
    return rows;
}

ObjectState *Loader::instance(const EntityType &entity, std::span<QVariant> row,
                              QSet<ObjectState *> &partials)
{
    // `row` holds every column, in mapping order.
    ObjectKey key = rowKey(entity, row);
    if (key.isEmpty())
        return nullptr;
    const IdentityMap::Probe probe = m_session.m_identityMap.probe(entity, key);
    if (probe.found)
        return fillUnloaded(*probe.found, row, partials);
    ObjectState *state = instantiate(entity, std::move(key), row);
    m_session.m_identityMap.addNew(*state, probe.hash);
    m_session.emitLifecycle(*state, LifecycleTransition::LoadedAsPersistent);
    return state;
}

ObjectState *Loader::fillUnloaded(ObjectState &state, std::span<QVariant> row,
                                  QSet<ObjectState *> &partials)
{
    if (partials.contains(&state))
        return &state;
    partials.insert(&state);
    // An object already in the session keeps what it has; the row fills only the unloaded
    // columns. Unloaded relationships stay as they are (expired ones stay expired).
    const EntityType &entity = state.entity();
    QList<int> toLoad;
    for (int a = 0; a < entity.attributeCount(); ++a) {
        if (state.isUnloaded(a))
            toLoad.append(a);
    }
    if (toLoad.isEmpty())
        return &state;
    for (int c = 0; c < int(entity.composites().size()); ++c) {
        if (!state.cachedComposite(c))
            toLoad.append(state.compositeSlot(c));
    }
    for (int a : toLoad) {
        if (a < entity.columnCount())
            state.store(a, std::move(row[size_t(a)]));
    }
    attributes::compositesRefreshed(state, toLoad);
    state.commit(toLoad);
    return &state;
}

ObjectState *Loader::instantiate(const EntityType &entity, ObjectKey key, std::span<QVariant> row)
{
    ObjectState *state = m_session.m_pool->create(entity);
    state->setKey(std::move(key));
    state->storeColumns(row.first(size_t(entity.columnCount())));
    state->setAttached(true);
    attributes::compositesLoaded(*state);
    return state;
}

QList<ObjectState *> Loader::instances(const EntityType &entity, ValueRows rows)
{
    QSet<ObjectState *> partials;
    QList<ObjectState *> out;
    out.reserve(rows.rowCount());
    if (rows.rowCount() > 64) {
        m_session.m_identityMap.reserveMore(rows.rowCount());
        m_session.m_pool->reserveBlocks(entity, rows.rowCount());
    }
    for (qsizetype i = 0; i < rows.rowCount(); ++i) {
        if (ObjectState *state = instance(entity, rows.mutableRow(i), partials))
            out.append(state);
    }
    return out;
}

QList<ObjectState *> Loader::loadRows(const EntityType &entity, const QList<Condition> &where)
{
    QList<ObjectState *> out;
    loadInto(entity, where, out);
    return out;
}

template<typename Out>
void Loader::loadInto(const EntityType &entity, const QList<Condition> &where, Out &out)
{
    // Watched or not, each row becomes its object as it is read; observers hear of the new
    // objects after the statement, in row order (streamInstances()).
    streamInstances(entity, where, out);
}

template<typename Out>
void Loader::streamInstances(const EntityType &entity, const QList<Condition> &where, Out &out)
{
    using Item = typename Out::value_type; // ObjectState * or Object
    const QList<int> columns = allColumns(entity);
    QVariantList parameters;
    StatementDetails details;
    const QString sql = selectStatement(entity, columns, where, parameters, details);

    // A row's key columns are read first. A new object gets them, and the other columns are
    // read straight into it, a run of neighbouring columns at a time; a row of an object
    // already held reads them into `row`.
    RowReader reader(m_session.dialect(), entity, columns);
    const QList<int> &keyColumns = entity.primaryKey();
    struct Run
    {
        int first;
        int count;
    };
    QVarLengthArray<Run, 4> otherColumns;
    for (int c : columns) {
        if (keyColumns.contains(c))
            continue;
        if (!otherColumns.isEmpty() && otherColumns.back().first + otherColumns.back().count == c)
            ++otherColumns.back().count;
        else
            otherColumns.append({c, 1});
    }
    ValueRows current; // null between rows
    current.reset(columns.size());
    const std::span<QVariant> row = current.addRow();
    // Rows of objects the session holds already: they fill what is unloaded once every row has
    // been read, so that a load that fails changes none of them.
    ValueRows heldRows;
    heldRows.reset(columns.size());
    QList<ObjectState *> held;
    // New objects join the identity map after the last row too: the map then makes room for
    // all of them at once, where growing it as they come would rehash, reading every object's
    // key again, each time it doubles. What joining changes in an object happens as it is
    // made (IdentityMap::holdAhead()), so that adding them touches only the map's table.
    struct Made
    {
        ObjectState *state;
        size_t hash;        // of its key
        qsizetype position; // in `out`
    };
    std::vector<Made> made;
    IdentityMap &identityMap = m_session.m_identityMap;
    // The row count is unknown until the last row: the pool's slabs grow with the load.
    const ObjectPool::Growth growth(*m_session.m_pool);
    const auto undo = [&] {
        for (const Made &m : made) {
            identityMap.releaseAhead(*m.state);
            m.state->setAttached(false); // and unreachable once `out` goes
        }
        out.clear();
    };
    // Once the last row is read and before observers hear of the statement, the new objects
    // join the identity map and held objects fill what they lack: the statement's observers
    // see its effect, and the new objects' events follow it, in row order.
    std::vector<ObjectState *> loaded;
    bool placing = false;
    details.afterSuccess = [&](qint64) {
        if (!reader.failure().isEmpty())
            return; // nothing changes; the load fails below
        placing = true;
        QSet<ObjectState *> partials;
        identityMap.reserveMore(qsizetype(made.size()));
        loaded.reserve(made.size());
        for (const Made &m : made) {
            if (ObjectState *first = identityMap.placeHeld(*m.state, m.hash)) {
                // A row repeating an earlier row's key (key columns the database lets
                // repeat) is that object's row again, as in instance().
                for (int c = 0; c < entity.columnCount(); ++c)
                    row[size_t(c)] = m.state->loadedValue(c);
                m.state->setAttached(false);
                out[m.position] = Item(fillUnloaded(*first, row, partials));
                continue;
            }
            loaded.push_back(m.state);
        }
        for (qsizetype i = 0; i < held.size(); ++i)
            fillUnloaded(*held[i], heldRows.mutableRow(i), partials);
    };
    try {
        m_session.connectionForWork().execute(
            sql, parameters, {QStringLiteral("SELECT"), entity.table()},
            [&](const Statement &result) {
                for (int c : keyColumns)
                    reader.read(result, c, 1, &row[size_t(c)]);
                ObjectKey key = rowKey(entity, row);
                if (key.isEmpty()) {
                    for (int c : keyColumns)
                        row[size_t(c)] = QVariant();
                    return;
                }
                const IdentityMap::Probe probe = identityMap.probe(entity, key);
                if (ObjectState *state = probe.found) {
                    for (const Run &run : otherColumns)
                        reader.read(result, run.first, run.count, &row[size_t(run.first)]);
                    std::ranges::swap_ranges(row, heldRows.addRow());
                    held.append(state);
                    out.append(Item(state));
                    return;
                }
                ObjectState *state = m_session.m_pool->create(entity);
                state->setKey(std::move(key));
                QVariant *values = state->columnsToLoad();
                for (int c : keyColumns)
                    values[c].swap(row[size_t(c)]);
                for (const Run &run : otherColumns)
                    reader.read(result, run.first, run.count, values + run.first);
                state->setAttached(true);
                attributes::compositesLoaded(*state);
                identityMap.holdAhead(*state);
                made.push_back({state, probe.hash, out.size()});
                out.append(Item(state)); // a handle, made while the object is in the cache
            },
            details);
    } catch (...) {
        if (!placing)
            undo();
        throw;
    }
    if (!reader.failure().isEmpty()) {
        undo();
        throw SessionError(ErrorKind::Operational, reader.failure());
    }

    for (ObjectState *state : loaded)
        m_session.emitLifecycle(*state, LifecycleTransition::LoadedAsPersistent);
}

QVariantList Loader::normalizeKey(const EntityType &entity, const QVariantList &key) const
{
    const QList<int> &pk = entity.primaryKey();
    if (key.size() != pk.size())
        throwInvalidRequest(QStringLiteral("the primary key of %1 has %2 column(s); %3 value(s) "
                                           "were given")
                                .arg(entity.name())
                                .arg(pk.size())
                                .arg(key.size()));
    QVariantList normalized;
    for (qsizetype i = 0; i < key.size(); ++i) {
        const Column &column = entity.column(pk[i]);
        QString why;
        const auto value = values::coerce(column, key[i], &why);
        if (!value)
            throwInvalidRequest(QStringLiteral("key of %1: %2").arg(entity.name(), why));
        normalized.append(*value);
    }
    return normalized;
}

ObjectState *Loader::loadByKey(const EntityType &entity, const QVariantList &key, bool autoflush)
{
    if (autoflush)
        m_session.autoflush();
    QList<Condition> where;
    for (qsizetype i = 0; i < key.size(); ++i)
        where.append({entity.primaryKey()[i], key[i]});
    const QList<ObjectState *> found = loadRows(entity, where);
    return found.isEmpty() ? nullptr : found.first();
}

ObjectState *Loader::get(const EntityType &entity, const QVariantList &key)
{
    const QVariantList normalized = normalizeKey(entity, key);
    if (std::any_of(normalized.cbegin(), normalized.cend(),
                    [](const QVariant &v) { return !v.isValid(); }))
        throwInvalidRequest(QStringLiteral("get() of %1 with a NULL key value").arg(entity.name()));
    if (ObjectState *state = m_session.m_identityMap.find(entity, normalized)) {
        if (!state->isFullyExpired())
            return state;
        try {
            loadExpired(*state, kPassiveOff);
            return state;
        } catch (const SessionError &error) {
            if (error.kind() != ErrorKind::ObjectDeleted)
                throw;
            m_session.removeNewlyDeleted({state});
        }
    }
    return loadByKey(entity, normalized, true);
}

QList<Object> Loader::query(const EntityType &entity, const Session::Filter &filterBy)
{
    m_session.autoflush();
    QList<Condition> where;
    for (const auto &[name, value] : filterBy) {
        const int index = entity.attributeIndex(name);
        if (index < 0)
            throwInvalidRequest(
                QStringLiteral("%1 has no attribute \"%2\" to filter by").arg(entity.name(), name));
        if (entity.isColumn(index)) {
            QString why;
            const auto coerced = values::coerce(entity.column(index), value, &why);
            if (!coerced)
                throwInvalidRequest(
                    QStringLiteral("filter %1.%2: %3").arg(entity.name(), name, why));
            where.append({index, *coerced});
            continue;
        }
        const Relationship &relationship = entity.relationship(index);
        if (relationship.isCollection())
            throwInvalidRequest(QStringLiteral("cannot filter %1 by the collection \"%2\"")
                                    .arg(entity.name(), name));
        // A reference compares its foreign key with the target's referenced columns.
        ObjectState *target = value.isValid() ? value.value<ObjectState *>() : nullptr;
        for (const ColumnPair &pair : relationship.pairs) {
            QVariant v;
            if (target)
                v = attributes::value(*target, pair.referenced);
            where.append({pair.foreignKey, v});
        }
    }
    QList<Object> out;
    loadInto(entity, where, out);
    return out;
}

LoadResult Loader::loadExpired(ObjectState &state, Passive passive)
{
    if (!(passive & SqlOk))
        return LoadResult::noResult();
    const EntityType &entity = state.entity();
    QList<int> toLoad;
    for (int a = 0; a < entity.attributeCount(); ++a) {
        if (state.isExpired(a) && state.isUnmodified(a))
            toLoad.append(a);
    }
    if (!(passive & NoAutoflush))
        m_session.autoflush();
    if (state.hasIdentity()) {
        QList<int> columns = entity.primaryKey();
        for (int a : toLoad) {
            if (entity.isColumn(a) && !columns.contains(a))
                columns.append(a);
        }
        std::sort(columns.begin(), columns.end());
        QList<Condition> where;
        for (qsizetype i = 0; i < entity.primaryKey().size(); ++i)
            where.append({entity.primaryKey()[i], state.key()[i]});
        const ValueRows rows = select(entity, columns, where);
        if (rows.isEmpty())
            throw SessionError(ErrorKind::ObjectDeleted,
                               QStringLiteral("%1 has been deleted, or its row is otherwise not "
                                              "present")
                                   .arg(describeObject(state)));
        const std::span<const QVariant> row = rows.row(0);
        for (int a : toLoad) {
            if (entity.isColumn(a))
                state.store(a, row[size_t(columns.indexOf(a))]);
        }
        attributes::compositesRefreshed(state, toLoad);
        state.commit(toLoad);
    }
    state.clearExpired();
    return LoadResult::wasSet();
}

void Loader::refresh(ObjectState &state, const QList<int> &attributes)
{
    m_session.autoflush();
    const EntityType &entity = state.entity();
    QList<int> toLoad = attributes;
    if (toLoad.isEmpty()) {
        for (int a = 0; a < entity.attributeCount(); ++a)
            toLoad.append(a);
    }
    QList<int> columns = entity.primaryKey();
    for (int a : toLoad) {
        if (entity.isColumn(a) && !columns.contains(a))
            columns.append(a);
    }
    std::sort(columns.begin(), columns.end());
    QList<Condition> where;
    for (qsizetype i = 0; i < entity.primaryKey().size(); ++i)
        where.append({entity.primaryKey()[i], state.key()[i]});
    const ValueRows rows = select(entity, columns, where);
    if (rows.isEmpty())
        throwInvalidRequest(
            QStringLiteral("could not refresh %1: its row is gone").arg(describeObject(state)));
    // A refresh overwrites the columns; relationships stay as the expiry left them (expired
    // ones load lazily on access).
    for (int a : toLoad) {
        if (entity.isColumn(a))
            state.store(a, rows.row(0)[size_t(columns.indexOf(a))]);
    }
    attributes::compositesRefreshed(state, attributes);
    if (attributes.isEmpty()) {
        state.commitAll();
        m_session.m_identityMap.unmarkModified(state);
    } else {
        state.commit(toLoad);
    }
}

LoadResult Loader::columnValue(ObjectState &state, int column, Passive passive)
{
    if (passive & LoadAgainstCommitted) {
        if (const Original *original = state.original(column)) {
            if (original->kind == OriginalKind::Value)
                return LoadResult::of(original->value);
            return LoadResult::of(QVariant());
        }
    }
    return attributes::get(state, column, passive);
}

LoadResult Loader::lazyLoad(ObjectState &state, int attribute, Passive passive)
{
    const EntityType &entity = state.entity();
    const Relationship &relationship = entity.relationship(attribute);
    const EntityType &target = *relationship.target;

    if (relationship.isCollection()) {
        QList<Condition> where;
        for (const ColumnPair &pair : relationship.pairs) {
            const LoadResult v = columnValue(state, pair.referenced, passive & ~InitOk);
            if (v.kind == LoadResult::NoResult)
                return LoadResult::noResult();
            if (v.kind != LoadResult::Value)
                return LoadResult::of(QVariant::fromValue(ObjectList()));
            where.append({pair.foreignKey, v.value});
        }
        if (!(passive & NoAutoflush))
            m_session.autoflush();
        const QList<ObjectState *> children = loadRows(target, where);
        return LoadResult::of(QVariant::fromValue(ObjectList(children)));
    }

    // A reference: read the foreign key, in the order of the target's key when it is one.
    bool useGet = relationship.pairs.size() == target.primaryKey().size();
    for (const ColumnPair &pair : relationship.pairs)
        useGet = useGet && target.isPrimaryKey(pair.referenced);
    QList<Condition> where;
    QVariantList key;
    bool allNull = true;
    const QList<int> referencedOrder = useGet ? target.primaryKey() : [&] {
        QList<int> r;
        for (const ColumnPair &pair : relationship.pairs)
            r.append(pair.referenced);
        return r;
    }();
    for (int referenced : referencedOrder) {
        int foreignKey = -1;
        for (const ColumnPair &pair : relationship.pairs) {
            if (pair.referenced == referenced)
                foreignKey = pair.foreignKey;
        }
        const LoadResult v = columnValue(state, foreignKey, passive);
        if (v.kind == LoadResult::NoResult)
            return LoadResult::noResult();
        if (v.kind != LoadResult::Value)
            return LoadResult::noValue();
        allNull = allNull && !v.value.isValid();
        key.append(v.value);
        where.append({referenced, v.value});
    }
    if (allNull)
        return LoadResult::of(QVariant());
    if (useGet) {
        if (state.isLoaded(attribute))
            return LoadResult::wasSet();
        if (ObjectState *found = m_session.m_identityMap.find(target, key)) {
            if (!found->isFullyExpired())
                return LoadResult::of(referenceValue(found));
            if (!(passive & SqlOk))
                return LoadResult::noResult();
            if (!(passive & RelatedObjectOk))
                return LoadResult::of(referenceValue(found));
            try {
                loadExpired(*found, passive);
                return LoadResult::of(referenceValue(found));
            } catch (const SessionError &error) {
                if (error.kind() != ErrorKind::ObjectDeleted)
                    throw;
                m_session.removeNewlyDeleted({found});
            }
        }
        if (!(passive & SqlOk) || !(passive & RelatedObjectOk))
            return LoadResult::noResult();
    } else if (!(passive & SqlOk)) {
        return LoadResult::noResult();
    }
    if (!(passive & NoAutoflush))
        m_session.autoflush();
    const QList<ObjectState *> found = loadRows(target, where);
    return LoadResult::of(referenceValue(found.isEmpty() ? nullptr : found.first()));
}

} // namespace sessionscope
