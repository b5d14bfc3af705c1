#include "tracedocument.h"

#include "scenario/scenario.h"
#include "scenario/scenariotrace.h"
#include "trace/traceerror.h"
#include "trace/traceinspection.h"

#include <QFileInfo>

namespace sessionscope {

namespace {

bool sameDescription(const TraceObject &a, const TraceObject &b)
{
    auto sameSpan = [](TraceSpan x, TraceSpan y) {
        return x.offset == y.offset && x.length == y.length;
    };
    if (a.entity != b.entity || a.lifecycle != b.lifecycle || a.sets != b.sets ||
        a.modified != b.modified || !sameSpan(a.key, b.key) || !sameSpan(a.expired, b.expired) ||
        a.aliases != b.aliases || a.attrs.size() != b.attrs.size())
        return false;
    for (qsizetype i = 0; i < a.attrs.size(); ++i) {
        if (!sameSpan(a.attrs[i], b.attrs[i]))
            return false;
    }
    return true;
}

} // namespace

TraceDocument::TraceDocument(std::unique_ptr<Timeline> timeline, QString path)
    : m_timeline(std::move(timeline))
    , m_path(std::move(path))
{
    // Checked in full up front: a malformed line is reported now, not in the middle of stepping,
    // and the checkpoints verify() keeps make every seek short.
    m_timeline->verify();
    collectNames();
    m_timeline->seekEvent(-1);
    m_baseline = m_timeline->state();
}

TraceDocument::~TraceDocument() = default;

std::unique_ptr<TraceDocument> TraceDocument::openTrace(const QString &path)
{
    return std::unique_ptr<TraceDocument>(new TraceDocument(Timeline::open(path), path));
}

std::unique_ptr<TraceDocument> TraceDocument::openScenario(const QString &path)
{
    QByteArray trace;
    try {
        trace = recordScenarioTrace(path);
    } catch (const SessionError &error) {
        // The scenario could not even start (its tables, its database).
        throw ScenarioError(QStringLiteral("%1: %2").arg(path, error.message()));
    }
    auto document = fromData(std::move(trace), QFileInfo(path).fileName());
    document->m_path = path;
    return document;
}

std::unique_ptr<TraceDocument> TraceDocument::fromData(QByteArray data, const QString &name)
{
    return std::unique_ptr<TraceDocument>(
        new TraceDocument(Timeline::fromData(std::move(data), name), QString()));
}

QString TraceDocument::title() const
{
    if (!m_timeline->header().title.isEmpty())
        return m_timeline->header().title;
    return QFileInfo(m_timeline->name()).fileName();
}

void TraceDocument::collectNames()
{
    // Names settle as a trace goes on (aliases arrive after objects), so events are labelled
    // with the names objects have at the end.
    m_timeline->seekEvent(eventCount() - 1);
    const TraceRenderer renderer = m_timeline->renderer();
    const TraceState &state = m_timeline->state();
    for (int slot = 0; slot < state.slotCount(); ++slot) {
        if (const TraceObject *object = state.object(slot)) {
            m_finalNames.insert(slot, renderer.nameOf(slot));
            m_entities.insert(slot, object->entity);
        }
    }
}

QString TraceDocument::objectNameOfSlot(int slot) const
{
    if (const auto it = m_finalNames.constFind(slot); it != m_finalNames.constEnd())
        return *it;
    if (m_timeline->state().object(slot))
        return renderer().nameOf(slot);
    return QStringLiteral("#%1").arg(m_timeline->ids().idAt(slot));
}

QString TraceDocument::objectName(qint64 id) const
{
    const int slot = m_timeline->ids().find(id);
    return slot < 0 ? QStringLiteral("#%1").arg(id) : objectNameOfSlot(slot);
}

int TraceDocument::entityOfSlot(int slot) const
{
    if (const auto it = m_entities.constFind(slot); it != m_entities.constEnd())
        return *it;
    const TraceObject *object = m_timeline->state().object(slot);
    return object ? object->entity : -1;
}

bool TraceDocument::atOperationBoundary() const
{
    return m_cursor < 0 || m_cursor == m_timeline->stateEventOf(currentOperation());
}

qint64 TraceDocument::baselineEventOf(qint64 event) const
{
    if (event < 0)
        return -1;
    const int op = m_timeline->operationOf(event);
    if (event == m_timeline->stateEventOf(op))
        return m_timeline->firstEventOf(op) - 1;
    return event - 1;
}

bool TraceDocument::setCursor(qint64 event)
{
    event = std::clamp<qint64>(event, -1, eventCount() - 1);
    if (event == m_cursor)
        return true;
    try {
        m_timeline->seekEvent(baselineEventOf(event));
        TraceState baseline = m_timeline->state();
        m_timeline->seekEvent(event);
        m_baseline = std::move(baseline);
        m_cursor = event;
    } catch (const MessageError &error) {
        try {
            m_timeline->seekEvent(m_cursor); // it was reached before
        } catch (const MessageError &) {
        }
        emit failed(error.message());
        return false;
    }
    emit cursorChanged(m_cursor);
    return true;
}

qint64 TraceDocument::nextOperationTarget() const
{
    // stateEventOf() grows with the operation: the first one past the cursor.
    int low = 0;
    int high = operationCount() + 1;
    while (low < high) {
        const int mid = (low + high) / 2;
        if (m_timeline->stateEventOf(mid) > m_cursor)
            high = mid;
        else
            low = mid + 1;
    }
    return low <= operationCount() ? m_timeline->stateEventOf(low) : m_cursor;
}

qint64 TraceDocument::previousOperationTarget() const
{
    int low = 0;
    int high = operationCount() + 1;
    while (low < high) {
        const int mid = (low + high) / 2;
        if (m_timeline->stateEventOf(mid) >= m_cursor)
            high = mid;
        else
            low = mid + 1;
    }
    // low is the first operation whose state is at or past the cursor.
    return low > 0 ? m_timeline->stateEventOf(low - 1) : -1;
}

qint64 TraceDocument::nextEventTarget() const
{
    qint64 event = m_cursor + 1;
    while (event < eventCount() && m_timeline->eventType(event) == TraceEventType::Keyframe)
        ++event;
    return event < eventCount() ? event : m_cursor;
}

qint64 TraceDocument::previousEventTarget() const
{
    qint64 event = m_cursor - 1;
    while (event >= 0 && m_timeline->eventType(event) == TraceEventType::Keyframe)
        --event;
    return std::max<qint64>(event, -1);
}

qint64 TraceDocument::stepOutTarget() const
{
    const qint64 end = m_timeline->stateEventOf(currentOperation());
    return end > m_cursor ? end : nextOperationTarget();
}

TraceRenderer TraceDocument::baselineRenderer() const
{
    return TraceRenderer(m_baseline, m_timeline->schema(), m_timeline->ids(), m_timeline->bytes());
}

bool TraceDocument::changedAtStep(int slot) const
{
    return !sameObject(m_timeline->state().object(slot), m_baseline.object(slot));
}

bool TraceDocument::sameObject(const TraceObject *a, const TraceObject *b)
{
    if (!a || !b)
        return a == b;
    return sameDescription(*a, *b);
}

void TraceDocument::setMarkA(qint64 event)
{
    m_markA = std::clamp<qint64>(event, -1, eventCount() - 1);
    emit marksChanged();
}

void TraceDocument::setMarkB(qint64 event)
{
    m_markB = std::clamp<qint64>(event, -1, eventCount() - 1);
    emit marksChanged();
}

QJsonObject TraceDocument::diffBetweenMarks()
{
    if (!m_markA || !m_markB)
        return {};
    QJsonObject diff;
    try {
        diff = traceDiffOfEvents(*m_timeline, *m_markA, *m_markB);
    } catch (const MessageError &) {
        m_timeline->seekEvent(m_cursor);
        throw;
    }
    m_timeline->seekEvent(m_cursor);
    return diff;
}

} // namespace sessionscope
