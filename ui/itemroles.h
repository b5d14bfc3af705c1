#pragma once

#include <Qt>

namespace sessionscope {

// Roles the inspector's models share with its views and tests.
enum ItemRole {
    ObjectSlotRole = Qt::UserRole + 1, // int: the object a row shows or links to (-1: none)
    EventRole,                         // qint64: the event a row stands for (its step)
    LifecycleRole,                     // int (TraceLifecycle) for the state badge
    ChangedAtStepRole,                 // bool: the current step changed this
    FutureRole,                        // bool: it happens after the cursor
    SearchTextRole,                    // QString: everything a filter may match
};

} // namespace sessionscope
