#pragma once

#include "eventfilter.h"

#include <QAbstractItemModel>
#include <QCache>

#include <unordered_map>
#include <vector>

namespace sessionscope {

class TraceDocument;

// The event log: operations, each expandable to its fine events (SQL statements, lifecycle
// transitions, attribute changes, session events, ...). Rows are made on demand from the
// Timeline's index, so a trace of a million events costs a few bytes per operation here; the
// row at the cursor is marked and rows after it are dimmed. A filter narrows it to matching
// operations and events.
//
// An operation's begin and end events are its own row; its children are the events between.
class EventLogModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { StepColumn, TimeColumn, KindColumn, SummaryColumn, ColumnCount };

    explicit EventLogModel(QObject *parent = nullptr);
    ~EventLogModel() override;

    void setDocument(TraceDocument *document);
    void setFilter(const EventFilter &filter);
    const EventFilter &filter() const { return m_filter; }

    // The step a row stands for: an operation row, the state after the operation; an event
    // row, the state after the event.
    qint64 stepOf(const QModelIndex &index) const;
    int operationOf(const QModelIndex &index) const; // -1 for none
    qint64 eventOf(const QModelIndex &index) const;  // -1 for an operation row
    // The row showing an event (its operation's row for begin and end events, and when the
    // filter hides the event); invalid when the filter hides the operation too.
    QModelIndex indexOfEvent(qint64 event) const;
    // Every operation kind in the trace, sorted.
    QStringList operationKinds() const { return m_kinds; }
    // The Time column's text for an event ("" for none).
    QString timeText(qint64 event) const;
    // The Kind column's text for what happened before the first operation.
    static QString startLabel();

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct RowText
    {
        QString step;
        QString time;
        QString kind;
        QString summary;
        bool failed = false;
    };

    void rebuild();
    void cursorMoved(qint64 event);
    const std::vector<qint64> &children(int row) const;
    std::vector<qint64> unfilteredChildren(int op) const;
    int rowOfOperation(int op) const;                // -1 when the filter hides it
    int rowOfOperationAtOrAfter(int op) const;       // the first row showing op or a later one
    const RowText &text(int op, qint64 event) const; // event -1: the operation's row
    bool isCurrent(int op, qint64 event) const;

    TraceDocument *m_document = nullptr;
    EventFilter m_filter;
    QStringList m_kinds;
    std::vector<int> m_operations; // the top rows; sorted
    bool m_filtered = false;
    qint64 m_cursor = -1;
    qint64 m_t0 = 0;
    // Children of operation rows: all of them for a filter (computed with it), else made when
    // a row is expanded and kept.
    mutable std::unordered_map<int, std::vector<qint64>> m_children;
    mutable QCache<qint64, RowText> m_text{4096};
};

} // namespace sessionscope
