#include "objectview.h"

#include "columnwidth.h"
#include "itemroles.h"
#include "lifecyclestyle.h"
#include "models/objectmodel.h"
#include "placeholdertreeview.h"
#include "trace/valuetext.h"
#include "tracedocument.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QVBoxLayout>

namespace sessionscope {

ObjectView::ObjectView(QWidget *parent)
    : QWidget(parent)
    , m_model(new ObjectModel(this))
    , m_view(new PlaceholderTreeView(this))
    , m_header(new QLabel(this))
    , m_touching(new QPushButton(tr("Events That Touched It"), this))
{
    m_view->setModel(m_model);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setAccessibleName(tr("Object attributes"));
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_header->setTextFormat(Qt::RichText);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_touching->setToolTip(tr("Filter the event log to the events that touched this object"));
    m_touching->setEnabled(false);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(4, 2, 2, 2);
    top->addWidget(m_header, 1);
    top->addWidget(m_touching);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(top);
    layout->addWidget(m_view);

    connect(m_model, &ObjectModel::objectChanged, this, &ObjectView::updateHeader);
    connect(m_model, &QAbstractItemModel::modelReset, m_view, &QTreeView::expandAll);
    connect(m_view, &QTreeView::clicked, this, &ObjectView::activated);
    connect(m_view, &QTreeView::activated, this, &ObjectView::activated);
    connect(m_view, &QWidget::customContextMenuRequested, this, &ObjectView::showContextMenu);
    connect(m_touching, &QPushButton::clicked, this, [this] {
        if (m_document && objectSlot() >= 0)
            emit showEventsTouching(m_document->timeline().ids().idAt(objectSlot()), QString());
    });
    updateHeader();
}

void ObjectView::setDocument(TraceDocument *document)
{
    m_document = document;
    m_model->setDocument(document);
    sizeColumns();
}

void ObjectView::setObjectSlot(int slot)
{
    m_model->setObjectSlot(slot);
    m_view->expandAll();
    sizeColumns();
}

void ObjectView::sizeColumns()
{
    // Each column as wide as it needs up to a share of the dock, so that the History columns
    // stay in view beside long values; what is cut is elided, with a tooltip. With no object,
    // as wide as the headers.
    const int mostCharacters[] = {18, 26, 22, 14, 14, 14, 12};
    static_assert(std::size(mostCharacters) == ObjectModel::ColumnCount);
    for (int column = 0; column < ObjectModel::ColumnCount; ++column) {
        const int most = cellWidth(m_view, mostCharacters[column], u'x');
        setColumnWidth(m_view->header(), column, std::min(m_view->contentWidth(column), most));
    }
}

int ObjectView::objectSlot() const
{
    return m_model->objectSlot();
}

QString ObjectView::headline() const
{
    return m_header->text();
}

void ObjectView::updateHeader()
{
    const int slot = objectSlot();
    m_touching->setEnabled(m_document && slot >= 0);
    if (!m_document) {
        m_header->setText(QString());
        m_view->setPlaceholderText(tr("Open a trace, then select an object."));
        return;
    }
    if (slot < 0) {
        m_header->setText(QString());
        m_view->setPlaceholderText(
            tr("Select an object in the identity map or the pending sets to see its "
               "attributes and their History."));
        return;
    }
    const QString name = m_document->objectNameOfSlot(slot).toHtmlEscaped();
    const TraceObject *object = m_document->timeline().state().object(slot);
    if (!object || !object->exists()) {
        m_header->setText(QStringLiteral("<b>%1</b>").arg(name));
        m_view->setPlaceholderText(tr("%1 does not exist at this step.").arg(name));
        return;
    }
    const TraceRenderer renderer = m_document->renderer();
    const QColor badge = lifecycleColor(object->lifecycle, palette());
    QStringList parts{
        QStringLiteral("<b>%1</b>").arg(renderer.nameOf(slot).toHtmlEscaped()),
        renderer.entityName(slot).toHtmlEscaped(),
    };
    const QString key = formatKey(renderer.key(slot));
    parts.append(key.isEmpty() ? tr("no key yet") : tr("key %1").arg(key.toHtmlEscaped()));
    parts.append(QStringLiteral("<span style=\"background-color:%1;\">&nbsp;%2&nbsp;</span>")
                     .arg(badge.name(), lifecycleLabel(object->lifecycle)));
    if (object->modified)
        parts.append(tr("modified"));
    m_header->setText(parts.join(QStringLiteral(" · ")));
    m_view->setPlaceholderText(QString());
}

void ObjectView::activated(const QModelIndex &index)
{
    const int slot = index.data(ObjectSlotRole).toInt();
    if (index.data(ObjectSlotRole).isValid() && slot >= 0 &&
        (index.column() == ObjectModel::ValueColumn || index.parent().isValid()))
        emit objectLinkActivated(slot);
}

void ObjectView::showContextMenu(const QPoint &position)
{
    const QModelIndex index = m_view->indexAt(position);
    if (!m_document || objectSlot() < 0 || !index.isValid())
        return;
    const QModelIndex attributeIndex =
        index.parent().isValid() ? index.parent() : index.siblingAtColumn(0);
    const QString attribute =
        attributeIndex.siblingAtColumn(ObjectModel::AttributeColumn).data().toString();
    const qint64 id = m_document->timeline().ids().idAt(objectSlot());
    QMenu menu(this);
    menu.addAction(
        tr("Events That Touched %1.%2").arg(m_document->objectNameOfSlot(objectSlot()), attribute),
        this, [this, id, attribute] { emit showEventsTouching(id, attribute); });
    menu.addAction(tr("Events That Touched %1").arg(m_document->objectNameOfSlot(objectSlot())),
                   this, [this, id] { emit showEventsTouching(id, QString()); });
    const int linked = index.data(ObjectSlotRole).toInt();
    if (index.data(ObjectSlotRole).isValid() && linked >= 0) {
        menu.addSeparator();
        menu.addAction(tr("Go to %1").arg(m_document->renderer().nameOf(linked)), this,
                       [this, linked] { emit objectLinkActivated(linked); });
    }
    menu.exec(m_view->viewport()->mapToGlobal(position));
}

} // namespace sessionscope
