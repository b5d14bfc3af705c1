#pragma once

// Internal to the bulk operations (bulkwrites.cpp, bulkresolver.cpp): their way into Session.

#include "bulk.h"
#include "mapping/values.h"
#include "sessionoperation.h"

namespace sessionscope {

namespace bulk {

inline qsizetype maxParameters(const SqlDialect &dialect)
{
    return dialect.maxParameters();
}

inline QString valueText(const QVariant &value)
{
    return QString::fromUtf8(values::jsonText(values::toJson(value)));
}

} // namespace bulk

// The friend of Session through which everything here reaches its internals.
class BulkOperations
{
public:
    static ObjectState &ownState(Session &session, const Object &object, const char *operation)
    {
        return session.ownState(object, operation);
    }
    static const EntityType &entityNamed(Session &session, QStringView name)
    {
        return session.entityNamed(name);
    }
    static void checkEntity(const Session &session, const EntityType &entity)
    {
        if (session.mapping().entity(entity.name()) != &entity)
            throwInvalidRequest(QStringLiteral("entity \"%1\" is not part of this session's "
                                               "mapping")
                                    .arg(entity.name()));
    }

    // Runs `f` as one operation for listeners.
    template<typename F>
    static auto guarded(Session &session, QString detail, F &&f)
    {
        return detail::guarded(session,
                               detail::operation(OperationKind::Bulk, nullptr, std::move(detail)),
                               std::forward<F>(f));
    }

    // Sends statements: a failure rolls the transaction back and leaves the session waiting for
    // rollback(), as a failed flush does (SQLAlchemy rolls back the bulk subtransaction).
    template<typename F>
    static void write(Session &session, F &&send)
    {
        Connection &connection = session.connectionForWork();
        try {
            send(connection);
        } catch (const SessionError &error) {
            if (error.kind() == ErrorKind::PendingRollback)
                throw;
            session.rollbackAfterFailure(error);
            throw;
        }
    }

    // ---- resolution
    static void autoflush(Session &session) { session.autoflush(); }
    static Connection &connection(Session &session) { return session.connectionForWork(); }
    static ObjectState *find(Session &session, const EntityType &entity, const QVariantList &key)
    {
        return session.m_identityMap.find(entity, key);
    }
    // Makes a transient object with a key persistent (SQLAlchemy's Session.add() of a
    // detached object, without its cascades).
    static void attach(Session &session, ObjectState &state) { session.updateImpl(state, false); }
};

} // namespace sessionscope
