#include "transactionview.h"

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
    m_savepoints->setHeaderLabels({tr("Savepoint"), tr("Opened in operation"), tr("By")});
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
                else if (name == u"after_flush_postexec")
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

void TransactionView::showCursor(qint64 cursor)
{
    m_savepoints->clear();
    if (!m_document) {
        m_status->setText(tr("Open a trace to see its transactions."));
        return;
    }
    const Timeline &timeline = m_document->timeline();
    const TraceState &state = timeline.state();
    QStringList lines;
    if (state.transactionActive()) {
        QString began;
        std::optional<qint64> flushStart;
        for (const Mark &mark : m_marks) {
            if (mark.event > cursor)
                break;
            if (mark.marker == Marker::Begin)
                began = tr(" (began in operation %1)").arg(timeline.operationOf(mark.event));
            else if (mark.marker == Marker::FlushStart)
                flushStart = mark.event;
            else if (mark.marker == Marker::FlushEnd)
                flushStart.reset();
        }
        lines.append(tr("<b>Transaction:</b> active%1").arg(began));
        if (flushStart)
            lines.append(tr("<b>Flush:</b> in progress (operation %1)")
                             .arg(timeline.operationOf(*flushStart)));
    } else {
        lines.append(tr("<b>Transaction:</b> none; the next operation that needs the database "
                        "begins one"));
    }
    const int depth = state.nestedDepth();
    lines.append(depth > 0 ? tr("<b>Savepoints:</b> %n open", nullptr, depth)
                           : tr("<b>Savepoints:</b> none"));
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
        const QString by = op > 0 ? timeline.operation(op).label : QString();
        auto *item =
            new QTreeWidgetItem(m_savepoints, {tr("#%1").arg(i + 1), QString::number(op), by});
        item->setData(0, Qt::UserRole, open[i]);
    }
}

} // namespace sessionscope
