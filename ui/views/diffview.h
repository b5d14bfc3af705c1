#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace sessionscope {

class DiffModel;
class PlaceholderTreeView;
class TraceDocument;

// The diff dock: two marked steps, A and B, and what changed between them.
class DiffView final : public QWidget
{
    Q_OBJECT

public:
    explicit DiffView(QWidget *parent = nullptr);

    void setDocument(TraceDocument *document);
    DiffModel *model() const { return m_model; }
    PlaceholderTreeView *view() const { return m_view; }

signals:
    void stepRequested(qint64 event);

private:
    void marksChanged();
    QString describe(qint64 event) const;

    TraceDocument *m_document = nullptr;
    DiffModel *m_model;
    PlaceholderTreeView *m_view;
    QPushButton *m_markA;
    QPushButton *m_markB;
    QPushButton *m_goA;
    QPushButton *m_goB;
    QLabel *m_marks;
};

} // namespace sessionscope
