#pragma once

#include <QByteArray>
#include <QString>

namespace sessionscope {

class TraceDocument;
class TraceEventLine;

// What the event log is narrowed to. Every criterion that is set must hold.
struct EventFilter
{
    QString text;       // found in the event's line or its operation's label (any case)
    QString kind;       // an operation kind ("flush") or an event type ("sql")
    int entity = -1;    // touches an object of this entity (TraceSchema index)
    qint64 object = -1; // touches this object id
    QString attribute;  // ... and this attribute of it (or of an object of the entity)

    bool isEmpty() const
    {
        return text.isEmpty() && kind.isEmpty() && entity < 0 && object < 0 && attribute.isEmpty();
    }
    bool operator==(const EventFilter &) const = default;
};

// Tests events against a filter. An event "touches" an object when it names it (`object`) or
// its delta changes it; an attribute, when it names it (`attr`, an expire's `attrs`) or its
// delta rewrites it.
class EventMatcher
{
public:
    EventMatcher(const TraceDocument &document, EventFilter filter);

    bool matchesEvent(qint64 event) const;
    // The operation's own row: its kind and label.
    bool matchesOperationKind(const QString &kind) const;
    bool matchesOperationText(const QString &label) const;
    bool filtersEvents() const; // some criterion looks inside events
    bool hasObjectCriteria() const;

private:
    bool touches(const QByteArray &line) const;

    const TraceDocument &m_document;
    EventFilter m_filter;
    QByteArray m_textLower;
    QByteArray m_objectKey; // "\"<id>\"" as a delta names it
};

} // namespace sessionscope
