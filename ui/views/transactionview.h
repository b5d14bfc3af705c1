#pragma once

#include <QWidget>

#include <optional>
#include <vector>

class QLabel;
class QTreeWidget;

namespace sessionscope {

class Timeline;
class TraceDocument;
class TraceState;

// The transaction dock: where the transaction stands at the cursor (none, active since an
// operation, to be rolled back and why, or closed with the session), whether a flush is under
// way, and the savepoints open, innermost last. One line per question.
class TransactionView final : public QWidget
{
    Q_OBJECT

public:
    explicit TransactionView(QWidget *parent = nullptr);

    void setDocument(TraceDocument *document);
    QString statusText() const;
    QTreeWidget *savepoints() const { return m_savepoints; }

    // "The session must be rolled back: integrity: ..." when it must at this state, else empty.
    static QString rollbackNotice(const TraceState &state);

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
    QString transactionLine(const TraceState &state, qint64 cursor) const;
    QString flushLine(const TraceState &state, qint64 cursor) const;
    QString savepointsLine(const TraceState &state) const;
    std::optional<qint64> lastMark(Marker marker, qint64 cursor) const;

    TraceDocument *m_document = nullptr;
    QLabel *m_status;
    QTreeWidget *m_savepoints;
    std::vector<Mark> m_marks;
    std::vector<Savepoint> m_savepointEvents;
};

} // namespace sessionscope
