#include "session.h"

#include "cascades.h"
#include "ddl.h"
#include "loader.h"
#include "sessionoperation.h"
#include "state/attributes.h"
#include "state/objectpool.h"
#include "unitofwork.h"

#include <QVarLengthArray>

// Session membership and transactions follow SQLAlchemy's orm/session.py (_save_impl,
// _update_impl, _delete_impl, _expunge_states, _register_persistent, _remove_newly_deleted,
// SessionTransaction._restore_snapshot / _remove_snapshot); flush planning is in unitofwork.cpp
// and loading in loader.cpp.

namespace sessionscope {

namespace {

QList<Object> handles(const QList<ObjectState *> &states)
{
    QList<Object> out;
    out.reserve(states.size());
    for (ObjectState *state : states)
        out.append(Object(state));
    return out;
}

} // namespace

// ---- construction -----------------------------------------------------------------------

Session::Session(QSqlDatabase database, MappingPtr mapping, SessionOptions options)
    : m_mapping(std::move(mapping))
    , m_options(options)
    , m_connection(std::move(database))
    , m_pool(new ObjectPool(this, m_mapping))
    , m_loader(std::make_unique<Loader>(*this))
{
    m_pool->retain();
    m_connection.setStatementObserver([this](const StatementEvent &event) {
        notify([&](SessionListener &l) { l.statementExecuted(*this, event); });
    });
    m_connection.setObserved(false);
}

Session::~Session()
{
    // Objects outlive the session through handles; they become detached, like after close().
    for (ObjectState *state : identityMapInCreationOrder())
        state->setAttached(false);
    for (ObjectState *state : m_new.ordered())
        state->setAttached(false);
    if (m_connection.inTransaction()) {
        try {
            m_connection.rollback();
        } catch (const SessionError &) {
            // Nothing to report to: the connection is going away.
        }
    }
    m_pool->setContext(nullptr);
    m_pool->release();
}

void Session::createTables()
{
    for (const QString &sql : createTableStatements(*m_mapping, dialect()))
        m_connection.executeDirect(sql);
}

void Session::dropTables()
{
    // Tables outside the mapping may still refer to ours; SQLite would then refuse the drop
    // (PostgreSQL's statements say CASCADE).
    const bool sqlite = dialect().flavor() == SqlFlavor::SQLite;
    if (sqlite)
        m_connection.executeDirect(QStringLiteral("PRAGMA foreign_keys = OFF"));
    for (const QString &sql : dropTableStatements(*m_mapping, dialect()))
        m_connection.executeDirect(sql);
    if (sqlite)
        m_connection.executeDirect(QStringLiteral("PRAGMA foreign_keys = ON"));
}

const EntityType &Session::entityNamed(QStringView name) const
{
    const EntityType *entity = m_mapping->entity(name);
    if (!entity)
        throwInvalidRequest(QStringLiteral("unknown entity \"%1\"").arg(name));
    return *entity;
}

ObjectState &Session::ownState(const Object &object, const char *operation) const
{
    if (!object)
        throwInvalidRequest(
            QStringLiteral("cannot %1 a null object").arg(QLatin1String(operation)));
    ObjectState *state = object.state();
    if (state->pool() != m_pool)
        throwInvalidRequest(QStringLiteral("cannot %1 %2: it belongs to another session; use "
                                           "merge() to copy it into this one")
                                .arg(QLatin1String(operation), describeObject(*state)));
    return *state;
}

// ---- operations as listeners see them ---------------------------------------------------

Session::OperationGuard::OperationGuard(Session &session, OperationInfo info)
    : m_session(session)
    , m_info(std::move(info))
    , m_outermost(session.m_operationDepth == 0)
{
    session.beginOperation(m_info);
}

Session::OperationGuard::~OperationGuard()
{
    m_session.endOperation(m_error.get());
}

void Session::OperationGuard::setError(const SessionError &error)
{
    m_error = std::make_unique<SessionError>(error);
}

void Session::beginOperation(const OperationInfo &info)
{
    if (m_operationDepth++ == 0) {
        m_currentOperation = &info;
        notify([&](SessionListener &l) { l.operationStarted(*this, info); });
    }
}

void Session::endOperation(const SessionError *error)
{
    if (--m_operationDepth > 0)
        return;
    const OperationInfo &info = *std::exchange(m_currentOperation, nullptr);
    notify([&](SessionListener &l) { l.operationFinished(*this, info, error); });
}

// ---- public API ---------------------------------------------------------------------------

Object Session::create(QStringView entityName)
{
    return create(entityNamed(entityName));
}

Object Session::create(const EntityType &entity)
{
    if (m_mapping->entity(entity.name()) != &entity)
        throwInvalidRequest(QStringLiteral("entity \"%1\" is not part of this session's mapping")
                                .arg(entity.name()));
    ObjectState *state = m_pool->create(entity);
    Object object(state);
    OperationGuard guard(*this, detail::operation(OperationKind::Create, state));
    return object;
}

void Session::add(const Object &object)
{
    ObjectState &state = ownState(object, "add");
    detail::guarded(*this, detail::operation(OperationKind::Add, &state),
                    [&] { saveOrUpdateState(state); });
}

void Session::deleteObject(const Object &object)
{
    ObjectState &state = ownState(object, "delete");
    detail::guarded(*this, detail::operation(OperationKind::Delete, &state),
                    [&] { deleteImpl(state, true); });
}

void Session::flush()
{
    detail::guarded(*this, detail::operation(OperationKind::Flush), [&] { flushImpl(); });
}

Object Session::get(QStringView entityName, const QVariantList &key)
{
    const EntityType &entity = entityNamed(entityName);
    return detail::guarded(*this, detail::operation(OperationKind::Get, nullptr, entity.name()),
                           [&] { return Object(m_loader->get(entity, key)); });
}

QList<Object> Session::query(QStringView entityName, const Filter &filterBy)
{
    const EntityType &entity = entityNamed(entityName);
    return detail::guarded(*this, detail::operation(OperationKind::Query, nullptr, entity.name()),
                           [&] { return m_loader->query(entity, filterBy); });
}

qint64 Session::execute(const QString &sql, const QVariantList &parameters,
                        const Connection::RowHandler &onRow)
{
    return detail::guarded(*this, detail::operation(OperationKind::Execute, nullptr, sql), [&] {
        Connection &connection = connectionForWork();
        try {
            return connection.execute(sql, parameters, statementShapeOf(sql), onRow);
        } catch (const SessionError &error) {
            // A failed statement that leaves the transaction unusable (any, on PostgreSQL)
            // leaves the session as a failed flush does: rolled back, waiting for rollback().
            if (connection.transactionAborted())
                rollbackAfterFailure(error);
            throw;
        }
    });
}

QList<Object> Session::newObjects() const
{
    return handles(m_new.ordered());
}

QList<Object> Session::dirtyObjects() const
{
    QList<ObjectState *> states;
    for (ObjectState *state : m_identityMap.modifiedStates()) {
        if (!m_deleted.contains(state))
            states.append(state);
    }
    return handles(states);
}

QList<Object> Session::deletedObjects() const
{
    return handles(m_deleted.ordered());
}

QList<Object> Session::identityMapObjects() const
{
    return handles(identityMapInCreationOrder());
}

Session::Membership Session::membership(const ObjectState &state) const
{
    Membership m;
    m.identityMap = m_identityMap.containsState(state);
    m.isNew = m_new.contains(&state);
    m.deleted = m_deleted.contains(&state);
    m.dirty = m.identityMap && !m.deleted && m_identityMap.isMarkedModified(state);
    return m;
}

bool Session::contains(const Object &object) const
{
    return object && containsState(*object.state());
}

bool Session::isModified(const Object &object)
{
    ObjectState &state = ownState(object, "inspect");
    if (!state.isModified())
        return false;
    for (int a = 0; a < state.entity().attributeCount(); ++a) {
        if (attributes::history(state, a, NoChange).hasChanges())
            return true;
    }
    return false;
}

void Session::addListener(SessionListener *listener)
{
    if (listener && !m_listeners.contains(listener))
        m_listeners.append(listener);
    m_connection.setObserved(!m_listeners.isEmpty());
}

void Session::removeListener(SessionListener *listener)
{
    m_listeners.removeAll(listener);
    m_connection.setObserved(!m_listeners.isEmpty());
}

// ---- expiry and identity ------------------------------------------------------------------

void Session::validatePersistent(const ObjectState &state, const char *operation) const
{
    if (!m_identityMap.containsState(state))
        throwInvalidRequest(QStringLiteral("cannot %1 %2: it is not persistent within this session")
                                .arg(QLatin1String(operation), describeObject(state)));
}

QList<int> Session::attributeIndexes(const ObjectState &state, const QStringList &names) const
{
    QList<int> indexes;
    for (const QString &name : names) {
        const int index = state.entity().attributeIndex(name);
        if (index < 0)
            throwInvalidRequest(
                QStringLiteral("%1 has no attribute \"%2\"").arg(state.entity().name(), name));
        indexes.append(index);
    }
    return indexes;
}

void Session::expireState(ObjectState &state, const QList<int> &attributes)
{
    if (!attributes.isEmpty()) {
        state.expireAttributes(attributes);
        notify([&](SessionListener &l) { l.expired(*this, state, attributes); });
        return;
    }
    // The cascade is gathered first: expiring removes the associations it follows.
    const QList<ObjectState *> cascaded = cascadeIterator(state, CascadeOption::RefreshExpire, {});
    conditionalExpire(state);
    for (ObjectState *other : cascaded)
        conditionalExpire(*other);
}

void Session::expireWhole(ObjectState &state)
{
    state.expire();
    m_identityMap.unmarkModified(state);
    notify([&](SessionListener &l) { l.expired(*this, state, {}); });
}

void Session::conditionalExpire(ObjectState &state)
{
    if (state.hasIdentity()) {
        expireWhole(state);
    } else if (m_new.remove(&state)) {
        state.setAttached(false);
        emitLifecycle(state, LifecycleTransition::PendingToTransient);
    }
}

void Session::expire(const Object &object, const QStringList &attributes)
{
    ObjectState &state = ownState(object, "expire");
    detail::guarded(*this, detail::operation(OperationKind::Expire, &state), [&] {
        validatePersistent(state, "expire");
        expireState(state, attributeIndexes(state, attributes));
    });
}

void Session::expireAll()
{
    detail::guarded(*this, detail::operation(OperationKind::ExpireAll),
                    [&] { expireIdentityMap(); });
}

void Session::expireIdentityMap()
{
    // Walking every object's memory and freeing its values was most of a large session's
    // commit. Deferred, only the dirty list is walked (the identity map keeps it, not the
    // objects): a dirty object must leave that list now. Watched or not: observers are told in
    // bulk, and those that want each object walk the identity map themselves.
    if (!m_pool->deferExpiry()) {
        for (ObjectState *state : identityMapInCreationOrder())
            expireWhole(*state);
        return;
    }
    for (ObjectState *state : m_identityMap.modifiedStates()) {
        state->expire();
        m_identityMap.unmarkModified(*state);
    }
    if (!m_listeners.isEmpty()) {
        const QList<ObjectState *> objects = identityMapInCreationOrder();
        notify([&](SessionListener &l) { l.identityMapExpired(*this, objects); });
    }
}

void Session::refresh(const Object &object, const QStringList &attributes)
{
    ObjectState &state = ownState(object, "refresh");
    detail::guarded(*this, detail::operation(OperationKind::Refresh, &state), [&] {
        validatePersistent(state, "refresh");
        const QList<int> indexes = attributeIndexes(state, attributes);
        expireState(state, indexes);
        m_loader->refresh(state, indexes);
    });
}

void Session::expunge(const Object &object)
{
    ObjectState &state = ownState(object, "expunge");
    detail::guarded(*this, detail::operation(OperationKind::Expunge, &state),
                    [&] { expunge(state); });
}

void Session::expungeAll()
{
    detail::guarded(*this, detail::operation(OperationKind::ExpungeAll), [&] { expungeAllImpl(); });
}

void Session::expungeAllImpl()
{
    QList<ObjectState *> states = identityMapInCreationOrder();
    states += m_new.ordered();
    m_identityMap.clear();
    m_new.clear();
    m_deleted.clear();
    for (ObjectState *state : states) {
        const bool pending = !state->hasIdentity();
        state->setAttached(false);
        emitLifecycle(*state, pending ? LifecycleTransition::PendingToTransient
                                      : LifecycleTransition::PersistentToDetached);
    }
}

Object Session::getOne(QStringView entityName, const QVariantList &key)
{
    const EntityType &entity = entityNamed(entityName);
    return detail::guarded(
        *this, detail::operation(OperationKind::Get, nullptr, entity.name()), [&] {
            ObjectState *found = m_loader->get(entity, key);
            if (!found) {
                QStringList parts;
                for (const QVariant &v : key)
                    parts.append(v.toString());
                throwInvalidRequest(QStringLiteral("no %1 row has the key (%2)")
                                        .arg(entity.name(), parts.join(QStringLiteral(", "))));
            }
            return Object(found);
        });
}

IdentityKey Session::identityKey(QStringView entityName, const QVariantList &key) const
{
    const EntityType &entity = entityNamed(entityName);
    return IdentityKey{&entity, m_loader->normalizeKey(entity, key)};
}

Session *Session::objectSession(const Object &object)
{
    return object ? dynamic_cast<Session *>(object.state()->session()) : nullptr;
}

Session::NoAutoflush::NoAutoflush(Session &session)
    : m_session(session)
    , m_previous(session.m_options.autoflush)
{
    session.m_options.autoflush = false;
}

Session::NoAutoflush::~NoAutoflush()
{
    m_session.m_options.autoflush = m_previous;
}

// ---- membership -----------------------------------------------------------------------------

bool Session::beforeAttach(ObjectState &state)
{
    autobegin();
    return !state.isAttached();
}

void Session::afterAttach(ObjectState &state)
{
    state.setAttached(true);
    if (state.isModified())
        state.setTrackedModified(true);
    emitLifecycle(state, state.hasIdentity() ? LifecycleTransition::DetachedToPersistent
                                             : LifecycleTransition::TransientToPending);
}

void Session::saveImpl(ObjectState &state)
{
    if (state.hasIdentity())
        throwInvalidRequest(QStringLiteral("%1 already has an identity; it cannot be registered "
                                           "as pending")
                                .arg(describeObject(state)));
    const bool attach = beforeAttach(state);
    if (m_new.insert(&state))
        state.setInsertOrder(quint64(m_new.size()));
    if (attach)
        afterAttach(state);
}

void Session::updateImpl(ObjectState &state, bool revertDeletion)
{
    if (!state.hasIdentity())
        throwInvalidRequest(QStringLiteral("%1 is not persisted").arg(describeObject(state)));
    if (state.isDeletedFlag()) {
        if (!revertDeletion)
            throwInvalidRequest(QStringLiteral("%1 has been deleted; it cannot be added back "
                                               "to the session")
                                    .arg(describeObject(state)));
        if (!state.isAttached())
            return;
        state.setDeletedFlag(false);
    }
    const bool attach = beforeAttach(state);
    m_deleted.remove(&state);
    if (revertDeletion) {
        m_identityMap.replace(state);
    } else if (!m_identityMap.add(state)) {
        throwInvalidRequest(QStringLiteral("cannot add %1: another object with the same identity "
                                           "is already in this session")
                                .arg(describeObject(state)));
    }
    if (attach)
        afterAttach(state);
    else if (revertDeletion)
        emitLifecycle(state, LifecycleTransition::DeletedToPersistent);
}

void Session::saveOrUpdateImpl(ObjectState &state)
{
    if (state.hasIdentity())
        updateImpl(state, false);
    else
        saveImpl(state);
}

void Session::saveOrUpdateState(ObjectState &state)
{
    state.setOrphanedOutsideOfSession(false);
    saveOrUpdateImpl(state);
    const auto related = cascadeIterator(state, CascadeOption::SaveUpdate,
                                         [this](const ObjectState &s) { return containsState(s); });
    for (ObjectState *other : related)
        saveOrUpdateImpl(*other);
}

void Session::deleteImpl(ObjectState &state, bool head)
{
    if (!state.hasIdentity()) {
        if (head)
            throwInvalidRequest(QStringLiteral("%1 is not persisted; only persistent objects can "
                                               "be deleted")
                                    .arg(describeObject(state)));
        return;
    }
    if (state.isDeletedFlag()) {
        if (head)
            throwInvalidRequest(
                QStringLiteral("%1 has already been deleted").arg(describeObject(state)));
        return;
    }
    const bool attach = beforeAttach(state);
    if (m_deleted.contains(&state))
        return;
    if (!m_identityMap.add(state))
        throwInvalidRequest(QStringLiteral("cannot delete %1: another object with the same "
                                           "identity is in this session")
                                .arg(describeObject(state)));
    if (attach)
        afterAttach(state);
    QList<ObjectState *> cascaded;
    // Gather the cascade before marking the object deleted, so an autoflush during the lazy
    // loads does not delete it yet.
    if (head)
        cascaded = cascadeIterator(state, CascadeOption::Delete, {});
    m_deleted.insert(&state);
    for (ObjectState *other : cascaded)
        deleteImpl(*other, false);
}

void Session::expunge(ObjectState &state)
{
    if (!state.isAttached() || state.pool() != m_pool)
        throwInvalidRequest(
            QStringLiteral("%1 is not present in this session").arg(describeObject(state)));
    QList<ObjectState *> states{&state};
    states += cascadeIterator(state, CascadeOption::Expunge, {});
    expungeStates(states, false);
}

void Session::expungeStates(const QList<ObjectState *> &states, bool toTransient)
{
    for (ObjectState *state : states) {
        if (m_new.remove(state)) {
        } else if (m_identityMap.containsState(*state)) {
            m_identityMap.discard(*state);
            m_deleted.remove(state);
        } else if (SessionTransaction *transaction = currentTransaction()) {
            transaction->deletedStates.remove(state);
        }
    }
    for (ObjectState *state : states) {
        const bool deleted = state->isDeletedFlag();
        const bool pending = !state->hasIdentity();
        const bool persistent = !pending && !deleted;
        state->setAttached(false);
        if (toTransient && state->hasIdentity())
            state->clearKey();
        if (persistent)
            emitLifecycle(*state, toTransient ? LifecycleTransition::PersistentToTransient
                                              : LifecycleTransition::PersistentToDetached);
        else if (deleted)
            emitLifecycle(*state, LifecycleTransition::DeletedToDetached);
        else if (pending)
            emitLifecycle(*state, LifecycleTransition::PendingToTransient);
    }
}

void Session::registerPersistent(const QList<ObjectState *> &states)
{
    // Every key first, so that a NULL key refuses the whole flush before any object changed.
    qsizetype pending = 0;
    for (ObjectState *state : states) {
        for (int index : state->entity().primaryKey()) {
            if (!state->isLoaded(index) || !state->loadedValue(index).isValid())
                throw SessionError(ErrorKind::InvalidRequest,
                                   QStringLiteral("%1 has a NULL primary key after flush; check "
                                                  "that every key column is set or generated")
                                       .arg(describeObject(*state)));
        }
        if (!state->hasIdentity())
            ++pending; // a saved object without identity is one of the pending set
    }
    // One object at a time, so that each pending_to_persistent event follows exactly its
    // object's change (SQLAlchemy does each step for all objects; nothing observes the
    // difference but the timing of events). When nobody listens, the sets change in bulk
    // instead: the dirty set once at the end, and the pending set moves to the transaction
    // whole when the flush takes all of it.
    const bool quietly = !isObserved();
    const bool wholePendingSet = quietly && pending == m_new.size();
    SessionTransaction *transaction = currentTransaction();
    const bool keepDirty = transaction && transaction->isNested();
    // Room for the new objects at once, rather than a rehash each time a table fills up.
    m_identityMap.reserveMore(pending);
    if (keepDirty)
        transaction->dirtyStates.reserve(transaction->dirtyStates.size() + states.size() - pending);
    for (ObjectState *state : states) {
        // The key the row has now, usually the one the object already has: a one-column key
        // is read where it is loaded, a composite one gathered without a list.
        const QList<int> &primaryKey = state->entity().primaryKey();
        QVarLengthArray<QVariant, 4> gathered;
        std::span<const QVariant> key;
        if (primaryKey.size() == 1) {
            key = {&state->loadedValue(primaryKey.front()), 1};
        } else {
            for (int index : primaryKey)
                gathered.append(state->loadedValue(index));
            key = {gathered.constData(), size_t(gathered.size())};
        }
        const bool wasPending = !state->hasIdentity();
        bool keyed = true; // whether the identity map already holds the state by this key
        if (wasPending) {
            state->setKey(key);
            keyed = false;
        } else if (!state->key().equals(key.data(), qsizetype(key.size()))) {
            keyed = false;
            const QVariantList switched(key.begin(), key.end()); // a copy: the object changes
            m_identityMap.discard(*state);
            if (transaction) {
                QVariantList original = state->key().toList();
                if (auto it = transaction->keySwitches.constFind(state);
                    it != transaction->keySwitches.cend())
                    original = it.value().first;
                transaction->keySwitches.insert(state, {original, switched});
            }
            state->setKey(std::span<const QVariant>(switched.constData(), size_t(switched.size())));
        }
        state->setOrphanedOutsideOfSession(false);
        attributes::compositesWritten(*state); // recreated from the columns when next read
        state->commitAll(); // first: a clean object does not join the modified set on the way
        if (!keyed || !m_identityMap.containsState(*state))
            m_identityMap.replace(*state);
        if (!quietly)
            m_identityMap.unmarkModified(*state);
        Q_ASSERT(!wholePendingSet || m_new.contains(state) == wasPending);
        const bool inserted = wholePendingSet ? wasPending : m_new.remove(state);
        if (!inserted) {
            if (keepDirty)
                transaction->dirtyStates.insert(state);
        } else if (!wholePendingSet) { // else: the set moves below, and nobody is to be told
            if (transaction)
                transaction->insertedStates.insert(state);
            emitLifecycle(*state, LifecycleTransition::PendingToPersistent);
        }
    }
    if (quietly)
        m_identityMap.unmarkUnmodified(); // every flushed object is clean now
    if (wholePendingSet) {
        if (transaction)
            m_new.moveAllInto(transaction->insertedStates);
        else
            m_new.clear();
    }
}

QList<ObjectState *> Session::identityMapInCreationOrder() const
{
    // Creation order is memory order, near enough: walking a large session this way lets the
    // hardware prefetch each next object, where the map's hash order misses the cache on
    // every one.
    QList<ObjectState *> states;
    states.reserve(m_identityMap.size());
    m_pool->forEachState([&states](ObjectState *state) {
        if (state->isInIdentityMap())
            states.append(state);
    });
    // Every held object comes from the session's pool; should one ever not, the map's own
    // listing is still complete.
    Q_ASSERT(states.size() == m_identityMap.size());
    return states.size() == m_identityMap.size() ? states : m_identityMap.states();
}

void Session::removeNewlyDeleted(const QList<ObjectState *> &states)
{
    for (ObjectState *state : states) {
        if (SessionTransaction *transaction = currentTransaction())
            transaction->deletedStates.insert(state);
        m_identityMap.discard(*state);
        m_deleted.remove(state);
        state->setDeletedFlag(true);
        emitLifecycle(*state, LifecycleTransition::PersistentToDeleted);
    }
}

// ---- flush --------------------------------------------------------------------------------

bool Session::isClean() const
{
    return !m_identityMap.hasModified() && m_deleted.isEmpty() && m_new.isEmpty();
}

void Session::autoflush()
{
    if (m_options.autoflush && !m_flushing)
        flushImpl();
}

void Session::flushImpl()
{
    if (m_flushing)
        throwInvalidRequest(QStringLiteral("the session is already flushing"));
    if (!m_identityMap.hasModified() && m_deleted.isEmpty() && m_new.isEmpty())
        return;
    m_flushing = true;
    struct FlushingReset
    {
        bool &flag;
        ~FlushingReset() { flag = false; }
    } reset{m_flushing};

    notify([&](SessionListener &l) { l.beforeFlush(*this); });
    UnitOfWork work(*this);
    if (!work.plan())
        return;
    try {
        connectionForWork();
        work.execute();
        notify([&](SessionListener &l) { l.afterFlush(*this); });
        work.finalize();
        notify([&](SessionListener &l) { l.afterFlushPostexec(*this); });
    } catch (const SessionError &error) {
        if (error.kind() == ErrorKind::PendingRollback)
            throw; // nothing was sent; the session already waits for rollback()
        rollbackAfterFailure(error);
        throw;
    }
}

// ---- StateContext -----------------------------------------------------------------------------

LoadResult Session::loadExpiredAttributes(ObjectState &state, Passive passive)
{
    return m_loader->loadExpired(state, passive);
}

LoadResult Session::lazyLoad(ObjectState &state, int attribute, Passive passive)
{
    return m_loader->lazyLoad(state, attribute, passive);
}

void Session::stateModified(ObjectState &state)
{
    const bool inMap = m_identityMap.containsState(state);
    const bool hadModified = inMap && m_identityMap.hasModified();
    if (inMap)
        m_identityMap.markModified(state);
    if (!hadModified)
        autobegin();
}

bool Session::containsState(const ObjectState &state) const
{
    return m_new.contains(&state) || m_identityMap.containsState(state);
}

bool Session::isNew(const ObjectState &state) const
{
    return m_new.contains(&state);
}

void Session::cascadeSaveUpdate(ObjectState &state)
{
    saveOrUpdateState(state);
}

void Session::expungeState(ObjectState &state)
{
    expunge(state);
}

void Session::attributeChanged(const AttributeEvent &event)
{
    notify([&](SessionListener &l) { l.attributeChanged(*this, event); });
}

void Session::emitLifecycle(ObjectState &state, LifecycleTransition transition)
{
    notify([&](SessionListener &l) { l.lifecycleChanged(*this, state, transition); });
}

} // namespace sessionscope
