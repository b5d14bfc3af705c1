#pragma once

#include "statement.h"

#include <QSqlQuery>

class QSqlDatabase;

namespace sessionscope {

// The error a QSqlQuery last met, as a StatementError.
StatementError statementErrorOf(const QSqlQuery &query);

// A Statement through QSqlQuery: works with any Qt SQL driver (PostgreSQL's, and SQLite's when
// the native path is not available).
class QtSqlStatement final : public Statement
{
public:
    // How the text reaches the database: prepared once, or sent as it is at every execution
    // (PostgreSQL prepares only SELECT, INSERT, UPDATE, DELETE and VALUES; SET, ALTER, SHOW and
    // the like must go unprepared, and so without parameters).
    enum class Mode { Prepared, Direct };
    // Prepares `sql`; on failure error() is set and the statement must not be executed.
    QtSqlStatement(const QSqlDatabase &database, const QString &sql, Mode mode = Mode::Prepared);

    bool returnsRows() const override { return m_query.isSelect(); }
    bool next() override;
    int columnCount() const override;
    QVariant value(int column) const override { return m_query.value(column); }
    qint64 rowsAffected() const override { return m_query.numRowsAffected(); }
    qint64 lastInsertId() const override;
    void finish() override { m_query.finish(); }

protected:
    bool run(std::span<const QVariant> parameters) override;

private:
    void takeError();

    QSqlQuery m_query;
    QString m_directSql; // Mode::Direct: the text sent at every execution
    mutable int m_columnCount = -1;
};

} // namespace sessionscope
