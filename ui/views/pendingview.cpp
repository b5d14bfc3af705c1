#include "pendingview.h"

#include "columnwidth.h"
#include "itemroles.h"
#include "lifecyclebadgedelegate.h"
#include "models/pendingmodel.h"
#include "placeholdertreeview.h"
#include "tracedocument.h"

#include <QHeaderView>
#include <QVBoxLayout>

namespace sessionscope {

PendingView::PendingView(QWidget *parent)
    : QWidget(parent)
    , m_model(new PendingModel(this))
    , m_view(new PlaceholderTreeView(this))
{
    m_view->setModel(m_model);
    m_view->setGroupRowsSpanned(true);
    m_view->setItemDelegateForColumn(PendingModel::StateColumn, new LifecycleBadgeDelegate(m_view));
    m_view->setPlaceholderText(tr("Open a trace to see its session's new, dirty and deleted "
                                  "objects."));
    m_view->setAccessibleName(tr("Pending sets"));
    m_view->header()->setStretchLastSection(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(m_view);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                const QVariant slot = current.data(ObjectSlotRole);
                if (!m_selecting && slot.isValid() && slot.toInt() >= 0)
                    emit objectSelected(slot.toInt());
            });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &group) {
        if (group.isValid())
            m_view->expand(group);
    });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_model, signal, this, &PendingView::updateNote);
    connect(m_model, &QAbstractItemModel::modelReset, this, &PendingView::updateNote);
}

void PendingView::setDocument(TraceDocument *document)
{
    m_model->setDocument(document);
    m_view->expandAll();
    QHeaderView *header = m_view->header();
    int widestEntity = cellWidth(m_view, 8, u'x');
    if (document) {
        const TraceSchema &schema = document->timeline().schema();
        for (int entity = 0; entity < schema.entityCount(); ++entity)
            widestEntity =
                std::max(widestEntity, cellWidth(m_view, schema.entity(entity).type->name()));
    }
    // Objects are one level down; the groups ("deleted (12)") span the row.
    setColumnWidth(header, PendingModel::NameColumn,
                   2 * m_view->indentation() + cellWidth(m_view, 8, u'x'));
    setColumnWidth(header, PendingModel::EntityColumn, widestEntity);
    setColumnWidth(header, PendingModel::KeyColumn, cellWidth(m_view, 4));
    setColumnWidth(header, PendingModel::StateColumn,
                   LifecycleBadgeDelegate::columnWidth(m_view->fontMetrics()));
    updateNote();
}

void PendingView::updateNote()
{
    bool empty = m_model->rowCount() > 0;
    for (int group = 0; empty && group < m_model->rowCount(); ++group)
        empty = m_model->groupSize(group) == 0;
    m_view->setNoteText(empty ? tr("The new, dirty and deleted sets are empty at this step.")
                              : QString());
}

void PendingView::selectObject(int slot)
{
    const QModelIndex index = m_model->indexOfSlot(slot);
    m_selecting = true;
    if (index.isValid())
        m_view->setCurrentIndex(index);
    else
        m_view->selectionModel()->clearSelection();
    m_selecting = false;
}

} // namespace sessionscope
