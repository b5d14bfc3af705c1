#pragma once

#include "session.h"

// Helpers for Session's own translation units: running a public call as one operation.

namespace sessionscope::detail {

// Runs `f` as one operation for listeners, reporting its SessionError (if any) before
// letting it propagate.
template<typename F>
auto guarded(Session &session, OperationInfo info, F &&f)
{
    Session::OperationGuard guard(session, std::move(info));
    try {
        return f();
    } catch (const SessionError &error) {
        guard.setError(error);
        throw;
    }
}

inline OperationInfo operation(OperationKind kind, ObjectState *object = nullptr,
                               QString detail = {})
{
    OperationInfo info;
    info.kind = kind;
    info.object = object;
    info.detail = std::move(detail);
    return info;
}

} // namespace sessionscope::detail
