#pragma once

#include "connection.h"
#include "events/sessionlistener.h"
#include "mapping/mapping.h"
#include "sessiontransaction.h"
#include "state/identitymap.h"
#include "state/object.h"
#include "state/statecontext.h"
#include "stateset.h"

#include <QSqlDatabase>

#include <memory>
#include <vector>

namespace sessionscope {

class Loader;
class Merger;
class UnitOfWork;

struct SessionOptions
{
    bool autoflush = true;      // flush before queries and loads
    bool expireOnCommit = true; // expire every object after commit
};

// A unit of work over one QSqlDatabase connection, with the semantics of SQLAlchemy's 2.0-style
// Session: an identity map (one object per row), the new / dirty / deleted sets, flush ordered
// by foreign-key dependency, transactions that begin on first use, expiry on commit, and lazy
// loading of expired attributes and relationships.
//
// Objects are created by a session (create()) and live in its ObjectPool; Object handles keep
// them valid after the session is gone. A session is single-threaded. Errors are SessionError;
// a refused request changes nothing.
class Session final : public StateContext
{
public:
    Session(QSqlDatabase database, MappingPtr mapping, SessionOptions options = {});
    ~Session() override;
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    const Mapping &mapping() const { return *m_mapping; }
    const MappingPtr &sharedMapping() const { return m_mapping; }
    const SqlDialect &dialect() const { return m_connection.dialect(); }
    // Whether statements go through SQLite's C API rather than QSqlQuery (see Connection).
    bool usesNativeStatements() const { return m_connection.usesNativeStatements(); }
    const SessionOptions &options() const { return m_options; }
    void setAutoflush(bool on) { m_options.autoflush = on; }
    void setExpireOnCommit(bool on) { m_options.expireOnCommit = on; }

    // ---- schema (outside any session transaction)
    void createTables();
    void dropTables();

    // ---- objects
    // A new transient object of the entity; unknown names are an invalid request.
    Object create(QStringView entityName);
    Object create(const EntityType &entity);
    // Places the object in the session (pending, or persistent again when detached), together
    // with what its save-update cascades reach.
    void add(const Object &object);
    // Marks a persistent object for deletion at the next flush, with its delete cascades.
    void deleteObject(const Object &object);
    void flush();
    // Commits the outermost transaction; open savepoints are released first.
    void commit();
    // Rolls back the outermost transaction; open savepoints are rolled back first.
    void rollback();

    // ---- savepoints and the transaction's end
    // Flushes, then opens a SAVEPOINT (sent with the next statement). Nests to any depth.
    void beginNested();
    // Commits the innermost savepoint (RELEASE SAVEPOINT) into the transaction around it.
    void releaseSavepoint();
    // Rolls back the innermost savepoint: objects made pending inside it become transient,
    // objects deleted inside it come back, objects changed inside it are expired.
    void rollbackSavepoint();
    // Expunges every object and ends the transaction, rolling the database back.
    void close();
    // Returns the session to its initial state; the same as close().
    void reset();
    // close(), also dropping the database connection (a new one opens on next use).
    void invalidate();
    // By primary key: the identity map first, SQL only on a miss. Null when no row matches.
    Object get(QStringView entityName, const QVariantList &key);
    // Rows whose columns equal the given values, ordered by primary key (autoflushes first).
    using Filter = QList<std::pair<QString, QVariant>>;
    QList<Object> query(QStringView entityName, const Filter &filterBy = {});
    // By primary key, like get(), but a missing row is an invalid request.
    Object getOne(QStringView entityName, const QVariantList &key);
    // The identity an object with this key has (the key converted to the column types).
    IdentityKey identityKey(QStringView entityName, const QVariantList &key) const;
    // The session an object is attached to, or null.
    static Session *objectSession(const Object &object);

