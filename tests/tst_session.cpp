// The Session: lifecycle, identity map, loading, transactions and failures, on every configured
// database. Expected behaviour is SQLAlchemy 1.4's in future mode.

#include "testdatabase.h"

#include "support/error.h"

#include <QSqlQuery>
#include <QTest>

using namespace sessionscope;

namespace {

// Every kind of event, as one readable line each, in order.
class EventTrail final : public SessionListener
{
public:
    void afterBegin(Session &) override { lines.append(QStringLiteral("after_begin")); }
    void beforeFlush(Session &) override { lines.append(QStringLiteral("before_flush")); }
    void afterFlush(Session &) override { lines.append(QStringLiteral("after_flush")); }
    void afterFlushPostexec(Session &) override
    {
        lines.append(QStringLiteral("after_flush_postexec"));
    }
    void beforeCommit(Session &) override { lines.append(QStringLiteral("before_commit")); }
    void afterCommit(Session &) override { lines.append(QStringLiteral("after_commit")); }
    void afterRollback(Session &) override { lines.append(QStringLiteral("after_rollback")); }
    void afterSoftRollback(Session &) override
    {
        lines.append(QStringLiteral("after_soft_rollback"));
    }
    void lifecycleChanged(Session &, ObjectState &, LifecycleTransition t) override
    {
        lines.append(transitionName(t));
    }
    void statementExecuted(Session &, const StatementEvent &event) override
    {
        lines.append(event.verb + u' ' + event.table);
        statements.append(event);
    }
    void attributeChanged(Session &, const AttributeEvent &event) override
    {
        attributes.append(event);
    }
    QStringList lines;
    QList<StatementEvent> statements;
    QList<AttributeEvent> attributes;
};

class LifecycleLog final : public SessionListener
{
public:
    void lifecycleChanged(Session &, ObjectState &state, LifecycleTransition t) override
    {
        entries.append(state.entity().name() + u' ' + transitionName(t));
    }
    void operationStarted(Session &, const OperationInfo &info) override
    {
        operations.append(operationName(info.kind));
    }
    void operationFinished(Session &, const OperationInfo &info, const SessionError *error) override
    {
        finished.append(operationName(info.kind) + (error ? QStringLiteral(" failed") : QString()));
    }
    void afterBegin(Session &) override { entries.append(QStringLiteral("after_begin")); }
    void afterCommit(Session &) override { entries.append(QStringLiteral("after_commit")); }
    void afterRollback(Session &) override { entries.append(QStringLiteral("after_rollback")); }
    QStringList entries;
    QStringList operations;
    QStringList finished;
};

qlonglong countRows(QSqlDatabase db, const QString &table)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM \"%1\"").arg(table)) || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

} // namespace

class TestSession : public QObject
{
    Q_OBJECT

private:
    QSqlDatabase m_db;
    std::unique_ptr<Session> m_session;
    testing::StatementLog m_log;

