#include "sqlmodel.h"

#include "itemroles.h"
#include "lifecyclestyle.h"
#include "trace/valuetext.h"
#include "tracedocument.h"

#include <QApplication>
#include <QFont>
#include <QFontDatabase>
#include <QJsonArray>
#include <QPalette>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace sessionscope {

namespace {

// Bulk statements can carry thousands of parameter rows; a cell shows the first few, its
// tooltip some more.
constexpr int kShownParameterRows = 3;
constexpr int kToolTipParameterRows = 20;

} // namespace

SqlModel::SqlModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

SqlModel::~SqlModel() = default;

void SqlModel::setDocument(TraceDocument *document)
{
    beginResetModel();
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_events.clear();
    m_statements.clear();
    m_cursor = -1;
    if (m_document) {
        const Timeline &timeline = m_document->timeline();
        for (qint64 event = 0; event < timeline.eventCount(); ++event) {
            if (timeline.eventType(event) == TraceEventType::Sql)
                m_events.push_back(event);
        }
        m_cursor = m_document->cursor();
        connect(m_document, &TraceDocument::cursorChanged, this, &SqlModel::cursorMoved);
        connect(m_document, &QObject::destroyed, this, [this] { setDocument(nullptr); });
    }
    endResetModel();
}

void SqlModel::cursorMoved(qint64 event)
{
    m_cursor = event;
    if (!m_events.empty())
        emit dataChanged(index(0, 0), index(int(m_events.size()) - 1, ColumnCount - 1));
}

int SqlModel::rowAtOrBefore(qint64 event) const
{
    const auto it = std::upper_bound(m_events.begin(), m_events.end(), event);
    return int(it - m_events.begin()) - 1;
}

int SqlModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int SqlModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SqlModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StepColumn:
        return tr("#");
    case OperationColumn:
        return tr("Operation");
    case StatementColumn:
        return tr("Statement");
    case ParametersColumn:
        return tr("Parameters");
    case RowsColumn:
        return tr("Rows");
    case DurationColumn:
        return tr("Duration");
    default:
        return {};
    }
}

const TraceStatement &SqlModel::statement(int row) const
{
    if (const TraceStatement *cached = m_statements.object(row))
        return *cached;
    auto *statement = new TraceStatement(m_document->timeline().statement(eventAt(row)));
    m_statements.insert(row, statement);
    return *statement;
}

QString SqlModel::parametersText(const TraceStatement &statement, int shown,
                                 const QString &separator) const
{
    QStringList rows;
    for (qsizetype i = 0; i < statement.params.size() && i < shown; ++i)
        rows.append(formatValue(statement.params.at(i)));
    if (statement.params.size() > shown)
        rows.append(tr("… %n more row(s)", nullptr, int(statement.params.size() - shown)));
    return rows.join(separator);
}

QString SqlModel::durationText(qint64 nanoseconds) const
{
    return tr("%L1 ms").arg(double(nanoseconds) / 1e6, 0, 'f', 3);
}

QVariant SqlModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qint64 event = eventAt(index.row());
    const bool current = index.row() == rowAtOrBefore(m_cursor);
    switch (role) {
    case EventRole:
        return event;
    case FutureRole:
        return event > m_cursor;
    case Qt::FontRole:
        if (current || index.column() == StatementColumn) {
            QFont font = index.column() == StatementColumn
                             ? QFontDatabase::systemFont(QFontDatabase::FixedFont)
                             : QFont();
            font.setBold(current);
            return font;
        }
        return {};
    case Qt::ForegroundRole: {
        const QPalette palette = QApplication::palette();
        if (!statement(index.row()).error.isEmpty())
            return errorTextColor(palette);
        if (event > m_cursor)
            return futureTextColor(palette);
        return {};
    }
    case Qt::TextAlignmentRole:
        if (index.column() == RowsColumn || index.column() == DurationColumn ||
            index.column() == StepColumn || index.column() == OperationColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole: {
        const TraceStatement &sql = statement(index.row());
        if (index.column() == ParametersColumn)
            return parametersText(sql, kToolTipParameterRows, u"\n"_s);
        QString tip = sql.sql;
        if (!sql.error.isEmpty())
            tip += u"\n\n" + tr("Failed: %1").arg(sql.error);
        return tip;
    }
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    const TraceStatement &sql = statement(index.row());
    switch (index.column()) {
    case StepColumn:
        return QString::number(event + 1);
    case OperationColumn:
        return m_document->timeline().operationOf(event);
    case StatementColumn:
        return sql.error.isEmpty() ? sql.sql.simplified()
                                   : tr("%1 — failed").arg(sql.sql.simplified());
    case ParametersColumn:
        return parametersText(sql, kShownParameterRows, u"; "_s);
    case RowsColumn:
        return sql.rows < 0 ? tr("?") : QString::number(sql.rows);
    case DurationColumn:
        return durationText(sql.durationNs);
    default:
        return {};
    }
}

} // namespace sessionscope
