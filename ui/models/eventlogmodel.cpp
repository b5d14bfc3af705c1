#include "eventlogmodel.h"

#include "eventsummary.h"
#include "itemroles.h"
#include "lifecyclestyle.h"
#include "trace/traceevent.h"
#include "tracedocument.h"

#include <QApplication>
#include <QFont>
#include <QJsonObject>
#include <QPalette>
#include <QSet>
#include <QStyle>

#include <algorithm>

namespace sessionscope {

namespace {

bool isChildEvent(TraceEventType type)
{
    return type != TraceEventType::Begin && type != TraceEventType::End &&
           type != TraceEventType::Keyframe;
}

qint64 operationKey(int op)
{
    return -qint64(op) - 2; // cache keys below -1; events are 0 and up
}

} // namespace

EventLogModel::EventLogModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

EventLogModel::~EventLogModel() = default;

void EventLogModel::setDocument(TraceDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_kinds.clear();
    m_filter = {};
    if (m_document) {
        connect(m_document, &TraceDocument::cursorChanged, this, &EventLogModel::cursorMoved);
        connect(m_document, &QObject::destroyed, this, [this] { setDocument(nullptr); });
        const Timeline &timeline = m_document->timeline();
        QSet<QString> kinds;
        for (int op = 1; op <= timeline.operationCount(); ++op)
            kinds.insert(timeline.operation(op).kind);
        m_kinds = QStringList(kinds.begin(), kinds.end());
        m_kinds.sort();
        TraceEventHead head;
        m_t0 = timeline.eventCount() > 0 && parseEventHeadFast(timeline.eventText(0), &head)
                   ? head.t
                   : 0;
    }
    rebuild();
}

void EventLogModel::setFilter(const EventFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    rebuild();
}

void EventLogModel::rebuild()
{
    beginResetModel();
    m_operations.clear();
    m_children.clear();
    m_text.clear();
    m_filtered = false;
    m_cursor = m_document ? m_document->cursor() : -1;
    if (m_document) {
        const Timeline &timeline = m_document->timeline();
        const int count = timeline.operationCount();
        // Events before the first operation (a `start`) are operation 0.
        const bool hasOperationZero =
            timeline.eventCount() > 0 && (count == 0 || timeline.firstEventOf(1) > 0);
        const int firstOp = hasOperationZero ? 0 : 1;
        if (m_filter.isEmpty()) {
            m_operations.reserve(size_t(count - firstOp + 1));
            for (int op = firstOp; op <= count; ++op)
                m_operations.push_back(op);
        } else {
            m_filtered = true;
            const bool operationKind = m_kinds.contains(m_filter.kind);
            EventFilter eventFilter = m_filter;
            if (operationKind)
                eventFilter.kind.clear();
            const EventMatcher events(*m_document, eventFilter);
            const EventMatcher operations(*m_document, m_filter);
            for (int op = firstOp; op <= count; ++op) {
                const TraceOperation operation = op > 0 ? timeline.operation(op) : TraceOperation();
                if (operationKind && operation.kind != m_filter.kind)
                    continue;
                std::vector<qint64> matched;
                for (qint64 event = timeline.firstEventOf(op), last = timeline.stateEventOf(op);
                     event <= last; ++event) {
                    if (isChildEvent(timeline.eventType(event)) && events.matchesEvent(event))
                        matched.push_back(event);
                }
                bool itself = op > 0 && (m_filter.kind.isEmpty() || operationKind) &&
                              !operations.hasObjectCriteria() &&
                              operations.matchesOperation(operation);
                if (m_filter.object >= 0 && operation.object == m_filter.object &&
                    (m_filter.attribute.isEmpty() || operation.attribute == m_filter.attribute))
                    itself = true;
                if (!itself && matched.empty())
                    continue;
                m_children.emplace(int(m_operations.size()), std::move(matched));
                m_operations.push_back(op);
            }
        }
    }
    endResetModel();
}

void EventLogModel::cursorMoved(qint64 event)
{
    const qint64 before = m_cursor;
    m_cursor = event;
    if (m_operations.empty() || !m_document)
        return;
    // The marker moves and the rows between the two cursors change their dimming. Operation
    // rows in between are told as one range. Of event rows only the two that hold the marker
    // are: a view told that a long range of children changed may search for every one of them
    // (QTreeView does when they are collapsed), which is quadratic on a flush of a hundred
    // thousand statements; EventLogView repaints what it shows when the cursor moves instead.
    const Timeline &timeline = m_document->timeline();
    const int from = before < 0 ? 0 : timeline.operationOf(before);
    const int to = event < 0 ? 0 : timeline.operationOf(event);
    const int low =
        std::min(rowOfOperationAtOrAfter(std::min(from, to)), int(m_operations.size()) - 1);
    const int high =
        std::min(rowOfOperationAtOrAfter(std::max(from, to)), int(m_operations.size()) - 1);
    emit dataChanged(index(low, 0), index(high, ColumnCount - 1));
    for (const qint64 marked : {before, event}) {
        const QModelIndex row = indexOfEvent(marked);
        if (row.isValid() && row.parent().isValid())
            emit dataChanged(row, row.siblingAtColumn(ColumnCount - 1));
    }
}

std::vector<qint64> EventLogModel::unfilteredChildren(int op) const
{
    const Timeline &timeline = m_document->timeline();
    std::vector<qint64> events;
    for (qint64 event = timeline.firstEventOf(op), last = timeline.stateEventOf(op); event <= last;
         ++event) {
        if (isChildEvent(timeline.eventType(event)))
            events.push_back(event);
    }
    return events;
}

const std::vector<qint64> &EventLogModel::children(int row) const
{
    auto it = m_children.find(row);
    if (it == m_children.end())
        it = m_children.emplace(row, unfilteredChildren(m_operations[size_t(row)])).first;
    return it->second;
}

int EventLogModel::rowOfOperationAtOrAfter(int op) const
{
    return int(std::lower_bound(m_operations.begin(), m_operations.end(), op) -
               m_operations.begin());
}

int EventLogModel::rowOfOperation(int op) const
{
    const auto it = std::lower_bound(m_operations.begin(), m_operations.end(), op);
    return it != m_operations.end() && *it == op ? int(it - m_operations.begin()) : -1;
}

qint64 EventLogModel::stepOf(const QModelIndex &index) const
{
    const qint64 event = eventOf(index);
    if (event >= 0)
        return event;
    const int op = operationOf(index);
    return op >= 0 ? m_document->timeline().stateEventOf(op) : -1;
}

int EventLogModel::operationOf(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this)
        return -1;
    const int row = index.internalId() == 0 ? index.row() : int(index.internalId()) - 1;
    return m_operations[size_t(row)];
}

