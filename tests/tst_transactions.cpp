// Session transactions: savepoints, the transaction state machine, close/reset/invalidate, and
// what a failed flush leaves behind. Failures are real: a database trigger refuses exactly one
// row, so statement k of a flush fails for every k, on SQLite and PostgreSQL.

#include "testdatabase.h"

#include "scenario/statesnapshot.h"
#include "state/objectpool.h"
#include "support/error.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace sessionscope;
using namespace Qt::StringLiterals;

namespace {

// One statement of the flush under test: its verb, table and the `name`/`email` it touches.
struct Expected
{
    QString verb;
    QString table;
    QString marker;
};

const QList<Expected> kFlush{
    {QStringLiteral("UPDATE"), QStringLiteral("users"), QStringLiteral("u1")},
    {QStringLiteral("INSERT"), QStringLiteral("users"), QStringLiteral("u3")},
    {QStringLiteral("UPDATE"), QStringLiteral("addresses"), QStringLiteral("a1")},
    {QStringLiteral("INSERT"), QStringLiteral("addresses"), QStringLiteral("a3")},
    {QStringLiteral("DELETE"), QStringLiteral("addresses"), QStringLiteral("a2")},
};

bool exec(QSqlDatabase db, const QString &sql)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
    return false;
}

// Makes the database refuse the statement that writes `marker` in `table`.
bool injectFailure(QSqlDatabase db, const Expected &at)
{
    const QString column = at.table == u"users" ? QStringLiteral("name") : QStringLiteral("email");
    const QString row = at.verb == u"INSERT" ? QStringLiteral("NEW") : QStringLiteral("OLD");
    if (db.driverName() == u"QSQLITE")
        return exec(db, QStringLiteral("CREATE TRIGGER inject BEFORE %1 ON %2 WHEN %3.%4 = '%5' "
                                       "BEGIN SELECT RAISE(ABORT, 'injected failure'); END")
                            .arg(at.verb, at.table, row, column, at.marker));
    return exec(db, QStringLiteral("CREATE OR REPLACE FUNCTION inject_failure() RETURNS trigger "
                                   "AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$ "
                                   "LANGUAGE plpgsql")) &&
           exec(db, QStringLiteral("CREATE TRIGGER inject BEFORE %1 ON %2 FOR EACH ROW WHEN "
                                   "(%3.%4 = '%5') EXECUTE FUNCTION inject_failure()")
                        .arg(at.verb, at.table, row, column, at.marker));
}

// Every row of both tables, for comparing the database before and after.
QStringList contents(QSqlDatabase db)
{
    QStringList rows;
    QSqlQuery query(db);
    for (const char *sql : {"SELECT id, name, age FROM users ORDER BY id",
                            "SELECT id, email, user_id FROM addresses ORDER BY id"}) {
        if (!query.exec(QString::fromLatin1(sql)))
            return {query.lastError().text()};
        while (query.next())
            rows.append(QStringLiteral("%1|%2|%3")
                            .arg(query.value(0).toString(), query.value(1).toString(),
                                 query.value(2).toString()));
    }
    return rows;
}

} // namespace

class TestTransactions : public QObject
{
    Q_OBJECT

private:
    QSqlDatabase m_db;
    std::unique_ptr<Session> m_session;
    testing::StatementLog m_log;

