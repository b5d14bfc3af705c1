#include "connection.h"

#include "mapping/identifier.h"
#include "qtsqlstatement.h"
#include "sqlitestatement.h"
#include "support/error.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <limits>

namespace sessionscope {

StatementShape statementShapeOf(const QString &sql)
{
    static const QRegularExpression firstWord(QStringLiteral("^\\s*([A-Za-z]+)"));
    static const QRegularExpression tableAfter(
        QStringLiteral("\\b(?:INTO|UPDATE|FROM|TABLE)\\s+(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?"
                       "\"?([A-Za-z_][A-Za-z0-9_]*)\"?"),
        QRegularExpression::CaseInsensitiveOption);
    StatementShape shape;
    const auto verb = firstWord.match(sql);
    if (verb.hasMatch())
        shape.verb = verb.captured(1).toUpper();
    const auto table = tableAfter.match(sql);
    if (table.hasMatch())
        shape.table = table.captured(1);
    return shape;
}

Connection::Connection(QSqlDatabase database)
    : m_database(std::move(database))
    , m_dialect(SqlDialect::forDatabase(m_database))
{
    if (!m_database.isOpen() && !m_database.open())
        throw SessionError(
            ErrorKind::Operational,
            QStringLiteral("cannot open the database: %1").arg(m_database.lastError().text()));
    if (m_dialect.flavor() == SqlFlavor::SQLite) {
        // Enforce foreign keys like PostgreSQL does, so both refuse the same flushes.
        executeDirect(QStringLiteral("PRAGMA foreign_keys = ON"));
        m_sqlite = nativeSqliteHandle(m_database);
    }
}

Connection::~Connection()
{
    // Native statements must be finalized while the connection they belong to is open.
    dropStatements();
    if (m_inTransaction)
        m_database.rollback();
}

void Connection::finishAll()
{
    for (const Prepared &p : std::as_const(m_statements))
        p.statement->finish();
}

void Connection::dropStatements()
{
    Q_ASSERT(m_reading.empty());
    for (const Prepared &p : std::as_const(m_statements))
        delete p.statement;
    m_statements.clear();
}

void Connection::begin()
{
    if (m_inTransaction)
        return;
    if (!m_database.transaction())
        throw SessionError(
            ErrorKind::Operational,
            QStringLiteral("cannot begin a transaction: %1").arg(m_database.lastError().text()));
    m_inTransaction = true;
    m_transactionAborted = false;
}

void Connection::commit()
{
    if (!m_inTransaction)
        return;
    // Finished statements must not hold read locks when SQLite commits.
    finishAll();
    if (m_database.commit()) {
        m_inTransaction = false;
        m_transactionAborted = false;
        return;
    }
    // COMMIT failed. SQLite keeps the transaction open (a deferred foreign key, a busy
    // database) unless the failure rolled it back; PostgreSQL has ended it. Either way what
    // it wrote is not committed, and rollback() must still be able to end it.
    const QSqlError failure = m_database.lastError();
    m_inTransaction = stillInTransactionAfterFailure();
    throw transactionEndError(QStringLiteral("COMMIT"), failure);
}

void Connection::rollback()
{
    if (!m_inTransaction)
        return;
    finishAll();
    if (m_database.rollback()) {
        m_inTransaction = false;
        m_transactionAborted = false;
        return;
    }
    const QSqlError failure = m_database.lastError();
    m_inTransaction = stillInTransactionAfterFailure();
    // SQLite may have ended the transaction itself (a failed COMMIT after an I/O error): there
    // is nothing left to roll back, which is what was asked.
    if (m_dialect.flavor() == SqlFlavor::SQLite &&
        failure.databaseText().contains(QStringLiteral("no transaction is active"))) {
        m_inTransaction = false;
        m_transactionAborted = false;
        return;
    }
    throw transactionEndError(QStringLiteral("ROLLBACK"), failure);
}

bool Connection::stillInTransactionAfterFailure() const
{
    if (m_dialect.flavor() != SqlFlavor::SQLite)
        return false; // PostgreSQL ends a transaction whose COMMIT or ROLLBACK failed
    if (m_sqlite)
        return isInTransaction(m_sqlite);
    return true; // SQLite through QSqlQuery: assume so; ROLLBACK then ends it, or finds none
}

SessionError Connection::transactionEndError(const QString &statement,
                                             const QSqlError &failure) const
{
    const StatementError error{failure.nativeErrorCode(), failure.databaseText().isEmpty()
                                                              ? failure.text()
                                                              : failure.databaseText()};
    const ErrorKind kind = errorKindOf(error);
    QString message = QStringLiteral("%1 failed: %2").arg(statement, error.text);
    if (isBusy(error))
        message += QStringLiteral(" (the database is busy: another connection holds a lock it "
                                  "needs; nothing was committed)");
    return SessionError(kind, message);
}

void Connection::savepoint(const QString &name)
{
    executeDirectReported(QStringLiteral("SAVEPOINT %1").arg(name), QStringLiteral("SAVEPOINT"));
}

void Connection::releaseSavepoint(const QString &name)
{
    executeDirectReported(QStringLiteral("RELEASE SAVEPOINT %1").arg(name),
                          QStringLiteral("RELEASE"));
}

void Connection::rollbackToSavepoint(const QString &name)
{
    executeDirectReported(QStringLiteral("ROLLBACK TO SAVEPOINT %1").arg(name),
                          QStringLiteral("ROLLBACK"));
    m_transactionAborted = false; // what failed inside the savepoint is undone
}

void Connection::executeDirectReported(const QString &sql, const QString &verb)
{
    StatementEvent event;
    event.sql = sql;
    event.verb = verb;
    event.rows.append(QVariantList());
    QElapsedTimer timer;
    timer.start();
    finishAll();
    QSqlQuery query(m_database);
    if (!query.exec(sql)) {
        event.durationNs = timer.nsecsElapsed();
        fail(statementErrorOf(query), sql, event);
    }
    event.durationNs = timer.nsecsElapsed();
    event.rowCount = 0;
    if (m_observer)
        m_observer(event);
}

void Connection::reopen()
{
    dropStatements();
    m_rowIdKeys.clear();
    m_mainRowIdTables.clear();
    m_sqlite = nullptr;
    m_inTransaction = false;
    m_transactionAborted = false;
    m_database.close(); // an open transaction ends with the connection
    if (!m_database.open())
        throw SessionError(
            ErrorKind::Operational,
            QStringLiteral("cannot reopen the database: %1").arg(m_database.lastError().text()));
    if (m_dialect.flavor() == SqlFlavor::SQLite) {
        executeDirect(QStringLiteral("PRAGMA foreign_keys = ON"));
        m_sqlite = nativeSqliteHandle(m_database);
    }
}

Statement &Connection::prepared(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it != m_statements.end()) {
        it->lastUse = ++m_uses;
        return *it->statement;
    }
    std::unique_ptr<Statement> statement;
    if (m_sqlite)
        statement = std::make_unique<SqliteStatement>(m_sqlite, sql);
    else if (!m_dialect.canPrepare(statementShapeOf(sql).verb))
        statement = std::make_unique<QtSqlStatement>(m_database, sql, QtSqlStatement::Mode::Direct);
    else
        statement = std::make_unique<QtSqlStatement>(m_database, sql);
    if (statement->error().isValid()) {
        StatementEvent event;
        event.sql = sql;
        const StatementError error = statement->error();
        fail(error, sql, event);
    }
    if (m_statements.size() >= kMaxPreparedStatements)
        evictLeastRecentlyUsed();
    Statement *kept = statement.release();
    m_statements.insert(sql, {kept, ++m_uses});
    return *kept;
}

