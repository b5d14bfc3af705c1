#include "eventfilter.h"

#include "eventsummary.h"
#include "tracedocument.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace sessionscope {

EventMatcher::EventMatcher(const TraceDocument &document, EventFilter filter)
    : m_document(document)
    , m_filter(std::move(filter))
    , m_attribute(m_filter.attribute.toUtf8())
{
    if (!m_filter.text.isEmpty())
        m_search.emplace(document, m_filter.text);
    if (m_filter.object >= 0)
        m_objectDigits = QByteArray::number(m_filter.object);
}

bool EventMatcher::hasObjectCriteria() const
{
    return m_filter.entity >= 0 || m_filter.object >= 0 || !m_filter.attribute.isEmpty();
}

bool EventMatcher::filtersEvents() const
{
    return !m_filter.isEmpty();
}

bool EventMatcher::matchesOperationKind(const QString &kind) const
{
    return m_filter.kind.isEmpty() || m_filter.kind == kind;
}

bool EventMatcher::matchesOperation(const TraceOperation &operation) const
{
    if (!m_search)
        return true;
    return m_search->matchesShown(operationKindLabel(operation.kind)) ||
           m_search->matchesShown(summarizeOperation(operation));
}

bool EventMatcher::matchesEvent(qint64 event) const
{
    const Timeline &timeline = m_document.timeline();
    const TraceEventType type = timeline.eventType(event);
    if (type == TraceEventType::Keyframe)
        return false;
    if (!m_filter.kind.isEmpty() && m_filter.kind != QLatin1String(traceEventTypeName(type)))
        return false;
    if (!m_search && !hasObjectCriteria())
        return true;
    // Cheap tests on the line first; only a line that passes them is parsed.
    const QByteArray line = timeline.eventText(event);
    if (m_search && !m_search->mayMatch(type, line))
        return false;
    if (hasObjectCriteria() && !mayTouch(line))
        return false;
    // What the log shows needs no delta; whether an object was touched may.
    const QJsonObject json =
        QJsonDocument::fromJson(hasObjectCriteria() ? line : EventTextSearch::withoutDelta(line))
            .object();
    if (hasObjectCriteria() && !touches(json))
        return false;
    return !m_search || m_search->matchesShown(eventSearchText(m_document, json));
}

bool EventMatcher::mayTouch(QByteArrayView line) const
{
    // An event that touches object 12 spells "12" somewhere, and one that touches an attribute
    // spells its name.
    return (m_objectDigits.isEmpty() || line.contains(m_objectDigits)) &&
           (m_attribute.isEmpty() || line.contains(m_attribute));
}

bool EventMatcher::objectMatches(qint64 id) const
{
    if (m_filter.object >= 0 && id != m_filter.object)
        return false;
    if (m_filter.entity >= 0) {
        const int slot = m_document.timeline().ids().find(id);
        if (slot < 0 || m_document.entityOfSlot(slot) != m_filter.entity)
            return false;
    }
    return true;
}

bool EventMatcher::touches(const QJsonObject &event) const
{
    const QJsonValue named = event.value(QStringLiteral("object"));
    if (named.isDouble() && objectMatches(qint64(named.toDouble()))) {
        if (m_filter.attribute.isEmpty() ||
            event.value(QStringLiteral("attr")).toString() == m_filter.attribute)
            return true;
        const QJsonArray expired = event.value(QStringLiteral("attrs")).toArray();
        if (expired.isEmpty() && event.value(QStringLiteral("type")).toString() == u"expire")
            return true; // every attribute expired
        if (expired.contains(m_filter.attribute))
            return true;
    }
    const QJsonObject objects =
        event.value(QStringLiteral("delta")).toObject().value(QStringLiteral("objects")).toObject();
    for (auto it = objects.begin(); it != objects.end(); ++it) {
        if (!objectMatches(it.key().toLongLong()))
            continue;
        if (m_filter.attribute.isEmpty())
            return true;
        const QJsonObject patch = it.value().toObject();
        const QJsonValue attribute =
            patch.value(QStringLiteral("attrs")).toObject().value(m_filter.attribute);
        if (attribute.isUndefined())
            continue;
        // An object's first patch describes all of it (docs/trace-format.md, "Deltas"): an
        // attribute it calls not loaded is what the attribute was before, not a change.
        const bool firstPatch = patch.contains(QStringLiteral("entity"));
        if (!firstPatch || attribute.toObject().value(QStringLiteral("loaded")).toBool())
            return true;
    }
    return false;
}

} // namespace sessionscope
