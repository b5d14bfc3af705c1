#include "identitymapview.h"

#include "columnwidth.h"
#include "itemroles.h"
#include "lifecyclebadgedelegate.h"
#include "models/identitymapmodel.h"
#include "objectfilterproxy.h"
#include "placeholdertreeview.h"
#include "tracedocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QVBoxLayout>

namespace sessionscope {

IdentityMapView::IdentityMapView(QWidget *parent)
    : QWidget(parent)
    , m_model(new IdentityMapModel(this))
    , m_proxy(new ObjectFilterProxy(this))
    , m_view(new PlaceholderTreeView(this))
    , m_filter(new QLineEdit(this))
    , m_entity(new QComboBox(this))
    , m_allObjects(new QCheckBox(tr("All objects"), this))
{
    m_filter->setPlaceholderText(tr("Filter by name, key or value"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Identity map filter"));
    m_entity->setAccessibleName(tr("Entity"));
    makeCompact(m_entity, 9);
    m_allObjects->setToolTip(
        tr("Also show objects outside the identity map: transient, pending and detached ones"));

    m_proxy->setSourceModel(m_model);
    m_view->setModel(m_proxy);
    m_view->setGroupRowsSpanned(true);
    m_view->setItemDelegateForColumn(IdentityMapModel::StateColumn,
                                     new LifecycleBadgeDelegate(m_view));
    m_view->header()->setStretchLastSection(true);
    m_view->setPlaceholderText(tr("Open a trace to see its identity map."));
    m_view->setAccessibleName(tr("Identity map"));

    auto *filters = new QHBoxLayout;
    filters->setContentsMargins(0, 0, 0, 0);
    filters->addWidget(m_filter, 1);
    filters->addWidget(m_entity);
    filters->addWidget(m_allObjects);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(filters);
    layout->addWidget(m_view);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setText(text);
        m_view->expandAll();
    });
    connect(m_entity, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setEntity(m_entity->currentData().toString());
        m_view->expandAll();
    });
    connect(m_allObjects, &QCheckBox::toggled, this, [this](bool all) {
        m_model->setAllObjects(all);
        m_view->expandAll();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &IdentityMapView::currentChanged);
    // Groups that gain objects open by themselves.
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &group) {
        if (group.isValid())
            m_view->expand(group);
    });
}

void IdentityMapView::setDocument(TraceDocument *document)
{
    m_model->setDocument(document);
    m_entity->blockSignals(true);
    m_entity->clear();
    m_entity->addItem(tr("All entities"), QString());
    if (document) {
        const TraceSchema &schema = document->timeline().schema();
        for (int entity = 0; entity < schema.entityCount(); ++entity) {
            const QString &name = schema.entity(entity).type->name();
            m_entity->addItem(name, name);
        }
    }
    m_entity->blockSignals(false);
    makeCompact(m_entity, 9);
    m_proxy->setEntity(QString());
    m_view->setPlaceholderText(document ? tr("No entities.")
                                        : tr("Open a trace to see its identity map."));
    m_view->expandAll();
    QHeaderView *header = m_view->header();
    // Objects are one level down; the entities ("User (3)") span the row.
    setColumnWidth(header, IdentityMapModel::NameColumn,
                   2 * m_view->indentation() + cellWidth(m_view, 8, u'x'));
    setColumnWidth(header, IdentityMapModel::KeyColumn, cellWidth(m_view, 4));
    setColumnWidth(header, IdentityMapModel::StateColumn,
                   LifecycleBadgeDelegate::columnWidth(m_view->fontMetrics()));
}

void IdentityMapView::selectObject(int slot)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOfSlot(slot));
    m_selecting = true;
    if (index.isValid()) {
        m_view->setCurrentIndex(index);
        m_view->scrollTo(index);
    } else {
        m_view->selectionModel()->clearSelection();
    }
    m_selecting = false;
}

void IdentityMapView::currentChanged()
{
    if (m_selecting)
        return;
    const QModelIndex current = m_view->currentIndex();
    const QVariant slot = current.data(ObjectSlotRole);
    if (slot.isValid() && slot.toInt() >= 0)
        emit objectSelected(slot.toInt());
}

} // namespace sessionscope