void Connection::evictLeastRecentlyUsed()
{
    // A scan, but only when a new text is prepared into a full cache: less than preparing it.
    auto oldest = m_statements.end();
    for (auto it = m_statements.begin(); it != m_statements.end(); ++it) {
        const bool reading =
            std::find(m_reading.cbegin(), m_reading.cend(), it->statement) != m_reading.cend();
        if (!reading && (oldest == m_statements.end() || it->lastUse < oldest->lastUse))
            oldest = it;
    }
    if (oldest == m_statements.end())
        return;
    delete oldest->statement;
    m_statements.erase(oldest);
}

namespace {

// What every statement's event says before it runs; the caller adds the parameter rows.
StatementEvent eventFor(const QString &sql, const StatementShape &shape,
                        const StatementDetails &details)
{
    StatementEvent event;
    event.sql = sql;
    event.verb = shape.verb;
    event.table = shape.table;
    event.entity = details.entity;
    event.object = details.object;
    event.parameterColumns = details.parameterColumns;
    return event;
}

} // namespace

qint64 Connection::execute(const QString &sql, const QVariantList &parameters,
                           const StatementShape &shape, const RowHandler &onRow,
                           const StatementDetails &details)
{
    StatementEvent event = eventFor(sql, shape, details);
    if (!details.rows)
        event.rows.append(parameters);
    else if (m_observed)
        event.rows = details.rows->toLists();

    QElapsedTimer timer;
    timer.start();
    Statement &statement = prepared(sql);
    if (!statement.execute(parameters)) {
        event.durationNs = timer.nsecsElapsed();
        fail(statement.error(), sql, event);
    }
    qint64 count = 0;
    if (statement.returnsRows()) {
        m_reading.push_back(&statement);
        try {
            while (statement.next()) {
                if (onRow)
                    onRow(statement);
                ++count;
            }
        } catch (...) {
            m_reading.pop_back();
            statement.finish();
            throw;
        }
        m_reading.pop_back();
        if (statement.error().isValid()) {
            event.durationNs = timer.nsecsElapsed();
            const StatementError error = statement.error();
            statement.finish();
            fail(error, sql, event);
        }
        // RETURNING on a write reports the rows it wrote; a SELECT the rows it read.
    } else {
        count = statement.rowsAffected();
    }
    statement.finish();
    event.durationNs = timer.nsecsElapsed();
    event.rowCount = count;
    if (details.afterSuccess)
        details.afterSuccess(count);
    if (m_observer)
        m_observer(event);
    return count;
}

