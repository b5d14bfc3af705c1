#pragma once

#include <QStyledItemDelegate>

namespace sessionscope {

// The inspector's item delegate: text too long for its cell is elided, as usual, and its
// tooltip is the whole text (a model's own tooltip wins).
class ElidingDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;
    // Whether a cell's text is cut at this size.
    bool isElided(const QStyleOptionViewItem &option, const QModelIndex &index) const;

protected:
    // The width the cell's text needs (a badge's, for one painted as a badge).
    virtual int textWidth(const QStyleOptionViewItem &option, const QModelIndex &index) const;
    // The width the cell leaves it.
    virtual int availableWidth(const QStyleOptionViewItem &option, const QModelIndex &index) const;
};

} // namespace sessionscope
