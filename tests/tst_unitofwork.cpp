// The unit of work: which statements a flush sends and in what order, asserted exactly (like
// SQLAlchemy's test_unitofworkv2), on every configured database.

#include "testdatabase.h"

#include "mapping/mappingbuilder.h"
#include "session/sqlitestatement.h"
#include "support/error.h"
#include "trace/tracerecorder.h"

#include <QBuffer>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <sqlite3.h>

#include <functional>

using namespace sessionscope;
using namespace Qt::StringLiterals;

namespace {

MappingPtr nodes()
{
    MappingBuilder builder;
    builder.entity(QStringLiteral("Node"), QStringLiteral("nodes"))
        .column(QStringLiteral("id"), ColumnType::Integer)
        .primaryKey()
        .column(QStringLiteral("name"), ColumnType::Text)
        .column(QStringLiteral("parent_id"), ColumnType::Integer)
        .references(QStringLiteral("nodes.id"))
        .manyToOne(QStringLiteral("parent"), QStringLiteral("Node"))
        .backPopulates(QStringLiteral("children"))
        .oneToMany(QStringLiteral("children"), QStringLiteral("Node"))
        .backPopulates(QStringLiteral("parent"))
        .cascade(kAllCascade);
    return builder.build();
}

// People with a buddy: a reference to a row of the same table, optionally post_update.
MappingPtr people(bool postUpdate)
{
    MappingBuilder builder;
    EntityBuilder &person = builder.entity(QStringLiteral("Person"), QStringLiteral("people"));
    person.column(QStringLiteral("id"), ColumnType::Integer)
        .primaryKey()
        .column(QStringLiteral("name"), ColumnType::Text)
        .column(QStringLiteral("buddy_id"), ColumnType::Integer)
        .references(QStringLiteral("people.id"))
        .manyToOne(QStringLiteral("buddy"), QStringLiteral("Person"));
    if (postUpdate)
        person.postUpdate();
    return builder.build();
}

// The statements SQLite starts on a connection, as it sees them: what a session nobody watches
// sends, which no listener hears of.
class SqliteTrace
{
public:
    explicit SqliteTrace(sqlite3 *database)
        : m_database(database)
    {
        sqlite3_trace_v2(m_database, SQLITE_TRACE_STMT, &SqliteTrace::started, this);
    }
    ~SqliteTrace() { sqlite3_trace_v2(m_database, 0, nullptr, nullptr); }
    SqliteTrace(const SqliteTrace &) = delete;
    SqliteTrace &operator=(const SqliteTrace &) = delete;

    // The statements whose text starts with `prefix`, once per time they ran.
    QStringList startingWith(QStringView prefix) const
    {
        QStringList out;
        for (const QString &sql : m_sql) {
            if (sql.startsWith(prefix))
                out.append(sql);
        }
        return out;
    }

private:
    static int started(unsigned, void *self, void *statement, void *text)
    {
        // A trigger's program is announced by a comment; statements by their own text.
        if (!qstrncmp(static_cast<const char *>(text), "--", 2))
            return 0;
        static_cast<SqliteTrace *>(self)->m_sql.append(
            QString::fromUtf8(sqlite3_sql(static_cast<sqlite3_stmt *>(statement))));
        return 0;
    }

    sqlite3 *m_database;
    QStringList m_sql;
};

const QString kUserInsert =
    QStringLiteral("INSERT INTO \"users\" (\"name\", \"age\") VALUES (?, ?)");

} // namespace

class TestUnitOfWork : public QObject
{
    Q_OBJECT

private:
    QSqlDatabase m_db;
    std::unique_ptr<Session> m_session;
    testing::StatementLog m_log;

    bool open(MappingPtr mapping)
    {
        m_db = testing::openTestDatabase();
        if (!m_db.isValid())
            return false;
        m_session = testing::freshSession(m_db, std::move(mapping));
        m_session->addListener(&m_log);
        m_log.clear();
        return true;
    }
    Object make(const QString &entity, const QString &attribute, const QVariant &value)
    {
        Object o = m_session->create(entity);
        o.set(attribute, value);
        return o;
    }
    // open() for a session nobody watches, on SQLite through its C API; else skips.
    sqlite3 *openUnwatchedSqlite(MappingPtr mapping)
    {
        if (!open(std::move(mapping)))
            return nullptr;
        sqlite3 *handle = nativeSqliteHandle(m_db);
        if (!handle) {
            QTest::qSkip("SQLite's C API only", __FILE__, __LINE__);
            return nullptr;
        }
        m_session->removeListener(&m_log);
        return handle;
    }
    QList<Object> addUsers(int count, const QString &pattern)
    {
        QList<Object> users;
        for (int i = 0; i < count; ++i) {
            users.append(make(QStringLiteral("User"), QStringLiteral("name"), pattern.arg(i)));
            m_session->add(users.last());
        }
        return users;
    }
    // Each user's key is that of the row with its name.
    void verifyKeysMatchRows(const QList<Object> &users)
    {
        QHash<QString, qlonglong> keyOf;
        QSqlQuery rows(m_db);
        QVERIFY(rows.exec(QStringLiteral("SELECT id, name FROM users")));
        while (rows.next())
            keyOf.insert(rows.value(1).toString(), rows.value(0).toLongLong());
        for (const Object &user : users) {
            const QString name = user.get(u"name").toString();
            QVERIFY2(keyOf.contains(name), qPrintable(name));
            QCOMPARE(user.get(u"id").toLongLong(), keyOf.value(name));
        }
    }
    QStringList flushShapes()
    {
        m_log.clear();
        m_session->flush();
        return m_log.shapes(true);
    }

