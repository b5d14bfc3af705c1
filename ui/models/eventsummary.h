#pragma once

#include <QJsonObject>
#include <QString>

namespace sessionscope {

class TraceDocument;
struct TraceOperation;

// Readable one-line accounts of what a trace records, for the event log and the status bar:
// `ann.name = "annie"`, `ann: transient → pending`, `INSERT INTO users … (1 row)`.
QString summarizeEvent(const TraceDocument &document, const QJsonObject &event);
QString summarizeOperation(const TraceOperation &operation);
// An event's type as people read it ("SQL", "lifecycle", ...).
QString eventTypeLabel(const QString &type);
// "integrity: UNIQUE constraint failed ..." from an `error` member.
QString errorText(const QJsonValue &error);

} // namespace sessionscope