bool Connection::isRowIdKey(const QString &table, const QString &column)
{
    if (!m_sqlite)
        return false;
    const QString name = table + u'.' + column;
    auto it = m_rowIdKeys.constFind(name);
    if (it == m_rowIdKeys.cend())
        it = m_rowIdKeys.insert(name, isRowIdAlias(m_sqlite, table, column));
    return *it;
}

bool Connection::insertsConsecutiveKeys(const QString &table, qsizetype rows)
{
    if (!m_sqlite || rows < 1)
        return false;
    auto it = m_mainRowIdTables.constFind(table);
    if (it == m_mainRowIdTables.cend())
        it = m_mainRowIdTables.insert(table, isMainRowIdTable(m_sqlite, table));
    if (!*it)
        return false;
    Statement &probe = prepared(
        QStringLiteral("SELECT (SELECT max(rowid) FROM main.%1), "
                       "(SELECT count(*) FROM main.sqlite_master WHERE type = 'trigger') + "
                       "(SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger' OR "
                       "(type = 'table' AND name = ?1 COLLATE NOCASE))")
            .arg(quoteIdentifier(table)));
    if (!probe.execute({table}) || !probe.next()) {
        probe.finish();
        return false;
    }
    const QVariant largest = probe.value(0); // null: an empty table
    const qint64 hindrances = probe.value(1).toLongLong();
    probe.finish();
    return hindrances == 0 &&
           (largest.isNull() || largest.toLongLong() <= std::numeric_limits<qint64>::max() - rows);
}

bool Connection::updatesFromValues() const
{
    return m_sqlite && hasUpdateFrom();
}

qint64 Connection::lastInsertId() const
{
    return m_sqlite ? lastInsertRowId(m_sqlite) : -1;
}

bool Connection::transactionSurvived() const
{
    if (m_sqlite)
        return m_inTransaction && isInTransaction(m_sqlite);
    return m_inTransaction;
}

