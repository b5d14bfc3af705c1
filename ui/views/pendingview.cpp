#include "pendingview.h"

#include "itemroles.h"
#include "lifecyclebadgedelegate.h"
#include "models/pendingmodel.h"
#include "placeholdertreeview.h"

#include <QHeaderView>
#include <QVBoxLayout>

namespace sessionscope {

PendingView::PendingView(QWidget *parent)
    : QWidget(parent)
    , m_model(new PendingModel(this))
    , m_view(new PlaceholderTreeView(this))
{
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(PendingModel::StateColumn, new LifecycleBadgeDelegate(m_view));
    m_view->setPlaceholderText(tr("Open a trace to see what the next flush will write."));
    m_view->setAccessibleName(tr("Pending sets"));
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
}

void PendingView::setDocument(TraceDocument *document)
{
    m_model->setDocument(document);
    m_view->expandAll();
    m_view->resizeColumnToContents(PendingModel::NameColumn);
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
