#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace sessionscope {

class ObjectModel;
class PlaceholderTreeView;
class TraceDocument;

// The object dock: the selected object's name, state and flags, and its attributes with their
// History. Reference values and collection members are links to their objects.
class ObjectView final : public QWidget
{
    Q_OBJECT

public:
    explicit ObjectView(QWidget *parent = nullptr);

    void setDocument(TraceDocument *document);
    void setObjectSlot(int slot);
    int objectSlot() const;
    ObjectModel *model() const { return m_model; }
    PlaceholderTreeView *view() const { return m_view; }
    QString headline() const;

signals:
    void objectLinkActivated(int slot);
    // "Events that touched this object / attribute" (an empty attribute: the whole object).
    void showEventsTouching(qint64 objectId, const QString &attribute);

private:
    void sizeColumns();
    void updateHeader();
    void activated(const QModelIndex &index);
    void showContextMenu(const QPoint &position);

    TraceDocument *m_document = nullptr;
    ObjectModel *m_model;
    PlaceholderTreeView *m_view;
    QLabel *m_header;
    QPushButton *m_touching;
};

} // namespace sessionscope