    // name|buddy's name of every stored person, by name.
    QStringList storedBuddies()
    {
        QSqlQuery query(m_db);
        QStringList rows;
        if (!query.exec(QStringLiteral("SELECT p.name, b.name FROM people p LEFT JOIN people b "
                                       "ON b.id = p.buddy_id ORDER BY p.name")))
            return {query.lastError().text()};
        while (query.next())
            rows.append(query.value(0).toString() + u'|' + query.value(1).toString());
        return rows;
    }
    static ErrorKind expectError(const std::function<void()> &f)
    {
        try {
            f();
        } catch (const SessionError &error) {
            return error.kind();
        }
        return ErrorKind::Operational; // "no error" never matches what the tests expect
    }

private slots:
    void initTestCase_data() { testing::addDatabaseRows(); }
    void cleanup()
    {
        if (m_session)
            m_session->removeListener(&m_log);
        m_session.reset();
        m_db = QSqlDatabase();
        testing::closeTestDatabases();
    }

    void parentsAreInsertedBeforeChildren()
    {
        if (!open(testing::usersAndAddresses()))
            return;
        Object a = make(QStringLiteral("Address"), QStringLiteral("email"), QStringLiteral("x"));
        Object u = make(QStringLiteral("User"), QStringLiteral("name"), QStringLiteral("ann"));
        a.setReference(QStringLiteral("user"), u);
        m_session->add(a); // the child first; its reference cascades the parent in
        QCOMPARE(flushShapes(),
                 (QStringList{QStringLiteral("INSERT users"), QStringLiteral("INSERT addresses")}));
        // The generated key came back and was copied into the foreign key.
        QCOMPARE(a.get(QStringLiteral("user_id")), u.get(QStringLiteral("id")));
        QVERIFY(u.get(QStringLiteral("id")).isValid());
    }

    void childrenAreDeletedBeforeParents()
    {
        if (!open(testing::usersAndAddresses(kAllCascade)))
            return;
        Object u = make(QStringLiteral("User"), QStringLiteral("name"), QStringLiteral("ann"));
        u.append(QStringLiteral("addresses"),
                 make(QStringLiteral("Address"), QStringLiteral("email"), QStringLiteral("x")));
        m_session->add(u);
        m_session->flush();
        m_session->deleteObject(u);
        QCOMPARE(flushShapes(),
                 (QStringList{QStringLiteral("DELETE addresses"), QStringLiteral("DELETE users")}));
    }

    void updatesOnlyChangedColumns()
    {
        if (!open(testing::usersAndAddresses()))
            return;
        Object u = make(QStringLiteral("User"), QStringLiteral("name"), QStringLiteral("ann"));
        u.set(QStringLiteral("age"), 30);
        m_session->add(u);
        m_session->flush();
        u.set(QStringLiteral("age"), 31);
        QCOMPARE(flushShapes(), QStringList{QStringLiteral("UPDATE users")});
        const StatementEvent &update = m_log.statements().last();
        QCOMPARE(update.sql, QStringLiteral("UPDATE \"users\" SET \"age\" = ? WHERE \"id\" = ?"));
        QCOMPARE(update.rows.first(), (QVariantList{qlonglong(31), qlonglong(1)}));
    }

    void noStatementForNoNetChange()
    {
        if (!open(testing::usersAndAddresses()))
            return;
        Object u = make(QStringLiteral("User"), QStringLiteral("name"), QStringLiteral("ann"));
        m_session->add(u);
        m_session->flush();
        u.set(QStringLiteral("name"), QStringLiteral("bob"));
        u.set(QStringLiteral("name"), QStringLiteral("ann"));
        QVERIFY(flushShapes().isEmpty());
    }

    // A new object with the key of one deleted in the same flush takes over its row: one
    // UPDATE of the columns set on it, no DELETE and no INSERT (SQLAlchemy's row switch). The
    // deleted object leaves the identity map as deleted objects do; a rollback undoes both.
    void rowSwitchUpdatesTheDeletedObjectsRow()
    {
        if (!open(testing::usersAndAddresses()))
            return;
        Object old = make(QStringLiteral("User"), QStringLiteral("name"), QStringLiteral("ann"));
        old.set(QStringLiteral("age"), 30);
        m_session->add(old);
        m_session->commit();
        const QVariant id = old.get(QStringLiteral("id"));
        m_session->deleteObject(old);
        Object replacement = make(QStringLiteral("User"), QStringLiteral("id"), id);
        replacement.set(QStringLiteral("name"), QStringLiteral("bob"));
        m_session->add(replacement);

        QCOMPARE(flushShapes(), QStringList{QStringLiteral("UPDATE users")});
        const StatementEvent &update = m_log.statements().last();
        QCOMPARE(update.sql, QStringLiteral("UPDATE \"users\" SET \"name\" = ? WHERE \"id\" = ?"));
        QCOMPARE(update.rows.first(), (QVariantList{QStringLiteral("bob"), id}));
        QCOMPARE(old.lifecycle(), Lifecycle::Deleted);
        QCOMPARE(replacement.lifecycle(), Lifecycle::Persistent);
        QCOMPARE(m_session->identityMapObjects(), QList<Object>{replacement});
        QCOMPARE(m_session->get(u"User", {id}), replacement);
        // The row was updated, not replaced: the column the new object never set keeps its value.
        QSqlQuery row(m_db);
        QVERIFY(row.exec(QStringLiteral("SELECT name, age FROM users")));
        QVERIFY(row.next());
        QCOMPARE(row.value(0).toString(), QStringLiteral("bob"));
        QCOMPARE(row.value(1).toLongLong(), 30);
        QVERIFY(!row.next());

        m_session->rollback();
        QCOMPARE(old.lifecycle(), Lifecycle::Persistent);
        QCOMPARE(replacement.lifecycle(), Lifecycle::Transient);
        QCOMPARE(m_session->identityMapObjects(), QList<Object>{old});
        QCOMPARE(old.get(QStringLiteral("name")), QVariant(QStringLiteral("ann")));

        // Deleted and replaced again, committed: the deleted object is detached.
        m_session->deleteObject(old);
        Object second = make(QStringLiteral("User"), QStringLiteral("id"), id);
        second.set(QStringLiteral("name"), QStringLiteral("cy"));
        m_session->add(second);
        m_session->commit();
        QCOMPARE(old.lifecycle(), Lifecycle::Detached);
        QCOMPARE(second.lifecycle(), Lifecycle::Persistent);
        QCOMPARE(second.get(QStringLiteral("name")), QVariant(QStringLiteral("cy")));
    }

