// Session's transaction control: the outermost transaction and its savepoints, commit and
// rollback level by level, the snapshots a rollback restores, and what a failed flush does.
// Follows SQLAlchemy's SessionTransaction (orm/session.py).

#include "session.h"

#include "sessionoperation.h"

namespace sessionscope {

SessionTransaction &Session::autobegin()
{
    if (!m_transaction) {
        m_transaction = std::make_unique<SessionTransaction>(nullptr, false);
        m_closed = false;
    }
    return *m_transaction;
}

const SessionTransaction *Session::deactivatedLevel() const
{
    for (auto it = m_nested.crbegin(); it != m_nested.crend(); ++it) {
        if ((*it)->state() == TransactionState::Deactive)
            return it->get();
    }
    if (m_transaction && m_transaction->state() == TransactionState::Deactive)
        return m_transaction.get();
    return nullptr;
}

TransactionStatus Session::transactionStatus() const
{
    if (!m_transaction)
        return m_closed ? TransactionStatus::Closed : TransactionStatus::Inactive;
    return deactivatedLevel() ? TransactionStatus::NeedsRollback : TransactionStatus::Active;
}

const SessionError *Session::rollbackCause() const
{
    const SessionTransaction *level = deactivatedLevel();
    return level ? level->rollbackCause().get() : nullptr;
}

SessionTransaction *Session::currentTransaction() const
{
    return m_nested.empty() ? m_transaction.get() : m_nested.back().get();
}

const SessionTransaction *Session::nestedTransaction() const
{
    return m_nested.empty() ? nullptr : m_nested.back().get();
}

int Session::nestedDepth() const
{
    return int(m_nested.size());
}

Connection &Session::connectionForWork()
{
    autobegin();
    // The innermost level first: its refusal (a failed flush inside a savepoint) is the one
    // that explains what to do.
    for (auto it = m_nested.crbegin(); it != m_nested.crend(); ++it)
        (*it)->assertActive();
    m_transaction->assertActive();
    if (!m_connection.inTransaction()) {
        m_connection.begin();
        m_transaction->setDatabaseBegun();
        notify([&](SessionListener &l) { l.afterBegin(*this); });
    }
    for (const auto &nested : m_nested) {
        if (!nested->isDatabaseBegun()) {
            m_connection.savepoint(nested->savepointName());
            nested->setDatabaseBegun();
            notify([&](SessionListener &l) { l.afterBegin(*this); });
        }
    }
    return m_connection;
}

// ---- public calls ---------------------------------------------------------------------------

void Session::commit()
{
    detail::guarded(*this, detail::operation(OperationKind::Commit), [&] {
        autobegin();
        while (!m_nested.empty())
            commitInnermost();
        commitInnermost();
    });
}

void Session::rollback()
{
    detail::guarded(*this, detail::operation(OperationKind::Rollback), [&] {
        if (!m_transaction)
            return;
        while (!m_nested.empty())
            rollbackInnermost();
        rollbackInnermost();
    });
}

void Session::beginNested()
{
    detail::guarded(*this, detail::operation(OperationKind::BeginNested), [&] {
        autobegin();
        currentTransaction()->assertActive();
        if (!m_flushing)
            flushImpl(); // what is pending belongs to the transaction around the savepoint
        m_nested.push_back(std::make_unique<SessionTransaction>(
            currentTransaction(), true, QStringLiteral("sp_%1").arg(++m_savepointCounter)));
        notify(
            [&](SessionListener &l) { l.savepoint(*this, SavepointAction::Begin, nestedDepth()); });
    });
}

void Session::releaseSavepoint()
{
    detail::guarded(*this, detail::operation(OperationKind::ReleaseSavepoint), [&] {
        if (m_nested.empty())
            throwInvalidRequest(QStringLiteral("there is no savepoint to release"));
        commitInnermost();
    });
}

void Session::rollbackSavepoint()
{
    detail::guarded(*this, detail::operation(OperationKind::RollbackSavepoint), [&] {
        if (m_nested.empty())
            throwInvalidRequest(QStringLiteral("there is no savepoint to roll back"));
        rollbackInnermost();
    });
}

void Session::close()
{
    detail::guarded(*this, detail::operation(OperationKind::Close), [&] { closeImpl(false); });
}

void Session::reset()
{
    detail::guarded(*this, detail::operation(OperationKind::Close), [&] { closeImpl(false); });
}

void Session::invalidate()
{
    detail::guarded(*this, detail::operation(OperationKind::Close), [&] { closeImpl(true); });
}

// ---- one level at a time --------------------------------------------------------------------

void Session::commitInnermost()
{
    SessionTransaction &transaction = *currentTransaction();
    transaction.assertActive(true);
    if (transaction.state() != TransactionState::Prepared) {
        notify([&](SessionListener &l) { l.beforeCommit(*this); });
        // Flush until clean: before_flush listeners may add work (SQLAlchemy tries 100 times).
        for (int attempt = 0; attempt < 100 && !isClean(); ++attempt)
            flushImpl();
        if (!isClean())
            throwInvalidRequest(QStringLiteral("the session is still not clean after 100 flushes "
                                               "during commit; does a listener keep adding work?"));
        transaction.markPrepared();
    }
    try {
        if (!transaction.isNested())
            m_connection.commit();
        else if (transaction.isDatabaseBegun())
            m_connection.releaseSavepoint(transaction.savepointName());
    } catch (const SessionError &error) {
        failTransactionEnd(transaction, error);
        throw;
    }
    transaction.markCommitted();
    notify([&](SessionListener &l) { l.afterCommit(*this); });
    removeSnapshot(transaction);
    const bool nested = transaction.isNested();
    closeInnermost();
    if (nested)
        notify([&](SessionListener &l) {
            l.savepoint(*this, SavepointAction::Release, nestedDepth());
        });
}

void Session::rollbackInnermost()
{
    SessionTransaction &transaction = *currentTransaction();
    const bool nested = transaction.isNested();
    std::exception_ptr failure;
    // Active or prepared, or deactivated by a failed COMMIT or RELEASE: the database side and
    // the snapshot are undone now. After a failed flush both were undone when it failed.
    if (!transaction.isUndone()) {
        try {
            if (!nested)
                m_connection.rollback();
            else if (transaction.isDatabaseBegun())
                m_connection.rollbackToSavepoint(transaction.savepointName());
        } catch (const SessionError &error) {
            failure = std::current_exception();
            // A savepoint that could not be rolled back leaves the transaction around it
            // holding what it did: only rolling that back defines the database again.
            if (nested && m_transaction->state() != TransactionState::Deactive)
                m_transaction->markDeactive(std::make_shared<SessionError>(error));
        } catch (...) {
            failure = std::current_exception();
        }
        if (transaction.state() != TransactionState::Deactive)
            transaction.markDeactive();
        transaction.markUndone();
        notify([&](SessionListener &l) { l.afterRollback(*this); });
        restoreSnapshot(transaction, nested);
    }
    // Changes made after a failed flush are discarded too.
    if (!isClean())
        restoreSnapshot(transaction, nested);
    closeInnermost();
    if (failure)
        std::rethrow_exception(failure);
    if (nested)
        notify([&](SessionListener &l) {
            l.savepoint(*this, SavepointAction::Rollback, nestedDepth());
        });
    notify([&](SessionListener &l) { l.afterSoftRollback(*this); });
}

void Session::closeInnermost()
{
    if (!m_nested.empty()) {
        m_nested.back()->markClosed();
        m_nested.pop_back();
        return;
    }
    if (m_transaction)
        m_transaction->markClosed();
    m_transaction.reset();
}

void Session::closeImpl(bool invalidate)
{
    expungeAllImpl();
    if (!m_transaction)
        return;
    m_closed = true;
    while (!m_nested.empty())
        closeInnermost();
    closeInnermost();
    // Closing ends the database transaction without keeping anything.
    if (invalidate)
        m_connection.reopen();
    else
        m_connection.rollback();
}

void Session::rollbackAfterFailure(const SessionError &cause)
{
    // The innermost boundary (a savepoint, or the whole transaction) is rolled back in the
    // database and in the session. It stays deactive, refusing further SQL with the original
    // cause, until rollback() or rollbackSavepoint().
    SessionTransaction &boundary = *currentTransaction();
    const auto shared = std::make_shared<SessionError>(cause);
    try {
        if (!boundary.isNested())
            m_connection.rollback();
        else if (boundary.isDatabaseBegun())
            m_connection.rollbackToSavepoint(boundary.savepointName());
    } catch (const SessionError &) {
        // The connection may be lost; the cause is what matters. A savepoint that could not
        // be rolled back leaves its work in the transaction around it, which must roll back.
        if (boundary.isNested() && m_transaction->state() != TransactionState::Deactive)
            m_transaction->markDeactive(shared);
    }
    if (boundary.state() != TransactionState::Deactive)
        boundary.markDeactive(shared);
    boundary.markUndone();
    notify([&](SessionListener &l) { l.afterRollback(*this); });
    restoreSnapshot(boundary, boundary.isNested());
    notify([&](SessionListener &l) { l.afterSoftRollback(*this); });
}

void Session::failTransactionEnd(SessionTransaction &transaction, const SessionError &cause)
{
    // SQLAlchemy leaves the transaction prepared after a failed COMMIT and refuses everything
    // until rollback(), which rolls the database back and restores the snapshot; the objects
    // meanwhile stay as the flush left them. The same here, with the cause in every refusal.
    transaction.markDeactive(std::make_shared<SessionError>(cause));
}

// ---- snapshots ------------------------------------------------------------------------------

void Session::restoreSnapshot(SessionTransaction &boundary, bool dirtyOnly)
{
    // Objects that became pending or persistent inside the boundary are transient again.
    QList<ObjectState *> toExpunge = boundary.insertedStates.ordered();
    for (ObjectState *state : m_new.ordered()) {
        if (!boundary.insertedStates.contains(state))
            toExpunge.append(state);
    }
    expungeStates(toExpunge, true);
    for (auto it = boundary.keySwitches.begin(); it != boundary.keySwitches.end(); ++it) {
        ObjectState *state = it.key();
        m_identityMap.discard(*state);
        state->setKey(it.value().first);
        if (!toExpunge.contains(state))
            m_identityMap.replace(*state);
    }
    // Objects deleted inside it (flushed or only marked) are persistent again.
    QList<ObjectState *> revert = boundary.deletedStates.ordered();
    for (ObjectState *state : m_deleted.ordered()) {
        if (!boundary.deletedStates.contains(state))
            revert.append(state);
    }
    for (ObjectState *state : revert)
        updateImpl(*state, true);
    // What it changed is expired (a savepoint leaves untouched objects alone).
    if (!dirtyOnly) {
        expireIdentityMap();
    } else {
        for (ObjectState *state : identityMapInCreationOrder()) {
            if (state->isModified() || boundary.dirtyStates.contains(state))
                expireWhole(*state);
        }
    }
    boundary.insertedStates.clear();
    boundary.deletedStates.clear();
    boundary.dirtyStates.clear();
    boundary.keySwitches.clear();
}

void Session::removeSnapshot(SessionTransaction &boundary)
{
    if (SessionTransaction *parent = boundary.parent(); parent && boundary.isNested()) {
        // A released savepoint's changes now belong to the transaction around it.
        parent->insertedStates.insertAll(boundary.insertedStates);
        parent->deletedStates.insertAll(boundary.deletedStates);
        if (parent->isNested())
            parent->dirtyStates.insertAll(boundary.dirtyStates);
        for (auto it = boundary.keySwitches.cbegin(); it != boundary.keySwitches.cend(); ++it)
            parent->keySwitches.insert(it.key(), it.value());
        return;
    }
    if (!m_options.expireOnCommit)
        return; // SQLAlchemy leaves deleted objects attached in this case too
    expireIdentityMap();
    for (ObjectState *state : boundary.deletedStates.ordered()) {
        state->setAttached(false);
        emitLifecycle(*state, LifecycleTransition::DeletedToDetached);
    }
    boundary.deletedStates.clear();
}

} // namespace sessionscope
