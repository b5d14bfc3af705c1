#include "testdatabase.h"

#include "mapping/mappingbuilder.h"
#include "support/databaseurl.h"

#include <QTest>

namespace sessionscope::testing {

namespace {
int g_connections = 0;
QStringList g_names;
} // namespace

bool postgresqlConfigured()
{
    return !qEnvironmentVariableIsEmpty("SESSIONSCOPE_TEST_PG_URL");
}

bool postgresqlRequired()
{
    return qEnvironmentVariable("SESSIONSCOPE_REQUIRE_PG") == u"1";
}

void addDatabaseRows()
{
    QTest::addColumn<QString>("database");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

void addListenedRows()
{
    QTest::addColumn<bool>("listened");
    QTest::newRow("listened") << true;
    QTest::newRow("quiet") << false;
}

QString currentDatabaseKind()
{
    QFETCH_GLOBAL(QString, database);
    return database;
}

QSqlDatabase openTestDatabase()
{
    const QString kind = currentDatabaseKind();
    const QString name = QStringLiteral("test-%1").arg(++g_connections);
    if (kind == u"postgresql") {
        if (!postgresqlConfigured()) {
            if (postgresqlRequired()) {
                QTest::qFail("SESSIONSCOPE_REQUIRE_PG=1 but SESSIONSCOPE_TEST_PG_URL is not set",
                             __FILE__, __LINE__);
                return {};
            }
            QTest::qSkip("PostgreSQL not configured (set SESSIONSCOPE_TEST_PG_URL)", __FILE__,
                         __LINE__);
            return {};
        }
        try {
            QSqlDatabase db = openDatabase(qEnvironmentVariable("SESSIONSCOPE_TEST_PG_URL"), name);
            g_names.append(name);
            return db;
        } catch (const SessionError &error) {
            const QByteArray message = error.message().toUtf8();
            QTest::qFail(message.constData(), __FILE__, __LINE__);
            return {};
        }
    }
    QSqlDatabase db = openDatabase(QStringLiteral(":memory:"), name);
    g_names.append(name);
    return db;
}

void closeTestDatabases()
{
    for (const QString &name : std::as_const(g_names)) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    g_names.clear();
}

std::unique_ptr<Session> freshSession(QSqlDatabase db, MappingPtr mapping, SessionOptions options)
{
    auto session = std::make_unique<Session>(std::move(db), std::move(mapping), options);
    session->dropTables();
    session->createTables();
    return session;
}

void StatementLog::statementExecuted(Session &, const StatementEvent &event)
{
    m_statements.append(event);
}

QStringList StatementLog::shapes(bool writesOnly) const
{
    QStringList out;
    for (const StatementEvent &event : m_statements) {
        if (writesOnly && event.verb == u"SELECT")
            continue;
        out.append(event.verb + u' ' + event.table);
    }
    return out;
}

MappingPtr usersAndAddresses(Cascade addressesCascade, bool withVersion)
{
    MappingBuilder builder;
    EntityBuilder &user = builder.entity(QStringLiteral("User"), QStringLiteral("users"));
    user.column(QStringLiteral("id"), ColumnType::Integer)
        .primaryKey()
        .column(QStringLiteral("name"), ColumnType::Text)
        .notNull()
        .unique()
        .column(QStringLiteral("age"), ColumnType::Integer);
    if (withVersion)
        user.column(QStringLiteral("version"), ColumnType::Integer).version();
    user.oneToMany(QStringLiteral("addresses"), QStringLiteral("Address"))
        .backPopulates(QStringLiteral("user"))
        .cascade(addressesCascade);
    builder.entity(QStringLiteral("Address"), QStringLiteral("addresses"))
        .column(QStringLiteral("id"), ColumnType::Integer)
        .primaryKey()
        .column(QStringLiteral("email"), ColumnType::Text)
        .column(QStringLiteral("user_id"), ColumnType::Integer)
        .references(QStringLiteral("users.id"))
        .manyToOne(QStringLiteral("user"), QStringLiteral("User"))
        .backPopulates(QStringLiteral("addresses"));
    return builder.build();
}

} // namespace sessionscope::testing