    // ---- expiry and identity
    // Forgets loaded values (all, or the named attributes) so they load again on access. With
    // no names it follows refresh-expire cascades, and a pending object is expunged instead.
    void expire(const Object &object, const QStringList &attributes = {});
    void expireAll();
    // Expires and reloads now (all columns, or the named attributes).
    void refresh(const Object &object, const QStringList &attributes = {});
    // Removes an object (and what its expunge cascades reach) from the session.
    void expunge(const Object &object);
    void expungeAll();
    // Copies the state of `object` (of this session or another) onto the object with the same
    // identity in this session, loading it if needed, or a new pending one; follows merge
    // cascades. Returns the object in this session.
    Object merge(const Object &object, bool load = true);

    // While alive, queries and loads do not autoflush.
    class NoAutoflush
    {
    public:
        explicit NoAutoflush(Session &session);
        ~NoAutoflush();
        NoAutoflush(const NoAutoflush &) = delete;
        NoAutoflush &operator=(const NoAutoflush &) = delete;

    private:
        Session &m_session;
        bool m_previous;
    };

    // Raw SQL on the session's connection, behind the ORM's back (no autoflush). Returns rows
    // affected; rows a SELECT returns are passed to `onRow`.
    qint64 execute(const QString &sql, const QVariantList &parameters = {},
                   const Connection::RowHandler &onRow = {});

    // ---- inspection
    QList<Object> newObjects() const;
    QList<Object> dirtyObjects() const;
    QList<Object> deletedObjects() const;
    QList<Object> identityMapObjects() const;
    bool contains(const Object &object) const;
    // Which of the session's sets an object is in (what a trace records about it).
    struct Membership
    {
        bool identityMap = false;
        bool isNew = false;
        bool dirty = false;
        bool deleted = false;
    };
    Membership membership(const ObjectState &state) const;
    ObjectPool &pool() const { return *m_pool; }
    // Whether the object has net changes (dirty is optimistic: any set marks it).
    bool isModified(const Object &object);
    bool inTransaction() const { return m_transaction != nullptr; }
    bool inNestedTransaction() const { return !m_nested.empty(); }
    int nestedDepth() const;
    // Where the transaction stands (what traces and the inspector show), and, when it needs a
    // rollback, the failure that caused it (else null).
    TransactionStatus transactionStatus() const;
    const SessionError *rollbackCause() const;
    // The outermost transaction, and the innermost savepoint; null when there is none.
    const SessionTransaction *transaction() const { return m_transaction.get(); }
    const SessionTransaction *nestedTransaction() const;

    // ---- observation
    void addListener(SessionListener *listener);
    void removeListener(SessionListener *listener);

    // Groups everything done until the guard dies into one operation for listeners (traces).
    // Nested guards and calls made inside an operation join the outermost one.
    class OperationGuard
    {
    public:
        OperationGuard(Session &session, OperationInfo info);
        ~OperationGuard();
        OperationGuard(const OperationGuard &) = delete;
        OperationGuard &operator=(const OperationGuard &) = delete;
        void setError(const SessionError &error);

    private:
        Session &m_session;
        OperationInfo m_info; // what beginOperation() points to until the guard dies
        std::unique_ptr<SessionError> m_error;
        bool m_outermost;
    };

    // ---- StateContext (used by the attribute layer)
    LoadResult loadExpiredAttributes(ObjectState &state, Passive passive) override;
    LoadResult lazyLoad(ObjectState &state, int attribute, Passive passive) override;
    void stateModified(ObjectState &state) override;
    bool containsState(const ObjectState &state) const override;
    bool isNew(const ObjectState &state) const override;
    void cascadeSaveUpdate(ObjectState &state) override;
    void expungeState(ObjectState &state) override;
    void attributeChanged(const AttributeEvent &event) override;
    bool isObserved() const override { return !m_listeners.isEmpty(); }
    // Whether someone sees each step as it happens: listeners, or a recorder tracking the
    // pool's objects. Unwatched, work may be batched or deferred (expiry, streamed loads).
    bool isWatched() const { return isObserved() || m_pool->isTracking(); }
    void beginOperation(const OperationInfo &info) override;
    void endOperation(const SessionError *error) override;

private:
    friend class BulkOperations;
    friend class Loader;
    friend class Merger;
    friend class UnitOfWork;

