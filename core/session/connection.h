#pragma once

#include "events/sessionlistener.h"
#include "sqldialect.h"
#include "statement.h"
#include "support/error.h"
#include "valuerows.h"

#include <QHash>
#include <QSqlDatabase>

#include <functional>
#include <memory>
#include <vector>

class QSqlError;
struct sqlite3;

namespace sessionscope {

// What a statement is, for observers: its first keyword and the first table it names.
struct StatementShape
{
    QString verb;
    QString table;
};
// Reads the shape of arbitrary SQL text (used for raw statements; our own SQL knows its shape).
StatementShape statementShapeOf(const QString &sql);

// What the session knows about a statement beyond its text, for observers; and work to do
// once it succeeded, before observers hear of it (so what they see includes its effect).
struct StatementDetails
{
    const EntityType *entity = nullptr;
    ObjectState *object = nullptr;
    QList<int> parameterColumns;
    // The parameter rows observers see when a statement writes several rows (else one row: the
    // parameters as bound). Read only when someone observes.
    const ValueRows *rows = nullptr;
    std::function<void(qint64 rows)> afterSuccess;
    // For a statement executed once per row that fails at a row: what the rows before it did
    // (`rows` of them), kept as a successful statement's would be (a generated key stays with
    // its object, as in SQLAlchemy). Called before observers hear of the failure.
    std::function<void(qsizetype rows)> afterRowsBeforeFailure;
};

// A session's use of one QSqlDatabase connection: the database transaction, prepared statements
// (cached by text: the kMaxPreparedStatements used last), error translation, and a
// StatementEvent for every statement sent. On SQLite the session's statements go through
// SQLite's C API on the connection Qt opened (SqliteStatement); elsewhere through QSqlQuery.
class Connection
{
public:
    explicit Connection(QSqlDatabase database);
    ~Connection();
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    const SqlDialect &dialect() const { return m_dialect; }
    QSqlDatabase &database() { return m_database; }

    // Hears of every statement sent, failed ones included.
    using StatementObserver = std::function<void(const StatementEvent &)>;
    void setStatementObserver(StatementObserver observer) { m_observer = std::move(observer); }
    // Whether the observer looks at events at all (the session: whether it has listeners).
    // Unobserved, a connection does not build the parameter rows of a many-row statement.
    void setObserved(bool observed) { m_observed = observed; }

    // Whether the database transaction is (or may still be) open: a COMMIT or ROLLBACK that
    // failed leaves it open where the database does.
    bool inTransaction() const { return m_inTransaction; }
    // Whether the last failed statement left the transaction unable to go on: any failure on
    // PostgreSQL, one that rolled the transaction back on SQLite. Cleared by a rollback.
    bool transactionAborted() const { return m_transactionAborted; }
    void begin();
    // Throws when COMMIT fails: Integrity for a constraint checked at commit (a deferred
    // foreign key), Operational otherwise, saying so when the database is busy.
    void commit();
    void rollback();
    // SAVEPOINT, RELEASE SAVEPOINT and ROLLBACK TO SAVEPOINT, reported like any statement.
    void savepoint(const QString &name);
    void releaseSavepoint(const QString &name);
    void rollbackToSavepoint(const QString &name);
    // Drops the database connection (rolling back whatever it had) and opens a new one.
    void reopen();

    // Whether statements bypass QSqlQuery (see SqliteStatement).
    bool usesNativeStatements() const { return m_sqlite != nullptr; }

    // Executes a statement with bound parameters. Rows it returns (SELECT, RETURNING) are
    // passed to `onRow` as they are read. Returns rows affected (or returned, for SELECT).
    using RowHandler = std::function<void(const Statement &row)>;
    qint64 execute(const QString &sql, const QVariantList &parameters, const StatementShape &shape,
                   const RowHandler &onRow = {}, const StatementDetails &details = {});

    // Executes one statement once per parameter row (an "executemany"), reported as one
    // statement with every row. Returns the rows each execution affected; a failure reports the
    // rows sent until then. With `insertedIds`, collects each execution's lastInsertId() (for
    // INSERTs whose key isRowIdKey()) before `details.afterSuccess` runs.
    QList<qint64> executeMany(const QString &sql, const ValueRows &rows,
                              const StatementShape &shape, const StatementDetails &details = {},
                              QList<qint64> *insertedIds = nullptr);

    // Whether an INSERT into `table` learns the key generated for `column` without RETURNING:
    // a native SQLite statement and the table's rowid. Cached per table.
    bool isRowIdKey(const QString &table, const QString &column);

    // Whether a multi-row INSERT of `rows` rows into `table` (whose key isRowIdKey()) is given
    // consecutive keys in the order of its VALUES, so that lastInsertId() tells every one.
    // SQLite gives a new row one more than the table's largest rowid (with AUTOINCREMENT, than
    // the largest it ever had) until the largest possible rowid is taken, then picks at random;
    // and only a trigger could write other rows of the table in between. So: the table is the
    // main database's and no temporary table hides it, no trigger exists, and its largest rowid
    // leaves room for `rows` more. Looked up for every statement, since DDL may come from
    // anywhere on the connection.
    bool insertsConsecutiveKeys(const QString &table, qsizetype rows);
    // Whether UPDATE ... FROM is available: SQLite 3.33 or later through its C API.
    bool updatesFromValues() const;
    // The rowid of the last row an INSERT wrote on this connection (native SQLite only).
    qint64 lastInsertId() const;
    // Whether the database still has the transaction open: after most failures a statement
    // undoes only itself, but SQLite rolls the whole transaction back after some (a full disk,
    // an I/O error). Elsewhere the same as inTransaction().
    bool transactionSurvived() const;

    // Executes statements that are not part of a session's work (DDL), unprepared.
    void executeDirect(const QString &sql);

    // Prepared statements kept for their text, at most this many (as SQLAlchemy's compiled
    // cache): the unit of work's texts come back flush after flush, while raw SQL through
    // Session::execute() may be a new text every time. The least recently used goes first.
    static constexpr qsizetype kMaxPreparedStatements = 500;
    qsizetype preparedCount() const { return m_statements.size(); }
    bool isPrepared(const QString &sql) const { return m_statements.contains(sql); }

private:
    Statement &prepared(const QString &sql);
    void evictLeastRecentlyUsed();
    void finishAll();
    void dropStatements();
    void executeDirectReported(const QString &sql, const QString &verb);
    [[noreturn]] void fail(const StatementError &error, const QString &sql, StatementEvent &event);
    ErrorKind errorKindOf(const StatementError &error) const;
    bool isBusy(const StatementError &error) const;
    bool stillInTransactionAfterFailure() const;
    SessionError transactionEndError(const QString &statement, const QSqlError &failure) const;

    QSqlDatabase m_database;
    SqlDialect m_dialect;
    sqlite3 *m_sqlite = nullptr;
    struct Prepared
    {
        Statement *statement; // owned
        quint64 lastUse;      // m_uses when it was last asked for
    };
    QHash<QString, Prepared> m_statements;
    quint64 m_uses = 0;
    // Statements whose rows are being handed out: a row handler may execute others, which must
    // not evict these.
    std::vector<const Statement *> m_reading;
    QHash<QString, bool> m_rowIdKeys;       // "table.column" -> isRowIdKey()
    QHash<QString, bool> m_mainRowIdTables; // table -> isMainRowIdTable()
    StatementObserver m_observer;
    bool m_observed = true;
    bool m_inTransaction = false;
    bool m_transactionAborted = false;
};

} // namespace sessionscope
