// The Session: lifecycle, identity map, loading, transactions and failures, on every configured
// database. Expected behaviour is SQLAlchemy 1.4's in future mode.

#include "testdatabase.h"

#include "mapping/attribute.h"
#include "mapping/mappingbuilder.h"
#include "mapping/timestamp.h"
#include "state/attributes.h"
#include "support/error.h"

#include <QJsonArray>
#include <QJsonObject>

#include <QSqlQuery>
#include <QTest>

#include <functional>

using namespace sessionscope;
using namespace Qt::StringLiterals;

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
    // A fresh session on the open database with `mapping`, its log listening or not.
    void reopenWith(MappingPtr mapping, bool listened)
    {
        m_session->removeListener(&m_log);
        m_session = testing::freshSession(m_db, std::move(mapping));
        if (listened)
            m_session->addListener(&m_log);
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

    static QString expectError(const std::function<void()> &f)
    {
        try {
            f();
        } catch (const SessionError &error) {
            return error.kind() == ErrorKind::InvalidRequest ? error.message() : u"wrong kind"_s;
        }
        return {};
    }

private slots:
    void initTestCase_data() { testing::addDatabaseRows(); }

    // Typed handles: resolved once, refused when made for what they cannot read or write, and
    // reading and writing each column type as the string API does.
    void typedAttributes()
    {
        if (!open())
            return;
        MappingBuilder builder;
        builder.entity(u"Thing"_s, u"things"_s)
            .column(u"id"_s, ColumnType::Integer)
            .primaryKey()
            .column(u"label"_s, ColumnType::Text)
            .column(u"count"_s, ColumnType::Integer)
            .column(u"price"_s, ColumnType::Real)
            .column(u"active"_s, ColumnType::Boolean)
            .column(u"data"_s, ColumnType::Json)
            .column(u"payload"_s, ColumnType::Blob)
            .column(u"seen"_s, ColumnType::DateTime);
        const MappingPtr mapping = builder.build();
        reopenWith(mapping, true);
        const auto id = mapping->attribute<qint64>(u"Thing", u"id");
        const auto label = mapping->attribute<QString>(u"Thing", u"label");
        const auto count = mapping->attribute<std::optional<qint64>>(u"Thing", u"count");
        const auto strictCount = mapping->attribute<int>(u"Thing", u"count");
        const auto price = mapping->attribute<double>(u"Thing", u"price");
        const auto active = mapping->attribute<bool>(u"Thing", u"active");
        const auto data = mapping->attribute<QJsonValue>(u"Thing", u"data");
        const auto payload = mapping->attribute<QByteArray>(u"Thing", u"payload");
        const auto seen = mapping->attribute<QDateTime>(u"Thing", u"seen");
        const auto seenExactly = mapping->attribute<Timestamp>(u"Thing", u"seen");
        QCOMPARE(label.column().name, u"label"_s);

        const QDateTime when(QDate(2026, 12, 7), QTime(22, 41, 47, 250), Qt::UTC);
        Object thing = m_session->create(u"Thing");
        thing.set(label, u"ann"_s);
        thing.set(strictCount, 7);
        thing.set(price, 2.5);
        thing.set(active, true);
        thing.set(data, QJsonValue(QJsonObject{{u"k"_s, 1}}));
        thing.set(payload, QByteArray("\x00\xff", 2));
        thing.set(seen, when);
        // What a handle wrote is what the string API reads.
        QCOMPARE(thing.get(u"count"), QVariant(qlonglong(7)));
        QCOMPARE(thing.get(u"label"), QVariant(u"ann"_s));
        m_session->add(thing);
        m_session->commit(); // everything expires: the reads below load the row
        QVERIFY(thing.get(id) > 0);
        QCOMPARE(thing.get(label), u"ann"_s);
        QCOMPARE(thing.get(count), std::optional<qint64>(7));
        QCOMPARE(thing.get(price), 2.5);
        QCOMPARE(thing.get(active), true);
        QCOMPARE(thing.get(data), QJsonValue(QJsonObject{{u"k"_s, 1}}));
        QCOMPARE(thing.get(payload), QByteArray("\x00\xff", 2));
        QCOMPARE(thing.get(seen), when);
        QCOMPARE(thing.get(seenExactly), Timestamp::fromDateTime(when));

        // NULL: types that can say so do; others refuse it at the read.
        thing.set(count, std::nullopt);
        thing.set(label, QString());
        QCOMPARE(thing.get(count), std::optional<qint64>());
        QVERIFY(thing.get(label).isNull());
        QVERIFY(!thing.get(u"label").isValid());
        QCOMPARE(expectError([&] { thing.get(strictCount); }),
                 u"Thing.count is NULL, which int cannot hold; read it through a std::optional "
                 u"handle"_s);

        // Refused where the handle is made, or where it meets an object of another entity.
        QCOMPARE(expectError([&] { mapping->attribute<qint64>(u"Thing", u"label"); }),
                 u"Thing.label is a text column; a qint64 handle reads and writes integer "
                 u"columns"_s);
        QCOMPARE(expectError([&] { mapping->attribute<QString>(u"Thing", u"nope"); }),
                 u"Thing has no attribute \"nope\""_s);
        QCOMPARE(expectError([&] { mapping->attribute<QString>(u"Nope", u"label"); }),
                 u"no entity \"Nope\" in the mapping"_s);
        const MappingPtr users = testing::usersAndAddresses();
        QCOMPARE(expectError([&] { users->attribute<qint64>(u"User", u"addresses"); }),
                 u"User.addresses is a relationship, not a column"_s);
        const auto email = users->attribute<QString>(u"Address", u"email");
        QVERIFY(!expectError([&] { thing.get(email); }).isEmpty());
        QVERIFY(!expectError([&] { Object().set(label, u"x"_s); }).isEmpty());
    }

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
        QCOMPARE(u.state()->key().toList(), QVariantList{qlonglong(1)});
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
        // Statements carry their text, bound parameters and what they did. SQLite's own API
        // reports the generated rowid without RETURNING.
        const StatementEvent &insert = trail.statements.first();
        QCOMPARE(insert.sql,
                 QStringLiteral("INSERT INTO \"users\" (\"name\", \"age\") VALUES (?, ?)") +
                     (m_session->usesNativeStatements() ? QString()
                                                        : QStringLiteral(" RETURNING \"id\"")));
        QCOMPARE(m_session->usesNativeStatements(),
                 testing::currentDatabaseKind() == u"sqlite" &&
                     qEnvironmentVariable("SESSIONSCOPE_SQLITE_STATEMENTS") != u"qtsql");
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

    void queryLoadsManyRows_data() { testing::addListenedRows(); }
    void queryLoadsManyRows()
    {
        QFETCH(bool, listened);
        if (!open())
            return;
        seed(3, 0);
        Object kept = m_session->get(u"User", {2});
        QVERIFY(kept);
        kept.set(QStringLiteral("age"), 7);
        m_session->flush();
        m_session->expire(kept, {QStringLiteral("name")});
        if (!listened)
            m_session->removeListener(&m_log);
        m_session->execute(QStringLiteral(
            "WITH RECURSIVE n(i) AS (SELECT 4 UNION ALL SELECT i + 1 FROM n WHERE i < 403) "
            "INSERT INTO users (id, name, age) SELECT i, 'bulk' || i, i FROM n"));
        m_log.clear();

        const QList<Object> all = m_session->query(u"User");
        QCOMPARE(all.size(), 403);
        QCOMPARE(m_session->identityMapObjects().size(), 403);
        QCOMPARE(all[1], kept); // the object the session had, its unloaded column filled
        QCOMPARE(kept.get(QStringLiteral("name")), QVariant(QStringLiteral("user1")));
        QCOMPARE(kept.get(QStringLiteral("age")), QVariant(7));
        for (int i = 3; i < 403; ++i) {
            QCOMPARE(all[i].get(QStringLiteral("id")), QVariant(qlonglong(i + 1)));
            QCOMPARE(all[i].get(QStringLiteral("name")),
                     QVariant(QStringLiteral("bulk%1").arg(i + 1)));
            QCOMPARE(all[i].lifecycle(), Lifecycle::Persistent);
        }
        QCOMPARE(m_log.shapes(),
                 listened ? QStringList{QStringLiteral("SELECT users")} : QStringList{});

        // A value that cannot be read fails the whole query, which loads none of the rows:
        // only SQLite lets an integer column hold a text.
        if (m_db.driverName() != u"QSQLITE")
            return;
        m_session->execute(
            QStringLiteral("INSERT INTO users (id, name, age) VALUES (404, 'bad', 'old'), "
                           "(405, 'after', 1)"));
        m_session->expungeAll();
        // An object the session holds, with a column to fill, keeps it unloaded: the rows
        // before the bad one fill nothing either.
        const Object held = m_session->get(u"User", {3});
        m_session->expire(held, {QStringLiteral("name")});
        try {
            (void)m_session->query(u"User");
            QFAIL("an unreadable age was loaded");
        } catch (const SessionError &error) {
            QCOMPARE(error.kind(), ErrorKind::Operational);
            QVERIFY2(error.message().contains(QStringLiteral("users.age")),
                     qPrintable(error.message()));
        }
        QCOMPARE(m_session->identityMapObjects(), QList<Object>{held});
        QVERIFY(!held.isLoaded(QStringLiteral("name")));
        qsizetype attached = 0; // what a recorder starting now would describe
        m_session->pool().forEachState(
            [&](ObjectState *state) { attached += state->isAttached(); });
        QCOMPARE(attached, 1);
        const QList<Object> one =
            m_session->query(u"User", {{QStringLiteral("name"), QStringLiteral("after")}});
        QCOMPARE(one.size(), 1);
        QCOMPARE(one[0].get(QStringLiteral("id")), QVariant(qlonglong(405)));
        QCOMPARE(m_session->identityMapObjects().size(), 2);
        QCOMPARE(held.get(QStringLiteral("name")), QVariant(QStringLiteral("user2")));
    }

    // Key columns the database lets repeat (mapped as a key, not declared one): every row of a
    // key is the one object, made from the first; a row whose key is NULL is no object.
    void repeatedKeysAreOneObject_data() { testing::addListenedRows(); }
    void repeatedKeysAreOneObject()
    {
        QFETCH(bool, listened);
        if (!open())
            return;
        MappingBuilder builder;
        builder.entity(QStringLiteral("Tag"), QStringLiteral("tags"))
            .column(QStringLiteral("id"), ColumnType::Integer)
            .primaryKey()
            .column(QStringLiteral("label"), ColumnType::Text);
        reopenWith(builder.build(), listened);
        QSqlQuery ddl(m_db); // statements a session prepares cannot be DDL on PostgreSQL
        QVERIFY(ddl.exec(QStringLiteral("DROP TABLE tags")));
        QVERIFY(ddl.exec(QStringLiteral("CREATE TABLE tags (id INTEGER, label TEXT)")));
        m_session->execute(QStringLiteral(
            "INSERT INTO tags (id, label) VALUES (3, 'c'), (1, 'a'), (2, 'b'), (1, 'a'), "
            "(NULL, 'n'), (3, 'c')"));
        const Object two = m_session->get(u"Tag", {2});
        m_session->expire(two, {QStringLiteral("label")});

        const QList<Object> tags = m_session->query(u"Tag");
        QCOMPARE(tags.size(), 5);
        QCOMPARE(tags[0], tags[1]);
        QCOMPARE(tags[2], two);
        QCOMPARE(tags[3], tags[4]);
        QCOMPARE(m_session->identityMapObjects().size(), 3);
        QCOMPARE(tags[0].get(QStringLiteral("label")), QVariant(QStringLiteral("a")));
        QCOMPARE(two.get(QStringLiteral("label")), QVariant(QStringLiteral("b")));
        QCOMPARE(tags[4].get(QStringLiteral("id")), QVariant(qlonglong(3)));
        for (const Object &tag : tags) {
            QCOMPARE(tag.lifecycle(), Lifecycle::Persistent);
            QVERIFY(m_session->contains(tag));
        }
        QVERIFY(m_session->dirtyObjects().isEmpty());
        // The object is the session's for good: changed, it is flushed once.
        tags[4].set(QStringLiteral("label"), QStringLiteral("C"));
        QCOMPARE(m_session->dirtyObjects(), QList<Object>{tags[4]});
    }

    // A row wider than the driver reads in one go (64 columns), with its key in the middle and
    // values of every kind around it: what the driver holds canonically and what it converts
    // (booleans, times), on either side of the 64th column, and NULLs.
    void wideRowsLoadEveryColumn_data() { testing::addListenedRows(); }
    void wideRowsLoadEveryColumn()
    {
        QFETCH(bool, listened);
        if (!open())
            return;
        constexpr int kColumns = 70;
        constexpr int kKey = 40;
        const ColumnType kinds[] = {ColumnType::Integer, ColumnType::Text, ColumnType::Real,
                                    ColumnType::Boolean, ColumnType::DateTime};
        const auto kindOf = [&](int c) { return kinds[c % std::size(kinds)]; };
        MappingBuilder builder;
        auto &wide = builder.entity(QStringLiteral("Wide"), QStringLiteral("wide"));
        for (int c = 0; c < kColumns; ++c) {
            if (c == kKey)
                wide.column(QStringLiteral("id"), ColumnType::Integer).primaryKey();
            else
                wide.column(QStringLiteral("c%1").arg(c), kindOf(c));
        }
        reopenWith(builder.build(), listened);
        const auto valueOf = [&](int row, int c) -> QVariant {
            if ((row + c) % 7 == 0)
                return {};
            switch (kindOf(c)) {
            case ColumnType::Integer:
                return qlonglong(row * 1000 + c);
            case ColumnType::Text:
                return QStringLiteral("r%1c%2").arg(row).arg(c);
            case ColumnType::Real:
                return row + c / 8.0;
            case ColumnType::Boolean:
                return (row + c) % 2 == 0;
            default:
                return QVariant::fromValue(Timestamp(2026, 1 + row, 1 + c % 28, c % 24, row));
            }
        };
        constexpr int kRows = 3;
        for (int row = 0; row < kRows; ++row) {
            Object o = m_session->create(QStringLiteral("Wide"));
            o.set(QStringLiteral("id"), 10 - row); // rows come back in key order: reversed
            for (int c = 0; c < kColumns; ++c) {
                if (c != kKey)
                    o.set(QStringLiteral("c%1").arg(c), valueOf(row, c));
            }
            m_session->add(o);
        }
        m_session->commit();
        m_session->expungeAll();

        const QList<Object> loaded = m_session->query(u"Wide");
        QCOMPARE(loaded.size(), kRows);
        for (int row = 0; row < kRows; ++row) {
            const Object &o = loaded[kRows - 1 - row];
            QCOMPARE(o.get(QStringLiteral("id")), QVariant(qlonglong(10 - row)));
            for (int c = 0; c < kColumns; ++c) {
                if (c == kKey)
                    continue;
                const QVariant value = o.get(QStringLiteral("c%1").arg(c));
                QVERIFY2(
                    value == valueOf(row, c) && value.typeId() == valueOf(row, c).typeId(),
                    qPrintable(
                        QStringLiteral("row %1, c%2: %3").arg(row).arg(c).arg(value.toString())));
            }
        }
    }

    // A row whose composite key is partly NULL is no object, and the row after it loads as if
    // it had come first.
    void partlyNullKeysAreNoObject_data() { testing::addListenedRows(); }
    void partlyNullKeysAreNoObject()
    {
        QFETCH(bool, listened);
        if (!open())
            return;
        MappingBuilder builder;
        builder.entity(QStringLiteral("Pair"), QStringLiteral("pairs"))
            .column(QStringLiteral("code"), ColumnType::Text)
            .primaryKey()
            .column(QStringLiteral("n"), ColumnType::Integer)
            .primaryKey()
            .column(QStringLiteral("label"), ColumnType::Text);
        reopenWith(builder.build(), listened);
        QSqlQuery ddl(m_db); // a mapped key the table does not declare, so NULLs are allowed
        QVERIFY(ddl.exec(QStringLiteral("DROP TABLE pairs")));
        QVERIFY(ddl.exec(QStringLiteral("CREATE TABLE pairs (code TEXT, n INTEGER, label TEXT)")));
        m_session->execute(QStringLiteral(
            "INSERT INTO pairs (code, n, label) VALUES ('a', NULL, 'no key'), ('b', 2, 'two'), "
            "(NULL, 3, 'no key either'), ('c', 3, 'three')"));
        const QList<Object> pairs = m_session->query(u"Pair");
        QCOMPARE(pairs.size(), 2);
        QCOMPARE(pairs[0].get(QStringLiteral("code")), QVariant(QStringLiteral("b")));
        QCOMPARE(pairs[0].get(QStringLiteral("n")), QVariant(qlonglong(2)));
        QCOMPARE(pairs[0].get(QStringLiteral("label")), QVariant(QStringLiteral("two")));
        QCOMPARE(pairs[1].get(QStringLiteral("code")), QVariant(QStringLiteral("c")));
        QCOMPARE(pairs[1].get(QStringLiteral("label")), QVariant(QStringLiteral("three")));
        QCOMPARE(m_session->identityMapObjects().size(), 2);
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
        // Both children get a NULL foreign key: one UPDATE executed for each, then the DELETE.
        QCOMPARE(m_log.shapes(true),
                 (QStringList{QStringLiteral("UPDATE addresses"), QStringLiteral("DELETE users")}));
        for (const StatementEvent &e : m_log.statements()) {
            if (e.verb == u"UPDATE") {
                QCOMPARE(e.rows.size(), 2);
                QCOMPARE(e.rowCount, 2);
            }
        }
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

    void expireAndRefresh()
    {
        if (!open())
            return;
        seed(1, 1);
        Object u = m_session->get(u"User", {1});
        u.set(QStringLiteral("age"), 5);
        m_session->expire(u, {QStringLiteral("age")}); // the pending change is forgotten
        QVERIFY(!u.isLoaded(QStringLiteral("age")));
        QVERIFY(u.isLoaded(QStringLiteral("name")));
        QVERIFY(!m_session->isModified(u));
        m_session->execute(QStringLiteral("UPDATE users SET name = 'renamed'"));
        m_log.clear();
        m_session->refresh(u);
        QCOMPARE(m_log.shapes(), QStringList{QStringLiteral("SELECT users")});
        QCOMPARE(u.get(QStringLiteral("name")).toString(), QStringLiteral("renamed"));
        m_session->expireAll();
        QVERIFY(u.state()->isFullyExpired());
        QVERIFY_THROWS_EXCEPTION(SessionError, m_session->expire(u, {QStringLiteral("nope")}));
        Object transient = user(QStringLiteral("t"));
        try {
            m_session->refresh(transient);
            QFAIL("refreshing a transient object must be refused");
        } catch (const SessionError &error) {
            QCOMPARE(error.kind(), ErrorKind::InvalidRequest);
            QVERIFY2(error.message().contains(u"not persistent"), qPrintable(error.message()));
        }
    }

    void expungeAndExpungeAll()
    {
        if (!open(kAllCascade))
            return;
        seed(1, 2);
        Object u = m_session->get(u"User", {1});
        const QList<Object> addresses = u.collection(QStringLiteral("addresses"));
        m_session->expunge(u); // "all" includes the expunge cascade
        QCOMPARE(u.lifecycle(), Lifecycle::Detached);
        for (const Object &a : addresses)
            QCOMPARE(a.lifecycle(), Lifecycle::Detached);
        QVERIFY_THROWS_EXCEPTION(SessionError, m_session->expunge(u));
        Object again = m_session->get(u"User", {1});
        QVERIFY(again != u); // a new object for the same row
        Object pending = user(QStringLiteral("p"));
        m_session->add(pending);
        m_session->expungeAll();
        QCOMPARE(pending.lifecycle(), Lifecycle::Transient);
        QCOMPARE(again.lifecycle(), Lifecycle::Detached);
        QVERIFY(m_session->identityMapObjects().isEmpty());
    }

    void mergeCopiesOntoThePersistentObject()
    {
        if (!open(kAllCascade))
            return;
        seed(1, 1);
        // A detached copy with its address, changed while detached.
        Object copy = m_session->get(u"User", {1});
        const Object copiedAddress = copy.collection(QStringLiteral("addresses")).first();
        m_session->expunge(copy); // cascades to the address ("all")
        copy.set(QStringLiteral("age"), 77);
        copiedAddress.set(QStringLiteral("email"), QStringLiteral("merged"));

        Object target = m_session->get(u"User", {1});
        QVERIFY(target != copy);
        const Object merged = m_session->merge(copy);
        QCOMPARE(merged, target); // the identity already in this session receives the state
        QCOMPARE(copy.lifecycle(), Lifecycle::Detached);
        QCOMPARE(merged.get(QStringLiteral("age")), QVariant(qlonglong(77)));
        QCOMPARE(merged.history(QStringLiteral("age")).added, QVariantList{qlonglong(77)});
        const Object address = merged.collection(QStringLiteral("addresses")).first();
        QVERIFY(address != copiedAddress);
        QCOMPARE(address.get(QStringLiteral("email")).toString(), QStringLiteral("merged"));
        m_log.clear();
        m_session->flush();
        QCOMPARE(m_log.shapes(true),
                 (QStringList{QStringLiteral("UPDATE users"), QStringLiteral("UPDATE addresses")}));

        // An object of another session (same mapping) is copied, never shared.
        QSqlDatabase otherDb = testing::openTestDatabase();
        Session other(otherDb, m_session->sharedMapping());
        Object foreign = other.create(u"User");
        foreign.set(QStringLiteral("id"), 1);
        foreign.set(QStringLiteral("name"), QStringLiteral("from elsewhere"));
        QCOMPARE(m_session->merge(foreign), target);
        QCOMPARE(target.get(QStringLiteral("name")).toString(), QStringLiteral("from elsewhere"));
        QCOMPARE(foreign.lifecycle(), Lifecycle::Transient);
        // A transient object whose key matches no row becomes a new pending one.
        Object stranger = other.create(u"User");
        stranger.set(QStringLiteral("id"), 500);
        stranger.set(QStringLiteral("name"), QStringLiteral("stranger"));
        const Object pending = m_session->merge(stranger);
        QCOMPARE(pending.lifecycle(), Lifecycle::Pending);
        QVERIFY(pending != stranger);
    }

    void getOneIdentityKeyAndObjectSession()
    {
        if (!open())
            return;
        seed(1, 0);
        const Object u = m_session->getOne(u"User", {1});
        QCOMPARE(Session::objectSession(u), m_session.get());
        QCOMPARE(Session::objectSession(user(QStringLiteral("loose"))), nullptr);
        try {
            m_session->getOne(u"User", {42});
            QFAIL("a missing row must be refused");
        } catch (const SessionError &error) {
            QCOMPARE(error.kind(), ErrorKind::InvalidRequest);
            QCOMPARE(error.message(), QStringLiteral("no User row has the key (42)"));
        }
        const IdentityKey key = m_session->identityKey(u"User", {1.0});
        QCOMPARE(key.entity, &u.entity());
        QCOMPARE(key.key, QVariantList{qlonglong(1)}); // converted to the column type
    }

    void noAutoflushScope()
    {
        if (!open())
            return;
        Object u = user(QStringLiteral("ann"));
        m_session->add(u);
        {
            Session::NoAutoflush scope(*m_session);
            QVERIFY(m_session->query(u"User").isEmpty());
            QCOMPARE(u.lifecycle(), Lifecycle::Pending);
        }
        QCOMPARE(m_session->query(u"User"), QList<Object>{u});
    }

    void inPlaceJsonChanges()
    {
        if (!open())
            return;
        MappingBuilder builder;
        builder.entity(QStringLiteral("Doc"), QStringLiteral("docs"))
            .column(QStringLiteral("id"), ColumnType::Integer)
            .primaryKey()
            .column(QStringLiteral("prefs"), ColumnType::Json)
            .json(JsonKind::Dict)
            .column(QStringLiteral("raw"), ColumnType::Json);
        reopenWith(builder.build(), true);
        Object doc = m_session->create(u"Doc");
        doc.set(QStringLiteral("prefs"),
                QJsonObject{{QStringLiteral("theme"), QStringLiteral("dark")},
                            {QStringLiteral("sizes"), QJsonArray{1, 2}}});
        doc.set(QStringLiteral("raw"), QJsonObject{{QStringLiteral("k"), 1}});
        m_session->add(doc);
        m_session->flush();
        ObjectState &state = *doc.state();
        const int prefs = doc.entity().attributeIndex(u"prefs");
        const int raw = doc.entity().attributeIndex(u"raw");
        attributes::mutate(state, prefs, {QStringLiteral("theme")}, attributes::MutateAction::Set,
                           QStringLiteral("light"));
        QVERIFY(m_session->dirtyObjects().contains(doc)); // tracked: a top-level change
        m_log.clear();
        m_session->flush();
        QCOMPARE(m_log.shapes(true), QStringList{QStringLiteral("UPDATE docs")});
        // A nested change, and any change to an untracked column, is not noticed.
        attributes::mutate(state, prefs, {QStringLiteral("sizes"), 0},
                           attributes::MutateAction::Remove);
        attributes::mutate(state, raw, {QStringLiteral("k")}, attributes::MutateAction::Set, 2);
        QVERIFY(m_session->dirtyObjects().isEmpty());
        QCOMPARE(doc.get(QStringLiteral("prefs")).toJsonValue()[u"sizes"].toArray(), QJsonArray{2});
        // Paths that do not exist are refused and change nothing.
        QVERIFY_THROWS_EXCEPTION(SessionError,
                                 attributes::mutate(state, prefs, {QStringLiteral("sizes"), 5},
                                                    attributes::MutateAction::Set, 1));
        QVERIFY_THROWS_EXCEPTION(SessionError,
                                 attributes::mutate(state, prefs, {QStringLiteral("none"), 0},
                                                    attributes::MutateAction::Set, 1));
        QCOMPARE(doc.get(QStringLiteral("prefs")).toJsonValue()[u"sizes"].toArray(), QJsonArray{2});
    }

    void deleteAttributeAndInitCollection()
    {
        if (!open())
            return;
        seed(1, 1);
        Object u = m_session->get(u"User", {1});
        const Object a = u.collection(QStringLiteral("addresses")).first();
        attributes::deleteAttribute(*a.state(), a.entity().attributeIndex(u"user"));
        QVERIFY(!a.isLoaded(QStringLiteral("user")));
        QVERIFY(u.collection(QStringLiteral("addresses")).isEmpty()); // the partner forgot it
        m_log.clear();
        m_session->flush();
        QCOMPARE(m_log.shapes(true), QStringList{QStringLiteral("UPDATE addresses")});
        QVERIFY(!a.get(QStringLiteral("user_id")).isValid());

        Object fresh = user(QStringLiteral("fresh"));
        const int addresses = fresh.entity().attributeIndex(u"addresses");
        attributes::initCollection(*fresh.state(), addresses);
        QVERIFY(fresh.isLoaded(QStringLiteral("addresses")));
        QVERIFY(fresh.history(QStringLiteral("addresses")).isEmpty());
        QVERIFY_THROWS_EXCEPTION(
            SessionError,
            attributes::deleteAttribute(*fresh.state(), fresh.entity().attributeIndex(u"age")));
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