    // Without the delete, the held object keeps its row, and the INSERT fails on the key.
    void sameKeyWithoutDeleteIsAnIntegrityError()
    {
        if (!open(testing::usersAndAddresses()))
            return;
        Object held = make(QStringLiteral("User"), QStringLiteral("name"), QStringLiteral("ann"));
        m_session->add(held);
        m_session->flush();
        Object clash = make(QStringLiteral("User"), QStringLiteral("id"), held.get(u"id"));
        clash.set(QStringLiteral("name"), QStringLiteral("bob"));
        m_session->add(clash);
        try {
            m_session->flush();
            QFAIL("the second object with the key was written");
        } catch (const SessionError &error) {
            QCOMPARE(error.kind(), ErrorKind::Integrity);
        }
        QCOMPARE(m_log.shapes(true).last(), QStringLiteral("INSERT users"));
        // The failed flush rolled the transaction back, as SQLAlchemy's does: the object added
        // in it is transient again, the one flushed in it too.
        QCOMPARE(clash.lifecycle(), Lifecycle::Transient);
        QCOMPARE(held.lifecycle(), Lifecycle::Transient);
    }

    // Nobody watching, new rows share multi-row INSERTs without RETURNING, and each object's
    // key is counted back from the last one: past keys already taken, and past keys an
    // AUTOINCREMENT table once gave and deleted.
    void unwatchedInsertsShareStatementsAndCountKeysBack_data()
    {
        QTest::addColumn<bool>("autoincrement");
        QTest::newRow("rowid") << false;
        QTest::newRow("AUTOINCREMENT") << true;
    }
    void unwatchedInsertsShareStatementsAndCountKeysBack()
    {
        QFETCH(bool, autoincrement);
        sqlite3 *handle = openUnwatchedSqlite(testing::usersAndAddresses());
        if (!handle)
            return;
        QSqlQuery sql(m_db);
        if (autoincrement) {
            QVERIFY(sql.exec(QStringLiteral("DROP TABLE users")));
            QVERIFY(
                sql.exec(QStringLiteral("CREATE TABLE users (id INTEGER PRIMARY KEY "
                                        "AUTOINCREMENT, name TEXT NOT NULL UNIQUE, age INTEGER)")));
            QVERIFY(sql.exec(QStringLiteral("INSERT INTO users (id, name) VALUES (5000, 'gone')")));
            QVERIFY(sql.exec(QStringLiteral("DELETE FROM users")));
        }
        QVERIFY(sql.exec(QStringLiteral("INSERT INTO users (id, name) VALUES (1000, 'first')")));
        const SqliteTrace trace(handle);
        const QList<Object> users = addUsers(300, QStringLiteral("u%1"));
        m_session->flush();

        // 256 rows, then the other 44 in powers of two, so that few texts are ever prepared,
        // down to the last 12, too few to share a statement.
        QList<qsizetype> rowsPerStatement;
        for (const QString &insert : trace.startingWith(u"INSERT INTO \"users\"")) {
            QVERIFY2(!insert.contains(u"RETURNING"), qPrintable(insert));
            rowsPerStatement.append(insert.count(QStringLiteral("(?, ?)")));
        }
        QCOMPARE(rowsPerStatement, QList<qsizetype>({256, 32}) + QList<qsizetype>(12, 1));
        verifyKeysMatchRows(users);
        QCOMPARE(users.first().get(u"id").toLongLong(), autoincrement ? 5001 : 1001);
        m_session->commit();
        QCOMPARE(users.last().get(u"id").toLongLong(), autoincrement ? 5300 : 1300);
    }

