#include "placeholdertreeview.h"

#include <QPainter>

namespace sessionscope {

PlaceholderTreeView::PlaceholderTreeView(QWidget *parent)
    : QTreeView(parent)
{
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
}

void PlaceholderTreeView::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    viewport()->update();
}

void PlaceholderTreeView::paintEvent(QPaintEvent *event)
{
    QTreeView::paintEvent(event);
    if (m_placeholder.isEmpty() || (model() && model()->rowCount(rootIndex()) > 0))
        return;
    QPainter painter(viewport());
    painter.setPen(palette().color(QPalette::Disabled, QPalette::Text));
    painter.drawText(viewport()->rect().adjusted(12, 12, -12, -12),
                     Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, m_placeholder);
}

} // namespace sessionscope
