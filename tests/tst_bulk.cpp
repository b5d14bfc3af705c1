// Bulk writes and bulk resolution (session/bulk.h): the exact statements, the rows they leave,
// the objects' states afterwards and the refusals, on every configured database. Where
// SQLAlchemy 1.4 has the same call (Session.bulk_save_objects, bulk_insert_mappings,
// bulk_update_mappings), a comment names the behaviour of it that the test pins.

#include "testdatabase.h"

#include "mapping/mappingbuilder.h"
#include "session/bulk.h"
#include "support/error.h"

#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

using namespace sessionscope;
using namespace Qt::StringLiterals;

namespace {

// Items have a default and a json column; slots a composite key.
MappingPtr itemsAndSlots()
{
    MappingBuilder builder;
    builder.entity(u"Item"_s, u"items"_s)
        .column(u"id"_s, ColumnType::Integer)
        .primaryKey()
        .column(u"code"_s, ColumnType::Text)
        .notNull()
        .unique()
        .column(u"qty"_s, ColumnType::Integer)
        .defaultValue(1)
        .column(u"tags"_s, ColumnType::Json)
        .entity(u"Slot"_s, u"slots"_s)
        .column(u"shelf"_s, ColumnType::Integer)
        .primaryKey()
        .column(u"position"_s, ColumnType::Integer)
        .primaryKey()
        .column(u"label"_s, ColumnType::Text);
    return builder.build();
}

class OperationLog final : public SessionListener
{
public:
    void operationStarted(Session &, const OperationInfo &info) override
    {
        operations.append(operationName(info.kind) + u' ' + info.detail);
    }
    void lifecycleChanged(Session &, ObjectState &, LifecycleTransition transition) override
    {
        transitions.append(transitionName(transition));
    }
    QStringList operations;
    QStringList transitions;
};

const QVariant kNull;

} // namespace

