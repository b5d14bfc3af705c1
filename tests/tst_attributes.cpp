// Attribute instrumentation: History for scalar, reference and collection attributes, the
// modified flag, back-population and the cascades attribute events trigger. Expected values are
// SQLAlchemy 1.4's (future mode), checked case by case when the tests were written.

#include "testdatabase.h"

#include "mapping/mappingbuilder.h"
#include "state/attributes.h"
#include "support/error.h"

#include <QTest>

using namespace sessionscope;
using namespace Qt::StringLiterals;

namespace {

QVariantList refs(std::initializer_list<Object> objects)
{
    QVariantList out;
    for (const Object &o : objects)
        out.append(referenceValue(o.state()));
    return out;
}

QVariantList vals(std::initializer_list<QVariant> values)
{
    return QVariantList(values);
}

class EventLog final : public SessionListener
{
public:
    void attributeChanged(Session &, const AttributeEvent &event) override
    {
        const EntityType &entity = event.object->entity();
        QString line = QStringLiteral("%1.%2 %3")
                           .arg(entity.name(), entity.attributeName(event.attribute))
                           .arg(int(event.op));
        if (event.initiator.entity != &entity || event.initiator.attribute != event.attribute)
            line += QStringLiteral(" via %1.%2")
                        .arg(event.initiator.entity->name(),
                             event.initiator.entity->attributeName(event.initiator.attribute));
        entries.append(line);
    }
    QStringList entries;
};

} // namespace

