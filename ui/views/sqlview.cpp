#include "sqlview.h"

#include "columnwidth.h"
#include "elidingdelegate.h"
#include "models/sqlmodel.h"
#include "tracedocument.h"

#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

namespace sessionscope {

SqlView::SqlView(QWidget *parent)
    : QWidget(parent)
    , m_model(new SqlModel(this))
    , m_view(new QTableView(this))
{
    m_view->setModel(m_model);
    m_view->setItemDelegate(new ElidingDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(SqlModel::StatementColumn,
                                                     QHeaderView::Stretch);
    m_view->setAccessibleName(tr("SQL statements"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_view);

    auto step = [this](const QModelIndex &index) {
        if (m_following || !m_document || !index.isValid())
            return;
        const qint64 event = m_model->eventAt(index.row());
        if (event != m_document->cursor())
            emit stepRequested(event);
    };
    connect(m_view, &QTableView::clicked, this, step);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, step);
}

void SqlView::setDocument(TraceDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_model->setDocument(document);
    // Numbers as wide as the trace's largest, in bold as the current row shows them; the
    // statement takes the rest.
    auto digits = [](qint64 number) { return int(QString::number(number).size()); };
    const qint64 events = document ? document->eventCount() : 0;
    const int operations = document ? document->operationCount() : 0;
    QHeaderView *header = m_view->horizontalHeader();
    setColumnWidth(header, SqlModel::StepColumn, cellWidth(m_view, digits(events), u'0', true));
    setColumnWidth(header, SqlModel::OperationColumn,
                   cellWidth(m_view, digits(operations), u'0', true));
    setColumnWidth(header, SqlModel::ParametersColumn, cellWidth(m_view, 20, u'x'));
    setColumnWidth(header, SqlModel::RowsColumn, cellWidth(m_view, 4, u'0', true));
    setColumnWidth(header, SqlModel::DurationColumn,
                   cellWidth(m_view, m_model->durationText(999'999), true));
    if (document) {
        connect(document, &TraceDocument::cursorChanged, this, &SqlView::followCursor);
        followCursor(document->cursor());
    }
}

void SqlView::followCursor(qint64 event)
{
    const int row = m_model->rowAtOrBefore(event);
    m_following = true;
    if (row >= 0) {
        const QModelIndex index = m_model->index(row, SqlModel::StatementColumn);
        m_view->setCurrentIndex(index);
        m_view->scrollTo(index);
    } else {
        m_view->selectionModel()->clearSelection();
        m_view->scrollToTop();
    }
    m_following = false;
}

} // namespace sessionscope