    // When something could come between the rows of one statement (a trigger, keys at the top
    // of the rowid range, where SQLite picks them at random), rows go one at a time, each
    // reading its own key.
    void unwatchedInsertsGoOneAtATimeWhenKeysCannotBeCounted()
    {
        sqlite3 *handle = openUnwatchedSqlite(testing::usersAndAddresses());
        if (!handle)
            return;
        QSqlQuery sql(m_db);
        QVERIFY(sql.exec(QStringLiteral("CREATE TRIGGER noted AFTER INSERT ON addresses "
                                        "BEGIN SELECT 1; END")));
        {
            const SqliteTrace trace(handle);
            const QList<Object> users = addUsers(20, QStringLiteral("t%1"));
            m_session->flush();
            QCOMPARE(trace.startingWith(u"INSERT INTO \"users\""), QStringList(20, kUserInsert));
            verifyKeysMatchRows(users);
        }
        QVERIFY(sql.exec(QStringLiteral("DROP TRIGGER noted")));
        QVERIFY(sql.exec(
            QStringLiteral("INSERT INTO users (id, name) VALUES (9223372036854775797, 'top')")));
        const SqliteTrace trace(handle);
        const QList<Object> users = addUsers(20, QStringLiteral("r%1"));
        m_session->flush();
        QCOMPARE(trace.startingWith(u"INSERT INTO \"users\""), QStringList(20, kUserInsert));
        verifyKeysMatchRows(users);
        QCOMPARE(users[9].get(u"id").toLongLong(), Q_INT64_C(9223372036854775807));
    }

    // A row that breaks a constraint fails its multi-row INSERT, which undoes itself; the rows
    // then go one at a time, so the error is the one a watched session gets, from the same
    // statement, and the failed flush leaves the database as it was.
    void unwatchedConstraintFailureIsThatOfItsRow()
    {
        sqlite3 *handle = openUnwatchedSqlite(testing::usersAndAddresses());
        if (!handle)
            return;
        QSqlQuery sql(m_db);
        QVERIFY(sql.exec(QStringLiteral("INSERT INTO users (id, name) VALUES (7, 'taken')")));
        const SqliteTrace trace(handle);
        QList<Object> users = addUsers(300, QStringLiteral("u%1"));
        users[100].set(QStringLiteral("name"), QStringLiteral("taken"));
        try {
            m_session->flush();
            QFAIL("a taken name was written");
        } catch (const SessionError &error) {
            QCOMPARE(error.kind(), ErrorKind::Integrity);
            QVERIFY2(error.message().contains(u"UNIQUE constraint failed: users.name"),
                     qPrintable(error.message()));
            QVERIFY2(error.message().contains(kUserInsert), qPrintable(error.message()));
        }
        const QStringList inserts = trace.startingWith(u"INSERT INTO \"users\"");
        QCOMPARE(inserts.size(), 1 + 101); // the shared statement; rows 0 to 100 alone
        QCOMPARE(inserts[0].count(QStringLiteral("(?, ?)")), 256);
        QCOMPARE(inserts.mid(1), QStringList(101, kUserInsert));
        QVERIFY(sql.exec(QStringLiteral("SELECT count(*) FROM users")) && sql.next());
        QCOMPARE(sql.value(0).toLongLong(), 1);
        QCOMPARE(users[0].lifecycle(), Lifecycle::Transient);
        QCOMPARE(users[100].lifecycle(), Lifecycle::Transient);
    }

    // Nobody watching, changed rows share UPDATE ... FROM (VALUES ...) statements, in full
    // statements and then powers of two; a few rows left go one at a time.
    void unwatchedUpdatesShareStatements()
    {
        sqlite3 *handle = openUnwatchedSqlite(testing::usersAndAddresses());
        if (!handle)
            return;
        addUsers(300, QStringLiteral("u%1"));
        m_session->commit();
        const QList<Object> users = m_session->query(u"User");
        QCOMPARE(users.size(), 300);
        for (qsizetype i = 0; i < users.size(); ++i)
            users[i].set(QStringLiteral("age"), int(i % 90));
        const SqliteTrace trace(handle);
        m_session->commit();
        // As INSERTs go: 256 rows, 32, then 12 rows one at a time.
        const QString shared =
            QStringLiteral("UPDATE \"users\" SET \"age\" = v.column1 FROM (VALUES ");
        const QString alone = QStringLiteral("UPDATE \"users\" SET \"age\" = ? WHERE \"id\" = ?");
        QList<qsizetype> rowsPerStatement;
        for (const QString &update : trace.startingWith(u"UPDATE \"users\"")) {
            QVERIFY2(update.startsWith(shared) || update == alone, qPrintable(update.left(80)));
            rowsPerStatement.append(update == alone ? 1 : update.count(QStringLiteral("(?, ?)")));
        }
        QCOMPARE(rowsPerStatement, QList<qsizetype>({256, 32}) + QList<qsizetype>(12, 1));
        QSqlQuery sql(m_db);
        QVERIFY(sql.exec(QStringLiteral("SELECT name, age FROM users")));
        int rows = 0;
        while (sql.next()) {
            const int i = sql.value(0).toString().mid(1).toInt();
            QCOMPARE(sql.value(1).toInt(), i % 90);
            ++rows;
        }
        QCOMPARE(rows, 300);
    }

