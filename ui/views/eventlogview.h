#pragma once

#include "models/eventfilter.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;
class QTimer;

namespace sessionscope {

class EventLogModel;
class PlaceholderTreeView;
class TraceDocument;

// The event log dock: operations and their events, the row at the cursor marked; clicking a
// row (or moving to it with the keyboard) steps there. Search, filters by kind and entity, and
// "events that touched this object / attribute".
class EventLogView final : public QWidget
{
    Q_OBJECT

public:
    explicit EventLogView(QWidget *parent = nullptr);

    void setDocument(TraceDocument *document);
    // Narrows the log to the events that touched an object (and an attribute of it).
    void showEventsTouching(qint64 objectId, const QString &attribute);
    void clearFilters();
    void focusSearch();
    EventLogModel *model() const { return m_model; }
    PlaceholderTreeView *view() const { return m_view; }

signals:
    void stepRequested(qint64 event);

private:
    void sizeColumns();
    void applyFilter();
    void followCursor(qint64 event);
    void rowActivated(const QModelIndex &index);

    TraceDocument *m_document = nullptr;
    EventLogModel *m_model;
    PlaceholderTreeView *m_view;
    QLineEdit *m_search;
    QComboBox *m_kind;
    QComboBox *m_entity;
    QLabel *m_objectFilter;
    QToolButton *m_clearObject;
    QTimer *m_searchDelay;
    qint64 m_object = -1;
    QString m_attribute;
    bool m_following = false;
};

} // namespace sessionscope
