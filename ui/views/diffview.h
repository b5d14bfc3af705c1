#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace sessionscope {

class DiffModel;
class PlaceholderTreeView;
class TraceDocument;

// The diff dock: two marked steps, A and B, each named (which step, which operation), and what
// changed between them, with the values at A and at B side by side.
class DiffView final : public QWidget
{
    Q_OBJECT

public:
    explicit DiffView(QWidget *parent = nullptr);

    void setDocument(TraceDocument *document);
    DiffModel *model() const { return m_model; }
    PlaceholderTreeView *view() const { return m_view; }
    // "after operation 9: flush", as the view names a marked step.
    QString stepText(qint64 event) const;
    QString shortStepText(qint64 event) const; // "after operation 9"
    QString markText(bool b) const;            // what the label of A or B says

signals:
    void stepRequested(qint64 event);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void marksChanged();
    void sizeColumns();

    TraceDocument *m_document = nullptr;
    DiffModel *m_model;
    PlaceholderTreeView *m_view;
    QPushButton *m_markA;
    QPushButton *m_markB;
    QPushButton *m_goA;
    QPushButton *m_goB;
    QLabel *m_stepA;
    QLabel *m_stepB;
};

} // namespace sessionscope
