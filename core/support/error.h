#pragma once

#include <QString>

#include <exception>
#include <memory>
#include <string>

namespace sessionscope {

// The kinds of failure a Session reports. They mirror SQLAlchemy's exception classes so a
// scenario's outcome can be compared with SQLAlchemy's; see docs/scenario-format.md.
enum class ErrorKind {
    Integrity,        // the database refused a statement: unique, not null, foreign key
    PendingRollback,  // an earlier flush failed; rollback() is required first
    StaleData,        // an UPDATE/DELETE matched a different number of rows than expected
    InvalidRequest,   // misuse of the API; nothing was changed
    ObjectDeleted,    // an expired object's row no longer exists
    DetachedInstance, // loading was needed but the object belongs to no session
    Operational,      // any other database error (connection lost, bad SQL)
};

// The scenario/trace name of a kind: "integrity", "pending_rollback", ...
QString errorKindName(ErrorKind kind);

// Thrown by Session and attribute operations. A PendingRollback error carries the failure that
// caused it, so every refusal still says what originally went wrong.
class SessionError : public std::exception
{
public:
    SessionError(ErrorKind kind, QString message, std::shared_ptr<const SessionError> cause = {});

    ErrorKind kind() const { return m_kind; }
    const QString &message() const { return m_message; }
    const SessionError *cause() const { return m_cause.get(); }
    std::shared_ptr<const SessionError> sharedCause() const { return m_cause; }

    const char *what() const noexcept override { return m_what.c_str(); }

private:
    ErrorKind m_kind;
    QString m_message;
    std::shared_ptr<const SessionError> m_cause;
    std::string m_what;
};

// An error that is a message for people: the base of the errors in what the user gave us
// (a mapping, a scenario, an input document, a trace).
class MessageError : public std::exception
{
public:
    explicit MessageError(QString message)
        : m_message(std::move(message))
        , m_what(m_message.toStdString())
    {}
    const QString &message() const { return m_message; }
    const char *what() const noexcept override { return m_what.c_str(); }

private:
    QString m_message;
    std::string m_what;
};

// Thrown while building a mapping from C++ or JSON: the message names the entity, the column or
// relationship, and what is wrong with it.
class MappingError : public MessageError
{
public:
    using MessageError::MessageError;
};

[[noreturn]] void throwInvalidRequest(const QString &message);

} // namespace sessionscope
