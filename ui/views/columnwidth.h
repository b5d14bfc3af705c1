#pragma once

#include <QString>

class QAbstractItemView;
class QComboBox;
class QHeaderView;

namespace sessionscope {

// Initial widths of columns and combo boxes, sized to what they hold in the font and language in
// use.

// The width a cell needs for `text` (its margins included), in the view's font or its bold
// version (the row at the cursor is bold).
int cellWidth(const QAbstractItemView *view, const QString &text, bool bold = false);
// ... for `count` characters like `sample`.
int cellWidth(const QAbstractItemView *view, int count, QChar sample = u'0', bool bold = false);
// Sets a column to `contentWidth`, or to its header's text if that needs more.
void setColumnWidth(QHeaderView *header, int section, int contentWidth);
// A combo box as wide as `characters` characters, whatever its longest item, so it leaves room
// to the search field beside it; its list is as wide as its items (call again when they change).
void makeCompact(QComboBox *combo, int characters);

} // namespace sessionscope
