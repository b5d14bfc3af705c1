#pragma once

#include <QTreeView>

namespace sessionscope {

// A tree view that says something useful instead of showing an empty white box.
class PlaceholderTreeView : public QTreeView
{
    Q_OBJECT

public:
    explicit PlaceholderTreeView(QWidget *parent = nullptr);

    void setPlaceholderText(const QString &text);
    const QString &placeholderText() const { return m_placeholder; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_placeholder;
};

} // namespace sessionscope
