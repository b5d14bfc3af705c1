#pragma once

#include "eventtextsearch.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace sessionscope {

class TraceDocument;
struct TraceOperation;

// What the event log is narrowed to. Every criterion that is set must hold.
struct EventFilter
{
    QString text;       // found in what the log shows of an event or operation (any case)
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
// delta changes it. The text is looked for in what the log shows (EventTextSearch).
class EventMatcher
{
public:
    EventMatcher(const TraceDocument &document, EventFilter filter);

    bool matchesEvent(qint64 event) const;
    // The operation's own row: its kind, and what the log shows of it.
    bool matchesOperationKind(const QString &kind) const;
    bool matchesOperation(const TraceOperation &operation) const;
    bool filtersEvents() const; // some criterion looks inside events
    bool hasObjectCriteria() const;

private:
    bool mayTouch(QByteArrayView line) const;
    bool touches(const QJsonObject &event) const;
    bool objectMatches(qint64 id) const;

    const TraceDocument &m_document;
    EventFilter m_filter;
    std::optional<EventTextSearch> m_search;
    QByteArray m_objectDigits;
    QByteArray m_attribute;
};

} // namespace sessionscope
