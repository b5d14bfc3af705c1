#pragma once

#include "trace/traceevent.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace sessionscope {

class TraceDocument;
struct TraceOperation;

// Readable one-line accounts of what a trace records, for the event log and the status bar:
// `ann.name = "annie"`, `ann: transient → pending`, `INSERT INTO users … (1 row)`.
QString summarizeEvent(const TraceDocument &document, const QJsonObject &event);
QString summarizeOperation(const TraceOperation &operation);
// What an operation is called, without how it ended: its label, or for a note its text, or its
// kind (translated) when the label says no more ("flush").
QString operationTitle(const TraceOperation &operation);
// An event's type as people read it ("SQL", "lifecycle", ...).
QString eventTypeLabel(const QString &type);
// An operation's kind as people read it ("flush", "add", ...); a kind the inspector does not
// know (another recorder's) as the trace spells it.
QString operationKindLabel(const QString &kind);
// "integrity: UNIQUE constraint failed ..." from an `error` member.
QString errorText(const QJsonValue &error);

// Everything a person reads of an event in the log, for searching it: its kind, its summary,
// and a statement's parameters. One field per line.
QString eventSearchText(const TraceDocument &document, const QJsonObject &event);
// A text eventSearchText() adds to what an event's line holds. A word stands between signs or
// spaces, or at an end of a line, never next to a letter or digit. Some are shown only for a
// line that holds a certain text (the label "deleted" for a transition `..._to_deleted`).
struct AddedText
{
    QString text;
    bool word = false;
    QByteArray onlyWith; // empty: any line of the type
};
// The texts eventSearchText() adds to what an event's line holds: translated phrases cut at
// their placeholders, labels (words), words and signs of value formatting. Object names (words
// too) are not among them. Search relies on it: a text that overlaps none of these can only be
// found in an event's text if its line holds it.
QList<AddedText> addedEventTexts(TraceEventType type);

} // namespace sessionscope