    // A row that matched nothing (deleted behind the session's back), or that breaks a
    // constraint, makes the rows go one at a time: the error names the object, or comes from
    // its row's own statement, as in a watched session; the failed flush changes nothing.
    void unwatchedUpdateFailuresNameTheirRow_data()
    {
        QTest::addColumn<bool>("stale");
        QTest::newRow("row gone") << true;
        QTest::newRow("constraint") << false;
    }
    void unwatchedUpdateFailuresNameTheirRow()
    {
        QFETCH(bool, stale);
        sqlite3 *handle = openUnwatchedSqlite(testing::usersAndAddresses());
        if (!handle)
            return;
        addUsers(40, QStringLiteral("u%1"));
        m_session->commit();
        const QList<Object> users = m_session->query(u"User");
        for (const Object &user : users)
            user.set(QStringLiteral("age"), 7);
        const qlonglong culprit = users[20].get(u"id").toLongLong();
        QSqlQuery sql(m_db);
        if (stale) {
            QVERIFY(sql.exec(QStringLiteral("DELETE FROM users WHERE id = %1").arg(culprit)));
        } else {
            for (const Object &user : users)
                user.set(QStringLiteral("name"), QString(user.get(u"name").toString() + u'x'));
            users[20].set(QStringLiteral("name"), QStringLiteral("u3x"));
        }
        const SqliteTrace trace(handle);
        try {
            m_session->flush();
            QFAIL("the flush succeeded");
        } catch (const SessionError &error) {
            if (stale) {
                QCOMPARE(error.kind(), ErrorKind::StaleData);
                QVERIFY2(error.message().contains(QStringLiteral("User#%1").arg(culprit)),
                         qPrintable(error.message()));
            } else {
                QCOMPARE(error.kind(), ErrorKind::Integrity);
                QVERIFY2(error.message().contains(
                             u"UPDATE \"users\" SET \"name\" = ?, \"age\" = ? WHERE \"id\" = ?"),
                         qPrintable(error.message()));
            }
        }
        const QStringList updates = trace.startingWith(u"UPDATE \"users\"");
        QVERIFY(updates.size() > 1);
        QVERIFY2(updates.first().contains(u"FROM (VALUES"), qPrintable(updates.first().left(80)));
        QVERIFY2(!updates.last().contains(u"FROM (VALUES"), qPrintable(updates.last()));
        QVERIFY(sql.exec(QStringLiteral("SELECT count(*) FROM users WHERE age = 7")) && sql.next());
        QCOMPARE(sql.value(0).toLongLong(), 0);
    }

    void insertsFollowAddOrderAndUpdatesKeyOrder()
    {
        if (!open(testing::usersAndAddresses()))
            return;
        for (const char *name : {"c", "a", "b"})
            m_session->add(
                make(QStringLiteral("User"), QStringLiteral("name"), QString::fromLatin1(name)));
        m_session->flush();
        // Rows with the same columns may share a statement: the order is that of their rows.
        QStringList inserted;
        for (const StatementEvent &e : m_log.statements()) {
            for (const QVariantList &row : e.rows)
                inserted.append(row.first().toString());
        }
        QCOMPARE(inserted,
                 (QStringList{QStringLiteral("c"), QStringLiteral("a"), QStringLiteral("b")}));
        // Within one table: UPDATEs first, then INSERTs (SQLAlchemy's save_obj order).
        const QList<Object> users = m_session->query(u"User");
        users[2].set(QStringLiteral("age"), 1);
        users[0].set(QStringLiteral("age"), 1);
        m_session->add(make(QStringLiteral("User"), QStringLiteral("name"), QStringLiteral("d")));
        // The two UPDATEs share a statement executed once per row, in key order.
        QCOMPARE(flushShapes(),
                 (QStringList{QStringLiteral("UPDATE users"), QStringLiteral("INSERT users")}));
        const StatementEvent &updates = m_log.statements()[0];
        QCOMPARE(updates.rows.size(), 2);
        QCOMPARE(updates.rows[0].last(), QVariant(qlonglong(1)));
        QCOMPARE(updates.rows[1].last(), QVariant(qlonglong(3)));
        QCOMPARE(updates.rowCount, 2);
    }

    // However they were changed, and however many, persistent rows are updated in key order.
    void manyUpdatesInKeyOrder()
    {
        if (!open(testing::usersAndAddresses()))
            return;
        constexpr int kUsers = 40;
        for (int i = 0; i < kUsers; ++i)
            m_session->add(
                make(QStringLiteral("User"), QStringLiteral("name"), QStringLiteral("u%1").arg(i)));
        m_session->flush();
        const QList<Object> users = m_session->query(u"User");
        QCOMPARE(users.size(), kUsers);
        for (int i = 0; i < kUsers; ++i)
            users[(i * 17) % kUsers].set(QStringLiteral("age"), i);
        m_log.clear();
        m_session->flush();
        QList<qlonglong> keys;
        for (const StatementEvent &e : m_log.statements()) {
            QCOMPARE(e.verb, QStringLiteral("UPDATE"));
            for (const QVariantList &row : e.rows)
                keys.append(row.last().toLongLong());
        }
        QCOMPARE(keys.size(), kUsers);
        for (int i = 0; i < kUsers; ++i)
            QCOMPARE(keys[i], qlonglong(i + 1));
    }

