#include "lifecyclebadgedelegate.h"

#include "itemroles.h"
#include "lifecyclestyle.h"

#include <QApplication>
#include <QPainter>

namespace sessionscope {

namespace {

constexpr int kPadding = 6;

bool hasBadge(const QModelIndex &index)
{
    return index.data(LifecycleRole).isValid();
}

} // namespace

void LifecycleBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    if (!hasBadge(index)) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    const QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const auto lifecycle = static_cast<TraceLifecycle>(index.data(LifecycleRole).toInt());
    const QFontMetrics metrics(opt.font);
    const int width = metrics.horizontalAdvance(text) + 2 * kPadding;
    const int height = metrics.height() + 2;
    QRect badge(opt.rect.left() + 3, opt.rect.center().y() - height / 2 + 1, width, height);
    badge = badge.intersected(opt.rect.adjusted(0, 1, 0, -1));

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(lifecycleColor(lifecycle, opt.palette));
    painter->drawRoundedRect(badge, height / 2.0, height / 2.0);
    painter->setPen(opt.palette.color(QPalette::Text));
    painter->drawText(badge, Qt::AlignCenter, text);
    painter->restore();
}

QSize LifecycleBadgeDelegate::sizeHint(const QStyleOptionViewItem &option,
                                       const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (hasBadge(index))
        size.rwidth() += 2 * kPadding + 6;
    return size;
}

} // namespace sessionscope
