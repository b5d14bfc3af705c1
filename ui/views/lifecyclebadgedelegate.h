#pragma once

#include "elidingdelegate.h"

namespace sessionscope {

// Paints a cell whose index has a LifecycleRole as a coloured badge with the state's name.
class LifecycleBadgeDelegate final : public ElidingDelegate
{
    Q_OBJECT

public:
    using ElidingDelegate::ElidingDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // A column wide enough for the badge of every state, in this font.
    static int columnWidth(const QFontMetrics &metrics);

protected:
    int textWidth(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    int availableWidth(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace sessionscope