    // Thousands of rows go out in several batches that reuse their parameter memory, in rows of
    // two shapes; what the database gets must not depend on whether anyone listens, and a
    // listener added later sees every row again.
    void manyRowsInBatchesListenedOrNot()
    {
        if (!open(testing::usersAndAddresses()))
            return;
        constexpr int kUsers = 2500; // more than two batches of executemany rows
        m_session->removeListener(&m_log);
        for (int i = 0; i < kUsers; ++i) {
            Object u =
                make(QStringLiteral("User"), QStringLiteral("name"), QStringLiteral("u%1").arg(i));
            if (i % 3 == 0)
                u.set(QStringLiteral("age"), i); // a row of another shape, every third
            m_session->add(u);
        }
        m_session->flush();
        QVERIFY(m_log.statements().isEmpty());
        auto storedRows = [this] {
            QSqlQuery query(m_db);
            if (!query.exec(QStringLiteral("SELECT id, name, age FROM users ORDER BY id")))
                return QStringList{query.lastError().text()};
            QStringList rows;
            while (query.next()) { // drivers differ in what a NULL converts to: say it
                const QString age =
                    query.isNull(2) ? QStringLiteral("NULL") : query.value(2).toString();
                rows.append(QStringLiteral("%1 %2 %3")
                                .arg(query.value(0).toString(), query.value(1).toString(), age));
            }
            return rows;
        };
        QStringList expected;
        for (int i = 0; i < kUsers; ++i)
            expected.append(QStringLiteral("%1 u%2 %3")
                                .arg(i + 1)
                                .arg(i)
                                .arg(i % 3 == 0 ? QString::number(i) : QStringLiteral("NULL")));
        QCOMPARE(storedRows(), expected);

        // Updates of two shapes, unobserved too.
        const QList<Object> users = m_session->query(u"User");
        QCOMPARE(users.size(), kUsers);
        expected.clear();
        for (int i = 0; i < kUsers; ++i) {
            users[i].set(QStringLiteral("age"), 2 * i);
            if (i % 5 == 0)
                users[i].set(QStringLiteral("name"), QStringLiteral("v%1").arg(i));
            expected.append(QStringLiteral("%1 %2%3 %4")
                                .arg(i + 1)
                                .arg(i % 5 == 0 ? QStringLiteral("v") : QStringLiteral("u"))
                                .arg(i)
                                .arg(2 * i));
        }
        m_session->flush();
        QCOMPARE(storedRows(), expected);
        QVERIFY(m_session->newObjects().isEmpty());
        QVERIFY(m_session->dirtyObjects().isEmpty());

        // A pending object the flush does not take (it is deleted before it) stays out of the
        // identity map; the one flushed beside it joins it.
        Object kept = make(QStringLiteral("User"), QStringLiteral("name"), QStringLiteral("k"));
        Object dropped = make(QStringLiteral("User"), QStringLiteral("name"), QStringLiteral("d"));
        m_session->add(kept);
        m_session->add(dropped);
        m_session->expunge(dropped);
        m_session->flush();
        QCOMPARE(kept.lifecycle(), Lifecycle::Persistent);
        QCOMPARE(dropped.lifecycle(), Lifecycle::Transient);
        QCOMPARE(m_session->identityMapObjects().size(), kUsers + 1);

        // Listened to again: the rows are there for the listener.
        m_session->addListener(&m_log);
        users[4].set(QStringLiteral("age"), 1);
        users[7].set(QStringLiteral("age"), 2);
        QCOMPARE(flushShapes(), QStringList{QStringLiteral("UPDATE users")});
        QCOMPARE(m_log.statements().last().rows,
                 (QList<QVariantList>{{qlonglong(1), qlonglong(5)}, {qlonglong(2), qlonglong(8)}}));

        // Every row flushed, quietly or not, belongs to the transaction: a rollback takes each
        // one back and leaves its object transient.
        m_session->rollback();
        QCOMPARE(storedRows(), QStringList());
        QVERIFY(m_session->identityMapObjects().isEmpty());
        QCOMPARE(users[0].lifecycle(), Lifecycle::Transient);
        QCOMPARE(kept.lifecycle(), Lifecycle::Transient);
    }

    // SQLite lets a nullable text key be NULL: such a row cannot become an identity. The flush
    // refuses before any object becomes persistent (PostgreSQL refuses the row itself), its
    // rollback leaves both objects transient, as SQLAlchemy does, and they can be fixed and
    // added again.
    void nullKeyAfterFlushRefusesTheWholeFlush()
    {
        MappingBuilder builder;
        builder.entity(QStringLiteral("Tag"), QStringLiteral("tags"))
            .column(QStringLiteral("code"), ColumnType::Text)
            .primaryKey()
            .nullable(true)
            .column(QStringLiteral("label"), ColumnType::Text);
        if (!open(builder.build()))
            return;
        m_session->removeListener(&m_log); // the quiet path checks keys up front too
        Object keyed = make(QStringLiteral("Tag"), QStringLiteral("code"), QStringLiteral("a"));
        Object keyless =
            make(QStringLiteral("Tag"), QStringLiteral("label"), QStringLiteral("no key"));
        m_session->add(keyed);
        m_session->add(keyless);
        try {
            m_session->flush();
            QFAIL("a NULL key was accepted");
        } catch (const SessionError &error) {
            if (m_db.driverName() == u"QSQLITE")
                QVERIFY2(error.message().contains(QStringLiteral("NULL primary key")),
                         qPrintable(error.message()));
        }
        QCOMPARE(keyed.lifecycle(), Lifecycle::Transient);
        QCOMPARE(keyless.lifecycle(), Lifecycle::Transient);
        QVERIFY(m_session->identityMapObjects().isEmpty());
        m_session->rollback();
        keyless.set(QStringLiteral("code"), QStringLiteral("b"));
        m_session->add(keyed);
        m_session->add(keyless);
        m_session->commit();
        QCOMPARE(keyed.lifecycle(), Lifecycle::Persistent);
        QCOMPARE(keyless.lifecycle(), Lifecycle::Persistent);
        QSqlQuery count(m_db);
        QVERIFY(count.exec(QStringLiteral("SELECT COUNT(*) FROM tags WHERE code IS NOT NULL")));
        QVERIFY(count.next());
        QCOMPARE(count.value(0).toLongLong(), 2);
    }

