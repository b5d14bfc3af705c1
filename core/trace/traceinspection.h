#pragma once

#include <QJsonObject>

namespace sessionscope {

class Timeline;

// What `sessionscope-cli inspect` prints, as functions over a Timeline. Each moves the
// Timeline's cursor and throws TraceError for a malformed trace or a position it does not have.

// The state after operation `op` (0: before the first), in exactly the shape of one element of
// `sessionscope-cli run --states`: for a scenario's trace, element N of its --states.
QJsonObject stateAfterOperation(Timeline &timeline, int op);
// The same after event `seq` (1-based, as the trace numbers events): the step is the operation
// the event belongs to, its SQL so far, and its error once it has ended.
QJsonObject stateAfterEvent(Timeline &timeline, qint64 seq);

// Counts of operations, events, statements, objects and errors. Verifies the whole trace.
QJsonObject traceSummary(Timeline &timeline);

// What changed between the states after operations `from` and `to`: objects that appeared in or
// disappeared from view (aliased, or in the identity map or a pending set), and for the others
// their state, key, sets, modified flag, expired attributes and every attribute whose value or
// History changed.
QJsonObject traceDiff(Timeline &timeline, int from, int to);
// The same between the states after two events (cursor positions: -1 is before the first
// event), without the "from" and "to" members.
QJsonObject traceDiffOfEvents(Timeline &timeline, qint64 fromEvent, qint64 toEvent);

} // namespace sessionscope
