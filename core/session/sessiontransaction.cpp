#include "sessiontransaction.h"

namespace sessionscope {

QString transactionStateName(TransactionState state)
{
    switch (state) {
    case TransactionState::Active:
        return QStringLiteral("active");
    case TransactionState::Prepared:
        return QStringLiteral("prepared");
    case TransactionState::Committed:
        return QStringLiteral("committed");
    case TransactionState::Deactive:
        return QStringLiteral("deactive");
    case TransactionState::Closed:
        return QStringLiteral("closed");
    }
    return {};
}

QString transactionStatusName(TransactionStatus status)
{
    switch (status) {
    case TransactionStatus::Inactive:
        return QStringLiteral("inactive");
    case TransactionStatus::Active:
        return QStringLiteral("active");
    case TransactionStatus::NeedsRollback:
        return QStringLiteral("needs_rollback");
    case TransactionStatus::Closed:
        return QStringLiteral("closed");
    }
    return {};
}

std::optional<TransactionStatus> transactionStatusNamed(QStringView name)
{
    for (TransactionStatus status : {TransactionStatus::Inactive, TransactionStatus::Active,
                                     TransactionStatus::NeedsRollback, TransactionStatus::Closed}) {
        if (name == transactionStatusName(status))
            return status;
    }
    return std::nullopt;
}

SessionTransaction::SessionTransaction(SessionTransaction *parent, bool nested,
                                       QString savepointName)
    : m_parent(parent)
    , m_nested(nested)
    , m_savepointName(std::move(savepointName))
{}

void SessionTransaction::refuse(const QString &what) const
{
    throw SessionError(ErrorKind::InvalidRequest, QStringLiteral("cannot %1: the transaction is %2")
                                                      .arg(what, transactionStateName(m_state)));
}

void SessionTransaction::assertActive(bool preparedOk) const
{
    switch (m_state) {
    case TransactionState::Active:
        return;
    case TransactionState::Prepared:
        if (preparedOk)
            return;
        throw SessionError(ErrorKind::InvalidRequest,
                           QStringLiteral("this session is prepared for commit; no further SQL "
                                          "can be emitted in this transaction"));
    case TransactionState::Committed:
        throw SessionError(ErrorKind::InvalidRequest,
                           QStringLiteral("this session's transaction is committed; no further "
                                          "SQL can be emitted in it"));
    case TransactionState::Deactive:
        if (m_rollbackCause)
            throw SessionError(ErrorKind::PendingRollback,
                               QStringLiteral("this session's transaction needs a rollback after "
                                              "an error; call rollback() before anything else. "
                                              "The error was: %1")
                                   .arg(m_rollbackCause->message()),
                               m_rollbackCause);
        throw SessionError(ErrorKind::InvalidRequest,
                           QStringLiteral("this session's transaction is inactive because it was "
                                          "rolled back; no further SQL can be emitted in it"));
    case TransactionState::Closed:
        throw SessionError(ErrorKind::InvalidRequest, QStringLiteral("this transaction is closed"));
    }
}

void SessionTransaction::markPrepared()
{
    if (m_state != TransactionState::Active)
        refuse(QStringLiteral("prepare"));
    m_state = TransactionState::Prepared;
}

void SessionTransaction::markCommitted()
{
    if (m_state != TransactionState::Active && m_state != TransactionState::Prepared)
        refuse(QStringLiteral("commit"));
    m_state = TransactionState::Committed;
}

void SessionTransaction::markDeactive(std::shared_ptr<const SessionError> cause)
{
    if (m_state == TransactionState::Closed || m_state == TransactionState::Committed)
        refuse(QStringLiteral("roll back"));
    m_state = TransactionState::Deactive;
    if (cause)
        m_rollbackCause = std::move(cause);
}

void SessionTransaction::markClosed()
{
    m_state = TransactionState::Closed;
}

} // namespace sessionscope
