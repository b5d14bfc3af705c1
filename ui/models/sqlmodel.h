#pragma once

#include "trace/timeline.h"

#include <QAbstractTableModel>
#include <QCache>

#include <vector>

namespace sessionscope {

class TraceDocument;

// Every SQL statement of the trace with its parameters, rows and duration, and the operation
// that sent it. The last statement sent at the cursor is marked; later ones are dimmed.
class SqlModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        StepColumn,
        OperationColumn,
        StatementColumn,
        ParametersColumn,
        RowsColumn,
        DurationColumn,
        ColumnCount
    };

    explicit SqlModel(QObject *parent = nullptr);
    ~SqlModel() override;

    void setDocument(TraceDocument *document);
    qint64 eventAt(int row) const { return m_events[size_t(row)]; }
    // The row of the last statement at or before an event (-1: none).
    int rowAtOrBefore(qint64 event) const;
    // A duration as the Duration column shows it.
    QString durationText(qint64 nanoseconds) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    const TraceStatement &statement(int row) const;
    // The first `rows` parameter rows, and how many more there are.
    QString parametersText(const TraceStatement &statement, int rows,
                           const QString &separator) const;
    void cursorMoved(qint64 event);

    TraceDocument *m_document = nullptr;
    std::vector<qint64> m_events; // the Sql events, in order
    qint64 m_cursor = -1;
    mutable QCache<int, TraceStatement> m_statements{2048};
};

} // namespace sessionscope