class TestAttributes : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Session> m_session;

    bool open(Cascade cascade = kDefaultCascade)
    {
        QSqlDatabase db = testing::openTestDatabase();
        if (!db.isValid())
            return false;
        m_session = testing::freshSession(db, testing::usersAndAddresses(cascade));
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
    static History history(const Object &o, const char *attribute)
    {
        return o.history(QString::fromLatin1(attribute));
    }

private slots:
    void initTestCase_data() { testing::addDatabaseRows(); }
    void cleanup()
    {
        m_session.reset();
        testing::closeTestDatabases();
    }

    // A session nobody listens to records the same History without building events: one
    // sequence of sets, run both ways, against the same expectations.
    void historyIsTheSameListenedOrNot_data() { testing::addListenedRows(); }
    void historyIsTheSameListenedOrNot()
    {
        QFETCH(bool, listened);
        if (!open())
            return;
        EventLog log;
        if (listened)
            m_session->addListener(&log);
        auto check = [](const History &h, const QVariantList &added, const QVariantList &unchanged,
                        const QVariantList &deleted) {
            return h.added == added && h.unchanged == unchanged && h.deleted == deleted;
        };
        Object u = user(QStringLiteral("ann"));
        QVERIFY(check(history(u, "name"), {u"ann"_s}, {}, {}));
        QVERIFY(history(u, "age").isEmpty());
        u.set(QStringLiteral("age"), 30);
        u.set(QStringLiteral("age"), 31);
        QVERIFY(check(history(u, "age"), {31}, {}, {}));
        m_session->add(u);
        m_session->commit();

        QCOMPARE(u.get(QStringLiteral("name")), QVariant(u"ann"_s));
        u.set(QStringLiteral("name"), u"annie"_s);
        QVERIFY(check(history(u, "name"), {u"annie"_s}, {}, {u"ann"_s}));
        QVERIFY(m_session->isModified(u));
        u.set(QStringLiteral("name"), u"ann"_s); // back to what was loaded
        QVERIFY(check(history(u, "name"), {}, {u"ann"_s}, {}));
        u.set(QStringLiteral("name"), u"bob"_s);
        QVERIFY(check(history(u, "name"), {u"bob"_s}, {}, {u"ann"_s}));
        m_session->expire(u, {QStringLiteral("age")});
        u.set(QStringLiteral("age"), 40); // no value to compare with: nothing deleted
        QVERIFY(check(history(u, "age"), {40}, {}, {}));
        QCOMPARE(m_session->dirtyObjects(), QList<Object>{u});
        m_session->flush();
        QVERIFY(history(u, "name").added.isEmpty());
        QVERIFY(m_session->dirtyObjects().isEmpty());
        m_session->expire(u);
        QCOMPARE(u.get(QStringLiteral("name")), QVariant(u"bob"_s));
        QCOMPARE(u.get(QStringLiteral("age")), QVariant(qlonglong(40)));
        QCOMPARE(log.entries.isEmpty(), !listened);
        if (listened)
            m_session->removeListener(&log);
    }

    void scalarOnTransientIsAdded()
    {
        if (!open())
            return;
        Object u = user(QStringLiteral("ann"));
        QCOMPARE(history(u, "name").added, vals({QStringLiteral("ann")}));
        QVERIFY(history(u, "name").unchanged.isEmpty());
        QVERIFY(u.state()->isModified());
        QVERIFY(!u.isLoaded(QStringLiteral("age")));
        QVERIFY(history(u, "age").isEmpty());
    }

    void flushMakesValuesUnchanged()
    {
        if (!open())
            return;
        Object u = user(QStringLiteral("ann"));
        m_session->add(u);
        m_session->flush();
        QCOMPARE(history(u, "name").unchanged, vals({QStringLiteral("ann")}));
        QCOMPARE(history(u, "id").unchanged, vals({qlonglong(1)}));
        QVERIFY(!u.state()->isModified());
        // Columns inserted as NULL are not loaded afterwards; reading one yields None, no SQL.
        QVERIFY(!u.isLoaded(QStringLiteral("age")));
        testing::StatementLog log;
        m_session->addListener(&log);
        QVERIFY(!u.get(QStringLiteral("age")).isValid());
        QVERIFY(log.statements().isEmpty());
        QVERIFY(!u.isLoaded(QStringLiteral("age")));
        m_session->removeListener(&log);
    }

    void setBeforeOldValueLoaded()
    {
        if (!open())
            return;
        Object u = user(QStringLiteral("ann"));
        m_session->add(u);
        m_session->commit();
        QVERIFY(u.state()->isExpired(u.entity().attributeIndex(u"name")));
        u.set(QStringLiteral("name"), QStringLiteral("bob"));
        // The old value was never loaded: nothing in "deleted".
        QCOMPARE(history(u, "name").added, vals({QStringLiteral("bob")}));
        QVERIFY(history(u, "name").deleted.isEmpty());
        QVERIFY(m_session->isModified(u));
        testing::StatementLog log;
        m_session->addListener(&log);
        m_session->flush();
        QCOMPARE(log.shapes(true), QStringList{QStringLiteral("UPDATE users")});
        QCOMPARE(history(u, "name").unchanged, vals({QStringLiteral("bob")}));
        m_session->removeListener(&log);
    }

    void setToSameValueIsDirtyButNotModified()
    {
        if (!open())
            return;
        Object u = user(QStringLiteral("ann"));
        u.set(QStringLiteral("age"), 3);
        m_session->add(u);
        m_session->flush();
        u.set(QStringLiteral("age"), 3);
        QCOMPARE(history(u, "age").unchanged, vals({qlonglong(3)}));
        QCOMPARE(m_session->dirtyObjects(), QList<Object>{u}); // dirty is optimistic
        QVERIFY(!m_session->isModified(u));                    // no net change
        testing::StatementLog log;
        m_session->addListener(&log);
        m_session->flush();
        QVERIFY(log.shapes(true).isEmpty()); // no UPDATE for no net effect
        QVERIFY(m_session->dirtyObjects().isEmpty());
        m_session->removeListener(&log);
    }

    void setAndSetBack()
    {
        if (!open())
            return;
        Object u = user(QStringLiteral("ann"));
        m_session->add(u);
        m_session->flush();
        u.set(QStringLiteral("name"), QStringLiteral("carl"));
        QCOMPARE(history(u, "name").added, vals({QStringLiteral("carl")}));
        QCOMPARE(history(u, "name").deleted, vals({QStringLiteral("ann")}));
        u.set(QStringLiteral("name"), QStringLiteral("ann"));
        QCOMPARE(history(u, "name").unchanged, vals({QStringLiteral("ann")}));
        QVERIFY(history(u, "name").added.isEmpty());
        QVERIFY(!m_session->isModified(u));
        testing::StatementLog log;
        m_session->addListener(&log);
        m_session->flush();
        QVERIFY(log.shapes(true).isEmpty());
        m_session->removeListener(&log);
    }

    void appendThenRemoveWithoutDeleteOrphan()
    {
        if (!open())
            return;
        Object u = user(QStringLiteral("ann"));
        m_session->add(u);
        m_session->flush();
        Object a = address(QStringLiteral("x"));
        u.append(QStringLiteral("addresses"), a); // lazy-loads the empty collection first
        QVERIFY(m_session->contains(a));          // save-update cascade on append
        QCOMPARE(history(u, "addresses").added, refs({a}));
        QCOMPARE(history(a, "user").added, refs({u}));
        u.remove(QStringLiteral("addresses"), a);
        QVERIFY(history(u, "addresses").isEmpty());
        QCOMPARE(history(a, "user").added, vals({QVariant()})); // set to None, no prior value
        QVERIFY(m_session->contains(a)); // without delete-orphan it stays pending
        m_session->flush();
        QCOMPARE(a.lifecycle(), Lifecycle::Persistent);
        QVERIFY(!a.get(QStringLiteral("user_id")).isValid());
    }

    void appendThenRemoveWithDeleteOrphanExpungesPending()
    {
        if (!open(kAllCascade | CascadeOption::DeleteOrphan))
            return;
        Object u = user(QStringLiteral("ann"));
        m_session->add(u);
        m_session->flush();
        Object a = address(QStringLiteral("x"));
        u.append(QStringLiteral("addresses"), a);
        QCOMPARE(a.lifecycle(), Lifecycle::Pending);
        u.remove(QStringLiteral("addresses"), a);
        QCOMPARE(a.lifecycle(), Lifecycle::Transient);
        QVERIFY(m_session->newObjects().isEmpty());
    }

    void backPopulatesOnTransientObjects()
    {
        if (!open())
            return;
        Object u = user(QStringLiteral("ann"));
        Object a = m_session->create(QStringLiteral("Address"));
        a.setReference(QStringLiteral("user"), u);
        QVERIFY(u.isLoaded(QStringLiteral("addresses")));
        QCOMPARE(u.collection(QStringLiteral("addresses")), QList<Object>{a});
        QCOMPARE(history(u, "addresses").added, refs({a}));
        QCOMPARE(history(a, "user").added, refs({u}));

        // Moving the child: the first parent loses it, the second gains it.
        Object u2 = user(QStringLiteral("bob"));
        a.setReference(QStringLiteral("user"), u2);
        QVERIFY(u.collection(QStringLiteral("addresses")).isEmpty());
        QVERIFY(history(u, "addresses").isEmpty());
        QCOMPARE(u2.collection(QStringLiteral("addresses")), QList<Object>{a});
        QCOMPARE(history(a, "user").added, refs({u2}));
    }

    void backrefToUnloadedCollectionIsReplayedOnLoad()
    {
        if (!open())
            return;
        Object u = user(QStringLiteral("ann"));
        m_session->add(u);
        m_session->commit();
        Object a = address(QStringLiteral("x"));
        m_session->add(a);
        a.setReference(QStringLiteral("user"), u);
        // The collection is not loaded: the change is queued and the parent marked dirty.
        QVERIFY(!u.isLoaded(QStringLiteral("addresses")));
        QVERIFY(m_session->dirtyObjects().contains(u));
        const QList<Object> loaded = u.collection(QStringLiteral("addresses"));
        QCOMPARE(loaded, QList<Object>{a}); // once, although it was also flushed
        QCOMPARE(history(u, "addresses").unchanged, refs({a}));
    }

    void eachSideOfAPairChangesOnce()
    {
        if (!open())
            return;
        EventLog events;
        m_session->addListener(&events);
        Object u = user(QStringLiteral("ann"));
        Object a = m_session->create(QStringLiteral("Address"));
        events.entries.clear();
        u.append(QStringLiteral("addresses"), a);
        // Each change is reported once it is complete, so the back-populated side (whose
        // initiator names the collection) comes before the append that caused it.
        QCOMPARE(
            events.entries,
            (QStringList{
                QStringLiteral("Address.user %1 via User.addresses").arg(int(AttributeOp::Replace)),
                QStringLiteral("User.addresses %1").arg(int(AttributeOp::Append))}));
        m_session->removeListener(&events);
    }

    void removingANonMemberIsRefused()
    {
        if (!open())
            return;
        Object u = user(QStringLiteral("ann"));
        Object a = address(QStringLiteral("x"));
        try {
            u.remove(QStringLiteral("addresses"), a);
            QFAIL("expected an invalid request");
        } catch (const SessionError &error) {
            QCOMPARE(error.kind(), ErrorKind::InvalidRequest);
            QVERIFY2(error.message().contains(u"addresses"), qPrintable(error.message()));
        }
    }

    void wrongValueTypeIsRefusedAndChangesNothing()
    {
        if (!open())
            return;
        Object u = user(QStringLiteral("ann"));
        try {
            u.set(QStringLiteral("age"), QStringLiteral("old"));
            QFAIL("expected an invalid request");
        } catch (const SessionError &error) {
            QCOMPARE(error.kind(), ErrorKind::InvalidRequest);
            QVERIFY2(error.message().contains(u"User.age"), qPrintable(error.message()));
        }
        QVERIFY(!u.isLoaded(QStringLiteral("age")));
        QVERIFY(history(u, "age").isEmpty());
    }

    void unknownAttributeIsRefused()
    {
        if (!open())
            return;
        Object u = user(QStringLiteral("ann"));
        QVERIFY_THROWS_EXCEPTION(SessionError, u.set(QStringLiteral("nmae"), 1));
        QVERIFY_THROWS_EXCEPTION(SessionError, u.append(QStringLiteral("name"), u));
    }

    void flagModifiedNeedsAValue()
    {
        if (!open())
            return;
        Object u = user(QStringLiteral("ann"));
        const int age = u.entity().attributeIndex(u"age");
        QVERIFY_THROWS_EXCEPTION(SessionError, attributes::flagModified(*u.state(), age));
        m_session->add(u);
        m_session->flush();
        const int name = u.entity().attributeIndex(u"name");
        attributes::flagModified(*u.state(), name);
        QVERIFY(m_session->dirtyObjects().contains(u));
        testing::StatementLog log;
        m_session->addListener(&log);
        m_session->flush(); // a flagged attribute is written even without a net change
        QCOMPARE(log.shapes(true), QStringList{QStringLiteral("UPDATE users")});
        m_session->removeListener(&log);
    }

    // SQLAlchemy's composite() with MutableComposite, step by step as measured with 1.4: the
    // composite is cached on the object when read, assigned or loaded, dropped by a flush that
    // writes the row and by expiry, and its History comes from its columns.
    void compositesFollowSqlalchemy()
    {
        QSqlDatabase db = testing::openTestDatabase();
        if (!db.isValid())
            return;
        MappingBuilder builder;
        builder.entity(QStringLiteral("Point"), QStringLiteral("points"))
            .column(QStringLiteral("id"), ColumnType::Integer)
            .primaryKey()
            .column(QStringLiteral("x"), ColumnType::Integer)
            .column(QStringLiteral("y"), ColumnType::Integer)
            .column(QStringLiteral("name"), ColumnType::Text)
            .composite(QStringLiteral("pos"), {QStringLiteral("x"), QStringLiteral("y")});
        m_session = testing::freshSession(db, builder.build());
        Object p = m_session->create(u"Point");
        p.set(QStringLiteral("name"), QStringLiteral("a"));
        ObjectState &state = *p.state();
        const int pos = p.entity().compositeIndex(u"pos");
        const int x = p.entity().attributeIndex(u"x");
        auto cached = [&] {
            return state.cachedComposite(pos) ? *state.cachedComposite(pos) : QVariant(-1);
        };
        auto fields = [](QVariant a, QVariant b) { return QVariant(QVariantList{a, b}); };
        const QVariant none;

        QVERIFY(!attributes::compositeValue(state, pos).isValid()); // transient and unset: None
        QVERIFY(!state.cachedComposite(pos));
        attributes::setComposite(state, pos, fields(1, 2));
        QCOMPARE(p.get(QStringLiteral("x")), QVariant(qlonglong(1)));
        History h = attributes::compositeHistory(state, pos);
        QCOMPARE(h.added, QVariantList{fields(qlonglong(1), qlonglong(2))});
        QCOMPARE(h.deleted, QVariantList{fields(none, none)});

        m_session->add(p);
        m_session->flush(); // the INSERT drops the cached value
        QVERIFY(!state.cachedComposite(pos));
        QCOMPARE(attributes::compositeValue(state, pos), fields(qlonglong(1), qlonglong(2)));
        QCOMPARE(attributes::compositeHistory(state, pos).unchanged,
                 QVariantList{fields(qlonglong(1), qlonglong(2))});

        attributes::setCompositeField(state, pos, 0, qlonglong(5)); // p.pos.x = 5
        QCOMPARE(cached(), fields(qlonglong(5), qlonglong(2)));
        QCOMPARE(attributes::history(state, x).added, QVariantList{qlonglong(5)});
        h = attributes::compositeHistory(state, pos);
        QCOMPARE(h.added, QVariantList{fields(qlonglong(5), qlonglong(2))});
        QCOMPARE(h.deleted, QVariantList{fields(qlonglong(1), none)});
        testing::StatementLog log;
        m_session->addListener(&log);
        m_session->flush();
        QCOMPARE(log.shapes(true), QStringList{QStringLiteral("UPDATE points")});
        QVERIFY(!state.cachedComposite(pos));

        m_session->commit();
        p.get(QStringLiteral("name")); // loading the expired columns brings the composite back
        QCOMPARE(cached(), fields(qlonglong(5), qlonglong(2)));
        m_session->expire(p, {QStringLiteral("x")});
        QVERIFY(!state.cachedComposite(pos));

        m_session->expungeAll();
        Object fresh = m_session->get(u"Point", {1}); // a new object: loaded with it
        ObjectState &loaded = *fresh.state();
        QCOMPARE(*loaded.cachedComposite(pos), fields(qlonglong(5), qlonglong(2)));
        fresh.set(QStringLiteral("x"), 9); // a column set directly leaves the cache stale
        QCOMPARE(*loaded.cachedComposite(pos), fields(qlonglong(5), qlonglong(2)));
        QCOMPARE(attributes::compositeHistory(loaded, pos).added,
                 QVariantList{fields(qlonglong(9), qlonglong(2))});
        QVERIFY_THROWS_EXCEPTION(SessionError,
                                 attributes::setComposite(loaded, pos, QVariantList{1}));
        m_session->removeListener(&log);
    }

    void detachedObjectCannotLazyLoad()
    {
        if (!open())
            return;
        Object u = user(QStringLiteral("ann"));
        m_session->add(u);
        m_session->commit();
        m_session.reset(); // the session is gone; the handle keeps the object
        QCOMPARE(u.lifecycle(), Lifecycle::Detached);
        try {
            u.get(QStringLiteral("name"));
            QFAIL("expected detached_instance");
        } catch (const SessionError &error) {
            QCOMPARE(error.kind(), ErrorKind::DetachedInstance);
        }
    }
};

QTEST_GUILESS_MAIN(TestAttributes)
#include "tst_attributes.moc"