    bool open()
    {
        m_db = testing::openTestDatabase();
        if (!m_db.isValid())
            return false;
        m_session = testing::freshSession(m_db, testing::usersAndAddresses());
        m_session->addListener(&m_log);
        return true;
    }
    Object user(const QString &name)
    {
        Object u = m_session->create(u"User");
        u.set(u"name", name);
        return u;
    }
    Object address(const QString &email, const Object &owner)
    {
        Object a = m_session->create(u"Address");
        a.set(u"email", email);
        a.setReference(u"user", owner);
        return a;
    }
    // open() and seed(), then without the statement log when not `listened`.
    bool openSeeded(bool listened)
    {
        if (!open())
            return false;
        seed();
        if (!listened)
            m_session->removeListener(&m_log);
        return true;
    }
    // u1 with a1, u2 with a2, committed; the session is then fresh.
    void seed()
    {
        Object u1 = user(QStringLiteral("u1"));
        Object u2 = user(QStringLiteral("u2"));
        address(QStringLiteral("a1"), u1);
        address(QStringLiteral("a2"), u2);
        m_session->add(u1);
        m_session->add(u2);
        m_session->commit();
        m_session->expungeAll();
        m_log.clear();
    }
    // Steps that use objects a commit, rollback or expireAll() has just expired, with the
    // session's state after each group of them. Listened to, the session expires each object
    // as it goes; not, it defers the expiry to each object's next use.
    QList<QJsonObject> runAfterExpiries(bool listened)
    {
        m_session.reset(); // its transaction ends before the tables are made again
        m_session = testing::freshSession(m_db, testing::usersAndAddresses());
        if (listened)
            m_session->addListener(&m_log);
        ObjectNames names;
        QList<QJsonObject> states;
        auto snapshot = [&](const QString &step) {
            QJsonObject state = sessionSnapshot(*m_session, names);
            state.insert(QStringLiteral("step"), step);
            states.append(state);
        };
        Object u1 = user(QStringLiteral("u1"));
        Object u2 = user(QStringLiteral("u2"));
        Object u3 = user(QStringLiteral("u3"));
        Object a1 = address(QStringLiteral("a1"), u1);
        for (const auto &[alias, object] :
             {std::pair{"u1", u1}, {"u2", u2}, {"u3", u3}, {"a1", a1}})
            names.bind(QString::fromLatin1(alias), object);
        m_session->add(u1);
        m_session->add(u2);
        m_session->add(u3);
        m_session->commit();
        u1.set(u"name", QStringLiteral("u1 renamed")); // set before anything loads it
        m_session->expunge(u2);                        // leaves while still expired
        const QVariant email = a1.get(u"email");       // loads it again
        snapshot(QStringLiteral("set, expunge and load after a commit: ") + email.toString());

        m_session->add(u2); // back, still expired
        m_session->commit();
        QList<Object> added;
        for (int i = 0; i < 40; ++i) { // the identity map rehashes around the expired objects
            added.append(user(QStringLiteral("n%1").arg(i)));
            m_session->add(added.last());
        }
        m_session->flush();
        snapshot(QStringLiteral("objects added after a commit"));

        // The pool's expiry epoch has 256 values: u1, loaded and then left alone for 256
        // commits, must not look loaded when the epoch comes round to the one it had.
        for (int i = 0; i < 300; ++i) {
            u3.set(u"age", i);
            if (i == 300 - 256)
                u1.get(u"name");
            m_session->commit();
        }
        snapshot(QStringLiteral("300 commits"));

        u1.set(u"name", QStringLiteral("u1 again"));
        m_session->flush();
        m_session->rollback();
        u2.set(u"age", 7);
        snapshot(QStringLiteral("rollback"));

        m_session->expireAll();
        a1.setReference(u"user", u3);
        m_session->flush();
        snapshot(QStringLiteral("expireAll"));
        m_session->commit();
        // A recorder starting now must not see the expiry happen at its first step: only the
        // object loaded then is touched, not the one merely looked at.
        m_session->pool().setTracking(true);
        const bool modified = u2.state()->isModified();
        u1.get(u"name");
        const std::vector<ObjectState *> touched = m_session->pool().takeTouched();
        m_session->pool().setTracking(false);
        snapshot(QStringLiteral("tracking: %1 touched by a load, u2 modified: %2")
                     .arg(touched.size())
                     .arg(modified));
        return states;
    }
    static QString expectMessage(const std::function<void()> &f, ErrorKind kind)
    {
        try {
            f();
        } catch (const SessionError &error) {
            if (error.kind() != kind)
                return QStringLiteral("wrong kind: ") + errorKindName(error.kind());
            return error.message();
        }
        return QStringLiteral("no error");
    }

private slots:
    void initTestCase_data() { testing::addDatabaseRows(); }
    // A commit, rollback or expireAll() nobody listens to or records expires the identity map
    // without visiting its objects (ObjectPool::deferExpiry()). Nothing may tell the two apart.
    void deferredExpiryLooksLikeExpiry()
    {
        if (!open())
            return;
        m_session->removeListener(&m_log);
        const QList<QJsonObject> eager = runAfterExpiries(true);
        if (QTest::currentTestFailed())
            return;
        m_session->removeListener(&m_log);
        const QList<QJsonObject> deferred = runAfterExpiries(false);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(deferred.size(), eager.size());
        for (qsizetype i = 0; i < eager.size(); ++i) {
            const auto text = [](const QJsonObject &o) {
                return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Indented));
            };
            QCOMPARE(text(deferred[i]), text(eager[i]));
        }
        // What the steps must show, listened to or not.
        const QJsonObject first = eager.first()[u"objects"].toObject();
        QVERIFY2(first.contains(u"u2"), QJsonDocument(first).toJson().constData());
        QCOMPARE(first[u"u2"][u"state"].toString(), QStringLiteral("detached"));
        QVERIFY(!first[u"u2"][u"expired"].toArray().isEmpty());
        const QJsonObject wrapped = eager[2][u"objects"].toObject();
        QVERIFY(!wrapped[u"u1"][u"expired"].toArray().isEmpty()); // untouched since the wrap
        QCOMPARE(eager.last()[u"step"].toString(),
                 QStringLiteral("tracking: 1 touched by a load, u2 modified: 0"));
    }
    void cleanup()
    {
        if (m_session)
            m_session->removeListener(&m_log);
        m_session.reset();
        m_db = QSqlDatabase();
        testing::closeTestDatabases();
    }

    void failureAtEveryStatementOfAFlush_data()
    {
        QTest::addColumn<int>("failing"); // index into kFlush; -1: no failure
        QTest::newRow("none") << -1;
        for (int k = 0; k < int(kFlush.size()); ++k)
            QTest::newRow(qPrintable(QStringLiteral("statement %1 (%2 %3)")
                                         .arg(k + 1)
                                         .arg(kFlush[k].verb, kFlush[k].table)))
                << k;
    }

    void failureAtEveryStatementOfAFlush()
    {
        QFETCH(int, failing);
        if (!open())
            return;
        seed();
        const QStringList before = contents(m_db);
        if (failing >= 0)
            QVERIFY(injectFailure(m_db, kFlush[failing]));

        Object u1 = m_session->get(u"User", {1});
        Object a1 = m_session->get(u"Address", {1});
        Object a2 = m_session->get(u"Address", {2});
        Object u3 = user(QStringLiteral("u3"));
        u1.set(u"age", 41);
        a1.set(u"email", QStringLiteral("a1x"));
        Object a3 = address(QStringLiteral("a3"), u3);
        m_session->add(u3);
        m_session->deleteObject(a2);
        m_log.clear();

        if (failing < 0) {
            m_session->flush();
            // The flush under test is exactly these statements, in this order.
            QStringList shapes;
            for (const Expected &e : kFlush)
                shapes.append(e.verb + u' ' + e.table);
            QCOMPARE(m_log.shapes(true), shapes);
            return;
        }
        QString cause;
        try {
            m_session->flush();
            QFAIL("the injected failure did not happen");
        } catch (const SessionError &error) {
            cause = error.message();
        }
        QVERIFY2(cause.contains(u"injected failure"), qPrintable(cause));
        // Exactly the statements up to the failing one were sent.
        QCOMPARE(m_log.shapes(true).size(), failing + 1);

        // The database holds exactly what it held before the flush.
        QCOMPARE(contents(m_db), before);
        // Pending objects are transient again, with their values; the deleted one is back;
        // the changed ones are expired.
        QCOMPARE(u3.lifecycle(), Lifecycle::Transient);
        QCOMPARE(a3.lifecycle(), Lifecycle::Transient);
        QVERIFY(!u3.state()->hasIdentity());
        QCOMPARE(u3.get(u"name").toString(), QStringLiteral("u3"));
        QCOMPARE(a3.reference(u"user"), u3);
        QCOMPARE(a2.lifecycle(), Lifecycle::Persistent);
        QVERIFY(m_session->deletedObjects().isEmpty());
        QVERIFY(u1.state()->isFullyExpired());
        QVERIFY(a1.state()->isFullyExpired());
        QVERIFY(m_session->newObjects().isEmpty());
        QVERIFY(m_session->dirtyObjects().isEmpty());

        // Everything that needs the database refuses with the cause, every time.
        for (int attempt = 0; attempt < 2; ++attempt) {
            const QString refused =
                expectMessage([&] { m_session->query(u"User"); }, ErrorKind::PendingRollback);
            QVERIFY2(refused.contains(u"injected failure"), qPrintable(refused));
        }
        QCOMPARE(expectMessage([&] { u1.get(u"name"); }, ErrorKind::PendingRollback).isEmpty(),
                 false);
        m_session->rollback();
        QVERIFY(!m_session->inTransaction());
        QCOMPARE(u1.get(u"age"), QVariant());
        QCOMPARE(a1.get(u"email").toString(), QStringLiteral("a1"));
        QCOMPARE(contents(m_db), before);
    }

    void savepointRollbackRestoresWhatChangedInside()
    {
        if (!open())
            return;
        seed();
        Object u1 = m_session->get(u"User", {1});
        Object u2 = m_session->get(u"User", {2});
        Object a2 = m_session->get(u"Address", {2});
        u1.set(u"age", 10); // before the savepoint: flushed by begin_nested, kept
        m_session->beginNested();
        QCOMPARE(m_log.shapes(true), QStringList{QStringLiteral("UPDATE users")});
        QCOMPARE(m_session->nestedDepth(), 1);
        Object made = user(QStringLiteral("made"));
        m_session->add(made);
        m_session->deleteObject(a2);
        u2.set(u"age", 20);
        m_session->flush(); // the SAVEPOINT goes out with the first statement inside
        QVERIFY(m_log.shapes().contains(QStringLiteral("SAVEPOINT ")));
        QCOMPARE(a2.lifecycle(), Lifecycle::Deleted);
        m_session->rollbackSavepoint();
        QCOMPARE(m_session->nestedDepth(), 0);
        QVERIFY(m_session->inTransaction());
        QCOMPARE(made.lifecycle(), Lifecycle::Transient); // made pending inside
        QCOMPARE(a2.lifecycle(), Lifecycle::Persistent);  // deleted inside: back
        QVERIFY(!a2.state()->isFullyExpired());           // (not modified, so not expired)
        QVERIFY(u2.state()->isFullyExpired());            // modified inside: expired
        QVERIFY(!u1.state()->isFullyExpired());           // untouched inside: kept
        QCOMPARE(u1.get(u"age"), QVariant(qlonglong(10)));
        QCOMPARE(u2.get(u"age"), QVariant());
        m_session->commit();
        QCOMPARE(contents(m_db).size(), 4); // u1, u2, a1, a2
    }

    void releasedSavepointBelongsToTheOuterTransaction()
    {
        if (!open())
            return;
        seed();
        m_session->beginNested();
        m_session->beginNested();
        QCOMPARE(m_session->nestedDepth(), 2);
        Object inner = user(QStringLiteral("inner"));
        m_session->add(inner);
        m_session->releaseSavepoint();
        QCOMPARE(inner.lifecycle(), Lifecycle::Persistent);
        m_session->releaseSavepoint();
        QCOMPARE(m_session->nestedDepth(), 0);
        m_session->rollback(); // the outer rollback undoes the released savepoints too
        QCOMPARE(inner.lifecycle(), Lifecycle::Transient);
        QCOMPARE(contents(m_db).size(), 4);
    }

    // A rollback brings back an object whose flushed deletion it undoes, and it takes back
    // its place in the identity map from another one loaded under its key meanwhile; like
    // everything held there, it is then expired, listened to or not.
    void revertedDeletionTakesItsPlaceBack_data() { testing::addListenedRows(); }
    void revertedDeletionTakesItsPlaceBack()
    {
        QFETCH(bool, listened);
        if (!openSeeded(listened))
            return;
        Object lone = user(QStringLiteral("lone"));
        m_session->add(lone);
        m_session->commit();
        const QVariant id = lone.get(u"id");
        m_session->deleteObject(lone);
        m_session->flush();
        m_session->execute(QStringLiteral("INSERT INTO users (id, name) VALUES (?, 'other')"),
                           {id});
        const Object other = m_session->get(u"User", {id});
        QVERIFY(other.state() != lone.state());
        m_session->rollback();
        QVERIFY(m_session->membership(*lone.state()).identityMap);
        QVERIFY(!m_session->membership(*other.state()).identityMap);
        QVERIFY(lone.state()->isFullyExpired());
        QCOMPARE(m_session->get(u"User", {id}).state(), lone.state());
        QCOMPARE(lone.get(u"name"), QVariant(QStringLiteral("lone")));
    }
    // What a savepoint flushed and then released belongs to the savepoint around it: rolling
    // that one back expires it, listened to or not (without listeners the session keeps its
    // sets in bulk).
    void releasedSavepointIsUndoneByTheOneAroundIt_data() { testing::addListenedRows(); }
    void releasedSavepointIsUndoneByTheOneAroundIt()
    {
        QFETCH(bool, listened);
        if (!openSeeded(listened))
            return;
        Object u1 = m_session->get(u"User", {1});
        Object u2 = m_session->get(u"User", {2});
        QCOMPARE(u2.get(u"name"), QVariant(QStringLiteral("u2")));
        m_session->beginNested();
        m_session->beginNested();
        u1.set(u"age", 30);
        Object made = user(QStringLiteral("made"));
        m_session->add(made);
        m_session->flush();
        m_session->releaseSavepoint();
        QCOMPARE(m_session->nestedDepth(), 1);
        QVERIFY(!u1.state()->isFullyExpired());
        m_session->rollbackSavepoint();
        QVERIFY(u1.state()->isFullyExpired());  // flushed with a change inside: expired
        QVERIFY(!u2.state()->isFullyExpired()); // untouched inside: kept
        QCOMPARE(made.lifecycle(), Lifecycle::Transient);
        QCOMPARE(u1.get(u"age"), QVariant());
        m_session->commit();
        QCOMPARE(contents(m_db).size(), 4); // u1, u2, a1, a2
    }

    void commitAndRollbackWithSavepointsOpen()
    {
        if (!open())
            return;
        seed();
        m_session->beginNested();
        Object kept = user(QStringLiteral("kept"));
        m_session->add(kept);
        m_session->beginNested();
        Object also = user(QStringLiteral("also"));
        m_session->add(also);
        m_session->commit(); // releases both savepoints, then commits
        QVERIFY(!m_session->inTransaction());
        QCOMPARE(contents(m_db).size(), 6);

        m_session->beginNested();
        Object gone = user(QStringLiteral("gone"));
        m_session->add(gone);
        m_session->flush();
        m_session->rollback(); // rolls back the savepoint, then everything
        QVERIFY(!m_session->inTransaction());
        QCOMPARE(gone.lifecycle(), Lifecycle::Transient);
        QCOMPARE(contents(m_db).size(), 6);
    }

    void failureInsideASavepointUndoesOnlyIt()
    {
        if (!open())
            return;
        seed();
        Object early = user(QStringLiteral("early"));
        m_session->add(early);
        m_session->beginNested();
        Object duplicate = user(QStringLiteral("u1")); // UNIQUE(name)
        m_session->add(duplicate);
        QCOMPARE(expectMessage([&] { m_session->flush(); }, ErrorKind::Integrity).isEmpty(), false);
        QCOMPARE(duplicate.lifecycle(), Lifecycle::Transient);
        QCOMPARE(early.lifecycle(), Lifecycle::Persistent); // flushed before the savepoint
        QCOMPARE(
            expectMessage([&] { m_session->query(u"User"); }, ErrorKind::PendingRollback).isEmpty(),
            false);
        m_session->rollbackSavepoint(); // the outer transaction goes on
        QCOMPARE(m_session->query(u"User").size(), 3);
        m_session->commit();
        QCOMPARE(contents(m_db).size(), 5);
    }

    // A row a failing flush wrote before the failure gave its object a key, which the object
    // keeps through the rollback (SQLAlchemy leaves it in the object's dictionary): adding it
    // again inserts that key. PostgreSQL writes a batch of rows in one INSERT ... RETURNING,
    // whole or not at all, so there no row of the failing batch has a key to keep.
    void keysGivenByAFailedFlushStay_data() { testing::addListenedRows(); }
    void keysGivenByAFailedFlushStay()
    {
        QFETCH(bool, listened);
        if (!openSeeded(listened))
            return;
        const bool batched = testing::currentDatabaseKind() == u"postgresql";
        // Enough rows for a shared statement where one can be used; u1 at the end breaks
        // UNIQUE(name).
        QList<Object> fresh;
        for (int i = 1; i <= 20; ++i) {
            fresh.append(user(i < 20 ? QStringLiteral("n%1").arg(i) : QStringLiteral("u1")));
            m_session->add(fresh.last());
        }
        QCOMPARE(expectMessage([&] { m_session->flush(); }, ErrorKind::Integrity).isEmpty(), false);
        m_session->rollback();
        for (qsizetype i = 0; i < fresh.size(); ++i) {
            QCOMPARE(fresh[i].lifecycle(), Lifecycle::Transient);
            // PostgreSQL: the 20 rows go as statements of 16 and 4 rows; the second fails.
            const bool written = i < (batched ? 16 : 19);
            QCOMPARE(fresh[i].state()->isLoaded(0), written);
            if (written) // after u1 and u2
                QCOMPARE(fresh[i].get(u"id").toLongLong(), qlonglong(3 + i));
        }
        // A row takes n2's key meanwhile: adding n2 again inserts its key, and fails.
        QVERIFY(exec(m_db, QStringLiteral("INSERT INTO users (id, name) VALUES (4, 'zed')")));
        m_session->add(fresh[1]);
        QCOMPARE(expectMessage([&] { m_session->flush(); }, ErrorKind::Integrity).isEmpty(), false);
        m_session->rollback();
        QCOMPARE(fresh[1].get(u"id").toLongLong(), 4);
        if (batched) { // n17 had no key to keep: it gets a new one
            m_session->add(fresh[16]);
            m_session->commit();
            QCOMPARE(fresh[16].lifecycle(), Lifecycle::Persistent);
        }
    }

    // What traces and the inspector show between operations (Session::transactionStatus()).
    void transactionStatusFollowsTheStateMachine()
    {
        if (!open())
            return;
        seed();
        QCOMPARE(m_session->transactionStatus(), TransactionStatus::Inactive);
        QVERIFY(!m_session->rollbackCause());
        m_session->add(user(QStringLiteral("fresh")));
        QCOMPARE(m_session->transactionStatus(), TransactionStatus::Active);
        m_session->add(user(QStringLiteral("u1"))); // UNIQUE(name)
        QCOMPARE(expectMessage([&] { m_session->flush(); }, ErrorKind::Integrity).isEmpty(), false);
        QCOMPARE(m_session->transactionStatus(), TransactionStatus::NeedsRollback);
        QVERIFY(m_session->rollbackCause());
        QCOMPARE(m_session->rollbackCause()->kind(), ErrorKind::Integrity);
        m_session->rollback();
        QCOMPARE(m_session->transactionStatus(), TransactionStatus::Inactive);
        QVERIFY(!m_session->rollbackCause());

        // A failure inside a savepoint: the savepoint needs the rollback, not the transaction.
        m_session->beginNested();
        m_session->add(user(QStringLiteral("u2")));
        QCOMPARE(expectMessage([&] { m_session->flush(); }, ErrorKind::Integrity).isEmpty(), false);
        QCOMPARE(m_session->transactionStatus(), TransactionStatus::NeedsRollback);
        QCOMPARE(m_session->transaction()->state(), TransactionState::Active);
        m_session->rollbackSavepoint();
        QCOMPARE(m_session->transactionStatus(), TransactionStatus::Active);
        m_session->close();
        QCOMPARE(m_session->transactionStatus(), TransactionStatus::Closed);
        m_session->query(u"User"); // the next use begins a new transaction
        QCOMPARE(m_session->transactionStatus(), TransactionStatus::Active);
        m_session->commit();
        QCOMPARE(m_session->transactionStatus(), TransactionStatus::Inactive);
        for (TransactionStatus status :
             {TransactionStatus::Inactive, TransactionStatus::Active,
              TransactionStatus::NeedsRollback, TransactionStatus::Closed})
            QCOMPARE(transactionStatusNamed(transactionStatusName(status)), status);
        QVERIFY(!transactionStatusNamed(u"aborted"));
    }

    // A table whose foreign key is checked at COMMIT, on SQLite and PostgreSQL alike.
    bool addDeferredAudit()
    {
        const bool sqlite = m_db.driverName() == u"QSQLITE";
        return exec(m_db, QStringLiteral("DROP TABLE IF EXISTS audit")) &&
               exec(m_db, QStringLiteral("CREATE TABLE audit (id %1 PRIMARY KEY, user_id INTEGER "
                                         "REFERENCES users(id) DEFERRABLE INITIALLY DEFERRED)")
                              .arg(sqlite ? u"INTEGER" : u"SERIAL"));
    }
    QString auditRows()
    {
        QSqlQuery query(m_db);
        if (!query.exec(QStringLiteral("SELECT count(*) FROM audit")) || !query.next())
            return query.lastError().text();
        return query.value(0).toString();
    }

    // A COMMIT the database refuses is not a commit: the session needs a rollback, refuses
    // everything else with the cause, and rollback() undoes the transaction in the database
    // and in the session (SQLAlchemy leaves the flushed objects as they were until then).
    void failedCommitNeedsRollback()
    {
        if (!open())
            return;
        seed();
        QVERIFY(addDeferredAudit());
        const QStringList before = contents(m_db);
        Object fresh = user(QStringLiteral("fresh"));
        m_session->add(fresh);
        m_session->execute(QStringLiteral("INSERT INTO audit (user_id) VALUES (999)"));
        const QString message = expectMessage([&] { m_session->commit(); }, ErrorKind::Integrity);
        QVERIFY2(message.startsWith(u"COMMIT failed: "), qPrintable(message));
        QCOMPARE(m_session->transactionStatus(), TransactionStatus::NeedsRollback);
        QCOMPARE(m_session->rollbackCause()->kind(), ErrorKind::Integrity);
        QCOMPARE(fresh.lifecycle(), Lifecycle::Persistent); // as the flush left it
        const QVariant freshKey = fresh.get(u"id");
        QVERIFY(freshKey.isValid());
        // Everything is refused with the cause, a second commit first of all.
        for (const auto &attempt : std::initializer_list<std::function<void()>>{
                 [&] { m_session->commit(); }, [&] { m_session->query(u"User"); },
                 [&] { m_session->execute(QStringLiteral("SELECT 1")); }}) {
            const QString refused = expectMessage(attempt, ErrorKind::PendingRollback);
            QVERIFY2(refused.contains(u"COMMIT failed"), qPrintable(refused));
        }
        m_session->rollback();
        QCOMPARE(m_session->transactionStatus(), TransactionStatus::Inactive);
        QCOMPARE(contents(m_db), before);
        QCOMPARE(auditRows(), QStringLiteral("0"));
        // The object is transient again and keeps its values, the generated key included.
        QCOMPARE(fresh.lifecycle(), Lifecycle::Transient);
        QCOMPARE(fresh.get(u"id"), freshKey);
        // A retry without the bad row commits.
        m_session->add(fresh);
        m_session->commit();
        QCOMPARE(contents(m_db).size(), before.size() + 1);
        QVERIFY(exec(m_db, QStringLiteral("DROP TABLE audit")));
    }

    // RELEASE SAVEPOINT that fails (here: raw SQL released the savepoint behind the session's
    // back) leaves the savepoint needing a rollback; rolling it back cannot work either, so the
    // whole transaction must roll back, which restores the database.
    void failedReleaseNeedsRollback()
    {
        if (!open())
            return;
        seed();
        const QStringList before = contents(m_db);
        m_session->add(user(QStringLiteral("outer")));
        m_session->beginNested();
        m_session->add(user(QStringLiteral("inner")));
        m_session->flush();
        const QString name = m_session->nestedTransaction()->savepointName();
        m_session->execute(QStringLiteral("RELEASE SAVEPOINT %1").arg(name));
        const QString message =
            expectMessage([&] { m_session->releaseSavepoint(); }, ErrorKind::Operational);
        QVERIFY2(message.contains(name), qPrintable(message));
        QCOMPARE(m_session->transactionStatus(), TransactionStatus::NeedsRollback);
        QCOMPARE(m_session->nestedDepth(), 1);
        QCOMPARE(expectMessage([&] { m_session->query(u"User"); }, ErrorKind::PendingRollback)
                     .contains(name),
                 true);
        QCOMPARE(expectMessage([&] { m_session->rollbackSavepoint(); }, ErrorKind::Operational)
                     .isEmpty(),
                 false);
        // The savepoint is gone, and the transaction it was in needs the rollback now.
        QCOMPARE(m_session->nestedDepth(), 0);
        QCOMPARE(m_session->transactionStatus(), TransactionStatus::NeedsRollback);
        m_session->rollback();
        QCOMPARE(m_session->transactionStatus(), TransactionStatus::Inactive);
        QCOMPARE(contents(m_db), before);
        QCOMPARE(m_session->query(u"User").size(), 2);
    }

    // A raw statement that fails: on PostgreSQL the transaction cannot go on, so the session
    // is left as after a failed flush; on SQLite only the statement is undone.
    void failedRawStatement()
    {
        if (!open())
            return;
        seed();
        const QStringList before = contents(m_db);
        Object fresh = user(QStringLiteral("fresh"));
        m_session->add(fresh);
        m_session->flush();
        QCOMPARE(expectMessage(
                     [&] {
                         m_session->execute(QStringLiteral("SELECT nothing FROM "
                                                           "users"));
                     },
                     ErrorKind::Operational)
                     .isEmpty(),
                 false);
        if (testing::currentDatabaseKind() == u"postgresql") {
            QCOMPARE(m_session->transactionStatus(), TransactionStatus::NeedsRollback);
            QCOMPARE(fresh.lifecycle(), Lifecycle::Transient);
            QCOMPARE(expectMessage([&] { m_session->query(u"User"); }, ErrorKind::PendingRollback)
                         .contains(u"nothing"),
                     true);
            m_session->rollback();
            QCOMPARE(contents(m_db), before);
        } else {
            QCOMPARE(m_session->transactionStatus(), TransactionStatus::Active);
            QCOMPARE(fresh.lifecycle(), Lifecycle::Persistent);
            m_session->commit();
            QCOMPARE(contents(m_db).size(), before.size() + 1);
        }
    }

    // Raw SQL that ends the transaction behind the session's back: rollback() finds nothing
    // to roll back, says nothing, and the session goes on with a new transaction.
    void rollbackAfterTheTransactionEndedBehindItsBack()
    {
        if (!open())
            return;
        seed();
        Object fresh = user(QStringLiteral("fresh"));
        m_session->add(fresh);
        m_session->flush();
        m_session->execute(QStringLiteral("COMMIT"));
        m_session->rollback();
        QCOMPARE(m_session->transactionStatus(), TransactionStatus::Inactive);
        QCOMPARE(fresh.lifecycle(), Lifecycle::Transient); // the session's rules, not the row's
        QCOMPARE(m_session->query(u"User").size(), 3);     // the raw COMMIT kept it
        m_session->commit();
    }

    // PostgreSQL prepares only SELECT, INSERT, UPDATE, DELETE and VALUES: other raw statements
    // go unprepared, and a value for one of them is refused.
    void unpreparableStatementsRunDirectly()
    {
        if (!open())
            return;
        seed();
        const bool postgresql = testing::currentDatabaseKind() == u"postgresql";
        m_session->execute(postgresql ? QStringLiteral("SET LOCAL statement_timeout = 5000")
                                      : QStringLiteral("PRAGMA cache_size = 1000"));
        m_session->execute(QStringLiteral("ALTER TABLE users ADD COLUMN note TEXT"));
        QStringList shown;
        m_session->execute(postgresql ? QStringLiteral("SHOW statement_timeout")
                                      : QStringLiteral("PRAGMA cache_size"),
                           {},
                           [&](const Statement &row) { shown.append(row.value(0).toString()); });
        QCOMPARE(shown, QStringList{postgresql ? u"5s"_s : u"1000"_s});
        QCOMPARE(m_session->query(u"User").size(), 2);
        if (postgresql) {
            QCOMPARE(expectMessage(
                         [&] {
                             m_session->execute(QStringLiteral("SET LOCAL "
                                                               "work_mem = ?"),
                                                {QStringLiteral("8MB")});
                         },
                         ErrorKind::Operational)
                         .contains(u"no parameters"),
                     true);
        }
        m_session->rollback();
    }

    void refusedTransitionsChangeNothing()
    {
        if (!open())
            return;
        QCOMPARE(expectMessage([&] { m_session->releaseSavepoint(); }, ErrorKind::InvalidRequest),
                 QStringLiteral("there is no savepoint to release"));
        QCOMPARE(expectMessage([&] { m_session->rollbackSavepoint(); }, ErrorKind::InvalidRequest),
                 QStringLiteral("there is no savepoint to roll back"));
        QVERIFY(!m_session->inTransaction());
        m_session->beginNested();
        QCOMPARE(m_session->transaction()->state(), TransactionState::Active);
        QVERIFY(m_session->nestedTransaction()->isNested());
        QCOMPARE(m_session->nestedTransaction()->parent(), m_session->transaction());
        QVERIFY(m_session->inNestedTransaction());
        m_session->rollback();
        QVERIFY(!m_session->inNestedTransaction());
        QVERIFY(!m_session->transaction());
    }

    void closeResetAndInvalidate()
    {
        if (!open())
            return;
        seed();
        Object u1 = m_session->get(u"User", {1});
        Object fresh = user(QStringLiteral("fresh"));
        m_session->add(fresh);
        m_session->flush();
        m_session->close(); // everything expunged, the transaction rolled back
        QCOMPARE(u1.lifecycle(), Lifecycle::Detached);
        QCOMPARE(fresh.lifecycle(), Lifecycle::Detached);
        QVERIFY(!m_session->inTransaction());
        QVERIFY(m_session->identityMapObjects().isEmpty());
        QCOMPARE(contents(m_db).size(), 4);
        // The session is usable again, and get() builds a new object for the row.
        Object again = m_session->get(u"User", {1});
        QVERIFY(again && again != u1);
        m_session->reset();
        QCOMPARE(again.lifecycle(), Lifecycle::Detached);
        if (testing::currentDatabaseKind() == u"postgresql") {
            m_session->get(u"User", {1});
            m_session->invalidate(); // a new connection; the database keeps its rows
            QCOMPARE(m_session->query(u"User").size(), 2);
        }
    }

    // A COMMIT that waits for a lock longer than the busy timeout: the error says the database
    // is busy, nothing is written, and after rollback() a retry works.
    void busyCommitLosesNothing()
    {
        if (testing::currentDatabaseKind() != u"sqlite")
            QSKIP("a busy database file is a SQLite scenario");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString file = dir.filePath(QStringLiteral("busy.db"));
        QSqlDatabase writer = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), u"writer"_s);
        writer.setDatabaseName(file);
        writer.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=100"));
        QVERIFY(writer.open());
        QSqlDatabase reader = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), u"reader"_s);
        reader.setDatabaseName(file);
        QVERIFY(reader.open());
        {
            Session session(writer, testing::usersAndAddresses());
            session.createTables();
            Object ann = session.create(u"User");
            ann.set(u"name", QStringLiteral("ann"));
            session.add(ann);
            session.flush();
            // The other connection reads inside a transaction: its shared lock keeps the
            // writer from committing.
            QVERIFY(exec(reader, QStringLiteral("BEGIN")));
            QSqlQuery read(reader);
            QVERIFY(read.exec(QStringLiteral("SELECT count(*) FROM users")) && read.next());
            QCOMPARE(read.value(0).toInt(), 0);
            const QString message =
                expectMessage([&] { session.commit(); }, ErrorKind::Operational);
            QVERIFY2(message.contains(u"busy"), qPrintable(message));
            QCOMPARE(session.transactionStatus(), TransactionStatus::NeedsRollback);
            read.finish();
            QVERIFY(exec(reader, QStringLiteral("COMMIT")));
            session.rollback();
            QCOMPARE(ann.lifecycle(), Lifecycle::Transient);
            QCOMPARE(ann.get(u"name").toString(), QStringLiteral("ann"));
            QVERIFY(read.exec(QStringLiteral("SELECT count(*) FROM users")) && read.next());
            QCOMPARE(read.value(0).toInt(), 0);
            read.finish();
            session.add(ann);
            session.commit();
            QVERIFY(read.exec(QStringLiteral("SELECT name FROM users")) && read.next());
            QCOMPARE(read.value(0).toString(), QStringLiteral("ann"));
        }
        writer.close();
        reader.close();
        writer = reader = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"writer"_s);
        QSqlDatabase::removeDatabase(u"reader"_s);
    }

    void lostConnectionDuringFlush()
    {
        if (testing::currentDatabaseKind() != u"postgresql")
            QSKIP("losing the server connection is a PostgreSQL scenario");
        if (!open())
            return;
        seed();
        const QStringList before = contents(m_db);
        Object u1 = m_session->get(u"User", {1}); // the session's connection is in use
        QSqlQuery pid(m_db);
        QVERIFY(pid.exec(QStringLiteral("SELECT pg_backend_pid()")) && pid.next());
        const qlonglong backend = pid.value(0).toLongLong();
        // Another connection ends ours, as a server restart or a network failure would.
        QSqlDatabase other = testing::openTestDatabase();
        QVERIFY(exec(other, QStringLiteral("SELECT pg_terminate_backend(%1)").arg(backend)));
        u1.set(u"age", 99);
        Object extra = user(QStringLiteral("extra"));
        m_session->add(extra);
        QCOMPARE(expectMessage([&] { m_session->flush(); }, ErrorKind::Operational).isEmpty(),
                 false);
        QCOMPARE(extra.lifecycle(), Lifecycle::Transient);
        QCOMPARE(
            expectMessage([&] { m_session->query(u"User"); }, ErrorKind::PendingRollback).isEmpty(),
            false);
        m_session->invalidate(); // drop the dead connection and start over
        QCOMPARE(m_session->query(u"User").size(), 2);
        QCOMPARE(contents(other), before);
    }
};

QTEST_GUILESS_MAIN(TestTransactions)
#include "tst_transactions.moc"
