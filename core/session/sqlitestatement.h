#pragma once

#include "statement.h"

#include <string>
#include <vector>

class QSqlDatabase;
struct sqlite3;
struct sqlite3_stmt;
struct sqlite3_value;

namespace sessionscope {

// SQLite's own connection behind a QSQLITE QSqlDatabase, when statements may use it directly:
// Qt's plugin must call the very SQLite library this library calls (sameLoadedSymbol()), and
// SESSIONSCOPE_SQLITE_STATEMENTS must not be "qtsql". Null otherwise, and for other drivers.
sqlite3 *nativeSqliteHandle(const QSqlDatabase &database);

// Whether `symbol`, looked up from the shared object that holds `inObject` (its own definition,
// or that of a library it loaded), is the function at `ours`: the dynamic linker's answer to
// "do both call the same loaded library". False where that cannot be asked.
bool sameLoadedSymbol(const void *inObject, const char *symbol, const void *ours);

// Whether `column` of `table` is its rowid (declared INTEGER PRIMARY KEY, the only key column,
// not DESC, in a table with rowids): then an INSERT's generated key is sqlite3_last_insert_rowid().
bool isRowIdAlias(sqlite3 *database, const QString &table, const QString &column);

// Whether `table` is a rowid table of the main database, which is where an unqualified name
// finds it unless a temporary table of that name hides it.
bool isMainRowIdTable(sqlite3 *database, const QString &table);

// sqlite3_last_insert_rowid(), and whether a transaction is open (not autocommit).
qint64 lastInsertRowId(sqlite3 *database);
bool isInTransaction(sqlite3 *database);
// Whether the SQLite library supports UPDATE ... FROM (3.33 and later).
bool hasUpdateFrom();

// A Statement through SQLite's C API on the connection QSqlDatabase opened: the same
// transaction, without QSqlQuery's per-value bookkeeping. Parameters are bound without copying,
// so the parameters given to execute() must outlive reading the rows.
class SqliteStatement final : public Statement
{
public:
    // Prepares `sql`; on failure error() is set and the statement must not be executed.
    SqliteStatement(sqlite3 *database, const QString &sql);
    ~SqliteStatement() override;

    bool returnsRows() const override { return m_columnCount > 0; }
    bool next() override;
    int columnCount() const override { return m_columnCount; }
    QVariant value(int column) const override;
    quint64 canonicalValues(int first, std::span<const ColumnType> types,
                            QVariant *out) const override;
    qint64 rowsAffected() const override { return m_rowsAffected; }
    qint64 lastInsertId() const override;
    void finish() override;

protected:
    bool run(std::span<const QVariant> parameters) override;

private:
    bool bind(int position, const QVariant &value);
    int bindValue(int position, const QVariant &value); // SQLite's result code
    int bindText(int position, const QString &text);
    // A value of the current row as a QVariant: qlonglong, double, QString, QByteArray or null.
    // `storedType` is its sqlite3_value_type(), which the caller has already asked for.
    static QVariant read(sqlite3_value *stored, int storedType);
    static QString readText(sqlite3_value *stored);
    void takeError(int code);

    sqlite3 *m_database;
    sqlite3_stmt *m_statement = nullptr;
    int m_columnCount = 0;
    int m_parameterCount = 0;
    // UTF-8 copies of bound text, one per parameter, reused from row to row: SQLite would
    // otherwise translate UTF-16 into a buffer it allocates for every value.
    std::vector<std::string> m_utf8;
    qint64 m_rowsAffected = -1;
    bool m_rowWaiting = false; // execute() stepped onto a row next() has not handed out
    bool m_onRow = false;
};

} // namespace sessionscope
