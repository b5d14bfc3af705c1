#pragma once

#include "attributeevent.h"

#include <QList>
#include <QString>
#include <QVariantList>

namespace sessionscope {

class EntityType;
class ObjectState;
class Session;
class SessionError;

// The lifecycle transitions SQLAlchemy's session events name.
enum class LifecycleTransition : quint8 {
    TransientToPending,
    PendingToTransient,
    PendingToPersistent,
    PersistentToTransient,
    PersistentToDetached,
    PersistentToDeleted,
    DeletedToDetached,
    DeletedToPersistent,
    DetachedToPersistent,
    LoadedAsPersistent,
};
QString transitionName(LifecycleTransition transition);

// One call on the session as an application sees it: what traces call an "operation". Calls
// made inside another (the flush inside commit, an autoflush inside a query) are not separate.
enum class OperationKind : quint8 {
    Create,
    Add,
    Delete,
    Set,
    Append,
    Remove,
    Read,
    Flush,
    Commit,
    Rollback,
    Get,
    Query,
    Execute,
    Expire,
    ExpireAll,
    Refresh,
    Expunge,
    ExpungeAll,
    Merge,
    BeginNested,
    ReleaseSavepoint,
    RollbackSavepoint,
    FlagModified,
    Mutate,
    Close,
    Note,
    Bulk, // session/bulk.h: a bulk write or resolve(); the detail names which
};
QString operationName(OperationKind kind);

struct OperationInfo
{
    OperationKind kind = OperationKind::Note;
    ObjectState *object = nullptr;
    int attribute = -1;
    QString label;  // a short summary for people, e.g. "set ann name = \"bob\""
    QString detail; // e.g. the entity of a query, the SQL of an execute, the text of a note
};

// A statement the session sent to the database.
struct StatementEvent
{
    const EntityType *entity = nullptr; // the entity whose table it reads or writes, if known
    ObjectState *object = nullptr;      // the object a flush statement writes, if any
    QList<int> parameterColumns;        // per parameter position: a column of `entity`, or -1
    QString sql;
    QString verb;             // first keyword: INSERT, UPDATE, DELETE, SELECT, SAVEPOINT, ...
    QString table;            // first table named, or empty
    QList<QVariantList> rows; // parameter rows (one per executed row)
    qint64 rowCount = -1;     // rows affected or returned; -1 when unknown
    qint64 durationNs = 0;
    QString error; // empty unless the statement failed
};

enum class SavepointAction : quint8 { Begin, Release, Rollback };
QString savepointActionName(SavepointAction action);

// Plain C++ observers of a Session (no QObject needed). Override what you need; every method
// has an empty default. Called synchronously, on the session's thread.
class SessionListener
{
public:
    virtual ~SessionListener();

    virtual void operationStarted(Session &, const OperationInfo &) {}
    virtual void operationFinished(Session &, const OperationInfo &, const SessionError *) {}

    virtual void afterBegin(Session &) {}
    virtual void beforeFlush(Session &) {}
    virtual void afterFlush(Session &) {}
    virtual void afterFlushPostexec(Session &) {}
    virtual void beforeCommit(Session &) {}
    virtual void afterCommit(Session &) {}
    virtual void afterRollback(Session &) {}
    virtual void afterSoftRollback(Session &) {}

    virtual void lifecycleChanged(Session &, ObjectState &, LifecycleTransition) {}
    virtual void attributeChanged(Session &, const AttributeEvent &) {}
    virtual void expired(Session &, ObjectState &, const QList<int> & /*attributes; empty: all*/) {}
    // Every object of the identity map was expired at once (commit, rollback, expireAll()),
    // which each takes on its next use. By default: expired() for each, in creation order.
    virtual void identityMapExpired(Session &session, const QList<ObjectState *> &objects)
    {
        for (ObjectState *state : objects)
            expired(session, *state, {});
    }
    // A savepoint began, was released or was rolled back; `depth` counts those open after it.
    virtual void savepoint(Session &, SavepointAction, int /*depth*/) {}
    virtual void statementExecuted(Session &, const StatementEvent &) {}
};

} // namespace sessionscope
