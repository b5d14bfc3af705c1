#include "error.h"

namespace sessionscope {

QString errorKindName(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::Integrity:
        return QStringLiteral("integrity");
    case ErrorKind::PendingRollback:
        return QStringLiteral("pending_rollback");
    case ErrorKind::StaleData:
        return QStringLiteral("stale_data");
    case ErrorKind::InvalidRequest:
        return QStringLiteral("invalid_request");
    case ErrorKind::ObjectDeleted:
        return QStringLiteral("object_deleted");
    case ErrorKind::DetachedInstance:
        return QStringLiteral("detached_instance");
    case ErrorKind::Operational:
        return QStringLiteral("operational");
    }
    return QStringLiteral("unknown");
}

SessionError::SessionError(ErrorKind kind, QString message,
                           std::shared_ptr<const SessionError> cause)
    : m_kind(kind)
    , m_message(std::move(message))
    , m_cause(std::move(cause))
    , m_what(m_message.toStdString())
{}

void throwInvalidRequest(const QString &message)
{
    throw SessionError(ErrorKind::InvalidRequest, message);
}

} // namespace sessionscope
