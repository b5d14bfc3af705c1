#pragma once

#include "mapping/columntype.h"

#include <QString>
#include <QVariant>

#include <span>

namespace sessionscope {

// Why a statement failed, as the database put it.
struct StatementError
{
    QString nativeCode; // the driver's error code (SQLite's extended result code, a SQLSTATE)
    QString text;

    bool isValid() const { return !text.isEmpty() || !nativeCode.isEmpty(); }
};

// One prepared statement on a connection, executed any number of times with new parameters.
// Connection keeps one per SQL text; the driver behind it is the Connection's business.
class Statement
{
public:
    virtual ~Statement() = default;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    // Binds `parameters` (positionally) and runs the statement up to its first row. False on
    // failure, with error() saying why.
    bool execute(const QVariantList &parameters)
    {
        return run({parameters.constData(), size_t(parameters.size())});
    }
    // execute() with a row of a ValueRows (no list of its own).
    bool executeRow(std::span<const QVariant> parameters) { return run(parameters); }
    // Whether the statement produced rows (a SELECT, or a write with RETURNING); known once
    // it has been executed.
    virtual bool returnsRows() const = 0;
    // Moves to the next row; false after the last one or on failure (error() is then set).
    virtual bool next() = 0;
    virtual int columnCount() const = 0;
    // The current row's value in `column`: qlonglong, double, QString, QByteArray, or null.
    virtual QVariant value(int column) const = 0;
    // Values of the current row the driver already holds in canonical form (see values.h):
    // columns [first, first + types.size()), at most kMaxCanonicalColumns, of which `types`
    // gives the column types. Each such value is constructed in `out` (one per column, each
    // holding no value: an invalid QVariant); the others stay null. Returns the ones left to
    // value() and conversion, bit i for out[i].
    static constexpr int kMaxCanonicalColumns = 64;
    virtual quint64 canonicalValues(int first, std::span<const ColumnType> types,
                                    QVariant *out) const
    {
        Q_UNUSED(first);
        Q_UNUSED(out);
        return types.size() >= 64 ? ~quint64(0) : (quint64(1) << types.size()) - 1;
    }
    // Rows the last execution wrote (for statements that return no rows).
    virtual qint64 rowsAffected() const = 0;
    // The rowid the last INSERT on this connection generated (SQLite only; -1 elsewhere).
    virtual qint64 lastInsertId() const = 0;
    // Lets go of the current result, so the statement holds no locks; it can run again.
    virtual void finish() = 0;

    const StatementError &error() const { return m_error; }

protected:
    Statement() = default;
    // execute(): one entry point for both forms of parameters.
    virtual bool run(std::span<const QVariant> parameters) = 0;
    StatementError m_error;
};

} // namespace sessionscope
