#include "unitofwork.h"

#include "cascades.h"
#include "mapping/identifier.h"
#include "mapping/values.h"
#include "session.h"
#include "state/attributes.h"

#include <QScopeGuard>
#include <QVarLengthArray>

#include <algorithm>
#include <bit>
#include <iterator>
#include <numeric>

namespace sessionscope {

namespace {

// Rows one multi-row INSERT or UPDATE ... FROM (VALUES ...) sends at most: enough to amortise
// a statement's cost, few enough that its text stays short.
constexpr qsizetype kMaxRowsPerSharedStatement = 256;
// Rows one statement is executed for (an "executemany") before it is reported: keeps trace lines
// short.
constexpr qsizetype kMaxRowsPerExecuteMany = 1024;
// Fewer rows than this go one at a time where that form exists: a shared statement's fixed
// costs (building its text, looking at the table first) outweigh what sharing saves.
constexpr qsizetype kMinRowsToShare = 16;

// Rows the next statement of a batch takes when rows share statements, `remaining` rows being
// left (at most `perStatement`); 0: the rest go one at a time. Every row count gives a text of
// its own, prepared once and kept, so a batch short of a full statement goes in powers of two
// (160 rows: 128, then 32): one shape of row never has more than nine texts.
qsizetype sharedStatementRows(qsizetype remaining, qsizetype perStatement, bool oneAtATime)
{
    if (remaining >= perStatement)
        return perStatement;
    if (oneAtATime && remaining < kMinRowsToShare)
        return 0;
    return qsizetype(std::bit_floor(quint64(remaining)));
}

// Sends a batch of `count` rows in the statements sharedStatementRows() sizes: `whole(shared)`
// when one statement takes every row, else `part(first, n, shared)` for each statement's rows.
template<typename Whole, typename Part>
void sendInStatements(qsizetype count, qsizetype perStatement, bool oneAtATime, Whole whole,
                      Part part)
{
    for (qsizetype done = 0; done < count;) {
        qsizetype n = sharedStatementRows(count - done, perStatement, oneAtATime);
        const bool shared = n > 0;
        if (!shared)
            n = count - done;
        if (n == count) {
            whole(shared);
            return;
        }
        part(done, n, shared);
        done += n;
    }
}

ObjectState *refOf(const QVariant &v)
{
    return v.isValid() ? v.value<ObjectState *>() : nullptr;
}

bool keyLess(const ObjectState *a, const ObjectState *b)
{
    const qlonglong *x = a->key().asInteger();
    const qlonglong *y = b->key().asInteger();
    if (x && y)
        return *x < *y;
    return a->key().compare(b->key()) < 0;
}

// Whether a new row sends the object's own value for `column`. None counts as "not set" (the
// default applies), except for json columns, where it is the JSON value null (SQLAlchemy's
// JSON type evaluates None).
bool hasInsertValue(const ObjectState &state, const Column &column)
{
    return state.isLoaded(column.index) &&
           (variantIsValid(state.loadedValue(column.index)) || column.type == ColumnType::Json);
}

// The value a column had when last loaded or flushed (SQLAlchemy's committed state), loading
// it if it is expired.
QVariant committedValue(ObjectState &state, int column)
{
    if (const Original *original = state.original(column))
        return original->kind == OriginalKind::Value ? original->value : QVariant();
    const LoadResult current = attributes::get(state, column, kPassiveReturnNoValue);
    return current.kind == LoadResult::Value ? current.value : QVariant();
}

} // namespace

UnitOfWork::UnitOfWork(Session &session)
    : m_session(session)
{}

UnitOfWork::~UnitOfWork()
{
    for (ObjectState *state : m_registered)
        state->setFlushRegistration(false, false);
}

bool UnitOfWork::registerObject(ObjectState *state, bool isDelete, bool cancelDelete)
{
    if (!state || !m_session.containsState(*state))
        return false; // not in this session: the change along a relationship does not proceed
    registerMember(state, isDelete, cancelDelete);
    return true;
}

void UnitOfWork::registerMember(ObjectState *state, bool isDelete, bool cancelDelete)
{
    if (!state->isRegisteredForFlush()) {
        state->setFlushRegistration(true, isDelete);
        m_registered.push_back(state);
    } else if (isDelete || cancelDelete) {
        state->setFlushRegistration(true, isDelete);
    }
}

bool UnitOfWork::isDeleted(const ObjectState *state) const
{
    return state->isRegisteredAsDelete();
}

QList<ObjectState *> UnitOfWork::registered(const EntityType &entity, bool deletes) const
{
    QList<ObjectState *> out;
    for (ObjectState *state : m_registered) {
        if (&state->entity() == &entity && state->isRegisteredAsDelete() == deletes)
            out.append(state);
    }
    return out;
}

History UnitOfWork::attributeHistory(ObjectState &state, int attribute, Passive passive)
{
    // Cached for the flush; a cached passive look-up is redone once SQL is allowed.
    const auto key = std::make_pair(&state, attribute);
    auto it = m_histories.find(key);
    Passive effective = passive | LoadAgainstCommitted | NoRaise;
    if (it != m_histories.end()) {
        if ((it->passive & SqlOk) || !(passive & SqlOk))
            return it->history;
        effective = kPassiveOff | LoadAgainstCommitted | NoRaise;
    }
    History history = attributes::history(state, attribute, effective);
    m_histories.insert(key, CachedHistory{history, passive});
    return history;
}

// ---- planning -------------------------------------------------------------------------------

bool UnitOfWork::plan()
{
    const QList<ObjectState *> deleted = m_session.m_deleted.ordered();
    QList<ObjectState *> candidates = m_session.m_new.ordered();
    for (ObjectState *state : m_session.m_identityMap.modifiedStates()) {
        if (!m_session.m_deleted.contains(state))
            candidates.append(state);
    }
    m_registered.reserve(size_t(candidates.size() + deleted.size()));
    for (ObjectState *state : candidates) {
        const bool orphan = attributes::isOrphan(*state);
        const bool persistentOrphan = orphan && state->hasIdentity();
        if (orphan && !persistentOrphan && state->orphanedOutsideOfSession())
            m_session.expungeStates({state}, false);
        else
            registerMember(state, persistentOrphan); // new or modified: in the session
    }
    for (ObjectState *state : deleted) {
        if (!state->isRegisteredForFlush())
            registerObject(state, true);
    }
    while (presortPass()) {
    }
    if (m_registered.empty())
        return false;
    refuseRowCycles();
    return true;
}

bool UnitOfWork::presortPass()
{
    bool progressed = false;
    for (const auto &entity : m_session.mapping().entities()) {
        for (const Relationship &relationship : entity->relationships()) {
            QSet<ObjectState *> &seen = m_presorted[&relationship];
            QList<ObjectState *> saves;
            QList<ObjectState *> deletes;
            for (ObjectState *state : registered(*entity, false)) {
                if (!seen.contains(state))
                    saves.append(state);
            }
            for (ObjectState *state : registered(*entity, true)) {
                if (!seen.contains(state))
                    deletes.append(state);
            }
            if (saves.isEmpty() && deletes.isEmpty())
                continue;
            for (ObjectState *state : saves)
                seen.insert(state);
            for (ObjectState *state : deletes)
                seen.insert(state);
            if (relationship.isCollection())
                presortOneToMany(relationship, saves, deletes);
            else
                presortManyToOne(relationship, deletes);
            if (!m_changesChecked.contains(&relationship) &&
                (relationshipHasChanges(relationship, deletes, true) ||
                 relationshipHasChanges(relationship, saves, false)))
                m_changesChecked.insert(&relationship);
            progressed = true;
        }
    }
    return progressed;
}

// SQLAlchemy's DependencyProcessor.prop_has_changes: looks at the relationship's history on
// the given objects until one has any. It matters for what it loads as a side effect: a deleted
// object's reference is taken from the identity map, a deleted parent's collection is loaded.
bool UnitOfWork::relationshipHasChanges(const Relationship &relationship,
                                        const QList<ObjectState *> &states, bool deletes)
{
    Passive passive = kPassiveNoInitialize;
    if (deletes)
        passive = relationship.isCollection() ? kPassiveOff : kPassiveNoFetchRelated;
    for (ObjectState *state : states) {
        if (!attributeHistory(*state, relationship.index, passive).isEmpty())
            return true;
    }
    return false;
}

void UnitOfWork::presortOneToMany(const Relationship &relationship,
                                  const QList<ObjectState *> &saves,
                                  const QList<ObjectState *> &deletes)
{
    const int attribute = relationship.index;
    const bool deleteOrphan = relationship.cascades(CascadeOption::DeleteOrphan);
    // A parent being deleted: orphans go with it; without the delete cascade the remaining
    // children are saved with a NULL foreign key.
    for (ObjectState *parent : deletes) {
        const History h = attributeHistory(*parent, attribute, kPassiveOff);
        for (const QVariant &v : h.deleted) {
            ObjectState *child = refOf(v);
            if (child && !child->hasParent(&relationship, false))
                registerObject(child, deleteOrphan);
        }
        if (!relationship.cascades(CascadeOption::Delete)) {
            for (const QVariant &v : h.unchanged)
                registerObject(refOf(v));
        }
    }
    for (ObjectState *parent : saves) {
        const History h = attributeHistory(*parent, attribute, kPassiveNoInitialize);
        for (const QVariant &v : h.added) {
            if (ObjectState *child = refOf(v)) {
                registerObject(child, false, true);
                m_childrenAdded[&relationship].insert(child);
            }
        }
        for (const QVariant &v : h.deleted) {
            ObjectState *child = refOf(v);
            if (!child)
                continue;
            if (!deleteOrphan) {
                registerObject(child);
            } else if (!child->hasParent(&relationship, false)) {
                registerObject(child, true);
                for (ObjectState *cascaded : cascadeIterator(*child, CascadeOption::Delete, {}))
                    registerObject(cascaded, true);
            }
        }
    }
}

void UnitOfWork::presortManyToOne(const Relationship &relationship,
                                  const QList<ObjectState *> &deletes)
{
    if (!relationship.cascades(CascadeOption::Delete))
        return;
    for (ObjectState *child : deletes) {
        const History h = attributeHistory(*child, relationship.index, kPassiveOff);
        for (const QVariant &v : h.nonDeleted()) {
            if (ObjectState *parent = refOf(v)) {
                registerObject(parent, true);
                for (ObjectState *cascaded : cascadeIterator(*parent, CascadeOption::Delete, {}))
                    registerObject(cascaded, true);
            }
        }
    }
}

// ---- foreign keys -----------------------------------------------------------------------------

QList<UnitOfWork::SyncTask> UnitOfWork::syncTasksFor(const EntityType &entity)
{
    QList<SyncTask> tasks;
    auto add = [&](ObjectState *dest, ObjectState *source, const Relationship &relationship) {
        if (dest && !isDeleted(dest))
            tasks.append({dest, source, &relationship});
    };
    for (const auto &owner : m_session.mapping().entities()) {
        for (const Relationship &relationship : owner->relationships()) {
            if (relationship.isCollection() && relationship.target == &entity) {
                // Parents' collections: added children take the parent's key, removed ones
                // (not orphan-deleted, not moved elsewhere) lose it.
                const bool deleteOrphan = relationship.cascades(CascadeOption::DeleteOrphan);
                for (ObjectState *parent : registered(*owner, false)) {
                    const History h =
                        attributeHistory(*parent, relationship.index, kPassiveNoInitialize);
                    for (const QVariant &v : h.added)
                        add(refOf(v), parent, relationship);
                    for (const QVariant &v : h.deleted) {
                        ObjectState *child = refOf(v);
                        if (child && !deleteOrphan && !child->hasParent(&relationship, false))
                            add(child, nullptr, relationship);
                    }
                }
                for (ObjectState *parent : registered(*owner, true)) {
                    const History h = attributeHistory(*parent, relationship.index, kPassiveOff);
                    for (const QVariant &v : h.deleted) {
                        ObjectState *child = refOf(v);
                        if (child && !child->hasParent(&relationship, false))
                            add(child, nullptr, relationship);
                    }
                    if (!relationship.cascades(CascadeOption::Delete)) {
                        const QSet<ObjectState *> added = m_childrenAdded.value(&relationship);
                        for (const QVariant &v : h.unchanged) {
                            if (!added.contains(refOf(v)))
                                add(refOf(v), nullptr, relationship);
                        }
                    }
                }
            } else if (!relationship.isCollection() && owner.get() == &entity) {
                // The object's own reference.
                for (ObjectState *child : registered(entity, false)) {
                    const History h =
                        attributeHistory(*child, relationship.index, kPassiveNoInitialize);
                    if (!h.added.isEmpty()) {
                        for (const QVariant &v : h.added) {
                            ObjectState *parent = refOf(v);
                            if (parent && !m_session.containsState(*parent))
                                continue; // not in the session: the assignment does not proceed
                            add(child, parent, relationship);
                        }
                    } else if (!h.deleted.isEmpty()) {
                        add(child, nullptr, relationship);
                    }
                }
            }
        }
    }
    return tasks;
}

void UnitOfWork::applySync(const SyncTask &task)
{
    const EntityType &destEntity = task.dest->entity();
    for (const ColumnPair &pair : task.relationship->pairs) {
        if (!task.source) {
            if (destEntity.isPrimaryKey(pair.foreignKey)) {
                const LoadResult current = attributes::get(*task.dest, pair.foreignKey);
                if (current.kind == LoadResult::Value && current.value.isValid())
                    throwInvalidRequest(QStringLiteral("a relationship change would set key "
                                                       "column %1.%2 of %3 to NULL")
                                            .arg(destEntity.name(),
                                                 destEntity.column(pair.foreignKey).name,
                                                 describeObject(*task.dest)));
            }
            attributes::set(*task.dest, pair.foreignKey, QVariant());
            continue;
        }
        // Either way the source is on the one side and `dest` holds the foreign key.
        const QVariant value = attributes::value(*task.source, pair.referenced);
        attributes::set(*task.dest, pair.foreignKey, value);
    }
}

// ---- ordering -------------------------------------------------------------------------------

namespace {

// Persistent rows are written in key order, like SQLAlchemy's unit of work. Changed objects come
// from a hash, so they rarely arrive in order; single integer keys sort without QVariant.
void sortByKey(QList<ObjectState *> &states)
{
    if (std::is_sorted(states.begin(), states.end(), keyLess))
        return;
    std::vector<std::pair<qlonglong, ObjectState *>> byInteger;
    byInteger.reserve(size_t(states.size()));
    for (ObjectState *state : std::as_const(states)) {
        const qlonglong *key = state->key().asInteger();
        if (!key)
            break;
        byInteger.emplace_back(*key, state);
    }
    if (qsizetype(byInteger.size()) != states.size()) {
        std::stable_sort(states.begin(), states.end(), keyLess);
        return;
    }
    std::sort(byInteger.begin(), byInteger.end()); // keys are unique: no ties to keep stable
    for (qsizetype i = 0; i < states.size(); ++i)
        states[i] = byInteger[size_t(i)].second;
}

} // namespace

ObjectState *UnitOfWork::rowToTakeOver(ObjectState &state)
{
    // SQLAlchemy's _organize_states_for_save: only a new object whose key is set can meet a
    // held one, and only one deleted in this flush gives its row up.
    const EntityType &entity = state.entity();
    QVarLengthArray<QVariant, 4> key;
    for (int k : entity.primaryKey()) {
        if (!state.isLoaded(k) || !state.loadedValue(k).isValid())
            return nullptr;
        key.append(state.loadedValue(k));
    }
    ObjectState *held =
        m_session.m_identityMap.find(entity, std::span<const QVariant>(key.data(), key.size()));
    if (!held || held == &state)
        return nullptr;
    if (held->isFullyExpired()) {
        // Its row may be gone already (uowtransaction.was_already_deleted): then the new row
        // is an INSERT after all.
        try {
            m_session.loadExpiredAttributes(*held, kPassiveOff);
        } catch (const SessionError &error) {
            if (error.kind() != ErrorKind::ObjectDeleted)
                throw;
            m_session.removeNewlyDeleted({held});
            return nullptr;
        }
    }
    // A held object that is not being deleted keeps its row: the INSERT then fails on the key,
    // as SQLAlchemy's does (after a warning).
    return held->isRegisteredForFlush() && held->isRegisteredAsDelete() ? held : nullptr;
}

bool UnitOfWork::isSelfReferential(const EntityType &entity)
{
    for (const Relationship &relationship : entity.relationships()) {
        if (relationship.target == &entity && !relationship.postUpdate)
            return true;
    }
    return false;
}

RowOrder UnitOfWork::orderRows(const EntityType &entity, bool findRowSwitches)
{
    QList<ObjectState *> updates;
    QList<ObjectState *> switches; // new objects taking over a deleted object's row
    QList<ObjectState *> inserts;
    for (ObjectState *state : registered(entity, false)) {
        if (state->hasIdentity()) {
            updates.append(state);
        } else if (ObjectState *replaced = findRowSwitches ? rowToTakeOver(*state) : nullptr) {
            m_rowSwitches.insert(state, replaced);
            m_replacedRows.insert(replaced);
            switches.append(state);
        } else {
            inserts.append(state);
        }
    }
    // Usually already in order (objects register in the order they were added).
    const auto byInsertOrder = [](const ObjectState *a, const ObjectState *b) {
        return a->insertOrder() < b->insertOrder();
    };
    if (!std::is_sorted(inserts.begin(), inserts.end(), byInsertOrder))
        std::stable_sort(inserts.begin(), inserts.end(), byInsertOrder);
    std::stable_sort(switches.begin(), switches.end(), byInsertOrder);
    sortByKey(updates);
    // SQLAlchemy's order (persistence.py, _sort_states): the UPDATEs of the row switches (in the
    // order the objects were added) and of held objects (by key), then the INSERTs.
    RowOrder order{switches + updates + inserts, registered(entity, true)};
    std::stable_sort(order.deletes.begin(), order.deletes.end(), keyLess);
    if (!isSelfReferential(entity))
        return order;
    const RelatedObjects related = [&](ObjectState &state, const Relationship &relationship,
                                       bool deleting, QList<ObjectState *> *out) {
        if (deleting && !relationship.isCollection()) {
            // The parent row by the foreign key the row holds (its reference may not be
            // loaded). A row referring to itself goes in one DELETE.
            QVariantList parentKey;
            for (const ColumnPair &pair : relationship.pairs)
                parentKey.append(committedValue(state, pair.foreignKey));
            for (ObjectState *parent : std::as_const(order.deletes)) {
                QVariantList referenced;
                for (const ColumnPair &pair : relationship.pairs)
                    referenced.append(committedValue(*parent, pair.referenced));
                if (parent != &state && referenced == parentKey)
                    out->append(parent);
            }
            return true;
        }
        // A deleted parent's collection was loaded by the relationship rules already.
        if (!deleting && !state.isLoaded(relationship.index))
            return false;
        const History h = attributeHistory(state, relationship.index,
                                           deleting ? kPassiveOff : kPassiveNoInitialize);
        const QVariantList held = h.sum();
        for (const QVariant &v : held) {
            if (ObjectState *object = refOf(v))
                out->append(object);
        }
        // A loaded reference holds something even when it is null.
        return !relationship.isCollection() || !held.isEmpty();
    };
    return orderSelfReferentialRows(entity, order.saves, order.deletes, related);
}

void UnitOfWork::refuseRowCycles()
{
    // Before anything is sent: a cycle of rows refuses the flush and changes nothing. Row
    // switches are found when the rows are written (a key may come from a parent's INSERT);
    // they do not change which rows depend on which.
    for (const auto &entity : m_session.mapping().entities()) {
        if (isSelfReferential(*entity))
            orderRows(*entity, false);
    }
}

// ---- execution -------------------------------------------------------------------------------

void UnitOfWork::execute()
{
    const Mapping &mapping = m_session.mapping();
    for (const EntityType *entity : mapping.dependencyOrder()) {
        const QList<SyncTask> tasks = syncTasksFor(*entity);
        // The foreign keys each object takes, in task order; objects outside the flush still
        // get theirs in memory.
        QHash<ObjectState *, QList<qsizetype>> tasksOf;
        for (qsizetype i = 0; i < tasks.size(); ++i) {
            if (tasks[i].relationship->postUpdate)
                m_postUpdates.append(tasks[i]); // written once every row is
            else if (!tasks[i].dest->isRegisteredForFlush())
                applySync(tasks[i]);
            else
                tasksOf[tasks[i].dest].append(i);
        }
        // Rows of a self-referential entity may take keys generated by earlier rows of the same
        // flush: each is sent on its own. Otherwise consecutive new rows with the same columns
        // share one INSERT, as many as the parameter limit allows.
        const bool selfReferential = isSelfReferential(*entity);
        InsertBatch batch;
        UpdateBatch updates;
        QList<int> columns; // the changed columns of the row at hand; its capacity serves every row
        const RowOrder order = orderRows(*entity, true);
        m_deleteOrder.insert(entity, order.deletes);
        for (ObjectState *state : order.saves) {
            if (!tasksOf.isEmpty()) {
                for (qsizetype i : tasksOf.value(state))
                    applySync(tasks[i]);
            }
            if (ObjectState *replaced = m_rowSwitches.value(state)) {
                sendInserts(*entity, batch);
                sendUpdates(*entity, updates);
                updateRow(*state, replaced);
                continue;
            }
            if (state->hasIdentity()) {
                sendInserts(*entity, batch);
                switch (prepareUpdate(*state, columns)) {
                case UpdatePlan::Nothing:
                    break;
                case UpdatePlan::Alone:
                    sendUpdates(*entity, updates);
                    updateRow(*state);
                    break;
                case UpdatePlan::Batched:
                    if (!updates.states.empty() && columns != updates.columns)
                        sendUpdates(*entity, updates);
                    if (updates.states.empty())
                        startUpdateBatch(*entity, columns, updates);
                    addUpdateRow(updates, *state);
                    if (qsizetype(updates.states.size()) >= updates.perStatement)
                        sendUpdates(*entity, updates);
                    break;
                }
                continue;
            }
            sendUpdates(*entity, updates);
            if (!batch.rows.empty() && !fitsInsertBatch(*state, batch))
                sendInserts(*entity, batch);
            if (batch.rows.empty()) {
                // How this shape of row is sent is decided once per batch, not once per row.
                insertShape(*state, batch);
                batch.form = insertForm(*entity, batch.columns, batch.needsKey);
                batch.perStatement = 1; // a self-referential entity: one row at a time
                if (!selfReferential && batch.form == InsertForm::RowByRow) {
                    batch.perStatement = kMaxRowsPerExecuteMany;
                } else if (!selfReferential && !batch.columns.isEmpty()) {
                    batch.perStatement = rowsPerSharedStatement(batch.columns.size());
                }
                batch.parameters.reset(batch.columns.size());
            }
            batch.rows.push_back(
                insertParameters(*state, batch.columns, batch.parameters.addRow()));
            if (qsizetype(batch.rows.size()) >= batch.perStatement)
                sendInserts(*entity, batch);
        }
        sendUpdates(*entity, updates);
        sendInserts(*entity, batch);
    }
    sendPostUpdates();
    sendPreDeleteUpdates();
    const auto &order = mapping.dependencyOrder();
    for (auto it = order.crbegin(); it != order.crend(); ++it) {
        for (ObjectState *state : m_deleteOrder.value(*it)) {
            if (!m_replacedRows.contains(state)) // else a new object took its row over
                deleteRow(*state);
        }
    }
}

qint64 UnitOfWork::run(const QString &sql, const QVariantList &parameters,
                       const StatementShape &shape, ObjectState &state, const QList<int> &columns,
                       QVariantList *returned, const std::function<void(qint64)> &afterSuccess)
{
    StatementDetails details;
    details.entity = &state.entity();
    details.object = &state;
    details.parameterColumns = columns;
    details.afterSuccess = afterSuccess;
    Connection::RowHandler onRow;
    if (returned) {
        onRow = [returned](const Statement &result) {
            returned->clear();
            for (int i = 0; i < result.columnCount(); ++i)
                returned->append(result.value(i));
        };
    }
    return m_session.m_connection.execute(sql, parameters, shape, onRow, details);
}

// SQLAlchemy's _collect_insert_commands, in two steps: which columns the row sends, then what.
void UnitOfWork::insertShape(const ObjectState &state, InsertBatch &batch) const
{
    const EntityType &entity = state.entity();
    const int generated = entity.generatedKeyColumn();
    batch.columns.clear();
    batch.omissible.clear();
    for (const Column &column : entity.columns()) {
        const int c = column.index;
        const bool own = hasInsertValue(state, column);
        const bool keyWithoutDefault = column.primaryKey && !column.hasDefault();
        if (c == generated || keyWithoutDefault)
            batch.omissible.append(std::make_pair(c, own));
        if (column.versionCounter || own)
            batch.columns.append(c);
        else if (c == generated)
            continue; // the database generates it; the connection or RETURNING brings it back
        else if (keyWithoutDefault)
            continue; // a key column nobody set: let the database refuse it
        else
            batch.columns.append(c); // its default, or NULL
    }
    batch.needsKey = generated >= 0 && !hasInsertValue(state, entity.column(generated));
}

bool UnitOfWork::fitsInsertBatch(const ObjectState &state, const InsertBatch &batch) const
{
    // Every other column is sent by every row, with a value of its own, its default or NULL.
    const EntityType &entity = state.entity();
    for (const auto &[c, own] : batch.omissible) {
        if (hasInsertValue(state, entity.column(c)) != own)
            return false;
    }
    return true;
}

UnitOfWork::PendingInsert UnitOfWork::insertParameters(ObjectState &state,
                                                       const QList<int> &columns,
                                                       std::span<QVariant> row) const
{
    const EntityType &entity = state.entity();
    const SqlDialect &dialect = m_session.dialect();
    PendingInsert pending;
    pending.state = &state;
    QVariant *value = row.data();
    for (int c : columns) {
        const Column &column = entity.column(c);
        if (column.versionCounter) {
            // A new row always starts at version 1, whatever was assigned.
            const QVariant first(qlonglong(1));
            pending.prefetched.append(std::make_pair(c, first));
            *value++ = dialect.toSql(column, first);
        } else if (hasInsertValue(state, column)) {
            *value++ = dialect.toSql(column, state.loadedValue(c));
        } else if (column.hasDefault()) {
            pending.prefetched.append(std::make_pair(c, column.defaultValue));
            *value++ = dialect.toSql(column, column.defaultValue);
        } else {
            *value++ = QVariant();
        }
    }
    return pending;
}

const QString &UnitOfWork::insertSql(const EntityType &entity, const QList<int> &columns,
                                     bool needsKey, qsizetype rows)
{
    InsertSqlCache &cache = m_insertSql;
    if (cache.entity == &entity && cache.rows == rows && cache.needsKey == needsKey &&
        cache.columns == columns)
        return cache.sql;
    const QString table = quoteIdentifier(entity.table());
    QString sql;
    if (columns.isEmpty()) {
        sql = QStringLiteral("INSERT INTO %1 DEFAULT VALUES").arg(table);
    } else {
        QStringList names;
        for (int c : columns)
            names.append(quoteIdentifier(entity.column(c).name));
        const QString tuple =
            u'(' + QStringList(columns.size(), QStringLiteral("?")).join(QStringLiteral(", ")) +
            u')';
        sql = QStringLiteral("INSERT INTO %1 (%2) VALUES %3")
                  .arg(table, names.join(QStringLiteral(", ")),
                       QStringList(rows, tuple).join(QStringLiteral(", ")));
    }
    if (needsKey)
        sql += QStringLiteral(" RETURNING %1")
                   .arg(quoteIdentifier(entity.column(entity.generatedKeyColumn()).name));
    cache = InsertSqlCache{&entity, columns, needsKey, rows, std::move(sql)};
    return cache.sql;
}

UnitOfWork::InsertForm UnitOfWork::insertForm(const EntityType &entity, const QList<int> &columns,
                                              bool needsKey)
{
    // SQLite through its C API hands back a generated rowid without RETURNING, which buffers
    // every row it returns; other keys, and other databases, need RETURNING.
    Connection &connection = m_session.m_connection;
    if (!connection.usesNativeStatements() ||
        (needsKey &&
         !connection.isRowIdKey(entity.table(), entity.column(entity.generatedKeyColumn()).name)))
        return InsertForm::ManyRowsReturning;
    // A row of DEFAULT VALUES has no tuple to repeat.
    if (columns.isEmpty())
        return InsertForm::RowByRow;
    return InsertForm::ManyRowsCountingKeys;
}

void UnitOfWork::storeGenerated(const EntityType &entity, const InsertBatch &batch,
                                const QList<qlonglong> &keys, qsizetype rows) const
{
    const qsizetype count = rows < 0 ? qsizetype(batch.rows.size()) : rows;
    if (batch.needsKey) {
        if (keys.size() < count)
            throw SessionError(ErrorKind::Operational,
                               QStringLiteral("INSERT into %1 did not return the generated "
                                              "key of each row (%2 of %3)")
                                   .arg(entity.table())
                                   .arg(keys.size())
                                   .arg(count));
        const int generated = entity.generatedKeyColumn();
        for (qsizetype i = 0; i < count; ++i)
            batch.rows[size_t(i)].state->store(generated, QVariant(keys[i]));
    }
    for (qsizetype i = 0; i < count; ++i) {
        const PendingInsert &row = batch.rows[size_t(i)];
        for (const auto &[c, value] : row.prefetched)
            row.state->store(c, value);
    }
}

void UnitOfWork::sendInserts(const EntityType &entity, InsertBatch &batch)
{
    const qsizetype count = qsizetype(batch.rows.size());
    if (count == 0)
        return;
    // Whatever happens, the next batch starts empty.
    const auto cleared = qScopeGuard([&batch] {
        batch.rows.clear();
        batch.parameters.reset(batch.parameters.width());
    });
    if (batch.form == InsertForm::RowByRow) {
        sendInsertStatement(entity, batch, batch.form);
        return;
    }
    const auto formOf = [&batch](bool shared) {
        return shared ? batch.form : InsertForm::RowByRow;
    };
    InsertBatch part;
    part.columns = batch.columns;
    part.needsKey = batch.needsKey;
    sendInStatements(
        count, batch.perStatement, batch.form == InsertForm::ManyRowsCountingKeys,
        [&](bool shared) { sendInsertStatement(entity, batch, formOf(shared)); },
        [&](qsizetype first, qsizetype n, bool shared) {
            const auto rows = batch.rows.begin() + first;
            part.rows.assign(std::make_move_iterator(rows), std::make_move_iterator(rows + n));
            part.parameters.takeRows(batch.parameters, first, n);
            sendInsertStatement(entity, part, formOf(shared));
        });
}

void UnitOfWork::sendInsertStatement(const EntityType &entity, InsertBatch &batch, InsertForm form)
{
    const SqlDialect &dialect = m_session.dialect();
    const qsizetype count = qsizetype(batch.rows.size());
    const int generated = entity.generatedKeyColumn();
    const StatementShape shape{QStringLiteral("INSERT"), entity.table()};

    StatementDetails details;
    details.entity = &entity;
    details.object = count == 1 ? batch.rows.front().state : nullptr;
    details.parameterColumns = batch.columns;
    // The generated keys and the defaults are part of what the INSERT did: store them before
    // listeners hear of it.
    QList<qlonglong> keys;

    if (form == InsertForm::ManyRowsCountingKeys && count > 1 &&
        sendCountingKeys(entity, batch, details, keys))
        return;
    if (form != InsertForm::ManyRowsReturning) {
        details.afterSuccess = [&](qint64) { storeGenerated(entity, batch, keys); };
        details.afterRowsBeforeFailure = [&](qsizetype rows) {
            storeGenerated(entity, batch, keys, rows);
        };
        m_session.m_connection.executeMany(insertSql(entity, batch.columns, false, 1),
                                           batch.parameters, shape, details,
                                           batch.needsKey ? &keys : nullptr);
        return;
    }

    const QString &sql = insertSql(entity, batch.columns, batch.needsKey, count);
    details.rows = &batch.parameters;
    // Generated keys come back with RETURNING, one per row. The order of RETURNING rows is not
    // specified, but keys are generated in increasing order as the rows are written, in the
    // order of VALUES: sorted, the n-th key is the n-th row's.
    Connection::RowHandler onRow;
    if (batch.needsKey) {
        keys.reserve(count);
        onRow = [&](const Statement &result) {
            QString why;
            const auto key = dialect.fromSql(entity.column(generated), result.value(0), &why);
            if (!key || !key->isValid())
                throw SessionError(ErrorKind::Operational,
                                   QStringLiteral("INSERT into %1 returned an unusable key: %2")
                                       .arg(entity.table(), why));
            keys.append(key->toLongLong());
        };
    }
    details.afterSuccess = [&](qint64) {
        std::sort(keys.begin(), keys.end());
        storeGenerated(entity, batch, keys);
    };
    m_session.m_connection.execute(sql, batch.parameters.values(), shape, onRow, details);
}

bool UnitOfWork::sendCountingKeys(const EntityType &entity, InsertBatch &batch,
                                  StatementDetails &details, QList<qlonglong> &keys)
{
    Connection &connection = m_session.m_connection;
    const qsizetype count = qsizetype(batch.rows.size());
    if (batch.needsKey && !connection.insertsConsecutiveKeys(entity.table(), count))
        return false;
    details.rows = &batch.parameters;
    details.afterSuccess = [&](qint64 written) {
        if (batch.needsKey) {
            if (written != count)
                throw SessionError(ErrorKind::Operational,
                                   QStringLiteral("INSERT into %1 wrote %2 rows of %3")
                                       .arg(entity.table())
                                       .arg(written)
                                       .arg(count));
            const qint64 first = connection.lastInsertId() - count + 1;
            keys.resize(count);
            std::iota(keys.begin(), keys.end(), first);
        }
        storeGenerated(entity, batch, keys);
    };
    try {
        connection.execute(insertSql(entity, batch.columns, false, count),
                           batch.parameters.values(), {QStringLiteral("INSERT"), entity.table()},
                           {}, details);
    } catch (const SessionError &error) {
        // A broken constraint undoes the statement that broke it and nothing more: sent one at
        // a time, the rows before the culprit are written, and its error names it.
        if (error.kind() != ErrorKind::Integrity || !connection.transactionSurvived())
            throw;
        keys.clear();
        details.rows = nullptr;
        return false;
    }
    return true;
}

UnitOfWork::UpdatePlan UnitOfWork::prepareUpdate(ObjectState &state, QList<int> &changed) const
{
    const EntityType &entity = state.entity();
    if (entity.versionColumn() >= 0)
        return UpdatePlan::Alone;
    changed.clear();
    state.forEachOriginal([&](const Original &original) {
        const int c = original.attribute;
        if (!entity.isColumn(c) || !state.isLoaded(c))
            return;
        if (original.kind == OriginalKind::Value &&
            values::equal(state.loadedValue(c), original.value))
            return; // set and set back: no net change
        changed.append(c);
    });
    if (changed.isEmpty())
        return UpdatePlan::Nothing;
    // The row is found by its key as loaded; a changed key takes updateRow()'s way.
    for (int k : entity.primaryKey()) {
        if (state.hasOriginal(k) || !state.isLoaded(k) || !state.loadedValue(k).isValid())
            return UpdatePlan::Alone;
    }
    std::sort(changed.begin(), changed.end());
    return UpdatePlan::Batched;
}

void UnitOfWork::addUpdateRow(UpdateBatch &batch, ObjectState &state) const
{
    const EntityType &entity = state.entity();
    const SqlDialect &dialect = m_session.dialect();
    QVariant *value = batch.parameters.addRow().data();
    for (int c : std::as_const(batch.columns))
        *value++ = dialect.toSql(entity.column(c), state.loadedValue(c));
    for (int k : entity.primaryKey())
        *value++ = dialect.toSql(entity.column(k), state.loadedValue(k));
    batch.states.push_back(&state);
}

qsizetype UnitOfWork::rowsPerSharedStatement(qsizetype width) const
{
    return std::min<qsizetype>(kMaxRowsPerSharedStatement,
                               m_session.dialect().maxParameters() / width);
}

void UnitOfWork::startUpdateBatch(const EntityType &entity, const QList<int> &columns,
                                  UpdateBatch &batch)
{
    batch.columns = columns;
    const qsizetype width = columns.size() + entity.primaryKey().size();
    batch.parameters.reset(width);
    // SQLite runs an UPDATE ... FROM (VALUES ...) for about half the work per row of one
    // UPDATE executed per row; elsewhere rows go one UPDATE executed per row.
    batch.manyRows = m_session.m_connection.updatesFromValues();
    batch.perStatement = batch.manyRows ? rowsPerSharedStatement(width) : kMaxRowsPerExecuteMany;
}

void UnitOfWork::sendUpdates(const EntityType &entity, UpdateBatch &batch)
{
    const qsizetype count = qsizetype(batch.states.size());
    if (count == 0)
        return;
    // Whatever happens, the next batch starts empty.
    const auto cleared = qScopeGuard([&batch] {
        batch.states.clear();
        batch.parameters.reset(batch.parameters.width());
    });
    if (!batch.manyRows) {
        sendUpdateStatement(entity, batch, false);
        return;
    }
    UpdateBatch part;
    part.columns = batch.columns;
    sendInStatements(
        count, batch.perStatement, true,
        [&](bool shared) { sendUpdateStatement(entity, batch, shared); },
        [&](qsizetype first, qsizetype n, bool shared) {
            const auto states = batch.states.begin() + first;
            part.states.assign(states, states + n);
            part.parameters.takeRows(batch.parameters, first, n);
            sendUpdateStatement(entity, part, shared);
        });
}

bool UnitOfWork::sendUpdateFromValues(const EntityType &entity, const UpdateBatch &batch,
                                      const StatementDetails &details)
{
    // UPDATE t SET a = v.column1 FROM (VALUES (?, ?), ...) AS v WHERE t.id = v.column2: each
    // VALUES row holds a row's new values, then its key, as the one-row UPDATE binds them.
    const QString table = quoteIdentifier(entity.table());
    int valueColumn = 0;
    QStringList assignments;
    for (int c : batch.columns)
        assignments.append(QStringLiteral("%1 = v.column%2")
                               .arg(quoteIdentifier(entity.column(c).name))
                               .arg(++valueColumn));
    QStringList conditions;
    for (int k : entity.primaryKey())
        conditions.append(QStringLiteral("%1.%2 = v.column%3")
                              .arg(table, quoteIdentifier(entity.column(k).name))
                              .arg(++valueColumn));
    const QString tuple =
        u'(' + QStringList(valueColumn, QStringLiteral("?")).join(QStringLiteral(", ")) + u')';
    const qsizetype count = qsizetype(batch.states.size());
    const QString sql = QStringLiteral("UPDATE %1 SET %2 FROM (VALUES %3) AS v WHERE %4")
                            .arg(table, assignments.join(QStringLiteral(", ")),
                                 QStringList(count, tuple).join(QStringLiteral(", ")),
                                 conditions.join(QStringLiteral(" AND ")));
    StatementDetails many = details;
    many.rows = &batch.parameters;
    Connection &connection = m_session.m_connection;
    qint64 matched = 0;
    try {
        matched = connection.execute(sql, batch.parameters.values(),
                                     {QStringLiteral("UPDATE"), entity.table()}, {}, many);
    } catch (const SessionError &error) {
        // A broken constraint undoes this statement and nothing more (see sendCountingKeys()).
        if (error.kind() != ErrorKind::Integrity || !connection.transactionSurvived())
            throw;
        return false;
    }
    // Keys are distinct, so every row matched exactly one row unless some matched none. Which
    // one, the rows sent one at a time tell (writing the same values again before the flush
    // fails and rolls back).
    return matched == count;
}

void UnitOfWork::sendUpdateStatement(const EntityType &entity, UpdateBatch &batch, bool manyRows)
{
    StatementDetails details;
    details.entity = &entity;
    details.object = batch.states.size() == 1 ? batch.states.front() : nullptr;
    details.parameterColumns = batch.columns;
    for (int k : entity.primaryKey())
        details.parameterColumns.append(k);
    if (manyRows && batch.states.size() > 1 && sendUpdateFromValues(entity, batch, details))
        return;
    QStringList assignments;
    for (int c : batch.columns)
        assignments.append(quoteIdentifier(entity.column(c).name) + QStringLiteral(" = ?"));
    QStringList conditions;
    for (int k : entity.primaryKey())
        conditions.append(quoteIdentifier(entity.column(k).name) + QStringLiteral(" = ?"));
    const QString sql =
        QStringLiteral("UPDATE %1 SET %2 WHERE %3")
            .arg(quoteIdentifier(entity.table()), assignments.join(QStringLiteral(", ")),
                 conditions.join(QStringLiteral(" AND ")));
    const QList<qint64> matched = m_session.m_connection.executeMany(
        sql, batch.parameters, {QStringLiteral("UPDATE"), entity.table()}, details);
    for (qsizetype i = 0; i < matched.size(); ++i) {
        if (matched[i] < 0)
            throw SessionError(ErrorKind::Operational,
                               QStringLiteral("the database driver cannot report how many rows "
                                              "an UPDATE matched; refusing to assume success"));
        if (matched[i] != 1)
            throw SessionError(ErrorKind::StaleData,
                               QStringLiteral("UPDATE of %1 in table %2 expected to match 1 row; "
                                              "%3 matched")
                                   .arg(describeObject(*batch.states[size_t(i)]), entity.table())
                                   .arg(matched[i]));
    }
}

void UnitOfWork::updateRow(ObjectState &state, ObjectState *replaced, const QList<int> *only)
{
    const EntityType &entity = state.entity();
    const SqlDialect &dialect = m_session.dialect();
    QStringList assignments;
    QVariantList parameters;
    QSet<int> changed;
    if (only) {
        changed = QSet<int>(only->cbegin(), only->cend());
    } else {
        state.forEachOriginal([&](const Original &original) {
            const int c = original.attribute;
            if (!entity.isColumn(c) || !state.isLoaded(c))
                return;
            const QVariant &value = state.loadedValue(c);
            if (original.kind == OriginalKind::Value && values::equal(value, original.value))
                return; // set and set back: no net change
            changed.insert(c);
        });
    }
    const int version = entity.versionColumn();
    QVariant oldVersion;
    if (version >= 0) {
        oldVersion = committedValue(replaced ? *replaced : state, version);
        if (changed.isEmpty())
            return;
    } else if (changed.isEmpty()) {
        return;
    }
    // The row is found by the key it had; a changed key column is assigned like any other.
    QVariantList where;
    for (int k : entity.primaryKey()) {
        const History h = attributes::history(state, k, kPassiveOff);
        QVariant located;
        if (!h.added.isEmpty() && !h.deleted.isEmpty())
            located = h.deleted.first();
        else if (!h.added.isEmpty())
            located = h.added.first();
        else if (!h.unchanged.isEmpty())
            located = h.unchanged.first();
        if (!located.isValid())
            throw SessionError(ErrorKind::InvalidRequest,
                               QStringLiteral("cannot update %1 using NULL for key column %2")
                                   .arg(entity.table(), entity.column(k).name));
        if (h.deleted.isEmpty())
            changed.remove(k);
        where.append(located);
    }
    QList<int> columns(changed.cbegin(), changed.cend());
    std::sort(columns.begin(), columns.end());
    QVariant newVersion;
    if (version >= 0 && !changed.contains(version)) {
        newVersion = QVariant(oldVersion.toLongLong() + 1);
        columns.append(version);
    }
    if (columns.isEmpty())
        return;
    QList<int> parameterColumns = columns;
    for (int c : columns) {
        assignments.append(quoteIdentifier(entity.column(c).name) + QStringLiteral(" = ?"));
        const QVariant value =
            (c == version && newVersion.isValid()) ? newVersion : state.loadedValue(c);
        parameters.append(dialect.toSql(entity.column(c), value));
    }
    QStringList conditions;
    for (qsizetype i = 0; i < entity.primaryKey().size(); ++i) {
        const Column &column = entity.column(entity.primaryKey()[i]);
        conditions.append(quoteIdentifier(column.name) + QStringLiteral(" = ?"));
        parameters.append(dialect.toSql(column, where[i]));
        parameterColumns.append(column.index);
    }
    if (version >= 0) {
        conditions.append(quoteIdentifier(entity.column(version).name) + QStringLiteral(" = ?"));
        parameters.append(oldVersion);
        parameterColumns.append(version);
    }
    const QString sql =
        QStringLiteral("UPDATE %1 SET %2 WHERE %3")
            .arg(quoteIdentifier(entity.table()), assignments.join(QStringLiteral(", ")),
                 conditions.join(QStringLiteral(" AND ")));
    const qint64 rows = run(sql, parameters, {QStringLiteral("UPDATE"), entity.table()}, state,
                            parameterColumns, nullptr, [&](qint64 matched) {
                                if (matched == 1 && newVersion.isValid())
                                    state.store(version, newVersion);
                            });
    if (rows < 0)
        throw SessionError(ErrorKind::Operational,
                           QStringLiteral("the database driver cannot report how many rows an "
                                          "UPDATE matched; refusing to assume success"));
    if (rows != 1)
        throw SessionError(ErrorKind::StaleData,
                           QStringLiteral("UPDATE of %1 in table %2 expected to match 1 row; %3 "
                                          "matched")
                               .arg(describeObject(state), entity.table())
                               .arg(rows));
}

void UnitOfWork::sendPostUpdates()
{
    // As SQLAlchemy's post_update: the assignments are made now, and each row they concern is
    // updated with those foreign-key columns that changed in this flush (by this assignment or
    // before it: a row's INSERT may already have written it, the UPDATE is sent all the same).
    QList<ObjectState *> rows;
    QHash<ObjectState *, QList<int>> columns;
    for (const SyncTask &task : std::as_const(m_postUpdates)) {
        applySync(task);
        QList<int> &pending = columns[task.dest];
        if (pending.isEmpty())
            rows.append(task.dest);
        for (const ColumnPair &pair : task.relationship->pairs) {
            if (!pending.contains(pair.foreignKey))
                pending.append(pair.foreignKey);
        }
    }
    QList<ObjectState *> changedRows;
    for (ObjectState *row : std::as_const(rows)) {
        QList<int> &pending = columns[row];
        pending.removeIf([&](int column) {
            return attributes::history(*row, column, kPassiveNoInitialize).added.isEmpty();
        });
        if (!pending.isEmpty())
            changedRows.append(row);
    }
    sendColumnUpdates(changedRows, columns);
}

void UnitOfWork::sendPreDeleteUpdates()
{
    // A row about to be deleted first lets go of the rows its post_update foreign keys point
    // at (as SQLAlchemy's ManyToOneDP.process_deletes, and OneToManyDP's for the children of a
    // deleted parent), so that rows referring to each other can be deleted one at a time.
    QList<ObjectState *> rows;
    QHash<ObjectState *, QList<int>> columns;
    // The foreign keys are set to NULL whatever they held (which marks the row modified, as in
    // SQLAlchemy); rows whose keys that changed get the UPDATE.
    const auto release = [&](ObjectState &row, const Relationship &relationship) {
        QList<int> &changed = columns[&row];
        const bool first = changed.isEmpty();
        for (const ColumnPair &pair : relationship.pairs) {
            attributes::set(row, pair.foreignKey, QVariant());
            if (!changed.contains(pair.foreignKey) &&
                !attributes::history(row, pair.foreignKey, kPassiveNoInitialize).added.isEmpty())
                changed.append(pair.foreignKey);
        }
        if (first && !changed.isEmpty())
            rows.append(&row);
    };
    for (const auto &entity : m_session.mapping().entities()) {
        for (const Relationship &relationship : entity->relationships()) {
            if (!relationship.postUpdate)
                continue;
            for (ObjectState *state : registered(*entity, true)) {
                if (!relationship.isCollection()) {
                    // SQLAlchemy loads the reference here (its history with PASSIVE_OFF).
                    attributeHistory(*state, relationship.index, kPassiveOff);
                    release(*state, relationship);
                    continue;
                }
                const History h = attributeHistory(*state, relationship.index, kPassiveOff);
                for (const QVariant &v : h.unchanged + h.deleted) {
                    if (ObjectState *child = refOf(v); child && isDeleted(child))
                        release(*child, relationship);
                }
            }
        }
    }
    sendColumnUpdates(rows, columns);
}

void UnitOfWork::sendColumnUpdates(QList<ObjectState *> rows,
                                   const QHash<ObjectState *, QList<int>> &columns)
{
    if (rows.isEmpty())
        return;
    sortByKey(rows);
    for (const EntityType *entity : m_session.mapping().dependencyOrder()) {
        for (ObjectState *row : std::as_const(rows)) {
            if (&row->entity() != entity)
                continue;
            QList<int> only = columns.value(row);
            std::sort(only.begin(), only.end());
            updateRow(*row, nullptr, &only);
        }
    }
}

void UnitOfWork::deleteRow(ObjectState &state)
{
    const EntityType &entity = state.entity();
    const SqlDialect &dialect = m_session.dialect();
    QStringList conditions;
    QVariantList parameters;
    QList<int> parameterColumns = entity.primaryKey();
    for (int k : entity.primaryKey()) {
        const Column &column = entity.column(k);
        conditions.append(quoteIdentifier(column.name) + QStringLiteral(" = ?"));
        parameters.append(dialect.toSql(column, committedValue(state, k)));
    }
    const int version = entity.versionColumn();
    if (version >= 0) {
        conditions.append(quoteIdentifier(entity.column(version).name) + QStringLiteral(" = ?"));
        parameters.append(committedValue(state, version));
        parameterColumns.append(version);
    }
    const QString sql =
        QStringLiteral("DELETE FROM %1 WHERE %2")
            .arg(quoteIdentifier(entity.table()), conditions.join(QStringLiteral(" AND ")));
    const qint64 rows = run(sql, parameters, {QStringLiteral("DELETE"), entity.table()}, state,
                            parameterColumns, nullptr, {});
    if (version >= 0) {
        if (rows < 0)
            throw SessionError(ErrorKind::Operational,
                               QStringLiteral("the database driver cannot report how many rows a "
                                              "DELETE matched; a versioned delete cannot be "
                                              "checked"));
        if (rows != 1)
            throw SessionError(ErrorKind::StaleData,
                               QStringLiteral("DELETE of %1 from table %2 expected to match 1 "
                                              "row; %3 matched")
                                   .arg(describeObject(state), entity.table())
                                   .arg(rows));
    }
}

void UnitOfWork::finalize()
{
    QList<ObjectState *> deleted;
    QList<ObjectState *> saved;
    saved.reserve(qsizetype(m_registered.size()));
    for (ObjectState *state : m_registered)
        (state->isRegisteredAsDelete() ? deleted : saved).append(state);
    if (!deleted.isEmpty())
        m_session.removeNewlyDeleted(deleted);
    if (!saved.isEmpty())
        m_session.registerPersistent(saved);
}

} // namespace sessionscope