    ObjectState &ownState(const Object &object, const char *operation) const;
    const EntityType &entityNamed(QStringView name) const;

    // Transactions (sessiontransactions.cpp)
    SessionTransaction &autobegin();
    SessionTransaction *currentTransaction() const; // the innermost, or null
    // Checks every level is active, then begins the database transaction and savepoints.
    Connection &connectionForWork();
    void commitInnermost();
    void rollbackInnermost();
    void closeInnermost();
    void closeImpl(bool invalidate);
    void rollbackAfterFailure(const SessionError &cause);
    // A COMMIT or RELEASE that failed: the level needs a rollback, which undoes it then.
    void failTransactionEnd(SessionTransaction &transaction, const SessionError &cause);
    // The innermost level whose failure refuses work, or null.
    const SessionTransaction *deactivatedLevel() const;
    void restoreSnapshot(SessionTransaction &boundary, bool dirtyOnly);
    void removeSnapshot(SessionTransaction &boundary);
    void expungeAllImpl();

    // Membership (SQLAlchemy's _save_impl, _update_impl, _delete_impl, _expunge_states, ...)
    void saveOrUpdateState(ObjectState &state);
    void saveOrUpdateImpl(ObjectState &state);
    void saveImpl(ObjectState &state);
    void updateImpl(ObjectState &state, bool revertDeletion);
    void deleteImpl(ObjectState &state, bool head);
    bool beforeAttach(ObjectState &state);
    void afterAttach(ObjectState &state);
    void expunge(ObjectState &state);
    void validatePersistent(const ObjectState &state, const char *operation) const;
    QList<int> attributeIndexes(const ObjectState &state, const QStringList &names) const;
    void expireState(ObjectState &state, const QList<int> &attributes);
    void conditionalExpire(ObjectState &state);
    // Expires an object with an identity entirely and takes it off the dirty list.
    void expireWhole(ObjectState &state);
    // Every object the identity map holds, as commit, rollback and expireAll() do; deferred
    // to each object's next use when nobody listens or records (ObjectPool::deferExpiry()).
    void expireIdentityMap();
    void expungeStates(const QList<ObjectState *> &states, bool toTransient);
    void registerPersistent(const QList<ObjectState *> &states);
    // The identity map's objects in the order they were created.
    QList<ObjectState *> identityMapInCreationOrder() const;
    void removeNewlyDeleted(const QList<ObjectState *> &states);
    bool isClean() const;
    void flushImpl();
    void autoflush();

    void emitLifecycle(ObjectState &state, LifecycleTransition transition);
    template<typename F>
    void notify(F &&f)
    {
        // Without listeners nothing is built or called (a non-const loop would even allocate).
        if (m_listeners.isEmpty())
            return;
        for (SessionListener *listener : std::as_const(m_listeners))
            f(*listener);
    }

    MappingPtr m_mapping;
    SessionOptions m_options;
    Connection m_connection;
    ObjectPool *m_pool;
    IdentityMap m_identityMap;
    StateSet m_new;
    StateSet m_deleted;
    std::unique_ptr<SessionTransaction> m_transaction; // the root; savepoints chain from it
    std::vector<std::unique_ptr<SessionTransaction>> m_nested;
    std::unique_ptr<Loader> m_loader;
    QList<SessionListener *> m_listeners;
    int m_operationDepth = 0;
    int m_savepointCounter = 0;
    const OperationInfo *m_currentOperation = nullptr; // the outermost one's, while it runs
    bool m_flushing = false;
    bool m_closed = false; // close() ended the transaction; cleared when the next one begins
};

} // namespace sessionscope
