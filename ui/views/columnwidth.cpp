#include "columnwidth.h"

#include <QAbstractItemView>
#include <QComboBox>
#include <QHeaderView>
#include <QScrollBar>
#include <QStyle>

namespace sessionscope {

int cellWidth(const QAbstractItemView *view, const QString &text, bool bold)
{
    QFont font = view->font();
    font.setBold(bold);
    // The style's margin either side of a cell's text, and a little air.
    const int margin = view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1;
    return QFontMetrics(font).horizontalAdvance(text) + 2 * margin + 6;
}

int cellWidth(const QAbstractItemView *view, int count, QChar sample, bool bold)
{
    return cellWidth(view, QString(count, sample), bold);
}

void makeCompact(QComboBox *combo, int characters)
{
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(characters);
    QAbstractItemView *list = combo->view();
    list->setMinimumWidth(list->sizeHintForColumn(0) +
                          list->verticalScrollBar()->sizeHint().width());
}

void setColumnWidth(QHeaderView *header, int section, int contentWidth)
{
    header->resizeSection(section, std::max(contentWidth, header->sectionSizeHint(section)));
}

} // namespace sessionscope
