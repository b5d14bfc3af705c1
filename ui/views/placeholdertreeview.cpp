#include "placeholdertreeview.h"

#include "elidingdelegate.h"

#include <QPainter>

namespace sessionscope {

PlaceholderTreeView::PlaceholderTreeView(QWidget *parent)
    : QTreeView(parent)
{
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setItemDelegate(new ElidingDelegate(this));
}

void PlaceholderTreeView::setModel(QAbstractItemModel *model)
{
    if (this->model())
        disconnect(this->model(), nullptr, this, nullptr);
    QTreeView::setModel(model);
    if (!model)
        return;
    // Groups come and go with the model (and with a filter in front of it).
    connect(model, &QAbstractItemModel::modelReset, this, &PlaceholderTreeView::spanGroupRows);
    connect(model, &QAbstractItemModel::layoutChanged, this, &PlaceholderTreeView::spanGroupRows);
    connect(model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent) {
        if (!parent.isValid())
            spanGroupRows();
    });
    spanGroupRows();
}

void PlaceholderTreeView::setGroupRowsSpanned(bool spanned)
{
    m_groupRowsSpanned = spanned;
    spanGroupRows();
}

void PlaceholderTreeView::spanGroupRows()
{
    if (!model())
        return;
    for (int row = 0; row < model()->rowCount(rootIndex()); ++row)
        setFirstColumnSpanned(row, rootIndex(), m_groupRowsSpanned);
}

void PlaceholderTreeView::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    viewport()->update();
}

void PlaceholderTreeView::setNoteText(const QString &text)
{
    if (text == m_note)
        return;
    m_note = text;
    viewport()->update();
}

void PlaceholderTreeView::paintEvent(QPaintEvent *event)
{
    QTreeView::paintEvent(event);
    const bool empty = !model() || model()->rowCount(rootIndex()) == 0;
    const QString &text = empty ? m_placeholder : m_note;
    if (text.isEmpty())
        return;
    QRect area = viewport()->rect().adjusted(12, 12, -12, -12);
    if (!empty) {
        // Below the last row shown.
        QModelIndex last = model()->index(model()->rowCount(rootIndex()) - 1, 0, rootIndex());
        while (isExpanded(last) && model()->rowCount(last) > 0)
            last = model()->index(model()->rowCount(last) - 1, 0, last);
        area.setTop(visualRect(last).bottom() + 12);
    }
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::Disabled, QPalette::Text));
    painter.drawText(area, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, text);
}

} // namespace sessionscope
