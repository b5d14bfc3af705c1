#pragma once

#include <QTreeView>

namespace sessionscope {

// A tree view that says something useful instead of showing an empty white box: a placeholder
// when it has no rows, and a note below its rows when they say little by themselves. Text too
// long for its cell is elided with the whole text in its tooltip (ElidingDelegate).
class PlaceholderTreeView : public QTreeView
{
    Q_OBJECT

public:
    explicit PlaceholderTreeView(QWidget *parent = nullptr);

    void setPlaceholderText(const QString &text);
    const QString &placeholderText() const { return m_placeholder; }
    void setNoteText(const QString &text); // empty: none
    const QString &noteText() const { return m_note; }
    // The width a column's rows in view need (their indentation included).
    int contentWidth(int column) const { return sizeHintForColumn(column); }
    // Top-level rows (groups: "User (3)", "new (2)") span every column, so their titles need
    // no column of their own.
    void setGroupRowsSpanned(bool spanned);

    void setModel(QAbstractItemModel *model) override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void spanGroupRows();

    QString m_placeholder;
    bool m_groupRowsSpanned = false;
    QString m_note;
};

} // namespace sessionscope