    bool open(Cascade cascade = kDefaultCascade, SessionOptions options = {},
              bool withVersion = false)
    {
        m_db = testing::openTestDatabase();
        if (!m_db.isValid())
            return false;
        m_session =
            testing::freshSession(m_db, testing::usersAndAddresses(cascade, withVersion), options);
        m_session->addListener(&m_log);
        m_log.clear();
        return true;
    }
    Object user(const QString &name)
    {
        Object u = m_session->create(QStringLiteral("User"));
        u.set(QStringLiteral("name"), name);
        return u;
    }
    Object address(const QString &email)
    {
        Object a = m_session->create(QStringLiteral("Address"));
        a.set(QStringLiteral("email"), email);
        return a;
    }
    // Adds users with addresses and commits; returns the users.
    QList<Object> seed(int users, int addressesEach)
    {
        QList<Object> out;
        for (int i = 0; i < users; ++i) {
            Object u = user(QStringLiteral("user%1").arg(i));
            for (int j = 0; j < addressesEach; ++j)
                u.append(QStringLiteral("addresses"),
                         address(QStringLiteral("a%1.%2").arg(i).arg(j)));
            m_session->add(u);
            out.append(u);
        }
        m_session->commit();
        m_log.clear();
        return out;
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

    void lifecycleThroughAddFlushCommit()
    {
        if (!open())
            return;
        LifecycleLog events;
        m_session->addListener(&events);
        Object u = user(QStringLiteral("ann"));
        QCOMPARE(u.lifecycle(), Lifecycle::Transient);
        QVERIFY(!m_session->inTransaction());
        m_session->add(u);
        QCOMPARE(u.lifecycle(), Lifecycle::Pending);
        QVERIFY(m_session->inTransaction()); // add begins the session transaction
        QCOMPARE(m_session->newObjects(), QList<Object>{u});
        m_session->flush();
        QCOMPARE(u.lifecycle(), Lifecycle::Persistent);
        QCOMPARE(u.state()->key(), QVariantList{qlonglong(1)});
        m_session->commit();
        QVERIFY(!m_session->inTransaction());
        QCOMPARE(u.lifecycle(), Lifecycle::Persistent);
        QCOMPARE(events.entries, (QStringList{QStringLiteral("User transient_to_pending"),
                                              QStringLiteral("after_begin"),
                                              QStringLiteral("User pending_to_persistent"),
                                              QStringLiteral("after_commit")}));
        QCOMPARE(events.operations,
                 (QStringList{QStringLiteral("new"), QStringLiteral("set"), QStringLiteral("add"),
                              QStringLiteral("flush"), QStringLiteral("commit")}));
        m_session->removeListener(&events);
    }

    void eventsOfAFlushAndACommit()
    {
        if (!open())
            return;
        EventTrail trail;
        m_session->addListener(&trail);
        Object u = user(QStringLiteral("ann"));
        u.set(QStringLiteral("age"), 30);
        u.set(QStringLiteral("age"), 31);
        m_session->add(u);
        m_session->commit();
        QCOMPARE(
            trail.lines,
            (QStringList{QStringLiteral("transient_to_pending"), QStringLiteral("before_commit"),
                         QStringLiteral("before_flush"), QStringLiteral("after_begin"),
                         QStringLiteral("INSERT users"), QStringLiteral("after_flush"),
                         QStringLiteral("pending_to_persistent"),
                         QStringLiteral("after_flush_postexec"), QStringLiteral("after_commit")}));
        // Statements carry their text, bound parameters and what they did.
        const StatementEvent &insert = trail.statements.first();
        QCOMPARE(insert.sql,
                 QStringLiteral("INSERT INTO \"users\" (\"name\", \"age\") VALUES (?, ?) "
                                "RETURNING \"id\""));
        QCOMPARE(insert.rows, (QList<QVariantList>{{QStringLiteral("ann"), qlonglong(31)}}));
        QCOMPARE(insert.rowCount, 1);
        QVERIFY(insert.durationNs > 0);
        QVERIFY(insert.error.isEmpty());
        // Attribute events carry the old value when it was known.
        QCOMPARE(trail.attributes.size(), 3);
        const AttributeEvent &second = trail.attributes[2];
        QCOMPARE(second.op, AttributeOp::Replace);
        QCOMPARE(second.value, QVariant(qlonglong(31)));
        QVERIFY(second.oldValueKnown);
        QCOMPARE(second.oldValue, QVariant(qlonglong(30)));
        QVERIFY(!trail.attributes[1].oldValueKnown); // age had no value before

        trail.lines.clear();
        u.set(QStringLiteral("name"), QStringLiteral("bob"));
        m_session->rollback();
        QCOMPARE(trail.lines, (QStringList{QStringLiteral("after_rollback"),
                                           QStringLiteral("after_soft_rollback")}));
        m_session->removeListener(&trail);
    }

    void failedStatementIsReported()
    {
        if (!open())
            return;
        EventTrail trail;
        m_session->addListener(&trail);
        QVERIFY_THROWS_EXCEPTION(SessionError, m_session->execute(QStringLiteral("SELEKT 1")));
        QCOMPARE(trail.statements.size(), 1);
        QVERIFY(!trail.statements.first().error.isEmpty());
        m_session->removeListener(&trail);
    }

    void deletedThenDetachedOnCommit()
    {
        if (!open())
            return;
        Object u = seed(1, 0).first();
        m_session->deleteObject(u);
        QCOMPARE(u.lifecycle(), Lifecycle::Persistent); // marked, not yet flushed
        QCOMPARE(m_session->deletedObjects(), QList<Object>{u});
        m_session->flush();
        QCOMPARE(u.lifecycle(), Lifecycle::Deleted);
        QVERIFY(m_session->identityMapObjects().isEmpty());
        m_session->commit();
        QCOMPARE(u.lifecycle(), Lifecycle::Detached);
        QCOMPARE(countRows(m_db, QStringLiteral("users")), 0);
    }

    void identityMapGivesOneObjectPerRow()
    {
        if (!open())
            return;
        seed(2, 0);
        Object first = m_session->get(u"User", {1});
        QVERIFY(first);
        m_log.clear();
        Object again = m_session->get(u"User", {qlonglong(1)});
        QCOMPARE(again, first);
        QVERIFY(m_log.statements().isEmpty()); // identity map hit: no SQL
        const QList<Object> all = m_session->query(u"User");
        QCOMPARE(all.size(), 2);
        QCOMPARE(all.first(), first);
        QVERIFY(!m_session->get(u"User", {99})); // a miss that finds nothing
        QCOMPARE(m_log.shapes().last(), QStringLiteral("SELECT users"));
    }

    void getOfExpiredObjectWhoseRowIsGone()
    {
        if (!open())
            return;
        seed(1, 0);
        Object u = m_session->get(u"User", {1});
        m_session->commit(); // expires u
        m_session->execute(QStringLiteral("DELETE FROM users"));
        QVERIFY(!m_session->get(u"User", {1}));
        QCOMPARE(u.lifecycle(), Lifecycle::Deleted);
    }

    void queryFiltersAndAutoflushes()
    {
        if (!open())
            return;
        seed(3, 0);
        Object pending = user(QStringLiteral("zed"));
        pending.set(QStringLiteral("age"), 40);
        m_session->add(pending);
        const QList<Object> found = m_session->query(u"User", {{QStringLiteral("age"), 40}});
        QCOMPARE(found, QList<Object>{pending}); // flushed first, then found
        QCOMPARE(m_log.shapes(),
                 (QStringList{QStringLiteral("INSERT users"), QStringLiteral("SELECT users")}));
        QCOMPARE(m_session->query(u"User", {{QStringLiteral("age"), QVariant()}}).size(), 3);
    }

    void queryWithoutAutoflush()
    {
        SessionOptions options;
        options.autoflush = false;
        if (!open(kDefaultCascade, options))
            return;
        Object u = user(QStringLiteral("ann"));
        m_session->add(u);
        QVERIFY(m_session->query(u"User").isEmpty());
        QCOMPARE(u.lifecycle(), Lifecycle::Pending);
    }

    void filterByReference()
    {
        if (!open())
            return;
        const QList<Object> users = seed(2, 2);
        const QList<Object> found = m_session->query(
            u"Address", {{QStringLiteral("user"), referenceValue(users[1].state())}});
        QCOMPARE(found.size(), 2);
        for (const Object &a : found)
            QCOMPARE(a.reference(QStringLiteral("user")), users[1]);
    }

    void expireOnCommitAndReload()
    {
        if (!open())
            return;
        Object u = seed(1, 0).first();
        QVERIFY(!u.isLoaded(QStringLiteral("name")));
        QCOMPARE(u.get(QStringLiteral("name")).toString(), QStringLiteral("user0"));
        QCOMPARE(m_log.shapes(), QStringList{QStringLiteral("SELECT users")});
        QVERIFY(u.isLoaded(QStringLiteral("name")));
    }

    void noExpireOnCommit()
    {
        SessionOptions options;
        options.expireOnCommit = false;
        if (!open(kDefaultCascade, options))
            return;
        Object u = seed(1, 0).first();
        QVERIFY(u.isLoaded(QStringLiteral("name")));
        QCOMPARE(u.get(QStringLiteral("name")).toString(), QStringLiteral("user0"));
        QVERIFY(m_log.statements().isEmpty());
    }

    void lazyLoadsBothDirections()
    {
        if (!open())
            return;
        seed(1, 2);
        Object u = m_session->get(u"User", {1});
        m_log.clear();
        const QList<Object> addresses = u.collection(QStringLiteral("addresses"));
        QCOMPARE(addresses.size(), 2);
        QCOMPARE(m_log.shapes(), QStringList{QStringLiteral("SELECT addresses")});
        m_log.clear();
        // The parent is in the identity map: the reference needs no SQL.
        QCOMPARE(addresses.first().reference(QStringLiteral("user")), u);
        QVERIFY(m_log.statements().isEmpty());
    }

    void rollbackRestoresEveryState()
    {
        if (!open())
            return;
        const QList<Object> users = seed(2, 0);
        Object kept = users[0];
        Object doomed = users[1];
        kept.set(QStringLiteral("age"), 5);
        m_session->deleteObject(doomed);
        Object inserted = user(QStringLiteral("new"));
        m_session->add(inserted);
        m_session->flush();
        Object pending = user(QStringLiteral("pending"));
        m_session->add(pending);
        QCOMPARE(doomed.lifecycle(), Lifecycle::Deleted);
        QCOMPARE(inserted.lifecycle(), Lifecycle::Persistent);

        m_session->rollback();
        QCOMPARE(inserted.lifecycle(), Lifecycle::Transient); // its INSERT is undone
        QVERIFY(!inserted.state()->hasIdentity());
        QCOMPARE(pending.lifecycle(), Lifecycle::Transient);
        QCOMPARE(pending.get(QStringLiteral("name")).toString(), QStringLiteral("pending"));
        QCOMPARE(doomed.lifecycle(), Lifecycle::Persistent); // deletion reverted
        QVERIFY(kept.state()->isFullyExpired());             // changes discarded
        QVERIFY(!m_session->inTransaction());
        QCOMPARE(kept.get(QStringLiteral("age")), QVariant());
        QCOMPARE(countRows(m_db, QStringLiteral("users")), 2);
    }

    void failedFlushNeedsRollback()
    {
        if (!open())
            return;
        seed(1, 0);
        Object duplicate = user(QStringLiteral("user0")); // violates UNIQUE(name)
        Object fine = user(QStringLiteral("fine"));
        m_session->add(fine);
        m_session->add(duplicate);
        try {
            m_session->flush();
            QFAIL("expected an integrity error");
        } catch (const SessionError &error) {
            QCOMPARE(error.kind(), ErrorKind::Integrity);
        }
        // Until rollback(), everything that needs the database refuses with the cause.
        for (int attempt = 0; attempt < 2; ++attempt) {
            try {
                m_session->query(u"User");
                QFAIL("expected pending_rollback");
            } catch (const SessionError &error) {
                QCOMPARE(error.kind(), ErrorKind::PendingRollback);
                QVERIFY(error.cause());
                QCOMPARE(error.cause()->kind(), ErrorKind::Integrity);
            }
        }
        QVERIFY_THROWS_EXCEPTION(SessionError, m_session->commit());
        QVERIFY(m_session->inTransaction());
        // The failed flush already restored the objects; pending ones are transient again.
        QCOMPARE(fine.lifecycle(), Lifecycle::Transient);
        QCOMPARE(fine.get(QStringLiteral("name")).toString(), QStringLiteral("fine"));
        m_session->rollback();
        QVERIFY(!m_session->inTransaction());
        QCOMPARE(countRows(m_db, QStringLiteral("users")), 1);
        QCOMPARE(m_session->query(u"User").size(), 1);
    }

    void cascadesOnAddAndDelete()
    {
        if (!open(kAllCascade))
            return;
        Object u = user(QStringLiteral("ann"));
        Object a = address(QStringLiteral("x"));
        u.append(QStringLiteral("addresses"), a);
        m_session->add(u);
        QCOMPARE(m_session->newObjects(), (QList<Object>{u, a})); // save-update reaches a
        m_session->commit();
        m_log.clear();
        m_session->deleteObject(u); // the delete cascade loads and deletes the children
        QCOMPARE(m_session->deletedObjects(), (QList<Object>{u, a}));
        m_session->flush();
        QCOMPARE(m_log.shapes(true),
                 (QStringList{QStringLiteral("DELETE addresses"), QStringLiteral("DELETE users")}));
    }

    void deleteWithoutCascadeNullsChildren()
    {
        if (!open())
            return;
        seed(1, 2);
        Object u = m_session->get(u"User", {1});
        m_log.clear();
        m_session->deleteObject(u);
        m_session->flush();
        QCOMPARE(m_log.shapes(true),
                 (QStringList{QStringLiteral("UPDATE addresses"),
                              QStringLiteral("UPDATE addresses"), QStringLiteral("DELETE users")}));
        QCOMPARE(countRows(m_db, QStringLiteral("addresses")), 2);
        for (const Object &a : m_session->query(u"Address"))
            QVERIFY(!a.get(QStringLiteral("user_id")).isValid());
    }

    void deleteOrphanOnRemove()
    {
        if (!open(kAllCascade | CascadeOption::DeleteOrphan))
            return;
        seed(1, 2);
        Object u = m_session->get(u"User", {1});
        const QList<Object> addresses = u.collection(QStringLiteral("addresses"));
        u.remove(QStringLiteral("addresses"), addresses.first());
        m_log.clear();
        m_session->flush();
        QCOMPARE(m_log.shapes(true), QStringList{QStringLiteral("DELETE addresses")});
        QCOMPARE(addresses.first().lifecycle(), Lifecycle::Deleted);
        QCOMPARE(countRows(m_db, QStringLiteral("addresses")), 1);
    }

    void rawSqlBehindTheBack()
    {
        if (!open())
            return;
        seed(1, 0);
        Object u = m_session->get(u"User", {1});
        QCOMPARE(u.get(QStringLiteral("name")).toString(), QStringLiteral("user0"));
        m_session->execute(QStringLiteral("UPDATE users SET name = ? WHERE id = ?"),
                           {QStringLiteral("renamed"), 1});
        // The identity map keeps what it loaded; a query does not overwrite loaded values.
        QCOMPARE(m_session->get(u"User", {1}).get(QStringLiteral("name")).toString(),
                 QStringLiteral("user0"));
        m_session->query(u"User");
        QCOMPARE(u.get(QStringLiteral("name")).toString(), QStringLiteral("user0"));
        m_session->commit(); // expiry makes the next read see the row
        QCOMPARE(u.get(QStringLiteral("name")).toString(), QStringLiteral("renamed"));
    }

    void misuseIsRefusedAndChangesNothing()
    {
        if (!open())
            return;
        Object u = user(QStringLiteral("ann"));
        try {
            m_session->deleteObject(u);
            QFAIL("deleting a transient object must be refused");
        } catch (const SessionError &error) {
            QCOMPARE(error.kind(), ErrorKind::InvalidRequest);
            QVERIFY2(error.message().contains(u"not persisted"), qPrintable(error.message()));
        }
        QCOMPARE(u.lifecycle(), Lifecycle::Transient);
        QVERIFY(m_session->deletedObjects().isEmpty());
        QVERIFY_THROWS_EXCEPTION(SessionError, m_session->create(u"Nope"));
        QVERIFY_THROWS_EXCEPTION(SessionError, m_session->get(u"User", {1, 2}));
        QVERIFY_THROWS_EXCEPTION(SessionError,
                                 m_session->query(u"User", {{QStringLiteral("nope"), 1}}));

        // An object of another session cannot be added.
        QSqlDatabase otherDb = testing::openTestDatabase();
        Session other(otherDb, m_session->sharedMapping());
        Object foreign = other.create(QStringLiteral("User"));
        try {
            m_session->add(foreign);
            QFAIL("adding another session's object must be refused");
        } catch (const SessionError &error) {
            QCOMPARE(error.kind(), ErrorKind::InvalidRequest);
            QVERIFY2(error.message().contains(u"another session"), qPrintable(error.message()));
        }
        QVERIFY(!m_session->contains(foreign));
    }

    void operationsBracketNestedWork()
    {
        if (!open())
            return;
        LifecycleLog events;
        m_session->addListener(&events);
        Object u = user(QStringLiteral("ann"));
        m_session->add(u);
        events.operations.clear();
        events.finished.clear();
        m_session->commit(); // its flush is part of the commit
        QCOMPARE(events.operations, QStringList{QStringLiteral("commit")});
        QCOMPARE(events.finished, QStringList{QStringLiteral("commit")});
        events.finished.clear();
        QVERIFY_THROWS_EXCEPTION(SessionError, m_session->get(u"User", {QStringLiteral("x")}));
        QVERIFY(events.finished.isEmpty() || events.finished.last().endsWith(u"failed"));
        m_session->removeListener(&events);
    }

    void objectsOutliveTheirSession()
    {
        if (!open())
            return;
        Object u = seed(1, 0).first();
        QCOMPARE(u.get(QStringLiteral("name")).toString(), QStringLiteral("user0"));
        m_session->removeListener(&m_log);
        m_session.reset();
        QCOMPARE(u.lifecycle(), Lifecycle::Detached);
        QCOMPARE(u.get(QStringLiteral("name")).toString(), QStringLiteral("user0"));
    }
};

QTEST_GUILESS_MAIN(TestSession)
#include "tst_session.moc"