QList<qint64> Connection::executeMany(const QString &sql, const ValueRows &rows,
                                      const StatementShape &shape, const StatementDetails &details,
                                      QList<qint64> *insertedIds)
{
    StatementEvent event = eventFor(sql, shape, details);

    QElapsedTimer timer;
    timer.start();
    Statement &statement = prepared(sql);
    QList<qint64> affected;
    affected.reserve(rows.rowCount());
    if (insertedIds) {
        insertedIds->clear();
        insertedIds->reserve(rows.rowCount());
    }
    qint64 total = 0;
    for (qsizetype i = 0; i < rows.rowCount(); ++i) {
        if (!statement.executeRow(rows.row(i))) {
            event.durationNs = timer.nsecsElapsed();
            if (m_observed)
                event.rows = rows.toLists(i + 1);
            const StatementError error = statement.error();
            statement.finish();
            if (i > 0 && details.afterRowsBeforeFailure)
                details.afterRowsBeforeFailure(i);
            fail(error, sql, event);
        }
        const qint64 count = statement.rowsAffected();
        affected.append(count);
        if (insertedIds)
            insertedIds->append(statement.lastInsertId());
        total = count < 0 || total < 0 ? -1 : total + count;
    }
    statement.finish();
    event.durationNs = timer.nsecsElapsed();
    if (m_observed)
        event.rows = rows.toLists();
    event.rowCount = total;
    if (details.afterSuccess)
        details.afterSuccess(total);
    if (m_observer)
        m_observer(event);
    return affected;
}

void Connection::executeDirect(const QString &sql)
{
    m_rowIdKeys.clear(); // DDL may change what a table's key is
    m_mainRowIdTables.clear();
    QSqlQuery query(m_database);
    if (!query.exec(sql)) {
        StatementEvent event;
        event.sql = sql;
        fail(statementErrorOf(query), sql, event);
    }
}

ErrorKind Connection::errorKindOf(const StatementError &error) const
{
    const QString &code = error.nativeCode;
    if (m_dialect.flavor() == SqlFlavor::SQLite) {
        // SQLITE_CONSTRAINT and its extended codes (the low byte is 19).
        bool ok = false;
        const int native = code.toInt(&ok);
        const bool integrity = (ok && (native & 0xff) == 19) ||
                               error.text.contains(QStringLiteral("constraint failed"));
        return integrity ? ErrorKind::Integrity : ErrorKind::Operational;
    }
    return code.startsWith(QStringLiteral("23")) ? ErrorKind::Integrity // SQLSTATE class 23
                                                 : ErrorKind::Operational;
}

bool Connection::isBusy(const StatementError &error) const
{
    if (m_dialect.flavor() == SqlFlavor::SQLite) {
        // SQLITE_BUSY and SQLITE_LOCKED, with their extended codes; Qt's transaction calls
        // give the message only.
        bool ok = false;
        const int native = error.nativeCode.toInt(&ok);
        return (ok && ((native & 0xff) == 5 || (native & 0xff) == 6)) ||
               error.text.contains(QStringLiteral("database is locked")) ||
               error.text.contains(QStringLiteral("database table is locked"));
    }
    // Lock not available, serialization failure, deadlock.
    return error.nativeCode == u"55P03" || error.nativeCode == u"40001" ||
           error.nativeCode == u"40P01";
}

void Connection::fail(const StatementError &error, const QString &sql, StatementEvent &event)
{
    // PostgreSQL refuses every statement after a failed one until the transaction (or the
    // savepoint) rolls back; SQLite rolls the whole transaction back after a few failures.
    m_transactionAborted =
        m_inTransaction && (m_dialect.flavor() != SqlFlavor::SQLite || !transactionSurvived());
    event.error = error.text;
    if (m_observer)
        m_observer(event);
    const QString message =
        QStringLiteral("%1 (while executing: %2)").arg(error.text, sql.simplified());
    throw SessionError(errorKindOf(error), message);
}

} // namespace sessionscope
