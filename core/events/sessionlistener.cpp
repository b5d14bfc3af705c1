#include "sessionlistener.h"

namespace sessionscope {

SessionListener::~SessionListener() = default;

QString transitionName(LifecycleTransition transition)
{
    switch (transition) {
    case LifecycleTransition::TransientToPending:
        return QStringLiteral("transient_to_pending");
    case LifecycleTransition::PendingToTransient:
        return QStringLiteral("pending_to_transient");
    case LifecycleTransition::PendingToPersistent:
        return QStringLiteral("pending_to_persistent");
    case LifecycleTransition::PersistentToTransient:
        return QStringLiteral("persistent_to_transient");
    case LifecycleTransition::PersistentToDetached:
        return QStringLiteral("persistent_to_detached");
    case LifecycleTransition::PersistentToDeleted:
        return QStringLiteral("persistent_to_deleted");
    case LifecycleTransition::DeletedToDetached:
        return QStringLiteral("deleted_to_detached");
    case LifecycleTransition::DeletedToPersistent:
        return QStringLiteral("deleted_to_persistent");
    case LifecycleTransition::DetachedToPersistent:
        return QStringLiteral("detached_to_persistent");
    case LifecycleTransition::LoadedAsPersistent:
        return QStringLiteral("loaded_as_persistent");
    }
    return {};
}

QString savepointActionName(SavepointAction action)
{
    switch (action) {
    case SavepointAction::Begin:
        return QStringLiteral("begin");
    case SavepointAction::Release:
        return QStringLiteral("release");
    case SavepointAction::Rollback:
        return QStringLiteral("rollback");
    }
    return {};
}

QString operationName(OperationKind kind)
{
    static const char *const names[] = {
        "new",
        "add",
        "delete",
        "set",
        "append",
        "remove",
        "read",
        "flush",
        "commit",
        "rollback",
        "get",
        "query",
        "sql",
        "expire",
        "expire_all",
        "refresh",
        "expunge",
        "expunge_all",
        "merge",
        "begin_nested",
        "release_savepoint",
        "rollback_savepoint",
        "flag_modified",
        "mutate",
        "close",
        "note",
        "bulk",
    };
    return QString::fromLatin1(names[int(kind)]);
}

} // namespace sessionscope
