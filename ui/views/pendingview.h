#pragma once

#include <QWidget>

namespace sessionscope {

class PendingModel;
class PlaceholderTreeView;
class TraceDocument;

// The pending sets dock: new, dirty and deleted, with their counts; when all three are empty
// it says so.
class PendingView final : public QWidget
{
    Q_OBJECT

public:
    explicit PendingView(QWidget *parent = nullptr);

    void setDocument(TraceDocument *document);
    void selectObject(int slot);
    PendingModel *model() const { return m_model; }
    PlaceholderTreeView *view() const { return m_view; }

signals:
    void objectSelected(int slot);

private:
    void updateNote();

    PendingModel *m_model;
    PlaceholderTreeView *m_view;
    bool m_selecting = false;
};

} // namespace sessionscope
