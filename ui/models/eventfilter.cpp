#include "eventfilter.h"

#include "tracedocument.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace sessionscope {

EventMatcher::EventMatcher(const TraceDocument &document, EventFilter filter)
    : m_document(document)
    , m_filter(std::move(filter))
    , m_textLower(m_filter.text.toUtf8().toLower())
{
    if (m_filter.object >= 0)
        m_objectKey = '"' + QByteArray::number(m_filter.object) + '"';
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

bool EventMatcher::matchesOperationText(const QString &label) const
{
    return m_filter.text.isEmpty() || label.contains(m_filter.text, Qt::CaseInsensitive);
}

bool EventMatcher::matchesEvent(qint64 event) const
{
    const Timeline &timeline = m_document.timeline();
    const TraceEventType type = timeline.eventType(event);
    if (type == TraceEventType::Keyframe)
        return false;
    if (!m_filter.kind.isEmpty() && m_filter.kind != QLatin1String(traceEventTypeName(type)))
        return false;
    if (m_textLower.isEmpty() && !hasObjectCriteria())
        return true;
    const QByteArray line = timeline.eventText(event);
    if (!m_textLower.isEmpty() && !line.toLower().contains(m_textLower))
        return false;
    return !hasObjectCriteria() || touches(line);
}

bool EventMatcher::touches(const QByteArray &line) const
{
    // Cheap test first: an event that touches object 12 spells "12" somewhere.
    if (m_filter.object >= 0 && !line.contains(QByteArray::number(m_filter.object)))
        return false;
    if (!m_filter.attribute.isEmpty() && !line.contains(m_filter.attribute.toUtf8()))
        return false;
    const QJsonObject event = QJsonDocument::fromJson(line).object();
    const Timeline &timeline = m_document.timeline();
    auto objectMatches = [&](qint64 id) {
        if (m_filter.object >= 0 && id != m_filter.object)
            return false;
        if (m_filter.entity >= 0) {
            const int slot = timeline.ids().find(id);
            if (slot < 0 || m_document.entityOfSlot(slot) != m_filter.entity)
                return false;
        }
        return true;
    };
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
        if (patch.value(QStringLiteral("attrs")).toObject().contains(m_filter.attribute) ||
            patch.value(QStringLiteral("expired")).toArray().contains(m_filter.attribute))
            return true;
    }
    return false;
}

} // namespace sessionscope
