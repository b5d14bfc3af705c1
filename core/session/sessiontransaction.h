#pragma once

#include "stateset.h"
#include "support/error.h"

#include <QHash>
#include <QVariantList>

#include <memory>
#include <optional>

namespace sessionscope {

// The states a session transaction moves through. Transitions are guarded: anything that would
// skip a step throws an InvalidRequest naming the current state.
//
//   Active --prepare--> Prepared --commit--> Committed --close--> Closed
//     |                     |
//     +----rollback / failed flush----> Deactive --close--> Closed
enum class TransactionState : quint8 { Active, Prepared, Committed, Deactive, Closed };
QString transactionStateName(TransactionState state);

// Where a session's transaction stands between two operations, as traces, `run --states` and
// the inspector show it (Session::transactionStatus()).
enum class TransactionStatus : quint8 {
    Inactive,      // no transaction: none began yet, or the last one was committed or rolled back
    Active,        // a transaction is open and takes work
    NeedsRollback, // a failure deactivated a level of it: only rollback() is accepted now
    Closed,        // close(), reset() or invalidate() ended it; the next use begins a new one
};
// "inactive", "active", "needs_rollback", "closed"
QString transactionStatusName(TransactionStatus status);
std::optional<TransactionStatus> transactionStatusNamed(QStringView name);

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
    // Deactivates the level. A failure passes its cause, which every refusal then quotes.
    void markDeactive(std::shared_ptr<const SessionError> cause = {});
    void markClosed();
    const std::shared_ptr<const SessionError> &rollbackCause() const { return m_rollbackCause; }
    // Whether what happened inside the level has been undone: the database rolled back to
    // where it began and the snapshot restored. A failed flush undoes its level at once; a
    // failed COMMIT or RELEASE leaves that to rollback(), as SQLAlchemy does.
    bool isUndone() const { return m_undone; }
    void markUndone() { m_undone = true; }

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
    bool m_undone = false;
    std::shared_ptr<const SessionError> m_rollbackCause;
};

} // namespace sessionscope
