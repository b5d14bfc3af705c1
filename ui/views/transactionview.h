#pragma once

#include <QWidget>

#include <vector>

class QLabel;
class QTreeWidget;

namespace sessionscope {

class TraceDocument;

// The transaction dock: whether a transaction is open at the cursor and where it began, whether
// a flush is under way, and the savepoints open, innermost last.
class TransactionView final : public QWidget
{
    Q_OBJECT

public:
    explicit TransactionView(QWidget *parent = nullptr);

    void setDocument(TraceDocument *document);
    QString statusText() const;
    QTreeWidget *savepoints() const { return m_savepoints; }

private:
    enum class Marker : quint8 { Begin, FlushStart, FlushEnd, Other };
    struct Mark
    {
        qint64 event;
        Marker marker;
    };
    struct Savepoint
    {
        qint64 event;
        bool opens;
        int depth;
    };

    void showCursor(qint64 cursor);

    TraceDocument *m_document = nullptr;
    QLabel *m_status;
    QTreeWidget *m_savepoints;
    std::vector<Mark> m_marks;
    std::vector<Savepoint> m_savepointEvents;
};

} // namespace sessionscope
