#pragma once

#include <QStyledItemDelegate>

namespace sessionscope {

// Paints a cell whose index has a LifecycleRole as a coloured badge with the state's name.
class LifecycleBadgeDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace sessionscope
