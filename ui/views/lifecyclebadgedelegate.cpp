#include "lifecyclebadgedelegate.h"

#include "itemroles.h"
#include "lifecyclestyle.h"

#include <QApplication>
#include <QPainter>

namespace sessionscope {

namespace {

constexpr int kPadding = 6; // inside the badge, either side of its text
constexpr int kInset = 3;   // between the cell's edges and the badge

bool hasBadge(const QModelIndex &index)
{
    return index.data(LifecycleRole).isValid();
}

int badgeWidth(const QFontMetrics &metrics, const QString &text)
{
    // One pixel more than the advance: text drawn at a fractional position may need it.
    return metrics.horizontalAdvance(text) + 1 + 2 * kPadding;
}

} // namespace

void LifecycleBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    if (!hasBadge(index)) {
        ElidingDelegate::paint(painter, option, index);
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
    const int height = metrics.height() + 2;
    QRect badge(opt.rect.left() + kInset, opt.rect.center().y() - height / 2 + 1,
                badgeWidth(metrics, text), height);
    badge = badge.intersected(opt.rect.adjusted(0, 1, -kInset, -1));

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(lifecycleColor(lifecycle, opt.palette));
    painter->drawRoundedRect(badge, height / 2.0, height / 2.0);
    painter->setPen(opt.palette.color(QPalette::Text));
    // A column made too narrow elides the name (the tooltip has it) rather than cut it.
    painter->drawText(badge, Qt::AlignCenter,
                      metrics.elidedText(text, Qt::ElideRight, badge.width() - 2 * kPadding));
    painter->restore();
}

QSize LifecycleBadgeDelegate::sizeHint(const QStyleOptionViewItem &option,
                                       const QModelIndex &index) const
{
    QSize size = ElidingDelegate::sizeHint(option, index);
    if (hasBadge(index)) {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        size.setWidth(std::max(size.width(), badgeWidth(opt.fontMetrics, opt.text) + 2 * kInset));
    }
    return size;
}

int LifecycleBadgeDelegate::columnWidth(const QFontMetrics &metrics)
{
    int widest = 0;
    for (TraceLifecycle lifecycle :
         {TraceLifecycle::Transient, TraceLifecycle::Pending, TraceLifecycle::Persistent,
          TraceLifecycle::Deleted, TraceLifecycle::Detached})
        widest = std::max(widest, badgeWidth(metrics, lifecycleLabel(lifecycle)));
    return widest + 2 * kInset;
}

int LifecycleBadgeDelegate::textWidth(const QStyleOptionViewItem &option,
                                      const QModelIndex &index) const
{
    if (!hasBadge(index))
        return ElidingDelegate::textWidth(option, index);
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    return badgeWidth(opt.fontMetrics, opt.text);
}

int LifecycleBadgeDelegate::availableWidth(const QStyleOptionViewItem &option,
                                           const QModelIndex &index) const
{
    if (!hasBadge(index))
        return ElidingDelegate::availableWidth(option, index);
    return option.rect.width() - 2 * kInset;
}

} // namespace sessionscope
