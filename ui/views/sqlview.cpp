#include "sqlview.h"

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
    const int digit = fontMetrics().horizontalAdvance(u'0');
    m_view->setColumnWidth(SqlModel::StepColumn, digit * 8);
    m_view->setColumnWidth(SqlModel::OperationColumn, digit * 10);
    m_view->setColumnWidth(SqlModel::ParametersColumn, digit * 28);
    m_view->setColumnWidth(SqlModel::RowsColumn, digit * 7);
    m_view->setColumnWidth(SqlModel::DurationColumn, digit * 11);
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
