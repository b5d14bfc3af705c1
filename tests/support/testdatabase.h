#pragma once

#include "mapping/mapping.h"
#include "session/session.h"

#include <QSqlDatabase>
#include <QString>

#include <memory>

namespace sessionscope::testing {

// Database tests run against every configured database: in-memory SQLite always, and the
// PostgreSQL server named by SESSIONSCOPE_TEST_PG_URL. When SESSIONSCOPE_REQUIRE_PG=1 (the
// test command sets it after starting a server), a missing or unreachable server fails the
// test instead of skipping it.
//
// In a test class:
//     void initTestCase_data() { testing::addDatabaseRows(); }
//     void init()              { m_db = testing::openTestDatabase(); } // QSKIPs or QFAILs
void addDatabaseRows();
// A bool column "listened" with a row of each: a test run with a listener attached and without
// (a session nobody listens to takes quieter paths).
void addListenedRows();

// Opens a fresh connection for the current data row ("sqlite" or "postgresql"). Returns an
// invalid database after QSKIP/QFAIL has been recorded; callers return at once when
// QTest::currentTestFailed() or the database is invalid.
QSqlDatabase openTestDatabase();
// Closes and removes every connection openTestDatabase() made.
void closeTestDatabases();

bool postgresqlConfigured();
bool postgresqlRequired();
QString currentDatabaseKind();

// A session on `db` whose tables for `mapping` are dropped and created fresh.
std::unique_ptr<Session> freshSession(QSqlDatabase db, MappingPtr mapping,
                                      SessionOptions options = {});

// Records every statement a session sends, for assertions on exact SQL order.
class StatementLog final : public SessionListener
{
public:
    void statementExecuted(Session &, const StatementEvent &event) override;
    void clear() { m_statements.clear(); }
    // "INSERT users", "UPDATE addresses", ... (SELECTs included unless `writesOnly`).
    QStringList shapes(bool writesOnly = false) const;
    const QList<StatementEvent> &statements() const { return m_statements; }

private:
    QList<StatementEvent> m_statements;
};

// The users/addresses mapping most tests share (the scenario format's example), with the
// cascade on User.addresses given by the caller.
MappingPtr usersAndAddresses(Cascade addressesCascade = kDefaultCascade, bool withVersion = false);

} // namespace sessionscope::testing
