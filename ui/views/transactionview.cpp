#include "transactionview.h"

#include "columnwidth.h"
#include "models/eventsummary.h"
#include "tracedocument.h"

#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace sessionscope {

TransactionView::TransactionView(QWidget *parent)
    : QWidget(parent)
    , m_status(new QLabel(this))
    , m_savepoints(new QTreeWidget(this))
{
    m_status->setTextFormat(Qt::RichText);
    m_status->setWordWrap(true);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_savepoints->setHeaderLabels({tr("Savepoint"), tr("Opened in operation"), tr("By")});
    // "#2", an operation number, then who opened it: the numbers as wide as their headers.
    for (int column : {0, 1})
        setColumnWidth(m_savepoints->header(), column, cellWidth(m_savepoints, 4));
    m_savepoints->setRootIsDecorated(false);
    m_savepoints->setAccessibleName(tr("Open savepoints"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 4, 4);
    layout->addWidget(m_status);
    layout->addWidget(m_savepoints, 1);
    showCursor(-1);
}

void TransactionView::setDocument(TraceDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_marks.clear();
    m_savepointEvents.clear();
    if (document) {
        const Timeline &timeline = document->timeline();
        for (qint64 event = 0; event < timeline.eventCount(); ++event) {
            const TraceEventType type = timeline.eventType(event);
            if (type == TraceEventType::Session) {
                const QString name =
                    timeline.event(event).value(QStringLiteral("event")).toString();
                Marker marker = Marker::Other;
                if (name == u"after_begin")
                    marker = Marker::Begin;
                else if (name == u"before_flush")
                    marker = Marker::FlushStart;
                // A flush ends when it is done, or when it failed and rolled back.
                else if (name == u"after_flush_postexec" || name == u"after_rollback")
                    marker = Marker::FlushEnd;
                if (marker != Marker::Other)
                    m_marks.push_back({event, marker});
            } else if (type == TraceEventType::Savepoint) {
                const QJsonObject json = timeline.event(event);
                m_savepointEvents.push_back(
                    {event, json.value(QStringLiteral("action")).toString() == u"begin",
                     json.value(QStringLiteral("depth")).toInt()});
            }
        }
        connect(document, &TraceDocument::cursorChanged, this, &TransactionView::showCursor);
    }
    showCursor(document ? document->cursor() : -1);
}

QString TransactionView::statusText() const
{
    return m_status->text();
}

QString TransactionView::rollbackNotice(const TraceState &state)
{
    if (state.transactionStatus() != TransactionStatus::NeedsRollback)
        return {};
    const QString cause = errorText(QJsonObject{
        {QStringLiteral("kind"), state.rollbackCauseKind()},
        {QStringLiteral("message"), state.rollbackCauseMessage()},
    });
    return cause.isEmpty() || state.rollbackCauseKind().isEmpty()
               ? tr("The session must be rolled back.")
               : tr("The session must be rolled back: %1").arg(cause);
}

std::optional<qint64> TransactionView::lastMark(Marker marker, qint64 cursor) const
{
    std::optional<qint64> last;
    for (const Mark &mark : m_marks) {
        if (mark.event > cursor)
            break;
        if (mark.marker == marker)
            last = mark.event;
    }
    return last;
}

QString TransactionView::transactionLine(const TraceState &state, qint64 cursor) const
{
    const Timeline &timeline = m_document->timeline();
    switch (state.transactionStatus()) {
    case TransactionStatus::Active: {
        const std::optional<qint64> began = lastMark(Marker::Begin, cursor);
        return began ? tr("<b>Transaction:</b> active (began in operation %1)")
                           .arg(timeline.operationOf(*began))
                     : tr("<b>Transaction:</b> active");
    }
    case TransactionStatus::NeedsRollback:
        return tr("<b>Transaction:</b> must be rolled back; every operation but a rollback is "
                  "refused until then") +
               u"<br>" + rollbackNotice(state).toHtmlEscaped();
    case TransactionStatus::Closed:
        return tr("<b>Transaction:</b> none, the session was closed; its next use begins one");
    case TransactionStatus::Inactive:
        break;
    }
    return tr("<b>Transaction:</b> none; the next operation that needs the database begins one");
}

QString TransactionView::flushLine(const TraceState &state, qint64 cursor) const
{
    // Under way from its before_flush to its end, the end of its operation at the latest (a
    // flush refused or failed has no after_flush_postexec).
    const std::optional<qint64> start = lastMark(Marker::FlushStart, cursor);
    if (!start || state.transactionStatus() == TransactionStatus::NeedsRollback)
        return {};
    const std::optional<qint64> end = lastMark(Marker::FlushEnd, cursor);
    if (end && *end > *start)
        return {};
    const Timeline &timeline = m_document->timeline();
    const int op = timeline.operationOf(*start);
    const qint64 operationEnd = op > 0 ? timeline.operation(op).endEvent : -1;
    if (timeline.operationOf(cursor) != op || (operationEnd >= 0 && cursor >= operationEnd))
        return {};
    return tr("<b>Flush:</b> in progress (operation %1)").arg(op);
}

QString TransactionView::savepointsLine(const TraceState &state) const
{
    const int depth = state.nestedDepth();
    return depth > 0 ? tr("<b>Savepoints:</b> %n open", nullptr, depth)
                     : tr("<b>Savepoints:</b> none");
}

void TransactionView::showCursor(qint64 cursor)
{
    m_savepoints->clear();
    if (!m_document) {
        m_status->setText(tr("Open a trace to see its transactions."));
        return;
    }
    const Timeline &timeline = m_document->timeline();
    const TraceState &state = timeline.state();
    QStringList lines{transactionLine(state, cursor), flushLine(state, cursor),
                      savepointsLine(state)};
    lines.removeAll(QString());
    m_status->setText(lines.join(QStringLiteral("<br>")));

    // The savepoints open at the cursor: replay the savepoint events up to it.
    std::vector<qint64> open;
    for (const Savepoint &savepoint : m_savepointEvents) {
        if (savepoint.event > cursor)
            break;
        if (savepoint.opens)
            open.push_back(savepoint.event);
        open.resize(size_t(std::clamp(savepoint.depth, 0, int(open.size()))));
    }
    for (size_t i = 0; i < open.size(); ++i) {
        const int op = timeline.operationOf(open[i]);
        const QString by = op > 0 ? summarizeOperation(timeline.operation(op)) : QString();
        auto *item =
            new QTreeWidgetItem(m_savepoints, {tr("#%1").arg(i + 1), QString::number(op), by});
        item->setData(0, Qt::UserRole, open[i]);
    }
}

} // namespace sessionscope