    void selfReferentialRowsInDependencyOrder()
    {
        if (!open(nodes()))
            return;
        Object child =
            make(QStringLiteral("Node"), QStringLiteral("name"), QStringLiteral("child"));
        Object root = make(QStringLiteral("Node"), QStringLiteral("name"), QStringLiteral("root"));
        Object leaf = make(QStringLiteral("Node"), QStringLiteral("name"), QStringLiteral("leaf"));
        m_session->add(leaf);
        m_session->add(child);
        m_session->add(root);
        leaf.setReference(QStringLiteral("parent"), child);
        root.append(QStringLiteral("children"), child);
        m_session->flush();
        QStringList order;
        for (const StatementEvent &e : m_log.statements())
            order.append(e.rows.first().first().toString());
        QCOMPARE(order, (QStringList{QStringLiteral("root"), QStringLiteral("child"),
                                     QStringLiteral("leaf")}));
        QCOMPARE(leaf.get(QStringLiteral("parent_id")), child.get(QStringLiteral("id")));
        QCOMPARE(child.get(QStringLiteral("parent_id")), root.get(QStringLiteral("id")));
        // Deleting the tree: the cascade reaches every node; leaves go first.
        m_session->deleteObject(root);
        m_log.clear();
        m_session->flush();
        QStringList deleted;
        for (const StatementEvent &e : m_log.statements()) {
            if (e.verb == u"DELETE")
                deleted.append(e.rows.first().first().toString());
        }
        QCOMPARE(deleted,
                 (QStringList{leaf.state()->key()[0].toString(), child.state()->key()[0].toString(),
                              root.state()->key()[0].toString()}));
    }

    // Rows that refer to themselves or to each other cannot be inserted one at a time: the
    // flush is refused before anything is sent, naming the objects and the relationship, and
    // the session goes on as before it (the transaction and what earlier flushes wrote).
    void rowCyclesAreRefused()
    {
        if (!open(people(false)))
            return;
        Object early = make(u"Person"_s, u"name"_s, u"early"_s);
        m_session->add(early);
        m_session->flush();
        Object ann = make(u"Person"_s, u"name"_s, u"ann"_s);
        Object bob = make(u"Person"_s, u"name"_s, u"bob"_s);
        ann.setReference(u"buddy"_s, bob);
        bob.setReference(u"buddy"_s, ann);
        m_session->add(ann);
        m_log.clear();
        QString message;
        try {
            m_session->flush();
        } catch (const SessionError &error) {
            QCOMPARE(error.kind(), ErrorKind::InvalidRequest);
            message = error.message();
        }
        QVERIFY2(message.startsWith(u"circular dependency: through Person.buddy"),
                 qPrintable(message));
        QVERIFY2(message.contains(u"name = \"ann\"") && message.contains(u"name = \"bob\""),
                 qPrintable(message));
        QCOMPARE(m_log.shapes(), QStringList());
        QCOMPARE(ann.lifecycle(), Lifecycle::Pending);
        QCOMPARE(bob.lifecycle(), Lifecycle::Pending);
        QCOMPARE(m_session->transactionStatus(), TransactionStatus::Active);
        // One referring to itself, likewise.
        bob.setReference(u"buddy"_s, Object());
        ann.setReference(u"buddy"_s, ann);
        QCOMPARE(expectError([&] { m_session->flush(); }), ErrorKind::InvalidRequest);
        ann.setReference(u"buddy"_s, bob);
        m_session->commit(); // bob first, then ann with his key
        QCOMPARE(early.lifecycle(), Lifecycle::Persistent);
        QCOMPARE(storedBuddies(), (QStringList{u"ann|bob"_s, u"bob|"_s, u"early|"_s}));
        // Deleting two rows that refer to each other one at a time cannot work either.
        QVERIFY(QSqlQuery(m_db).exec(
            QStringLiteral("UPDATE people SET buddy_id = %1 WHERE name = 'bob'")
                .arg(ann.get(u"id"_s).toLongLong())));
        m_session->expireAll();
        m_session->deleteObject(ann);
        m_session->deleteObject(bob);
        QCOMPARE(expectError([&] { m_session->flush(); }), ErrorKind::InvalidRequest);
        QCOMPARE(ann.lifecycle(), Lifecycle::Persistent);
        QCOMPARE(m_session->deletedObjects().size(), 2);
    }

