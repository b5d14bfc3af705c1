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
    void commit();
    void rollback();
    // By primary key: the identity map first, SQL only on a miss. Null when no row matches.
    Object get(QStringView entityName, const QVariantList &key);
    // Rows whose columns equal the given values, ordered by primary key (autoflushes first).
    using Filter = QList<std::pair<QString, QVariant>>;
    QList<Object> query(QStringView entityName, const Filter &filterBy = {});
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
    // Whether the object has net changes (dirty is optimistic: any set marks it).
    bool isModified(const Object &object);
    bool inTransaction() const { return m_transaction != nullptr; }
    int nestedDepth() const;
    const SessionTransaction *transaction() const { return m_transaction.get(); }

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
    void beginOperation(const OperationInfo &info) override;
    void endOperation(const SessionError *error) override;

private:
    friend class Loader;
    friend class UnitOfWork;

    ObjectState &ownState(const Object &object, const char *operation) const;
    const EntityType &entityNamed(QStringView name) const;

    // Transactions
    SessionTransaction &autobegin();
    SessionTransaction *currentTransaction() const; // the innermost, or null
    Connection &connectionForWork();                // an active transaction with the database begun
    void rollbackAfterFailure(const SessionError &cause);
    void restoreSnapshot(SessionTransaction &boundary);
    void removeSnapshot(SessionTransaction &boundary);
    void closeTransaction();

    // Membership (SQLAlchemy's _save_impl, _update_impl, _delete_impl, _expunge_states, ...)
    void saveOrUpdateState(ObjectState &state);
    void saveOrUpdateImpl(ObjectState &state);
    void saveImpl(ObjectState &state);
    void updateImpl(ObjectState &state, bool revertDeletion);
    void deleteImpl(ObjectState &state, bool head);
    bool beforeAttach(ObjectState &state);
    void afterAttach(ObjectState &state);
    void expunge(ObjectState &state);
    void expungeStates(const QList<ObjectState *> &states, bool toTransient);
    void registerPersistent(const QList<ObjectState *> &states);
    void removeNewlyDeleted(const QList<ObjectState *> &states);
    bool isClean() const;
    void flushImpl();
    void autoflush();

    void emitLifecycle(ObjectState &state, LifecycleTransition transition);
    template<typename F>
    void notify(F &&f)
    {
        for (SessionListener *listener : m_listeners)
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
    OperationInfo m_currentOperation;
    bool m_flushing = false;
};

} // namespace sessionscope
