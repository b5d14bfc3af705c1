#pragma once

#include <QWidget>

class QTableView;

namespace sessionscope {

class SqlModel;
class TraceDocument;

// The SQL dock: every statement with parameters, rows and duration; the one at the cursor is
// kept in view, and clicking a statement steps to it.
class SqlView final : public QWidget
{
    Q_OBJECT

public:
    explicit SqlView(QWidget *parent = nullptr);

    void setDocument(TraceDocument *document);
    SqlModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }

signals:
    void stepRequested(qint64 event);

private:
    void followCursor(qint64 event);

    TraceDocument *m_document = nullptr;
    SqlModel *m_model;
    QTableView *m_view;
    bool m_following = false;
};

} // namespace sessionscope