    // post_update: the same rows are written, the foreign keys by UPDATEs after the INSERTs,
    // and set to NULL by UPDATEs before the DELETEs.
    void postUpdateWritesCyclesInASecondUpdate()
    {
        if (!open(people(true)))
            return;
        Object ann = make(u"Person"_s, u"name"_s, u"ann"_s);
        Object bob = make(u"Person"_s, u"name"_s, u"bob"_s);
        Object cat = make(u"Person"_s, u"name"_s, u"cat"_s);
        ann.setReference(u"buddy"_s, bob);
        bob.setReference(u"buddy"_s, ann);
        cat.setReference(u"buddy"_s, cat);
        m_session->add(ann);
        m_session->add(cat);
        m_log.clear();
        m_session->commit();
        // The three rows first (however many statements carry them), without their buddies;
        // then one UPDATE per row.
        QStringList order;
        for (const StatementEvent &statement : m_log.statements()) {
            for (const QVariantList &row : statement.rows) {
                order.append(statement.verb);
                const qsizetype buddy = statement.parameterColumns.indexOf(2);
                if (statement.verb == u"INSERT" && buddy >= 0)
                    QVERIFY(row.at(buddy).isNull());
            }
        }
        QCOMPARE(order, (QStringList{u"INSERT"_s, u"INSERT"_s, u"INSERT"_s, u"UPDATE"_s,
                                     u"UPDATE"_s, u"UPDATE"_s}));
        QCOMPARE(storedBuddies(), (QStringList{u"ann|bob"_s, u"bob|ann"_s, u"cat|cat"_s}));
        QCOMPARE(ann.get(u"buddy_id"_s), bob.get(u"id"_s));
        m_log.clear();
        m_session->deleteObject(ann);
        m_session->deleteObject(bob);
        m_session->commit();
        QCOMPARE(m_log.shapes(true), (QStringList{u"UPDATE people"_s, u"UPDATE people"_s,
                                                  u"DELETE people"_s, u"DELETE people"_s}));
        QCOMPARE(storedBuddies(), (QStringList{u"cat|cat"_s}));
    }

    // Watching a session never changes what it sends: the same steps with a listener and a
    // recording pool, and without, run the same statements as SQLite sees them.
    void watchedAndUnwatchedSendTheSameStatements()
    {
        QStringList sent[2];
        for (bool watched : {false, true}) {
            sqlite3 *handle = openUnwatchedSqlite(testing::usersAndAddresses());
            if (!handle)
                return;
            QBuffer traceBuffer;
            traceBuffer.open(QIODevice::WriteOnly);
            std::unique_ptr<TraceRecorder> recorder;
            if (watched) {
                m_session->addListener(&m_log);
                recorder = std::make_unique<TraceRecorder>(*m_session, &traceBuffer);
            }
            {
                SqliteTrace trace(handle);
                QList<Object> users = addUsers(300, u"user%1"_s);
                m_session->flush();
                for (qsizetype i = 0; i < users.size(); i += 2)
                    users[i].set(u"age"_s, int(i));
                m_session->commit();
                QCOMPARE(m_session->query(u"User"_s).size(), 300);
                m_session->commit();
                sent[watched] = trace.startingWith(u""_s);
            }
            recorder.reset();
            m_session->removeListener(&m_log);
            cleanup();
        }
        QCOMPARE(sent[true], sent[false]);
        // 300 new rows in at most two statements (256 + 32 + 12 one-row ones on SQLite: fewer
        // than 16 left go alone), the changed rows likewise.
        QVERIFY(sent[true].filter(QRegularExpression(u"^INSERT INTO \"users\""_s)).size() <= 14);
        QVERIFY(sent[true].filter(QRegularExpression(u"^UPDATE \"users\""_s)).size() <= 14);
    }

    void versionCounterDetectsConcurrentChange()
    {
        if (!open(testing::usersAndAddresses(kDefaultCascade, true)))
            return;
        Object u = make(QStringLiteral("User"), QStringLiteral("name"), QStringLiteral("ann"));
        m_session->add(u);
        m_session->flush();
        QCOMPARE(u.get(QStringLiteral("version")), QVariant(qlonglong(1)));
        u.set(QStringLiteral("age"), 2);
        m_session->flush();
        QCOMPARE(u.get(QStringLiteral("version")), QVariant(qlonglong(2)));
        QCOMPARE(
            m_log.statements().last().sql,
            QStringLiteral("UPDATE \"users\" SET \"age\" = ?, \"version\" = ? WHERE \"id\" = ? "
                           "AND \"version\" = ?"));
        // Someone else bumps the version: our next UPDATE matches no row.
        m_session->execute(QStringLiteral("UPDATE users SET version = 7"));
        u.set(QStringLiteral("age"), 3);
        try {
            m_session->flush();
            QFAIL("expected stale data");
        } catch (const SessionError &error) {
            QCOMPARE(error.kind(), ErrorKind::StaleData);
            QVERIFY2(error.message().contains(u"users"), qPrintable(error.message()));
        }
        QVERIFY_THROWS_EXCEPTION(SessionError, m_session->query(u"User")); // pending rollback
        m_session->rollback();
    }

    void failureMidFlushLeavesDatabaseUntouched()
    {
        if (!open(testing::usersAndAddresses()))
            return;
        m_session->add(make(QStringLiteral("User"), QStringLiteral("name"), QStringLiteral("ann")));
        m_session->commit();
        // Statement 2 of 3 fails (duplicate name); statement 1 must be undone.
        m_session->add(make(QStringLiteral("User"), QStringLiteral("name"), QStringLiteral("bob")));
        m_session->add(make(QStringLiteral("User"), QStringLiteral("name"), QStringLiteral("ann")));
        m_session->add(make(QStringLiteral("User"), QStringLiteral("name"), QStringLiteral("cid")));
        QVERIFY_THROWS_EXCEPTION(SessionError, m_session->flush());
        m_session->rollback();
        QSqlQuery query(m_db);
        QVERIFY(query.exec(QStringLiteral("SELECT name FROM users ORDER BY id")));
        QStringList names;
        while (query.next())
            names.append(query.value(0).toString());
        QCOMPARE(names, QStringList{QStringLiteral("ann")});
    }
};

QTEST_GUILESS_MAIN(TestUnitOfWork)
#include "tst_unitofwork.moc"
