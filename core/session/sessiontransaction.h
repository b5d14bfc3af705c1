#pragma once

#include "stateset.h"
#include "support/error.h"

#include <QHash>
#include <QVariantList>

#include <memory>

namespace sessionscope {

// The states a session transaction moves through. Transitions are guarded: anything that would
// skip a step throws an InvalidRequest naming the current state.
//
//   Active --prepare--> Prepared --commit--> Committed --close--> Closed
//     |                     |
//     +----rollback / failed flush----> Deactive --close--> Closed
enum class TransactionState : quint8 { Active, Prepared, Committed, Deactive, Closed };
QString transactionStateName(TransactionState state);

// One level of a session's transaction: the outermost one, or a savepoint nested in it. It keeps
// the snapshot a rollback restores: which objects became persistent or deleted inside it, which
// were changed, and primary keys that switched.
class SessionTransaction
{
public:
    SessionTransaction(SessionTransaction *parent, bool nested, QString savepointName = {});

    SessionTransaction *parent() const { return m_parent; }
    bool isNested() const { return m_nested; }
    bool isRoot() const { return m_parent == nullptr; }
    // A boundary is where a rollback restores the snapshot: the root or a savepoint.
    bool isBoundary() const { return isRoot() || m_nested; }
    const QString &savepointName() const { return m_savepointName; }

    TransactionState state() const { return m_state; }
    bool isActive() const { return m_state == TransactionState::Active; }
    // The database side (BEGIN or SAVEPOINT) has been sent.
    bool isDatabaseBegun() const { return m_databaseBegun; }
    void setDatabaseBegun() { m_databaseBegun = true; }

    // Throws unless SQL may be emitted: PendingRollback (with the cause) after a failed flush,
    // InvalidRequest in any other state but Active (and Prepared when `preparedOk`).
    void assertActive(bool preparedOk = false) const;

    void markPrepared();
    void markCommitted();
    void markDeactive(std::shared_ptr<const SessionError> cause = {});
    void markClosed();
    const std::shared_ptr<const SessionError> &rollbackCause() const { return m_rollbackCause; }

    // Snapshot of what happened inside this transaction.
    StateSet insertedStates; // pending objects made persistent by a flush
    StateSet deletedStates;  // persistent objects deleted by a flush
    // Persistent objects flushed with changes. Only a savepoint's rollback reads them (it expires
    // just what changed inside it), so the outermost transaction does not keep them.
    StateSet dirtyStates;
    QHash<ObjectState *, std::pair<QVariantList, QVariantList>> keySwitches; // old, new key

private:
    [[noreturn]] void refuse(const QString &what) const;

    SessionTransaction *m_parent;
    bool m_nested;
    QString m_savepointName;
    TransactionState m_state = TransactionState::Active;
    bool m_databaseBegun = false;
    std::shared_ptr<const SessionError> m_rollbackCause;
};

} // namespace sessionscope