class TestBulk : public QObject
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
    const EntityType &entity(const QString &name) const
    {
        return *m_session->mapping().entity(name);
    }
    Object make(const QString &entityName, const QVariantMap &values)
    {
        Object o = m_session->create(entityName);
        for (auto it = values.cbegin(); it != values.cend(); ++it)
            o.set(it.key(), it.value());
        return o;
    }
    // Three users (ann 1, bob 2, cid 3, aged 1, 2, 3), committed; the log starts empty.
    void seedUsers()
    {
        bulkInsertMappings(*m_session, entity(u"User"_s),
                           {{{u"name"_s, u"ann"_s}, {u"age"_s, 1}},
                            {{u"name"_s, u"bob"_s}, {u"age"_s, 2}},
                            {{u"name"_s, u"cid"_s}, {u"age"_s, 3}}});
        m_session->commit();
        m_log.clear();
    }
    QStringList sqls() const
    {
        QStringList out;
        for (const StatementEvent &event : m_log.statements())
            out.append(event.sql);
        return out;
    }
    QVariantList parameters(qsizetype statement) const
    {
        return m_log.statements().at(statement).rows.first();
    }
    // The table's rows as "v1|v2|..." with NULL spelled out, read on the test's connection.
    QStringList dbRows(const QString &sql) const
    {
        QSqlQuery query(m_db);
        if (!query.exec(sql))
            return {u"error: "_s + sql};
        QStringList out;
        while (query.next()) {
            QStringList fields;
            for (int i = 0; i < query.record().count(); ++i)
                fields.append(query.isNull(i) ? u"NULL"_s : query.value(i).toString());
            out.append(fields.join(u'|'));
        }
        return out;
    }
    template<typename F>
    SessionError errorOf(F &&f)
    {
        try {
            f();
        } catch (const SessionError &error) {
            return error;
        }
        return SessionError(ErrorKind::Operational, u"no error was raised"_s);
    }
    static History history(const Object &o, const QString &attribute)
    {
        return o.history(attribute);
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

    // ---- bulkSaveObjects ------------------------------------------------------------------------

    void saveObjectsInsertsAndLeavesObjectsTransient()
    {
        // SQLAlchemy: inserted objects are not added to the session and get no identity; their
        // History still shows the values as added. Consecutive rows with the same columns go
        // as one executemany (here one multi-row INSERT).
        if (!open(testing::usersAndAddresses()))
            return;
        const QList<Object> users{make(u"User"_s, {{u"name"_s, u"ann"_s}}),
                                  make(u"User"_s, {{u"name"_s, u"bob"_s}}),
                                  make(u"User"_s, {{u"name"_s, u"cid"_s}, {u"age"_s, 3}}),
                                  make(u"User"_s, {{u"name"_s, u"dan"_s}})};
        OperationLog operations;
        m_session->addListener(&operations);
        bulkSaveObjects(*m_session, users);
        m_session->removeListener(&operations);
        QCOMPARE(sqls(), (QStringList{u"INSERT INTO \"users\" (\"name\") VALUES (?), (?)"_s,
                                      u"INSERT INTO \"users\" (\"name\", \"age\") VALUES (?, ?)"_s,
                                      u"INSERT INTO \"users\" (\"name\") VALUES (?)"_s}));
        QCOMPARE(parameters(0), (QVariantList{u"ann"_s, u"bob"_s}));
        QCOMPARE(parameters(1), (QVariantList{u"cid"_s, qlonglong(3)}));
        QCOMPARE(operations.operations, QStringList{u"bulk bulk_save_objects"_s});
        QVERIFY(operations.transitions.isEmpty());
        QVERIFY(m_session->inTransaction()); // autobegun
        for (const Object &user : users) {
            QCOMPARE(user.lifecycle(), Lifecycle::Transient);
            QVERIFY(!user.isLoaded(u"id"_s));
            QCOMPARE(history(user, u"name"_s).added.size(), 1);
        }
        QVERIFY(m_session->identityMapObjects().isEmpty());
        QVERIFY(m_session->newObjects().isEmpty());
        m_session->commit();
        QCOMPARE(dbRows(u"SELECT id, name, age FROM users ORDER BY id"_s),
                 (QStringList{u"1|ann|NULL"_s, u"2|bob|NULL"_s, u"3|cid|3"_s, u"4|dan|NULL"_s}));
    }

    void saveObjectsLeavesPendingObjectsPending()
    {
        // SQLAlchemy: a pending object is INSERTed but stays pending, so the next flush
        // INSERTs it again (and here violates the unique name).
        if (!open(testing::usersAndAddresses()))
            return;
        Object ann = make(u"User"_s, {{u"name"_s, u"ann"_s}});
        m_session->add(ann);
        bulkSaveObjects(*m_session, {ann});
        QCOMPARE(ann.lifecycle(), Lifecycle::Pending);
        QCOMPARE(m_session->newObjects(), QList<Object>{ann});
        m_log.clear();
        const SessionError error = errorOf([&] { m_session->flush(); });
        QCOMPARE(error.kind(), ErrorKind::Integrity);
        QCOMPARE(m_log.shapes(), QStringList{u"INSERT users"_s});
        m_session->rollback();
    }

    void saveObjectsUpdatesChangedColumnsAndKeepsHistory()
    {
        // SQLAlchemy (update_changed_only=True): the SET clause has every attribute with a
        // committed original, set-and-set-back included; an unchanged object sends nothing;
        // History is kept, so the object stays dirty and the next flush sends its net change.
        if (!open(testing::usersAndAddresses()))
            return;
        seedUsers();
        const QList<Object> users = m_session->query(u"User"_s);
        const Object &ann = users[0];
        ann.set(u"age"_s, 5);
        ann.set(u"name"_s, u"ann"_s);
        m_log.clear();
        bulkSaveObjects(*m_session, {users[1], ann});
        QCOMPARE(sqls(),
                 QStringList{u"UPDATE \"users\" SET \"name\" = ?, \"age\" = ? WHERE \"id\" = ?"_s});
        QCOMPARE(parameters(0), (QVariantList{u"ann"_s, qlonglong(5), qlonglong(1)}));
        QCOMPARE(m_session->dirtyObjects(), QList<Object>{ann});
        QCOMPARE(history(ann, u"age"_s).added, QVariantList{qlonglong(5)});
        QCOMPARE(history(ann, u"age"_s).deleted, QVariantList{qlonglong(1)});
        m_log.clear();
        m_session->flush();
        QCOMPARE(sqls(), QStringList{u"UPDATE \"users\" SET \"age\" = ? WHERE \"id\" = ?"_s});
        m_session->commit();
        QCOMPARE(dbRows(u"SELECT id, name, age FROM users ORDER BY id"_s),
                 (QStringList{u"1|ann|5"_s, u"2|bob|2"_s, u"3|cid|3"_s}));
    }

    void saveObjectsGroupsConsecutiveObjectsByEntityAndKind()
    {
        // SQLAlchemy (preserve_order=True): objects are grouped by (mapper, has identity) only
        // while consecutive, so the order of statements follows the list.
        if (!open(testing::usersAndAddresses()))
            return;
        seedUsers();
        Object ann = m_session->get(u"User"_s, {1});
        ann.set(u"age"_s, 40);
        m_log.clear();
        bulkSaveObjects(*m_session,
                        {make(u"User"_s, {{u"name"_s, u"dan"_s}}),
                         make(u"User"_s, {{u"name"_s, u"eve"_s}}), ann,
                         make(u"User"_s, {{u"name"_s, u"fay"_s}}),
                         make(u"Address"_s, {{u"email"_s, u"a@x"_s}, {u"user_id"_s, 1}})});
        QCOMPARE(m_log.shapes(), (QStringList{u"INSERT users"_s, u"UPDATE users"_s,
                                              u"INSERT users"_s, u"INSERT addresses"_s}));
        QCOMPARE(parameters(0), (QVariantList{u"dan"_s, u"eve"_s}));
        m_session->commit();
        QCOMPARE(dbRows(u"SELECT name, age FROM users ORDER BY id"_s),
                 (QStringList{u"ann|40"_s, u"bob|2"_s, u"cid|3"_s, u"dan|NULL"_s, u"eve|NULL"_s,
                              u"fay|NULL"_s}));
        QCOMPARE(dbRows(u"SELECT email, user_id FROM addresses"_s), QStringList{u"a@x|1"_s});
    }

    void saveObjectsSendsTheVersionEvenWithoutChanges()
    {
        // SQLAlchemy: a versioned object is always UPDATEd (the version is bumped even with no
        // other change) and its in-memory version is not updated, so a later flush of it is
        // stale.
        if (!open(testing::usersAndAddresses(kDefaultCascade, true)))
            return;
        m_session->add(make(u"User"_s, {{u"name"_s, u"ann"_s}}));
        m_session->commit();
        const Object ann = m_session->query(u"User"_s).first();
        m_log.clear();
        bulkSaveObjects(*m_session, {ann});
        QCOMPARE(sqls(), QStringList{u"UPDATE \"users\" SET \"version\" = ? WHERE \"id\" = ? AND "
                                     "\"version\" = ?"_s});
        QCOMPARE(parameters(0), (QVariantList{qlonglong(2), qlonglong(1), qlonglong(1)}));
        QCOMPARE(ann.get(u"version"_s), QVariant(qlonglong(1)));
        ann.set(u"age"_s, 3);
        QCOMPARE(errorOf([&] { m_session->flush(); }).kind(), ErrorKind::StaleData);
        m_session->rollback();
        // SQLAlchemy needs the version in the object's dict (a KeyError when it is expired);
        // here that is refused before anything is sent.
        m_log.clear();
        const SessionError error = errorOf([&] { bulkSaveObjects(*m_session, {ann}); });
        QCOMPARE(error.kind(), ErrorKind::InvalidRequest);
        QCOMPARE(error.message(),
                 u"bulk save of User#1: its version column \"version\" is not loaded"_s);
        QVERIFY(m_log.statements().isEmpty());
    }

    void saveObjectsRefusesObjectsOfAnotherSession()
    {
        if (!open(testing::usersAndAddresses()))
            return;
        Session other(m_db, m_session->sharedMapping());
        const Object stranger = other.create(u"User"_s);
        const SessionError error = errorOf([&] {
            bulkSaveObjects(*m_session, {make(u"User"_s, {{u"name"_s, u"a"_s}}), stranger});
        });
        QCOMPARE(error.kind(), ErrorKind::InvalidRequest);
        QCOMPARE(error.message(), u"cannot bulk save User (transient): it belongs to another "
                                  "session; use merge() to copy it into this one"_s);
        QVERIFY(m_log.statements().isEmpty());
        QVERIFY(!m_session->inTransaction());
    }

    // ---- bulkInsertMappings ---------------------------------------------------------------------

    void insertMappingsAppliesDefaultsAndBatches()
    {
        // SQLAlchemy: a None value is left out of the INSERT so the column default applies,
        // except for JSON, whose None is sent (SQLAlchemy sends the JSON text 'null'; the
        // session stores SQL NULL for a json None, as its flush does).
        if (!open(itemsAndSlots()))
            return;
        bulkInsertMappings(*m_session, entity(u"Item"_s),
                           {{{u"code"_s, u"a"_s}},
                            {{u"code"_s, u"b"_s}, {u"qty"_s, kNull}},
                            {{u"code"_s, u"c"_s}, {u"qty"_s, 5}},
                            {{u"code"_s, u"d"_s}, {u"tags"_s, kNull}}});
        QCOMPARE(sqls(),
                 (QStringList{
                     u"INSERT INTO \"items\" (\"code\", \"qty\") VALUES (?, ?), (?, ?), (?, ?)"_s,
                     u"INSERT INTO \"items\" (\"code\", \"qty\", \"tags\") VALUES (?, ?, ?)"_s}));
        QCOMPARE(parameters(0),
                 (QVariantList{u"a"_s, qlonglong(1), u"b"_s, qlonglong(1), u"c"_s, qlonglong(5)}));
        QCOMPARE(parameters(1), (QVariantList{u"d"_s, qlonglong(1), kNull}));
        m_session->commit();
        QCOMPARE(dbRows(u"SELECT id, code, qty, tags FROM items ORDER BY id"_s),
                 (QStringList{u"1|a|1|NULL"_s, u"2|b|1|NULL"_s, u"3|c|5|NULL"_s, u"4|d|1|NULL"_s}));
    }

    void insertMappingsRefusesBadRowsBeforeSending()
    {
        // SQLAlchemy passes values to the driver as they are and ignores unknown keys; here
        // both are refused, naming the row and the column, before anything is sent.
        if (!open(itemsAndSlots()))
            return;
        const EntityType &item = entity(u"Item"_s);
        SessionError error = errorOf([&] {
            bulkInsertMappings(
                *m_session, item,
                {{{u"code"_s, u"a"_s}}, {{u"code"_s, u"b"_s}, {u"qty"_s, u"many"_s}}});
        });
        QCOMPARE(error.kind(), ErrorKind::InvalidRequest);
        QCOMPARE(error.message(), u"bulk_insert_mappings of Item: rows[1].qty: an integer column "
                                  "cannot hold a QString"_s);
        error = errorOf([&] {
            bulkInsertMappings(*m_session, item, {{{u"code"_s, u"a"_s}, {u"colour"_s, u"red"_s}}});
        });
        QCOMPARE(error.message(),
                 u"bulk_insert_mappings of Item: rows[0] names no column \"colour\""_s);
        QVERIFY(m_log.statements().isEmpty());
        QVERIFY(!m_session->inTransaction());
        QVERIFY(dbRows(u"SELECT id FROM items"_s).isEmpty());
    }

    void insertMappingsSplitsAtTheParameterLimit()
    {
        // 11000 rows of three parameters: SQLite takes 32766 parameters a statement,
        // PostgreSQL 65535.
        if (!open(itemsAndSlots()))
            return;
        QList<QVariantMap> rows;
        for (int i = 0; i < 11000; ++i)
            rows.append({{u"code"_s, QString::number(i)}, {u"tags"_s, kNull}});
        bulkInsertMappings(*m_session, entity(u"Item"_s), rows);
        const bool sqlite = testing::currentDatabaseKind() == u"sqlite";
        QCOMPARE(m_log.statements().size(), sqlite ? 2 : 1);
        QCOMPARE(parameters(0).size(), sqlite ? 10922 * 3 : 33000);
        QCOMPARE(dbRows(u"SELECT COUNT(*), MIN(qty) FROM items"_s), QStringList{u"11000|1"_s});
    }

    // ---- bulkUpdateMappings ---------------------------------------------------------------------

    void updateMappingsSetsTheGivenColumns()
    {
        // SQLAlchemy: every key but the primary key is SET (None sets NULL); a row with only
        // its key sends nothing; rows are not matched against objects in the session.
        if (!open(testing::usersAndAddresses()))
            return;
        seedUsers();
        const Object bob = m_session->get(u"User"_s, {2});
        m_log.clear();
        bulkUpdateMappings(*m_session, entity(u"User"_s),
                           {{{u"id"_s, 1}, {u"age"_s, 10}},
                            {{u"id"_s, 2}, {u"age"_s, kNull}},
                            {{u"id"_s, 3}},
                            {{u"id"_s, 3}, {u"name"_s, u"cy"_s}, {u"age"_s, 30}}});
        QCOMPARE(
            sqls(),
            (QStringList{u"UPDATE \"users\" SET \"age\" = ? WHERE \"id\" = ?"_s,
                         u"UPDATE \"users\" SET \"age\" = ? WHERE \"id\" = ?"_s,
                         u"UPDATE \"users\" SET \"name\" = ?, \"age\" = ? WHERE \"id\" = ?"_s}));
        QCOMPARE(parameters(1), (QVariantList{kNull, qlonglong(2)}));
        QCOMPARE(parameters(2), (QVariantList{u"cy"_s, qlonglong(30), qlonglong(3)}));
        QCOMPARE(bob.get(u"age"_s), QVariant(qlonglong(2))); // the object is not told
        m_session->commit();
        QCOMPARE(dbRows(u"SELECT id, name, age FROM users ORDER BY id"_s),
                 (QStringList{u"1|ann|10"_s, u"2|bob|NULL"_s, u"3|cy|30"_s}));
    }

    void updateMappingsChecksAndBumpsTheVersion()
    {
        // SQLAlchemy: the version given is checked in the WHERE clause and incremented.
        if (!open(testing::usersAndAddresses(kDefaultCascade, true)))
            return;
        m_session->add(make(u"User"_s, {{u"name"_s, u"ann"_s}}));
        m_session->commit();
        m_log.clear();
        bulkUpdateMappings(*m_session, entity(u"User"_s),
                           {{{u"id"_s, 1}, {u"version"_s, 1}, {u"age"_s, 7}}});
        QCOMPARE(sqls(), QStringList{u"UPDATE \"users\" SET \"age\" = ?, \"version\" = ? WHERE "
                                     "\"id\" = ? AND \"version\" = ?"_s});
        QCOMPARE(parameters(0),
                 (QVariantList{qlonglong(7), qlonglong(2), qlonglong(1), qlonglong(1)}));
        m_session->commit();
        QCOMPARE(dbRows(u"SELECT age, version FROM users"_s), QStringList{u"7|2"_s});
    }

    void updateMappingsRefuseRowsWithoutKeyOrVersion()
    {
        // SQLAlchemy sends "WHERE id = NULL" for a row without its key (a StaleDataError) and
        // raises KeyError without the version; both are refused here before anything is sent.
        if (!open(testing::usersAndAddresses(kDefaultCascade, true)))
            return;
        const EntityType &user = entity(u"User"_s);
        SessionError error = errorOf([&] {
            bulkUpdateMappings(*m_session, user,
                               {{{u"id"_s, 1}, {u"version"_s, 1}}, {{u"age"_s, 3}}});
        });
        QCOMPARE(error.kind(), ErrorKind::InvalidRequest);
        QCOMPARE(error.message(), u"bulk_update_mappings of User: rows[1] has no value for "
                                  "primary key column \"id\""_s);
        error = errorOf([&] { bulkUpdateMappings(*m_session, user, {{{u"id"_s, 1}}}); });
        QCOMPARE(error.message(), u"bulk_update_mappings of User: rows[0] has no value for "
                                  "version column \"version\""_s);
        QVERIFY(m_log.statements().isEmpty());
        QVERIFY(!m_session->inTransaction());
    }

    void staleUpdateRollsTheTransactionBack()
    {
        // SQLAlchemy: rows matched are counted per executemany group ("expected to update 2
        // row(s); 1 were matched"), and the failure rolls back the session's transaction.
        if (!open(testing::usersAndAddresses()))
            return;
        seedUsers();
        bulkInsertMappings(*m_session, entity(u"User"_s), {{{u"name"_s, u"dan"_s}}});
        const SessionError error = errorOf([&] {
            bulkUpdateMappings(*m_session, entity(u"User"_s),
                               {{{u"id"_s, 1}, {u"age"_s, 9}}, {{u"id"_s, 99}, {u"age"_s, 9}}});
        });
        QCOMPARE(error.kind(), ErrorKind::StaleData);
        QCOMPARE(
            error.message(),
            u"UPDATE statement on table 'users' expected to update 2 row(s); 1 were matched."_s);
        QCOMPARE(m_log.shapes(),
                 (QStringList{u"INSERT users"_s, u"UPDATE users"_s, u"UPDATE users"_s}));
        QCOMPARE(m_session->transaction()->state(), TransactionState::Deactive);
        m_session->rollback();
        QCOMPARE(dbRows(u"SELECT name, age FROM users ORDER BY id"_s),
                 (QStringList{u"ann|1"_s, u"bob|2"_s, u"cid|3"_s}));
    }

    void everythingIsRefusedWhileRollbackIsPending()
    {
        // SQLAlchemy: after a failed flush every bulk call raises PendingRollbackError.
        if (!open(testing::usersAndAddresses()))
            return;
        seedUsers();
        m_session->add(make(u"User"_s, {{u"name"_s, u"ann"_s}}));
        QCOMPARE(errorOf([&] { m_session->flush(); }).kind(), ErrorKind::Integrity);
        m_log.clear();
        const EntityType &user = entity(u"User"_s);
        const Object stray = make(u"User"_s, {{u"name"_s, u"zed"_s}});
        QCOMPARE(errorOf([&] { bulkSaveObjects(*m_session, {stray}); }).kind(),
                 ErrorKind::PendingRollback);
        QCOMPARE(errorOf([&] {
                     bulkInsertMappings(*m_session, user, {{{u"name"_s, u"x"_s}}});
                 }).kind(),
                 ErrorKind::PendingRollback);
        QCOMPARE(errorOf([&] {
                     bulkUpdateMappings(*m_session, user, {{{u"id"_s, 1}}});
                 }).kind(),
                 ErrorKind::PendingRollback);
        BulkResolver resolver(*m_session);
        resolver.addReference(u"User"_s, {{u"name"_s, u"ann"_s}});
        QCOMPARE(errorOf([&] { resolver.resolve(); }).kind(), ErrorKind::PendingRollback);
        QCOMPARE(resolver.size(), 1);
        QVERIFY(m_log.statements().isEmpty());
        QCOMPARE(stray.lifecycle(), Lifecycle::Transient);
        m_session->rollback();
    }

    // ---- BulkResolver ---------------------------------------------------------------------------

    void bindResolvesIdentityOnly()
    {
        if (!open(testing::usersAndAddresses()))
            return;
        seedUsers();
        OperationLog operations;
        m_session->addListener(&operations);
        BulkResolver resolver(*m_session);
        const Object ann = resolver.addReference(u"User"_s, {{u"name"_s, u"ann"_s}});
        const Object bob = resolver.addReference(u"User"_s, {{u"name"_s, u"bob"_s}});
        m_log.clear();
        const BulkResolver::Result result = resolver.resolve(BulkResolver::Strategy::Bind);
        m_session->removeListener(&operations);
        QCOMPARE(sqls(),
                 QStringList{u"SELECT \"users\".\"id\", \"users\".\"name\" FROM \"users\" "
                             "WHERE \"users\".\"name\" IN (?, ?) ORDER BY \"users\".\"id\""_s});
        QCOMPARE(parameters(0), (QVariantList{u"ann"_s, u"bob"_s}));
        QCOMPARE(operations.operations.last(), u"bulk resolve bind"_s);
        QCOMPARE(operations.transitions,
                 (QStringList{u"detached_to_persistent"_s, u"detached_to_persistent"_s}));
        QVERIFY(result.isComplete());
        QCOMPARE(result.canonical(ann), ann);
        QVERIFY(!result.resolutions.first().isRedirected());
        QVERIFY(resolver.isEmpty());
        QCOMPARE(ann.lifecycle(), Lifecycle::Persistent);
        QCOMPARE(bob.state()->key().toList(), QVariantList{qlonglong(2)});
        QVERIFY(ann.isLoaded(u"id"_s) && ann.isLoaded(u"name"_s) && !ann.isLoaded(u"age"_s));
        QVERIFY(!m_session->isModified(ann));
        QVERIFY(m_session->dirtyObjects().isEmpty());
        // The identity map has them; the rest loads on access.
        m_log.clear();
        QCOMPARE(m_session->get(u"User"_s, {1}), ann);
        QVERIFY(m_log.statements().isEmpty());
        QCOMPARE(ann.get(u"age"_s), QVariant(qlonglong(1)));
        QCOMPARE(m_log.shapes(), QStringList{u"SELECT users"_s});
    }

    void objectsAlreadyInTheSessionAreCanonical()
    {
        // A row has one object per session: a registered object whose row already has one
        // (or resolved earlier in the same call) resolves to it and stays transient.
        if (!open(testing::usersAndAddresses()))
            return;
        seedUsers();
        const Object ann = m_session->get(u"User"_s, {1});
        BulkResolver resolver(*m_session);
        const Object byKey = resolver.addReference(u"User"_s, {{u"id"_s, 1}});
        const Object bob = resolver.addReference(u"User"_s, {{u"id"_s, 2}});
        const Object bobByName = resolver.addReference(u"User"_s, {{u"name"_s, u"bob"_s}});
        m_log.clear();
        const BulkResolver::Result result = resolver.resolve();
        QCOMPARE(sqls(), QStringList{u"SELECT \"users\".\"id\", \"users\".\"name\" FROM \"users\" "
                                     "WHERE \"users\".\"id\" IN (?, ?) OR \"users\".\"name\" IN "
                                     "(?) ORDER BY \"users\".\"id\""_s});
        QCOMPARE(parameters(0), (QVariantList{qlonglong(1), qlonglong(2), u"bob"_s}));
        QCOMPARE(result.canonical(byKey), ann);
        QVERIFY(result.resolutions[0].isRedirected());
        QCOMPARE(byKey.lifecycle(), Lifecycle::Transient);
        QCOMPARE(result.canonical(bob), bob);
        QCOMPARE(result.canonical(bobByName), bob);
        QCOMPARE(bobByName.lifecycle(), Lifecycle::Transient);
        QCOMPARE(m_session->identityMapObjects().size(), 2);
    }

    void hydrateLoadsRowsAndKeepsValuesAsChanges()
    {
        // A reference takes the row's values; a value keeps its own as changes over the row
        // (like Session.merge()), which the next flush UPDATEs.
        if (!open(testing::usersAndAddresses()))
            return;
        seedUsers();
        BulkResolver resolver(*m_session);
        const Object ann =
            resolver.addReference(u"User"_s, {{u"name"_s, u"ann"_s}, {u"age"_s, 99}});
        const Object bob = resolver.addValue(u"User"_s, {{u"name"_s, u"bob"_s}, {u"age"_s, 20}});
        const Object cid = resolver.addValue(u"User"_s, {{u"name"_s, u"cid"_s}, {u"age"_s, 3}});
        m_log.clear();
        QVERIFY(resolver.resolve(BulkResolver::Strategy::Hydrate).isComplete());
        QCOMPARE(sqls(), QStringList{u"SELECT \"users\".\"id\", \"users\".\"name\", "
                                     "\"users\".\"age\" FROM \"users\" WHERE \"users\".\"name\" "
                                     "IN (?, ?, ?) ORDER BY \"users\".\"id\""_s});
        QCOMPARE(ann.get(u"age"_s), QVariant(qlonglong(1)));
        QVERIFY(!m_session->isModified(ann));
        QCOMPARE(history(bob, u"age"_s).added, QVariantList{qlonglong(20)});
        QCOMPARE(history(bob, u"age"_s).deleted, QVariantList{qlonglong(2)});
        QVERIFY(!m_session->isModified(cid)); // the same value as the row
        QCOMPARE(m_session->dirtyObjects(), QList<Object>{bob});
        m_log.clear();
        m_session->flush();
        QCOMPARE(sqls(), QStringList{u"UPDATE \"users\" SET \"age\" = ? WHERE \"id\" = ?"_s});
        QCOMPARE(parameters(0), (QVariantList{qlonglong(20), qlonglong(2)}));
    }

    void bindKeepsValuesAsChangesOverUnknownColumns()
    {
        // A bound value's columns are changes over values never loaded (like assigning an
        // expired attribute): History shows them added with nothing deleted.
        if (!open(testing::usersAndAddresses()))
            return;
        seedUsers();
        BulkResolver resolver(*m_session);
        const Object bob = resolver.addValue(u"User"_s, {{u"id"_s, 2}, {u"age"_s, 20}});
        resolver.resolve();
        QCOMPARE(history(bob, u"age"_s).added, QVariantList{qlonglong(20)});
        QVERIFY(history(bob, u"age"_s).deleted.isEmpty());
        QVERIFY(!bob.isLoaded(u"name"_s));
        m_log.clear();
        m_session->commit();
        QCOMPARE(sqls(), QStringList{u"UPDATE \"users\" SET \"age\" = ? WHERE \"id\" = ?"_s});
        QCOMPARE(dbRows(u"SELECT name, age FROM users WHERE id = 2"_s), QStringList{u"bob|20"_s});
    }

    void valuesForObjectsInTheSessionAreSetOnThem()
    {
        if (!open(testing::usersAndAddresses()))
            return;
        seedUsers();
        const Object bob = m_session->get(u"User"_s, {2});
        BulkResolver resolver(*m_session);
        const Object value = resolver.addValue(u"User"_s, {{u"name"_s, u"bob"_s}, {u"age"_s, 21}});
        const BulkResolver::Result result = resolver.resolve(BulkResolver::Strategy::Hydrate);
        QCOMPARE(result.canonical(value), bob);
        QCOMPARE(value.lifecycle(), Lifecycle::Transient);
        QCOMPARE(history(bob, u"age"_s).added, QVariantList{qlonglong(21)});
        QCOMPARE(history(bob, u"age"_s).deleted, QVariantList{qlonglong(2)});
    }

    void compositeKeysAreMatchedTermByTerm()
    {
        if (!open(itemsAndSlots()))
            return;
        bulkInsertMappings(*m_session, entity(u"Slot"_s),
                           {{{u"shelf"_s, 1}, {u"position"_s, 1}, {u"label"_s, u"a"_s}},
                            {{u"shelf"_s, 1}, {u"position"_s, 2}, {u"label"_s, u"b"_s}}});
        m_log.clear();
        BulkResolver resolver(*m_session);
        const Object b = resolver.addReference(u"Slot"_s, {{u"shelf"_s, 1}, {u"position"_s, 2}});
        const Object a = resolver.addReference(u"Slot"_s, {{u"shelf"_s, 1}, {u"position"_s, 1}});
        QVERIFY(resolver.resolve(BulkResolver::Strategy::Hydrate).isComplete());
        QCOMPARE(sqls(),
                 QStringList{u"SELECT \"slots\".\"shelf\", \"slots\".\"position\", "
                             "\"slots\".\"label\" FROM \"slots\" WHERE (\"slots\".\"shelf\" = ? "
                             "AND \"slots\".\"position\" = ?) OR (\"slots\".\"shelf\" = ? AND "
                             "\"slots\".\"position\" = ?) ORDER BY \"slots\".\"shelf\", "
                             "\"slots\".\"position\""_s});
        QCOMPARE(parameters(0),
                 (QVariantList{qlonglong(1), qlonglong(2), qlonglong(1), qlonglong(1)}));
        QCOMPARE(a.get(u"label"_s), QVariant(u"a"_s));
        QCOMPARE(b.get(u"label"_s), QVariant(u"b"_s));
    }

    void unresolvedObjectsAreAnErrorThatChangesNothing()
    {
        if (!open(testing::usersAndAddresses()))
            return;
        seedUsers();
        BulkResolver resolver(*m_session);
        const Object ann = resolver.addReference(u"User"_s, {{u"name"_s, u"ann"_s}});
        const Object zed = resolver.addReference(u"User"_s, {{u"name"_s, u"zed"_s}});
        const Object lost = resolver.addValue(u"User"_s, {{u"id"_s, 99}, {u"age"_s, 1}});
        const SessionError error = errorOf([&] { resolver.resolve(); });
        QCOMPARE(error.kind(), ErrorKind::InvalidRequest);
        QCOMPARE(error.message(),
                 u"no row matches 2 registered object(s): User(name=\"zed\"), User(id=99)"_s);
        QCOMPARE(ann.lifecycle(), Lifecycle::Transient);
        QVERIFY(m_session->identityMapObjects().isEmpty());
        QCOMPARE(resolver.size(), 3);
        // Reported instead: the rest is resolved, and everything leaves the resolver.
        const BulkResolver::Result result =
            resolver.resolve(BulkResolver::Strategy::Bind, {.raiseErrors = false});
        QVERIFY(!result.isComplete());
        QCOMPARE(result.unresolved(), (QList<Object>{zed, lost}));
        QVERIFY(result.canonical(zed).isNull());
        QCOMPARE(ann.lifecycle(), Lifecycle::Persistent);
        QCOMPARE(lost.lifecycle(), Lifecycle::Transient);
        QVERIFY(resolver.isEmpty());
    }

    void resolveAutoflushesAndHonoursTheScope()
    {
        if (!open(testing::usersAndAddresses()))
            return;
        seedUsers();
        const Object dan = make(u"User"_s, {{u"name"_s, u"dan"_s}});
        m_session->add(dan);
        BulkResolver resolver(*m_session);
        const Object ref = resolver.addReference(u"User"_s, {{u"name"_s, u"dan"_s}});
        const Object value = resolver.addValue(u"User"_s, {{u"name"_s, u"ann"_s}});
        m_log.clear();
        const BulkResolver::Result result = resolver.resolve(
            BulkResolver::Strategy::Bind, {.scope = BulkResolver::Scope::References});
        QCOMPARE(m_log.shapes(), (QStringList{u"INSERT users"_s, u"SELECT users"_s}));
        QCOMPARE(result.resolutions.size(), 1);
        QCOMPARE(result.canonical(ref), dan);
        QCOMPARE(resolver.size(), 1);
        QCOMPARE(value.lifecycle(), Lifecycle::Transient);
        QVERIFY(resolver.resolve().isComplete());
        QCOMPARE(value.lifecycle(), Lifecycle::Persistent);
    }

    void registrationRefusesWhatCannotBeResolved()
    {
        if (!open(testing::usersAndAddresses()))
            return;
        seedUsers();
        BulkResolver resolver(*m_session);
        const Object ann = m_session->get(u"User"_s, {1});
        SessionError error = errorOf([&] { resolver.addReference(ann); });
        QCOMPARE(error.kind(), ErrorKind::InvalidRequest);
        QCOMPARE(error.message(), u"cannot register User#1: only transient objects are resolved"_s);
        error = errorOf([&] { resolver.addValue(make(u"User"_s, {{u"age"_s, 3}})); });
        QCOMPARE(error.message(), u"cannot register User (transient): it has neither a complete "
                                  "primary key nor a value for a unique column"_s);
        const Object bob = resolver.addReference(u"User"_s, {{u"name"_s, u"bob"_s}});
        resolver.addReference(bob); // again, in the same role: ignored
        error = errorOf([&] { resolver.addValue(bob); });
        QCOMPARE(error.message(), u"cannot register User (transient) as a value: it is registered "
                                  "as a reference"_s);
        error = errorOf([&] { resolver.addReference(u"Nobody"_s, {}); });
        QCOMPARE(error.message(), u"unknown entity \"Nobody\""_s);
        QCOMPARE(resolver.size(), 1);
        // An object that lost its identity after registering is refused when resolving.
        bob.set(u"name"_s, kNull);
        m_log.clear();
        error = errorOf([&] { resolver.resolve(); });
        QCOMPARE(error.message(), u"cannot resolve User (transient): it has neither a complete "
                                  "primary key nor a value for a unique column"_s);
        QVERIFY(m_log.statements().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestBulk)
#include "tst_bulk.moc"
