#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;

namespace sessionscope {

class IdentityMapModel;
class ObjectFilterProxy;
class PlaceholderTreeView;
class TraceDocument;

// The identity map dock: objects by entity with key, state badge and change markers, a filter,
// and the selection that the object view follows.
class IdentityMapView final : public QWidget
{
    Q_OBJECT

public:
    explicit IdentityMapView(QWidget *parent = nullptr);

    void setDocument(TraceDocument *document);
    void selectObject(int slot); // -1: clear
    IdentityMapModel *model() const { return m_model; }
    PlaceholderTreeView *view() const { return m_view; }

signals:
    void objectSelected(int slot);

private:
    void currentChanged();

    IdentityMapModel *m_model;
    ObjectFilterProxy *m_proxy;
    PlaceholderTreeView *m_view;
    QLineEdit *m_filter;
    QComboBox *m_entity;
    QCheckBox *m_allObjects;
    bool m_selecting = false;
};

} // namespace sessionscope