qint64 EventLogModel::eventOf(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == 0)
        return -1;
    return children(int(index.internalId()) - 1)[size_t(index.row())];
}

QModelIndex EventLogModel::indexOfEvent(qint64 event) const
{
    if (!m_document || event < 0)
        return {};
    const Timeline &timeline = m_document->timeline();
    const int row = rowOfOperation(timeline.operationOf(event));
    if (row < 0)
        return {};
    if (isChildEvent(timeline.eventType(event))) {
        const std::vector<qint64> &events = children(row);
        const auto it = std::lower_bound(events.begin(), events.end(), event);
        if (it != events.end() && *it == event)
            return createIndex(int(it - events.begin()), 0, quintptr(row + 1));
    }
    return createIndex(row, 0, quintptr(0));
}

QModelIndex EventLogModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, parent.isValid() ? quintptr(parent.row() + 1) : quintptr(0));
}

QModelIndex EventLogModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId()) - 1, 0, quintptr(0));
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_operations.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return int(children(parent.row()).size());
}

bool EventLogModel::hasChildren(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return !m_operations.empty();
    if (parent.internalId() != 0 || parent.column() != 0)
        return false;
    if (m_filtered)
        return !children(parent.row()).empty();
    // Views ask this of every row they lay out: answer from the index alone, without making
    // the children (an operation has some when it holds events besides its begin and end;
    // only keyframes could make that a promise rowCount() does not keep).
    const Timeline &timeline = m_document->timeline();
    const int op = m_operations[size_t(parent.row())];
    const qint64 events = timeline.stateEventOf(op) - timeline.firstEventOf(op) + 1;
    return events > (op == 0 ? 0 : 2) ||
           (events == 2 && timeline.eventType(timeline.stateEventOf(op)) != TraceEventType::End);
}

int EventLogModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StepColumn:
        return tr("#");
    case TimeColumn:
        return tr("Time");
    case KindColumn:
        return tr("Kind");
    case SummaryColumn:
        return tr("What happened");
    default:
        return {};
    }
}

QString EventLogModel::startLabel()
{
    return tr("start");
}

QString EventLogModel::timeText(qint64 event) const
{
    TraceEventHead head;
    if (!m_document || event < 0 ||
        !parseEventHeadFast(m_document->timeline().eventText(event), &head))
        return {};
    return tr("%L1 ms").arg(double(head.t - m_t0) / 1e6, 0, 'f', 3);
}

const EventLogModel::RowText &EventLogModel::text(int op, qint64 event) const
{
    const qint64 key = event >= 0 ? event : operationKey(op);
    if (const RowText *cached = m_text.object(key))
        return *cached;
    auto *row = new RowText;
    const Timeline &timeline = m_document->timeline();
    if (event < 0) {
        row->step = QString::number(op);
        if (op == 0) {
            row->kind = startLabel();
            row->summary = tr("before the first operation");
            row->time = timeText(0);
        } else {
            const TraceOperation operation = timeline.operation(op);
            row->kind = operationKindLabel(operation.kind);
            row->summary = summarizeOperation(operation);
            row->failed = operation.failed;
            row->time = timeText(operation.beginEvent);
        }
    } else {
        const QJsonObject json = timeline.event(event);
        row->step = QString::number(event + 1);
        row->kind = eventTypeLabel(json.value(QStringLiteral("type")).toString());
        row->summary = summarizeEvent(*m_document, json);
        const QJsonValue error = json.value(QStringLiteral("error"));
        row->failed = !error.isNull() && !error.isUndefined();
        row->time = timeText(event);
    }
    m_text.insert(key, row);
    return *row;
}

bool EventLogModel::isCurrent(int op, qint64 event) const
{
    if (m_cursor < 0)
        return false;
    if (event >= 0)
        return event == m_cursor;
    const QModelIndex current = indexOfEvent(m_cursor);
    return current.isValid() && current.internalId() == 0 &&
           m_operations[size_t(current.row())] == op;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int op = operationOf(index);
    const qint64 event = eventOf(index);
    switch (role) {
    case EventRole:
        return stepOf(index);
    case FutureRole: {
        const qint64 first = event >= 0 ? event : m_document->timeline().firstEventOf(op);
        return first > m_cursor;
    }
    case Qt::FontRole:
        if (isCurrent(op, event)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == StepColumn && isCurrent(op, event))
            return QApplication::style()->standardIcon(QStyle::SP_MediaPlay);
        return {};
    case Qt::ForegroundRole: {
        const QPalette palette = QApplication::palette();
        if (text(op, event).failed)
            return errorTextColor(palette);
        if (data(index, FutureRole).toBool())
            return futureTextColor(palette);
        return {};
    }
    case Qt::ToolTipRole:
        if (index.column() == SummaryColumn)
            return text(op, event).summary;
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    const RowText &row = text(op, event);
    switch (index.column()) {
    case StepColumn:
        return row.step;
    case TimeColumn:
        return row.time;
    case KindColumn:
        return row.kind;
    case SummaryColumn:
        return row.summary;
    default:
        return {};
    }
}

} // namespace sessionscope
