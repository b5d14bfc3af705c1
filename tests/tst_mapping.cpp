// The mapping layer: the fluent builder and its validation, the JSON schema of scenarios,
// identifiers, and the DDL generated for SQLite and PostgreSQL.

#include "mapping/identifier.h"
#include "mapping/mappingbuilder.h"
#include "mapping/mappingjson.h"
#include "mapping/timestamp.h"
#include "session/ddl.h"
#include "support/error.h"
#include "support/jsonfields.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <functional>

using namespace sessionscope;
using namespace Qt::StringLiterals;

using Declare = std::function<void(MappingBuilder &)>;
Q_DECLARE_METATYPE(Declare)

namespace {

const QString kNotPlain = u" is not a plain identifier (letters, digits and underscores, not "
                          u"starting with a digit, at most 63 characters)"_s;

// User(users): id (generated key), name (not null, unique).
EntityBuilder &declareUsers(MappingBuilder &b)
{
    return b.entity(u"User"_s, u"users"_s)
        .column(u"id"_s, ColumnType::Integer)
        .primaryKey()
        .column(u"name"_s, ColumnType::Text)
        .notNull()
        .unique();
}

// Address(addresses): id, email, user_id -> users.id.
EntityBuilder &declareAddresses(MappingBuilder &b)
{
    return b.entity(u"Address"_s, u"addresses"_s)
        .column(u"id"_s, ColumnType::Integer)
        .primaryKey()
        .column(u"email"_s, ColumnType::Text)
        .column(u"user_id"_s, ColumnType::Integer)
        .references(u"users.id"_s);
}

// The message build() throws, or an empty string when it builds.
QString buildError(const Declare &declare)
{
    MappingBuilder builder;
    declare(builder);
    try {
        builder.build();
    } catch (const MappingError &error) {
        return error.message();
    }
    return {};
}

// The mapping, or null after recording a failure (an exception would end the whole run).
MappingPtr build(const Declare &declare)
{
    MappingBuilder builder;
    declare(builder);
    try {
        return builder.build();
    } catch (const MappingError &error) {
        QTest::qFail(qPrintable(u"build() refused: "_s + error.message()), __FILE__, __LINE__);
    }
    return {};
}

QJsonObject parseObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("test data is not a JSON object: %s", json.constData());
    return document.object();
}

// The mapping of a schema given as JSON text, or null after recording a failure.
MappingPtr loadSchema(const QByteArray &schema)
{
    try {
        return mappingFromJson(parseObject(schema));
    } catch (const InputError &error) {
        QTest::qFail(qPrintable(u"mappingFromJson() refused: "_s + error.message()), __FILE__,
                     __LINE__);
    }
    return {};
}

// The message mappingFromJson() throws for a schema given as JSON text, or an empty string.
QString fromJsonError(const QByteArray &schema)
{
    try {
        mappingFromJson(parseObject(schema));
    } catch (const InputError &error) {
        return error.message();
    }
    return {};
}

QStringList entityNames(const QList<const EntityType *> &entities)
{
    QStringList names;
    for (const EntityType *entity : entities)
        names.append(entity->name());
    return names;
}

// The users/addresses schema of the scenario format, as a scenario declares it.
const QByteArray kUsersAndAddresses = R"({"entities": [
    {"name": "User", "table": "users",
     "columns": [
       {"name": "id", "type": "integer", "primary_key": true},
       {"name": "name", "type": "text", "nullable": false, "unique": true}],
     "relationships": [
       {"name": "addresses", "target": "Address", "kind": "one_to_many",
        "back_populates": "user", "cascade": ["save-update", "merge", "delete"]}]},
    {"name": "Address", "table": "addresses",
     "columns": [
       {"name": "id", "type": "integer", "primary_key": true},
       {"name": "email", "type": "text"},
       {"name": "user_id", "type": "integer", "references": "users.id"}],
     "relationships": [
       {"name": "user", "target": "User", "kind": "many_to_one", "back_populates": "addresses"}]}
]})";

} // namespace

class TestMapping : public QObject
{
    Q_OBJECT

private slots:
    // ---- builder: what a valid mapping resolves to
    void builderResolvesAttributes();
    void builderResolvesRelationships();
    void nullability();
    void generatedKeyColumn_data();
    void generatedKeyColumn();
    void versionColumn();
    void dependencyOrder_data();
    void dependencyOrder();
    void explicitForeignKeys();
    void selfReference();
    void orphanSources();
    void composites();
    void compositeErrors_data();
    void compositeErrors();

    // ---- builder: every validation error
    void buildErrors_data();
    void buildErrors();
    void attributeLimit();
    void onlyTheFirstBuilderErrorIsReported();

    // ---- JSON schema
    void fromJsonUsersAndAddresses();
    void fromJsonColumnFields();
    void fromJsonRelationshipFields();
    void fromJsonCascade_data();
    void fromJsonCascade();
    void fromJsonForeignKey_data();
    void fromJsonForeignKey();
    void fromJsonErrors_data();
    void fromJsonErrors();
    void fromJsonUsesTheGivenPath();
    void toJsonNormalForm();
    void jsonRoundTrip();

    // ---- identifiers
    void isPlainIdentifier_data();
    void isPlainIdentifier();
    void quoteIdentifier();

    // ---- DDL
    void createTableStatements_data();
    void createTableStatements();
    void dropTableStatements_data();
    void dropTableStatements();
    void sqliteDdlExecutes();
    void sqliteDdlQuotesKeywords();
};

// ---- builder: what a valid mapping resolves to ---------------------------------------------

void TestMapping::builderResolvesAttributes()
{
    const MappingPtr mapping = build([](MappingBuilder &b) {
        declareUsers(b)
            .column(u"age"_s, ColumnType::Integer)
            .oneToMany(u"addresses"_s, u"Address"_s)
            .backPopulates(u"user"_s);
        declareAddresses(b).manyToOne(u"user"_s, u"User"_s).backPopulates(u"addresses"_s);
    });
    QVERIFY(mapping);
    QCOMPARE(mapping->entities().size(), size_t(2));
    const EntityType *user = mapping->entity(u"User");
    const EntityType *address = mapping->entity(u"Address");
    QVERIFY(user && address);
    QCOMPARE(mapping->entity(u"users"), nullptr); // by entity name, not table
    QCOMPARE(mapping->entityForTable(u"addresses"), address);
    QCOMPARE(mapping->entityForTable(u"Address"), nullptr);

    // Columns first, in declaration order, then relationships.
    QCOMPARE(user->name(), u"User"_s);
    QCOMPARE(user->table(), u"users"_s);
    QCOMPARE(user->columnCount(), 3);
    QCOMPARE(user->attributeCount(), 4);
    const QStringList names{u"id"_s, u"name"_s, u"age"_s, u"addresses"_s};
    for (int i = 0; i < names.size(); ++i) {
        QCOMPARE(user->attributeName(i), names.at(i));
        QCOMPARE(user->attributeIndex(names.at(i)), i);
    }
    for (int i = 0; i < user->columnCount(); ++i)
        QCOMPARE(user->column(i).index, i);
    QCOMPARE(user->relationships().at(0).index, 3);
    QVERIFY(user->isColumn(2));
    QVERIFY(!user->isRelationship(2));
    QVERIFY(user->isRelationship(3));
    QVERIFY(user->isCollection(3));
    QVERIFY(!user->isCollection(0));
    QVERIFY(!address->isCollection(3));
    QCOMPARE(user->columnIndex(u"addresses"), -1);
    QCOMPARE(user->attributeIndex(u"email"), -1);

    QCOMPARE(user->primaryKey(), QList<int>{0});
    QVERIFY(user->isPrimaryKey(0));
    QVERIFY(!user->isPrimaryKey(1));
    QVERIFY(!user->isPrimaryKey(3));
    QCOMPARE(user->versionColumn(), -1);
    QCOMPARE(user->column(1).unique, true);
    QCOMPARE(user->column(2).unique, false);
    QCOMPARE(address->column(2).referencesTable, u"users"_s);
    QCOMPARE(address->column(2).referencesColumn, u"id"_s);
    QVERIFY(address->column(2).isForeignKey());
    QVERIFY(!address->column(1).isForeignKey());
}

void TestMapping::builderResolvesRelationships()
{
    const MappingPtr mapping = build([](MappingBuilder &b) {
        declareUsers(b).oneToMany(u"addresses"_s, u"Address"_s).backPopulates(u"user"_s);
        declareAddresses(b)
            .column(u"company_id"_s, ColumnType::Integer)
            .references(u"companies.id"_s)
            .manyToOne(u"user"_s, u"User"_s)
            .backPopulates(u"addresses"_s)
            .manyToOne(u"company"_s, u"Company"_s);
        b.entity(u"Company"_s, u"companies"_s).column(u"id"_s, ColumnType::Integer).primaryKey();
    });
    QVERIFY(mapping);
    const EntityType &user = *mapping->entity(u"User");
    const EntityType &address = *mapping->entity(u"Address");
    const EntityType &company = *mapping->entity(u"Company");
    const int addressUserId = address.columnIndex(u"user_id");
    const int addressCompanyId = address.columnIndex(u"company_id");
    QCOMPARE(addressUserId, 2);
    QCOMPARE(addressCompanyId, 3);

    // The collection: the foreign key is on the target (Address.user_id -> User.id).
    const Relationship &addresses = user.relationship(user.attributeIndex(u"addresses"));
    QCOMPARE(addresses.name, u"addresses"_s);
    QCOMPARE(addresses.kind, RelationshipKind::OneToMany);
    QVERIFY(addresses.isCollection());
    QCOMPARE(addresses.target, &address);
    QCOMPARE(addresses.targetName, u"Address"_s);
    QCOMPARE(addresses.pairs.size(), 1);
    QCOMPARE(addresses.pairs.at(0).foreignKey, addressUserId);
    QCOMPARE(addresses.pairs.at(0).referenced, 0);
    QCOMPARE(addresses.backIndex, address.attributeIndex(u"user"));
    QCOMPARE(addresses.cascade, kDefaultCascade);

    // The reference: the foreign key is on this entity, the same pair.
    const Relationship &owner = address.relationship(address.attributeIndex(u"user"));
    QCOMPARE(owner.index, 4);
    QCOMPARE(owner.kind, RelationshipKind::ManyToOne);
    QVERIFY(!owner.isCollection());
    QCOMPARE(owner.target, &user);
    QCOMPARE(owner.pairs.size(), 1);
    QCOMPARE(owner.pairs.at(0).foreignKey, addressUserId);
    QCOMPARE(owner.pairs.at(0).referenced, 0);
    QCOMPARE(owner.backIndex, user.attributeIndex(u"addresses"));

    // Inferred from the only column that references companies; no back_populates.
    const Relationship &employer = address.relationship(address.attributeIndex(u"company"));
    QCOMPARE(employer.index, 5);
    QCOMPARE(employer.target, &company);
    QCOMPARE(employer.pairs.size(), 1);
    QCOMPARE(employer.pairs.at(0).foreignKey, addressCompanyId);
    QCOMPARE(employer.pairs.at(0).referenced, 0);
    QCOMPARE(employer.backIndex, -1);
}

void TestMapping::nullability()
{
    const MappingPtr mapping = build([](MappingBuilder &b) {
        b.entity(u"Thing"_s, u"things"_s)
            .column(u"id"_s, ColumnType::Integer)
            .primaryKey()
            .column(u"code"_s, ColumnType::Text)
            .primaryKey()
            .nullable(true)
            .column(u"plain"_s, ColumnType::Text)
            .column(u"required"_s, ColumnType::Text)
            .notNull()
            .column(u"optional"_s, ColumnType::Text)
            .nullable(false)
            .nullable(true);
    });
    QVERIFY(mapping);
    const EntityType &thing = *mapping->entity(u"Thing");
    QCOMPARE(thing.column(0).nullable, false); // key columns are NOT NULL by default
    QCOMPARE(thing.column(1).nullable, true);  // unless said otherwise
    QCOMPARE(thing.column(2).nullable, true);
    QCOMPARE(thing.column(3).nullable, false);
    QCOMPARE(thing.column(4).nullable, true);
    QCOMPARE(thing.primaryKey(), (QList<int>{0, 1}));
}
void TestMapping::generatedKeyColumn_data()
{
    QTest::addColumn<Declare>("declare");
    QTest::addColumn<int>("expected");

    QTest::newRow("single integer key") << Declare([](MappingBuilder &b) {
        b.entity(u"E"_s, u"e"_s)
            .column(u"name"_s, ColumnType::Text)
            .column(u"id"_s, ColumnType::Integer)
            .primaryKey();
    }) << 1;
    QTest::newRow("integer key that is a foreign key") << Declare([](MappingBuilder &b) {
        declareUsers(b);
        b.entity(u"E"_s, u"e"_s)
            .column(u"user_id"_s, ColumnType::Integer)
            .primaryKey()
            .references(u"users.id"_s);
    }) << -1;
    QTest::newRow("integer key with a default") << Declare([](MappingBuilder &b) {
        b.entity(u"E"_s, u"e"_s).column(u"id"_s, ColumnType::Integer).primaryKey().defaultValue(7);
    }) << -1;
    QTest::newRow("composite integer key") << Declare([](MappingBuilder &b) {
        b.entity(u"E"_s, u"e"_s)
            .column(u"a"_s, ColumnType::Integer)
            .primaryKey()
            .column(u"b"_s, ColumnType::Integer)
            .primaryKey();
    }) << -1;
    QTest::newRow("text key") << Declare([](MappingBuilder &b) {
        b.entity(u"E"_s, u"e"_s).column(u"code"_s, ColumnType::Text).primaryKey();
    }) << -1;
    QTest::newRow("real key") << Declare([](MappingBuilder &b) {
        b.entity(u"E"_s, u"e"_s).column(u"x"_s, ColumnType::Real).primaryKey();
    }) << -1;
}

void TestMapping::generatedKeyColumn()
{
    QFETCH(Declare, declare);
    QFETCH(int, expected);
    const MappingPtr mapping = build(declare);
    QVERIFY(mapping);
    const EntityType &entity = *mapping->entity(u"E");
    QCOMPARE(entity.generatedKeyColumn(), expected);
    for (const Column &column : entity.columns())
        QCOMPARE(column.autoincrement, column.index == expected);
}

void TestMapping::versionColumn()
{
    const MappingPtr mapping = build([](MappingBuilder &b) {
        declareUsers(b).column(u"version_id"_s, ColumnType::Integer).version();
        declareAddresses(b);
    });
    QVERIFY(mapping);
    QCOMPARE(mapping->entity(u"User")->versionColumn(), 2);
    QVERIFY(mapping->entity(u"User")->column(2).versionCounter);
    QCOMPARE(mapping->entity(u"Address")->versionColumn(), -1);
}

void TestMapping::dependencyOrder_data()
{
    QTest::addColumn<Declare>("declare");
    QTest::addColumn<QStringList>("expected");

    auto plain = [](MappingBuilder &b, const QString &name, const QStringList &refs) {
        EntityBuilder &e =
            b.entity(name, name.toLower()).column(u"id"_s, ColumnType::Integer).primaryKey();
        for (const QString &ref : refs)
            e.column(ref.toLower() + u"_id"_s, ColumnType::Integer)
                .references(ref.toLower() + u".id"_s);
    };
    QTest::newRow("declaration order when independent") << Declare([=](MappingBuilder &b) {
        plain(b, u"X"_s, {});
        plain(b, u"Y"_s, {});
    }) << QStringList{u"X"_s, u"Y"_s};
    QTest::newRow("child declared first") << Declare([](MappingBuilder &b) {
        declareAddresses(b);
        declareUsers(b);
    }) << QStringList{u"User"_s, u"Address"_s};
    QTest::newRow("chain declared backwards") << Declare([=](MappingBuilder &b) {
        plain(b, u"C"_s, {u"B"_s});
        plain(b, u"B"_s, {u"A"_s});
        plain(b, u"A"_s, {});
    }) << QStringList{u"A"_s, u"B"_s, u"C"_s};
    QTest::newRow("diamond") << Declare([=](MappingBuilder &b) {
        plain(b, u"D"_s, {u"B"_s, u"C"_s});
        plain(b, u"C"_s, {u"A"_s});
        plain(b, u"B"_s, {u"A"_s});
        plain(b, u"A"_s, {});
    }) << QStringList{u"A"_s, u"C"_s, u"B"_s, u"D"_s};
    QTest::newRow("self reference") << Declare([=](MappingBuilder &b) {
        plain(b, u"Node"_s, {u"Node"_s});
        plain(b, u"Leaf"_s, {u"Node"_s});
    }) << QStringList{u"Node"_s, u"Leaf"_s};
}

void TestMapping::dependencyOrder()
{
    QFETCH(Declare, declare);
    QFETCH(QStringList, expected);
    const MappingPtr mapping = build(declare);
    QVERIFY(mapping);
    QCOMPARE(entityNames(mapping->dependencyOrder()), expected);
    for (int rank = 0; rank < expected.size(); ++rank)
        QCOMPARE(mapping->dependencyRank(mapping->entity(expected.at(rank))), rank);
}

void TestMapping::explicitForeignKeys()
{
    // Two columns reference users.id: each relationship names the one it uses.
    const MappingPtr mapping = build([](MappingBuilder &b) {
        declareUsers(b)
            .oneToMany(u"sent"_s, u"Message"_s)
            .foreignKey({u"sender_id"_s})
            .backPopulates(u"sender"_s)
            .oneToMany(u"received"_s, u"Message"_s)
            .foreignKey({u"recipient_id"_s});
        b.entity(u"Message"_s, u"messages"_s)
            .column(u"id"_s, ColumnType::Integer)
            .primaryKey()
            .column(u"sender_id"_s, ColumnType::Integer)
            .references(u"users.id"_s)
            .column(u"recipient_id"_s, ColumnType::Integer)
            .references(u"users.id"_s)
            .manyToOne(u"sender"_s, u"User"_s)
            .foreignKey({u"sender_id"_s})
            .backPopulates(u"sent"_s)
            .manyToOne(u"recipient"_s, u"User"_s)
            .foreignKey({u"recipient_id"_s});
    });
    QVERIFY(mapping);
    const EntityType &user = *mapping->entity(u"User");
    const EntityType &message = *mapping->entity(u"Message");
    auto pairOf = [](const EntityType &entity, QStringView name) {
        const Relationship &r = entity.relationship(entity.attributeIndex(name));
        return r.pairs.size() == 1 ? std::pair(r.pairs[0].foreignKey, r.pairs[0].referenced)
                                   : std::pair(-2, -2);
    };
    QCOMPARE(pairOf(user, u"sent"), std::pair(1, 0));
    QCOMPARE(pairOf(user, u"received"), std::pair(2, 0));
    QCOMPARE(pairOf(message, u"sender"), std::pair(1, 0));
    QCOMPARE(pairOf(message, u"recipient"), std::pair(2, 0));
    QCOMPARE(user.relationship(user.attributeIndex(u"sent")).foreignKeyColumns,
             QStringList{u"sender_id"_s});
    QCOMPARE(user.relationship(user.attributeIndex(u"sent")).backIndex,
             message.attributeIndex(u"sender"));
    QCOMPARE(message.relationship(message.attributeIndex(u"sender")).backIndex,
             user.attributeIndex(u"sent"));
    QCOMPARE(message.relationship(message.attributeIndex(u"recipient")).backIndex, -1);
}

void TestMapping::selfReference()
{
    const MappingPtr mapping = build([](MappingBuilder &b) {
        b.entity(u"Node"_s, u"nodes"_s)
            .column(u"id"_s, ColumnType::Integer)
            .primaryKey()
            .column(u"parent_id"_s, ColumnType::Integer)
            .references(u"nodes.id"_s)
            .manyToOne(u"parent"_s, u"Node"_s)
            .backPopulates(u"children"_s)
            .oneToMany(u"children"_s, u"Node"_s)
            .backPopulates(u"parent"_s);
    });
    QVERIFY(mapping);
    const EntityType &node = *mapping->entity(u"Node");
    QCOMPARE(entityNames(mapping->dependencyOrder()), QStringList{u"Node"_s});
    QCOMPARE(node.generatedKeyColumn(), 0);
    const Relationship &parent = node.relationship(2);
    const Relationship &children = node.relationship(3);
    QCOMPARE(parent.target, &node);
    QCOMPARE(children.target, &node);
    QCOMPARE(parent.pairs.size(), 1);
    QCOMPARE(parent.pairs.at(0).foreignKey, 1);
    QCOMPARE(parent.pairs.at(0).referenced, 0);
    QCOMPARE(children.pairs.size(), 1);
    QCOMPARE(children.pairs.at(0).foreignKey, 1);
    QCOMPARE(children.pairs.at(0).referenced, 0);
    QCOMPARE(parent.backIndex, 3);
    QCOMPARE(children.backIndex, 2);
}

void TestMapping::orphanSources()
{
    const MappingPtr mapping = build([](MappingBuilder &b) {
        declareUsers(b)
            .oneToMany(u"addresses"_s, u"Address"_s)
            .cascade(kDefaultCascade | CascadeOption::Delete | CascadeOption::DeleteOrphan);
        declareAddresses(b)
            .column(u"company_id"_s, ColumnType::Integer)
            .references(u"companies.id"_s)
            .manyToOne(u"user"_s, u"User"_s);
        b.entity(u"Company"_s, u"companies"_s)
            .column(u"id"_s, ColumnType::Integer)
            .primaryKey()
            .oneToMany(u"staff"_s, u"Address"_s)
            .cascade(kAllCascade); // no delete-orphan
    });
    QVERIFY(mapping);
    const EntityType &user = *mapping->entity(u"User");
    const EntityType &address = *mapping->entity(u"Address");
    QCOMPARE(address.orphanSources().size(), 1);
    QCOMPARE(address.orphanSources().at(0).parent, &user);
    QCOMPARE(address.orphanSources().at(0).attribute, user.attributeIndex(u"addresses"));
    QVERIFY(user.orphanSources().isEmpty());
    QVERIFY(mapping->entity(u"Company")->orphanSources().isEmpty());
}

// ---- builder: every validation error --------------------------------------------------------

void TestMapping::buildErrors_data()
{
    QTest::addColumn<Declare>("declare");
    QTest::addColumn<QString>("message");

    const QString longName(64, u'a');

    // Identifiers.
    QTest::newRow("entity name with a space") << Declare([](MappingBuilder &b) {
        b.entity(u"My User"_s, u"users"_s).column(u"id"_s, ColumnType::Integer).primaryKey();
    }) << u"entity name \"My User\""_s + kNotPlain;
    QTest::newRow("empty entity name") << Declare([](MappingBuilder &b) {
        b.entity(QString(), u"users"_s).column(u"id"_s, ColumnType::Integer).primaryKey();
    }) << u"entity name \"\""_s + kNotPlain;
    QTest::newRow("table name with a quote") << Declare([](MappingBuilder &b) {
        b.entity(u"User"_s, u"us\"ers"_s).column(u"id"_s, ColumnType::Integer).primaryKey();
    }) << u"entity \"User\": table name \"us\"ers\""_s + kNotPlain;
    QTest::newRow("column name with a semicolon")
        << Declare([](MappingBuilder &b) { declareUsers(b).column(u"x;drop"_s, ColumnType::Text); })
        << u"entity \"User\": column \"x;drop\""_s + kNotPlain;
    QTest::newRow("column name with a leading digit")
        << Declare([](MappingBuilder &b) { declareUsers(b).column(u"1st"_s, ColumnType::Text); })
        << u"entity \"User\": column \"1st\""_s + kNotPlain;
    QTest::newRow("column name of 64 characters")
        << Declare([=](MappingBuilder &b) { declareUsers(b).column(longName, ColumnType::Text); })
        << u"entity \"User\": column \""_s + longName + u'"' + kNotPlain;
    QTest::newRow("empty column name")
        << Declare([](MappingBuilder &b) { declareUsers(b).column(QString(), ColumnType::Text); })
        << u"entity \"User\": column \"\""_s + kNotPlain;
    QTest::newRow("relationship name with a dash") << Declare([](MappingBuilder &b) {
        declareUsers(b).oneToMany(u"my-addresses"_s, u"Address"_s);
        declareAddresses(b);
    }) << u"entity \"User\": relationship \"my-addresses\""_s + kNotPlain;

    // Duplicates and empty declarations.
    QTest::newRow("no entities") << Declare([](MappingBuilder &) {})
                                 << u"the mapping declares no entities"_s;
    QTest::newRow("entity declared twice") << Declare([](MappingBuilder &b) {
        declareUsers(b);
        b.entity(u"User"_s, u"people"_s).column(u"id"_s, ColumnType::Integer).primaryKey();
    }) << u"entity \"User\" is declared twice"_s;
    QTest::newRow("table mapped twice") << Declare([](MappingBuilder &b) {
        declareUsers(b);
        b.entity(u"Person"_s, u"users"_s).column(u"id"_s, ColumnType::Integer).primaryKey();
    }) << u"table \"users\" is mapped twice"_s;
    QTest::newRow("column declared twice")
        << Declare([](MappingBuilder &b) { declareUsers(b).column(u"name"_s, ColumnType::Text); })
        << u"entity \"User\": column \"name\" is declared twice"_s;
    QTest::newRow("relationship declared twice")
        << Declare([](MappingBuilder &b) {
               declareUsers(b)
                   .oneToMany(u"addresses"_s, u"Address"_s)
                   .oneToMany(u"addresses"_s, u"Address"_s);
               declareAddresses(b);
           })
        << u"entity \"User\", relationship \"addresses\": the name is already used by another "
           u"attribute"_s;
    QTest::newRow("relationship named like a column")
        << Declare([](MappingBuilder &b) {
               declareUsers(b);
               declareAddresses(b).manyToOne(u"email"_s, u"User"_s);
           })
        << u"entity \"Address\", relationship \"email\": the name is already used by another "
           u"attribute"_s;
    QTest::newRow("no columns") << Declare([](MappingBuilder &b) {
        b.entity(u"User"_s, u"users"_s);
    }) << u"entity \"User\" has no columns"_s;
    QTest::newRow("no primary key") << Declare([](MappingBuilder &b) {
        b.entity(u"User"_s, u"users"_s).column(u"name"_s, ColumnType::Text).unique();
    }) << u"entity \"User\" has no primary key column"_s;

    // Column options.
    QTest::newRow("json_kind on a text column") << Declare([](MappingBuilder &b) {
        declareUsers(b).column(u"tags"_s, ColumnType::Text).json(JsonKind::List);
    }) << u"entity \"User\", column \"tags\": json_kind applies to json columns only"_s;
    QTest::newRow("version on a text column") << Declare([](MappingBuilder &b) {
        declareUsers(b).column(u"rev"_s, ColumnType::Text).version();
    }) << u"entity \"User\", column \"rev\": a version counter must be an integer column"_s;
    QTest::newRow("version on the key") << Declare([](MappingBuilder &b) {
        b.entity(u"User"_s, u"users"_s).column(u"id"_s, ColumnType::Integer).primaryKey().version();
    }) << u"entity \"User\", column \"id\": a version counter cannot be part of the key"_s;
    QTest::newRow("two version counters") << Declare([](MappingBuilder &b) {
        declareUsers(b)
            .column(u"v1"_s, ColumnType::Integer)
            .version()
            .column(u"v2"_s, ColumnType::Integer)
            .version();
    }) << u"entity \"User\" has more than one version counter (\"v1\" and \"v2\")"_s;
    QTest::newRow("fractional default for an integer") << Declare([](MappingBuilder &b) {
        declareUsers(b).column(u"age"_s, ColumnType::Integer).defaultValue(1.5);
    }) << u"entity \"User\", column \"age\": default does not fit: 1.5 is not a whole number"_s;
    QTest::newRow("default 2 for a boolean")
        << Declare([](MappingBuilder &b) {
               declareUsers(b).column(u"active"_s, ColumnType::Boolean).defaultValue(2);
           })
        << u"entity \"User\", column \"active\": default does not fit: a boolean column takes "
           u"true, false or null, not 2"_s;
    QTest::newRow("default that is not a datetime")
        << Declare([](MappingBuilder &b) {
               declareUsers(b).column(u"born"_s, ColumnType::DateTime).defaultValue(u"soon"_s);
           })
        << u"entity \"User\", column \"born\": default does not fit: \"soon\" is not an ISO 8601 "
           u"date and time"_s;
    QTest::newRow("list default for a dict column")
        << Declare([](MappingBuilder &b) {
               declareUsers(b)
                   .column(u"prefs"_s, ColumnType::Json)
                   .json(JsonKind::Dict)
                   .defaultValue(QVariant(QJsonValue(QJsonArray{1})));
           })
        << u"entity \"User\", column \"prefs\": default does not fit: column \"prefs\" holds a "
           u"JSON object"_s;

    // Foreign keys.
    const QStringList malformed{u"users"_s, u"users."_s, u".id"_s, u"a.b.c"_s, QString()};
    for (const QString &target : malformed) {
        QTest::addRow("references \"%s\"", qPrintable(target))
            << Declare([=](MappingBuilder &b) {
                   declareUsers(b);
                   b.entity(u"Address"_s, u"addresses"_s)
                       .column(u"id"_s, ColumnType::Integer)
                       .primaryKey()
                       .column(u"user_id"_s, ColumnType::Integer)
                       .references(target);
               })
            << u"entity \"Address\", column \"user_id\": references must be \"table.column\", "
               u"not \""_s +
                   target + u'"';
    }
    QTest::newRow("references an unknown table") << Declare([](MappingBuilder &b) {
        declareUsers(b).column(u"team_id"_s, ColumnType::Integer).references(u"teams.id"_s);
    }) << u"entity \"User\", column \"team_id\": references unknown table \"teams\""_s;
    QTest::newRow("references by entity name") << Declare([](MappingBuilder &b) {
        declareUsers(b);
        b.entity(u"Address"_s, u"addresses"_s)
            .column(u"id"_s, ColumnType::Integer)
            .primaryKey()
            .column(u"user_id"_s, ColumnType::Integer)
            .references(u"User.id"_s);
    }) << u"entity \"Address\", column \"user_id\": references unknown table \"User\""_s;
    QTest::newRow("references an unknown column") << Declare([](MappingBuilder &b) {
        declareUsers(b);
        b.entity(u"Address"_s, u"addresses"_s)
            .column(u"id"_s, ColumnType::Integer)
            .primaryKey()
            .column(u"user_id"_s, ColumnType::Integer)
            .references(u"users.uid"_s);
    }) << u"entity \"Address\", column \"user_id\": references unknown column \"users.uid\""_s;
    QTest::newRow("references a column that is not unique")
        << Declare([](MappingBuilder &b) {
               declareUsers(b).column(u"nick"_s, ColumnType::Text);
               b.entity(u"Address"_s, u"addresses"_s)
                   .column(u"id"_s, ColumnType::Integer)
                   .primaryKey()
                   .column(u"nick"_s, ColumnType::Text)
                   .references(u"users.nick"_s);
           })
        << u"entity \"Address\", column \"nick\": references \"users.nick\", which is neither the "
           u"whole primary key nor unique"_s;

    // Only a whole key is a valid target: SQLite ("foreign key mismatch") and PostgreSQL refuse
    // a foreign key to one column of a composite key.
    QTest::newRow("references one column of a composite key")
        << Declare([](MappingBuilder &b) {
               b.entity(u"Pair"_s, u"pairs"_s)
                   .column(u"a"_s, ColumnType::Integer)
                   .primaryKey()
                   .column(u"b"_s, ColumnType::Integer)
                   .primaryKey();
               b.entity(u"Note"_s, u"notes"_s)
                   .column(u"id"_s, ColumnType::Integer)
                   .primaryKey()
                   .column(u"pair_a"_s, ColumnType::Integer)
                   .references(u"pairs.a"_s);
           })
        << u"entity \"Note\", column \"pair_a\": references \"pairs.a\", which is neither the "
           u"whole primary key nor unique"_s;

    // Relationships.
    QTest::newRow("unknown target entity") << Declare([](MappingBuilder &b) {
        declareUsers(b).oneToMany(u"addresses"_s, u"Adress"_s);
        declareAddresses(b);
    }) << u"entity \"User\", relationship \"addresses\": unknown target entity \"Adress\""_s;
    QTest::newRow("target named by table") << Declare([](MappingBuilder &b) {
        declareUsers(b).oneToMany(u"addresses"_s, u"addresses"_s);
        declareAddresses(b);
    }) << u"entity \"User\", relationship \"addresses\": unknown target entity \"addresses\""_s;
    QTest::newRow("delete-orphan on many_to_one")
        << Declare([](MappingBuilder &b) {
               declareUsers(b);
               declareAddresses(b)
                   .manyToOne(u"user"_s, u"User"_s)
                   .cascade(kDefaultCascade | CascadeOption::DeleteOrphan);
           })
        << u"entity \"Address\", relationship \"user\": delete-orphan is for one_to_many "
           u"relationships"_s;
    QTest::newRow("no foreign key for a collection")
        << Declare([](MappingBuilder &b) {
               declareUsers(b).oneToMany(u"addresses"_s, u"Address"_s);
               b.entity(u"Address"_s, u"addresses"_s)
                   .column(u"id"_s, ColumnType::Integer)
                   .primaryKey();
           })
        << u"entity \"User\", relationship \"addresses\": no column of \"Address\" references "
           u"table \"users\""_s;
    QTest::newRow("no foreign key for a reference")
        << Declare([](MappingBuilder &b) {
               declareUsers(b).manyToOne(u"address"_s, u"Address"_s);
               declareAddresses(b);
           })
        << u"entity \"User\", relationship \"address\": no column of \"User\" references table "
           u"\"addresses\""_s;
    QTest::newRow("foreign_key that is not a column")
        << Declare([](MappingBuilder &b) {
               declareUsers(b);
               declareAddresses(b).manyToOne(u"user"_s, u"User"_s).foreignKey({u"owner_id"_s});
           })
        << u"entity \"Address\", relationship \"user\": foreign_key \"owner_id\" is not a column "
           u"of \"Address\""_s;
    QTest::newRow("foreign_key on the wrong side")
        << Declare([](MappingBuilder &b) {
               declareUsers(b).oneToMany(u"addresses"_s, u"Address"_s).foreignKey({u"id"_s});
               declareAddresses(b);
           })
        << u"entity \"User\", relationship \"addresses\": foreign_key \"Address.id\" does not "
           u"reference table \"users\""_s;
    QTest::newRow("ambiguous foreign keys")
        << Declare([](MappingBuilder &b) {
               declareUsers(b);
               b.entity(u"Message"_s, u"messages"_s)
                   .column(u"id"_s, ColumnType::Integer)
                   .primaryKey()
                   .column(u"sender_id"_s, ColumnType::Integer)
                   .references(u"users.id"_s)
                   .column(u"recipient_id"_s, ColumnType::Integer)
                   .references(u"users.id"_s)
                   .manyToOne(u"sender"_s, u"User"_s);
           })
        << u"entity \"Message\", relationship \"sender\": several columns of \"Message\" "
           u"reference \"users\"; name the one to use with foreign_key"_s;
    // The format: "Without foreign_key, exactly one column on the many side must reference the
    // one side."
    QTest::newRow("two foreign keys to different columns")
        << Declare([](MappingBuilder &b) {
               declareUsers(b);
               b.entity(u"Message"_s, u"messages"_s)
                   .column(u"id"_s, ColumnType::Integer)
                   .primaryKey()
                   .column(u"sender_id"_s, ColumnType::Integer)
                   .references(u"users.id"_s)
                   .column(u"sender_name"_s, ColumnType::Text)
                   .references(u"users.name"_s)
                   .manyToOne(u"sender"_s, u"User"_s);
           })
        << u"entity \"Message\", relationship \"sender\": several columns of \"Message\" "
           u"reference \"users\"; name the one to use with foreign_key"_s;
    QTest::newRow("ambiguous foreign keys of a collection")
        << Declare([](MappingBuilder &b) {
               declareUsers(b).oneToMany(u"messages"_s, u"Message"_s);
               b.entity(u"Message"_s, u"messages"_s)
                   .column(u"id"_s, ColumnType::Integer)
                   .primaryKey()
                   .column(u"sender_id"_s, ColumnType::Integer)
                   .references(u"users.id"_s)
                   .column(u"recipient_id"_s, ColumnType::Integer)
                   .references(u"users.id"_s);
           })
        << u"entity \"User\", relationship \"messages\": several columns of \"Message\" "
           u"reference \"users\"; name the one to use with foreign_key"_s;

    // back_populates.
    QTest::newRow("back_populates names nothing")
        << Declare([](MappingBuilder &b) {
               declareUsers(b).oneToMany(u"addresses"_s, u"Address"_s).backPopulates(u"owner"_s);
               declareAddresses(b).manyToOne(u"user"_s, u"User"_s);
           })
        << u"entity \"User\", relationship \"addresses\": back_populates \"owner\" is not a "
           u"relationship of \"Address\""_s;
    QTest::newRow("back_populates names a column")
        << Declare([](MappingBuilder &b) {
               declareUsers(b).oneToMany(u"addresses"_s, u"Address"_s).backPopulates(u"user_id"_s);
               declareAddresses(b);
           })
        << u"entity \"User\", relationship \"addresses\": back_populates \"user_id\" is not a "
           u"relationship of \"Address\""_s;
    QTest::newRow("back_populates with another target")
        << Declare([](MappingBuilder &b) {
               declareUsers(b).oneToMany(u"addresses"_s, u"Address"_s).backPopulates(u"company"_s);
               declareAddresses(b)
                   .column(u"company_id"_s, ColumnType::Integer)
                   .references(u"companies.id"_s)
                   .manyToOne(u"company"_s, u"Company"_s);
               b.entity(u"Company"_s, u"companies"_s)
                   .column(u"id"_s, ColumnType::Integer)
                   .primaryKey();
           })
        << u"entity \"User\", relationship \"addresses\": back_populates \"Address.company\" "
           u"targets \"Company\", not \"User\""_s;
    QTest::newRow("back_populates of the same kind")
        << Declare([](MappingBuilder &b) {
               b.entity(u"Node"_s, u"nodes"_s)
                   .column(u"id"_s, ColumnType::Integer)
                   .primaryKey()
                   .column(u"parent_id"_s, ColumnType::Integer)
                   .references(u"nodes.id"_s)
                   .manyToOne(u"parent"_s, u"Node"_s)
                   .backPopulates(u"twin"_s)
                   .manyToOne(u"twin"_s, u"Node"_s);
           })
        << u"entity \"Node\", relationship \"parent\": back_populates pairs a many_to_one with a "
           u"one_to_many; \"Node.twin\" has the same kind"_s;
    QTest::newRow("back_populates partner disagrees")
        << Declare([](MappingBuilder &b) {
               declareUsers(b)
                   .oneToMany(u"addresses"_s, u"Address"_s)
                   .backPopulates(u"user"_s)
                   .oneToMany(u"old_addresses"_s, u"Address"_s);
               declareAddresses(b)
                   .manyToOne(u"user"_s, u"User"_s)
                   .backPopulates(u"old_addresses"_s);
           })
        << u"entity \"User\", relationship \"addresses\": \"Address.user\" back-populates "
           u"\"old_addresses\", not \"addresses\""_s;
    QTest::newRow("back_populates over different foreign keys")
        << Declare([](MappingBuilder &b) {
               declareUsers(b)
                   .oneToMany(u"sent"_s, u"Message"_s)
                   .foreignKey({u"sender_id"_s})
                   .backPopulates(u"recipient"_s);
               b.entity(u"Message"_s, u"messages"_s)
                   .column(u"id"_s, ColumnType::Integer)
                   .primaryKey()
                   .column(u"sender_id"_s, ColumnType::Integer)
                   .references(u"users.id"_s)
                   .column(u"recipient_id"_s, ColumnType::Integer)
                   .references(u"users.id"_s)
                   .manyToOne(u"recipient"_s, u"User"_s)
                   .foreignKey({u"recipient_id"_s});
           })
        << u"entity \"User\", relationship \"sent\": \"Message.recipient\" uses a different "
           u"foreign key; give both the same foreign_key"_s;

    // Cycles across tables.
    QTest::newRow("foreign-key cycle") << Declare([](MappingBuilder &b) {
        b.entity(u"A"_s, u"a"_s)
            .column(u"id"_s, ColumnType::Integer)
            .primaryKey()
            .column(u"b_id"_s, ColumnType::Integer)
            .references(u"b.id"_s);
        b.entity(u"Root"_s, u"root"_s).column(u"id"_s, ColumnType::Integer).primaryKey();
        b.entity(u"B"_s, u"b"_s)
            .column(u"id"_s, ColumnType::Integer)
            .primaryKey()
            .column(u"a_id"_s, ColumnType::Integer)
            .references(u"a.id"_s);
    }) << u"foreign keys form a cycle between A, B; cycles across tables are not supported"_s;
    QTest::newRow("foreign-key cycle of three") << Declare([](MappingBuilder &b) {
        b.entity(u"A"_s, u"a"_s)
            .column(u"id"_s, ColumnType::Integer)
            .primaryKey()
            .column(u"c_id"_s, ColumnType::Integer)
            .references(u"c.id"_s);
        b.entity(u"B"_s, u"b"_s)
            .column(u"id"_s, ColumnType::Integer)
            .primaryKey()
            .column(u"a_id"_s, ColumnType::Integer)
            .references(u"a.id"_s);
        b.entity(u"C"_s, u"c"_s)
            .column(u"id"_s, ColumnType::Integer)
            .primaryKey()
            .column(u"b_id"_s, ColumnType::Integer)
            .references(u"b.id"_s);
    }) << u"foreign keys form a cycle between A, B, C; cycles across tables are not supported"_s;

    // Modifiers in the wrong place.
    QTest::newRow("primaryKey() after a relationship") << Declare([](MappingBuilder &b) {
        declareUsers(b).oneToMany(u"addresses"_s, u"Address"_s).primaryKey();
        declareAddresses(b);
    }) << u"entity \"User\": primaryKey() must follow a column()"_s;
    QTest::newRow("primaryKey() before any column") << Declare([](MappingBuilder &b) {
        b.entity(u"User"_s, u"users"_s).primaryKey().column(u"id"_s, ColumnType::Integer);
    }) << u"entity \"User\": primaryKey() must follow a column()"_s;
    QTest::newRow("references() after a relationship") << Declare([](MappingBuilder &b) {
        declareUsers(b);
        declareAddresses(b).manyToOne(u"user"_s, u"User"_s).references(u"users.id"_s);
    }) << u"entity \"Address\": references() must follow a column()"_s;
    QTest::newRow("defaultValue() after a relationship") << Declare([](MappingBuilder &b) {
        declareUsers(b);
        declareAddresses(b).manyToOne(u"user"_s, u"User"_s).defaultValue(1);
    }) << u"entity \"Address\": defaultValue() must follow a column()"_s;
    QTest::newRow("backPopulates() after a column") << Declare([](MappingBuilder &b) {
        declareUsers(b)
            .oneToMany(u"addresses"_s, u"Address"_s)
            .column(u"age"_s, ColumnType::Integer)
            .backPopulates(u"user"_s);
        declareAddresses(b);
    }) << u"entity \"User\": backPopulates() must follow a relationship"_s;
    QTest::newRow("cascade() without a relationship")
        << Declare([](MappingBuilder &b) { declareUsers(b).cascade(kAllCascade); })
        << u"entity \"User\": cascade() must follow a relationship"_s;
    QTest::newRow("foreignKey() after a column") << Declare([](MappingBuilder &b) {
        declareUsers(b);
        declareAddresses(b).foreignKey({u"user_id"_s});
    }) << u"entity \"Address\": foreignKey() must follow a relationship"_s;
}

void TestMapping::buildErrors()
{
    QFETCH(Declare, declare);
    QFETCH(QString, message);
    QCOMPARE(buildError(declare), message);
}

void TestMapping::attributeLimit()
{
    // Each object counts its bit words in a byte: 16,320 attributes and composites at most.
    const auto wide = [](int columns) {
        return Declare([columns](MappingBuilder &b) {
            EntityBuilder &e = b.entity(u"Wide"_s, u"wide"_s);
            e.column(u"id"_s, ColumnType::Integer).primaryKey();
            for (int i = 1; i < columns; ++i)
                e.column(u"c%1"_s.arg(i), ColumnType::Integer);
        });
    };
    QCOMPARE(buildError(wide(EntityType::kMaxSlots)), QString());
    QCOMPARE(buildError(wide(EntityType::kMaxSlots + 1)),
             u"entity \"Wide\" has 16321 attributes and composites; at most 16320 are supported"_s);
}

void TestMapping::onlyTheFirstBuilderErrorIsReported()
{
    MappingBuilder builder;
    declareUsers(builder).cascade(kAllCascade).references(u"bad"_s);
    try {
        builder.build();
        QFAIL("build() accepted a misplaced modifier");
    } catch (const MappingError &error) {
        QCOMPARE(error.message(), u"entity \"User\": cascade() must follow a relationship"_s);
        QCOMPARE(QByteArray(error.what()), error.message().toUtf8());
    }
}

void TestMapping::composites()
{
    MappingBuilder builder;
    builder.entity(u"Shape"_s, u"shapes"_s)
        .composite(u"pos"_s, {u"x"_s, u"y"_s}) // may come before its columns
        .column(u"id"_s, ColumnType::Integer)
        .primaryKey()
        .column(u"x"_s, ColumnType::Integer)
        .column(u"y"_s, ColumnType::Integer);
    const MappingPtr mapping = builder.build();
    const EntityType &shape = *mapping->entity(u"Shape");
    QCOMPARE(shape.composites().size(), size_t(1));
    QCOMPARE(shape.compositeIndex(u"pos"), 0);
    QCOMPARE(shape.compositeIndex(u"x"), -1);
    QCOMPARE(shape.attributeIndex(u"pos"), -1); // not numbered with the attributes
    QCOMPARE(shape.composites()[0].columns, (QList<int>{1, 2}));
    // The JSON form round-trips.
    const QJsonObject json = mappingToJson(*mapping);
    QCOMPARE(json[u"entities"][0][u"composites"].toArray(),
             (QJsonArray{
                 QJsonObject{{u"name"_s, u"pos"_s}, {u"columns"_s, QJsonArray{u"x"_s, u"y"_s}}}}));
    QCOMPARE(mappingToJson(*mappingFromJson(json)), json);
}

void TestMapping::compositeErrors_data()
{
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    const QString at = u"entity \"Shape\", composite \""_s;
    QTest::newRow("one column") << QStringList{u"x"_s} << u"pos"_s
                                << at + u"pos\": a composite spans at least two columns"_s;
    QTest::newRow("unknown column") << QStringList{u"x"_s, u"z"_s} << u"pos"_s
                                    << at + u"pos\": \"z\" is not a column of \"Shape\""_s;
    QTest::newRow("column twice") << QStringList{u"x"_s, u"x"_s} << u"pos"_s
                                  << at + u"pos\": column \"x\" is named twice"_s;
    QTest::newRow("name of a column")
        << QStringList{u"x"_s, u"y"_s} << u"x"_s
        << at + u"x\": the name is already used by another attribute"_s;
    QTest::newRow("bad name") << QStringList{u"x"_s, u"y"_s} << u"p os"_s
                              << u"entity \"Shape\": composite \"p os\" is not a plain identifier "
                                 u"(letters, digits and underscores, not starting with a digit, at "
                                 u"most 63 characters)"_s;
}

void TestMapping::compositeErrors()
{
    QFETCH(QStringList, columns);
    QFETCH(QString, name);
    QFETCH(QString, message);
    MappingBuilder builder;
    builder.entity(u"Shape"_s, u"shapes"_s)
        .column(u"id"_s, ColumnType::Integer)
        .primaryKey()
        .column(u"x"_s, ColumnType::Integer)
        .column(u"y"_s, ColumnType::Integer)
        .composite(name, columns);
    try {
        builder.build();
        QFAIL("expected a MappingError");
    } catch (const MappingError &error) {
        QCOMPARE(error.message(), message);
    }
}

// ---- JSON schema ------------------------------------------------------------------------------

namespace {

// Every column field of the format, on one entity.
const QByteArray kEveryColumnField = R"({"entities": [
    {"name": "User", "table": "users",
     "columns": [{"name": "id", "type": "integer", "primary_key": true}]},
    {"name": "Item", "table": "items",
     "columns": [
       {"name": "code", "type": "text", "primary_key": true},
       {"name": "title", "type": "text", "nullable": false, "unique": true},
       {"name": "price", "type": "real", "default": 2.5},
       {"name": "count", "type": "integer", "default": 3},
       {"name": "active", "type": "boolean", "default": false},
       {"name": "prefs", "type": "json", "json_kind": "dict", "default": {"theme": "dark"}},
       {"name": "tags", "type": "json", "json_kind": "list"},
       {"name": "extra", "type": "json", "default": [1, "two"]},
       {"name": "photo", "type": "blob", "default": "aGk="},
       {"name": "created", "type": "datetime", "default": "2024-03-01T09:30:00.250"},
       {"name": "rev", "type": "integer", "version": true},
       {"name": "secret", "type": "text", "sensitive": true},
       {"name": "owner_id", "type": "integer", "references": "users.id", "nullable": false},
       {"name": "note", "type": "text", "default": null, "nullable": true, "unique": false,
        "primary_key": false, "version": false, "sensitive": false}]}
]})";

const QByteArray kMessages = R"({"entities": [
    {"name": "User", "table": "users",
     "columns": [{"name": "id", "type": "integer", "primary_key": true}],
     "relationships": [
       {"name": "sent", "target": "Message", "kind": "one_to_many", "back_populates": "sender",
        "foreign_key": "sender_id", "cascade": ["all", "delete-orphan"]},
       {"name": "received", "target": "Message", "kind": "one_to_many",
        "foreign_key": ["recipient_id"], "cascade": []}]},
    {"name": "Message", "table": "messages",
     "columns": [
       {"name": "id", "type": "integer", "primary_key": true},
       {"name": "sender_id", "type": "integer", "references": "users.id"},
       {"name": "recipient_id", "type": "integer", "references": "users.id"}],
     "relationships": [
       {"name": "sender", "target": "User", "kind": "many_to_one", "back_populates": "sent",
        "foreign_key": ["sender_id"]},
       {"name": "recipient", "target": "User", "kind": "many_to_one",
        "foreign_key": "recipient_id"}]}
]})";

int flags(Cascade cascade)
{
    return int(cascade.toInt());
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

void TestMapping::fromJsonUsersAndAddresses()
{
    const MappingPtr mapping = loadSchema(kUsersAndAddresses);
    QVERIFY(mapping);
    const EntityType &user = *mapping->entity(u"User");
    const EntityType &address = *mapping->entity(u"Address");
    QCOMPARE(user.table(), u"users"_s);
    QCOMPARE(address.table(), u"addresses"_s);
    QCOMPARE(user.attributeCount(), 3);
    QCOMPARE(address.attributeCount(), 4);
    QCOMPARE(user.generatedKeyColumn(), 0);
    QCOMPARE(user.column(1).nullable, false);
    QCOMPARE(user.column(1).unique, true);
    QCOMPARE(address.column(1).nullable, true);
    QCOMPARE(entityNames(mapping->dependencyOrder()), (QStringList{u"User"_s, u"Address"_s}));

    const Relationship &addresses = user.relationship(2);
    QCOMPARE(addresses.name, u"addresses"_s);
    QCOMPARE(addresses.target, &address);
    QCOMPARE(addresses.kind, RelationshipKind::OneToMany);
    QCOMPARE(addresses.cascade,
             Cascade(CascadeOption::SaveUpdate) | CascadeOption::Merge | CascadeOption::Delete);
    QCOMPARE(addresses.backIndex, 3);
    QCOMPARE(addresses.pairs.size(), 1);
    QCOMPARE(addresses.pairs.at(0).foreignKey, 2);
    QCOMPARE(addresses.pairs.at(0).referenced, 0);
    const Relationship &owner = address.relationship(3);
    QCOMPARE(owner.target, &user);
    QCOMPARE(owner.kind, RelationshipKind::ManyToOne);
    QCOMPARE(owner.cascade, kDefaultCascade);
    QCOMPARE(owner.backIndex, 2);
}

void TestMapping::fromJsonColumnFields()
{
    const MappingPtr mapping = loadSchema(kEveryColumnField);
    QVERIFY(mapping);
    const EntityType &item = *mapping->entity(u"Item");
    auto column = [&](QStringView name) -> const Column & {
        return item.column(item.columnIndex(name));
    };
    QCOMPARE(item.columnCount(), 14);
    QCOMPARE(item.primaryKey(), QList<int>{0});
    QCOMPARE(item.generatedKeyColumn(), -1); // a text key is never generated
    QCOMPARE(column(u"code").type, ColumnType::Text);
    QCOMPARE(column(u"code").primaryKey, true);
    QCOMPARE(column(u"code").nullable, false);

    QCOMPARE(column(u"title").nullable, false);
    QCOMPARE(column(u"title").unique, true);
    QCOMPARE(column(u"title").primaryKey, false);
    QVERIFY(!column(u"title").hasDefault());

    QCOMPARE(column(u"price").type, ColumnType::Real);
    QCOMPARE(column(u"price").defaultValue, QVariant(2.5));
    QCOMPARE(column(u"price").defaultValue.typeId(), QMetaType::Double);
    QCOMPARE(column(u"count").defaultValue, QVariant(qlonglong(3)));
    QCOMPARE(column(u"count").defaultValue.typeId(), QMetaType::LongLong);
    QCOMPARE(column(u"active").type, ColumnType::Boolean);
    QCOMPARE(column(u"active").defaultValue.typeId(), QMetaType::Bool);
    QCOMPARE(column(u"active").defaultValue.toBool(), false);
    QCOMPARE(column(u"prefs").jsonKind, JsonKind::Dict);
    QCOMPARE(column(u"prefs").defaultValue.toJsonValue(),
             QJsonValue(QJsonObject{{u"theme"_s, u"dark"_s}}));
    QCOMPARE(column(u"tags").jsonKind, JsonKind::List);
    QVERIFY(!column(u"tags").hasDefault());
    QCOMPARE(column(u"extra").jsonKind, JsonKind::None);
    QCOMPARE(column(u"extra").defaultValue.toJsonValue(), QJsonValue(QJsonArray{1, u"two"_s}));
    QCOMPARE(column(u"photo").type, ColumnType::Blob);
    QCOMPARE(column(u"photo").defaultValue, QVariant(QByteArray("hi")));
    QCOMPARE(column(u"created").type, ColumnType::DateTime);
    QCOMPARE(column(u"created").defaultValue.value<Timestamp>(),
             Timestamp(2024, 3, 1, 9, 30, 0, 250000));
    QCOMPARE(column(u"rev").versionCounter, true);
    QCOMPARE(item.versionColumn(), item.columnIndex(u"rev"));
    QCOMPARE(column(u"secret").sensitive, true);
    QCOMPARE(column(u"title").sensitive, false);
    QCOMPARE(column(u"owner_id").referencesTable, u"users"_s);
    QCOMPARE(column(u"owner_id").referencesColumn, u"id"_s);
    QCOMPARE(column(u"owner_id").nullable, false);

    // Every flag given explicitly with its default value, and a null default (= no default).
    const Column &note = column(u"note");
    QCOMPARE(note.nullable, true);
    QCOMPARE(note.unique, false);
    QCOMPARE(note.primaryKey, false);
    QCOMPARE(note.versionCounter, false);
    QCOMPARE(note.sensitive, false);
    QVERIFY(!note.hasDefault());
}

void TestMapping::fromJsonRelationshipFields()
{
    const MappingPtr mapping = loadSchema(kMessages);
    QVERIFY(mapping);
    const EntityType &user = *mapping->entity(u"User");
    const EntityType &message = *mapping->entity(u"Message");
    const Relationship &sent = user.relationship(user.attributeIndex(u"sent"));
    QCOMPARE(sent.target, &message);
    QCOMPARE(sent.kind, RelationshipKind::OneToMany);
    QCOMPARE(sent.backPopulates, u"sender"_s);
    QCOMPARE(sent.backIndex, message.attributeIndex(u"sender"));
    QCOMPARE(sent.cascade, kAllCascade | CascadeOption::DeleteOrphan);
    QCOMPARE(sent.foreignKeyColumns, QStringList{u"sender_id"_s});
    QCOMPARE(sent.pairs.size(), 1);
    QCOMPARE(sent.pairs.at(0).foreignKey, 1);
    const Relationship &received = user.relationship(user.attributeIndex(u"received"));
    QCOMPARE(received.cascade, Cascade());
    QCOMPARE(received.backPopulates, QString());
    QCOMPARE(received.backIndex, -1);
    QCOMPARE(received.pairs.size(), 1);
    QCOMPARE(received.pairs.at(0).foreignKey, 2);
    const Relationship &recipient = message.relationship(message.attributeIndex(u"recipient"));
    QCOMPARE(recipient.kind, RelationshipKind::ManyToOne);
    QCOMPARE(recipient.target, &user);
    QCOMPARE(recipient.pairs.at(0).foreignKey, 2);
    QCOMPARE(recipient.pairs.at(0).referenced, 0);
    QCOMPARE(message.orphanSources().size(), 1);
    QCOMPARE(message.orphanSources().at(0).attribute, user.attributeIndex(u"sent"));
}

void TestMapping::fromJsonCascade_data()
{
    QTest::addColumn<QByteArray>("cascade"); // the "cascade" field, or empty for none
    QTest::addColumn<int>("expected");

    const Cascade every = kAllCascade | CascadeOption::DeleteOrphan;
    QTest::newRow("absent") << QByteArray() << flags(kDefaultCascade);
    QTest::newRow("empty") << QByteArray("[]") << 0;
    QTest::newRow("save-update") << QByteArray(R"(["save-update"])")
                                 << flags(Cascade(CascadeOption::SaveUpdate));
    QTest::newRow("merge") << QByteArray(R"(["merge"])") << flags(Cascade(CascadeOption::Merge));
    QTest::newRow("delete, delete-orphan")
        << QByteArray(R"(["delete", "delete-orphan"])")
        << flags(CascadeOption::Delete | CascadeOption::DeleteOrphan);
    QTest::newRow("expunge, refresh-expire")
        << QByteArray(R"(["expunge", "refresh-expire"])")
        << flags(CascadeOption::Expunge | CascadeOption::RefreshExpire);
    QTest::newRow("all") << QByteArray(R"(["all"])")
                         << flags(Cascade(CascadeOption::SaveUpdate) | CascadeOption::Merge |
                                  CascadeOption::Delete | CascadeOption::Expunge |
                                  CascadeOption::RefreshExpire);
    QTest::newRow("all, delete-orphan")
        << QByteArray(R"(["all", "delete-orphan"])") << flags(every);
    QTest::newRow("every name") << QByteArray(R"(["refresh-expire", "expunge", "delete-orphan",
                                                  "delete", "merge", "save-update"])")
                                << flags(every);
    QTest::newRow("repeated") << QByteArray(R"(["merge", "merge"])")
                              << flags(Cascade(CascadeOption::Merge));
}

void TestMapping::fromJsonCascade()
{
    QFETCH(QByteArray, cascade);
    QFETCH(int, expected);
    const QByteArray field =
        cascade.isEmpty() ? QByteArray() : QByteArray(", \"cascade\": " + cascade);
    const QByteArray schema = R"({"entities": [
        {"name": "User", "table": "users",
         "columns": [{"name": "id", "type": "integer", "primary_key": true}],
         "relationships": [{"name": "addresses", "target": "Address", "kind": "one_to_many")" +
                              field + R"(}]},
        {"name": "Address", "table": "addresses",
         "columns": [{"name": "id", "type": "integer", "primary_key": true},
                     {"name": "user_id", "type": "integer", "references": "users.id"}]}]})";
    const MappingPtr mapping = loadSchema(schema);
    QVERIFY(mapping);
    QCOMPARE(mapping->entity(u"User")->relationship(1).cascade, Cascade::fromInt(uint(expected)));
}

void TestMapping::fromJsonForeignKey_data()
{
    QTest::addColumn<QByteArray>("foreignKey");
    QTest::newRow("string") << QByteArray(R"("recipient_id")");
    QTest::newRow("array") << QByteArray(R"(["recipient_id"])");
}

void TestMapping::fromJsonForeignKey()
{
    QFETCH(QByteArray, foreignKey);
    const QByteArray schema = R"({"entities": [
        {"name": "User", "table": "users",
         "columns": [{"name": "id", "type": "integer", "primary_key": true}]},
        {"name": "Message", "table": "messages",
         "columns": [
           {"name": "id", "type": "integer", "primary_key": true},
           {"name": "sender_id", "type": "integer", "references": "users.id"},
           {"name": "recipient_id", "type": "integer", "references": "users.id"}],
         "relationships": [{"name": "to", "target": "User", "kind": "many_to_one",
                            "foreign_key": )" +
                              foreignKey + R"(}]}]})";
    const MappingPtr mapping = loadSchema(schema);
    QVERIFY(mapping);
    const Relationship &to = mapping->entity(u"Message")->relationship(3);
    QCOMPARE(to.foreignKeyColumns, QStringList{u"recipient_id"_s});
    QCOMPARE(to.pairs.size(), 1);
    QCOMPARE(to.pairs.at(0).foreignKey, 2);
    QCOMPARE(to.pairs.at(0).referenced, 0);
}

void TestMapping::fromJsonErrors_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QString>("message");

    // Wraps extra column objects after the key column of a "User" entity.
    auto users = [](const QByteArray &columns, const QByteArray &rest = {}) -> QByteArray {
        return R"({"entities": [{"name": "User", "table": "users", "columns": [
                     {"name": "id", "type": "integer", "primary_key": true})" +
               (columns.isEmpty() ? QByteArray() : QByteArray(", " + columns)) + "]" + rest + "}]}";
    };
    // A User entity with a relationship to an Address entity that has user_id.
    auto related = [](const QByteArray &relationship) -> QByteArray {
        return R"({"entities": [
            {"name": "User", "table": "users",
             "columns": [{"name": "id", "type": "integer", "primary_key": true}],
             "relationships": [)" +
               relationship + R"(]},
            {"name": "Address", "table": "addresses",
             "columns": [{"name": "id", "type": "integer", "primary_key": true},
                         {"name": "user_id", "type": "integer", "references": "users.id"}]}]})";
    };
    const QString columnFields = u"name, type, primary_key, nullable, unique, default, "
                                 u"references, version, json_kind, sensitive"_s;
    const QString cascadeNames = u"(expected save-update, merge, delete, delete-orphan, "
                                 u"expunge, refresh-expire or all)"_s;

    // Structure and JSON types.
    QTest::newRow("entities missing") << QByteArray("{}") << u"schema.entities: is required"_s;
    QTest::newRow("unknown schema field")
        << QByteArray(R"({"entities": [], "entitys": []})")
        << u"schema.entitys: unknown field (expected one of: entities)"_s;
    QTest::newRow("entities not an array") << QByteArray(R"({"entities": {}})")
                                           << u"schema.entities: must be an array, not an "
                                              u"object"_s;
    QTest::newRow("no entities") << QByteArray(R"({"entities": []})")
                                 << u"schema: the mapping declares no entities"_s;
    QTest::newRow("entity not an object") << QByteArray(R"({"entities": ["User"]})")
                                          << u"schema.entities[0]: must be an object, not a "
                                             u"string"_s;
    QTest::newRow("unknown entity field")
        << QByteArray(R"({"entities": [{"name": "User", "table": "users", "colums": []}]})")
        << u"schema.entities[0].colums: unknown field (expected one of: name, table, columns, "
           u"relationships, composites)"_s;
    QTest::newRow("entity name not a string")
        << QByteArray(R"({"entities": [{"name": 7, "table": "users", "columns": []}]})")
        << u"schema.entities[0].name: must be a string, not a number"_s;
    QTest::newRow("table missing")
        << QByteArray(R"({"entities": [{"name": "User", "columns": []}]})")
        << u"schema.entities[0].table: is required"_s;
    QTest::newRow("columns missing")
        << QByteArray(R"({"entities": [{"name": "User", "table": "users"}]})")
        << u"schema.entities[0].columns: is required"_s;
    QTest::newRow("columns not an array")
        << QByteArray(R"({"entities": [{"name": "User", "table": "users", "columns": {}}]})")
        << u"schema.entities[0].columns: must be an array, not an object"_s;
    QTest::newRow("column not an object") << users("[]")
                                          << u"schema.entities[0].columns[1]: must be an object, "
                                             u"not an array"_s;
    QTest::newRow("unknown column field")
        << users(R"({"name": "age", "type": "integer", "primary": true})")
        << u"schema.entities[0].columns[1].primary: unknown field (expected one of: "_s +
               columnFields + u')';
    QTest::newRow("column type missing")
        << users(R"({"name": "age"})") << u"schema.entities[0].columns[1].type: is required"_s;
    QTest::newRow("unknown type in the second entity")
        << QByteArray(R"({"entities": [
               {"name": "User", "table": "users",
                "columns": [{"name": "id", "type": "integer", "primary_key": true}]},
               {"name": "Item", "table": "items",
                "columns": [{"name": "id", "type": "strng"}]}]})")
        << u"schema.entities[1].columns[0].type: unknown type \"strng\" (expected integer, text, "
           u"real, boolean, json, blob or datetime)"_s;
    QTest::newRow("type not a string") << users(R"({"name": "age", "type": ["integer"]})")
                                       << u"schema.entities[0].columns[1].type: must be a string, "
                                          u"not an array"_s;
    QTest::newRow("primary_key not a boolean")
        << users(R"({"name": "age", "type": "integer", "primary_key": "yes"})")
        << u"schema.entities[0].columns[1].primary_key: must be true or false, not a string"_s;
    QTest::newRow("nullable null") << users(R"({"name": "age", "type": "integer",
                                                "nullable": null})")
                                   << u"schema.entities[0].columns[1].nullable: must be true or "
                                      u"false, not null"_s;
    QTest::newRow("unique a number")
        << users(R"({"name": "age", "type": "integer", "unique": 1})")
        << u"schema.entities[0].columns[1].unique: must be true or false, not a number"_s;
    QTest::newRow("version a string")
        << users(R"({"name": "rev", "type": "integer", "version": "true"})")
        << u"schema.entities[0].columns[1].version: must be true or false, not a string"_s;
    QTest::newRow("references not a string")
        << users(R"({"name": "boss", "type": "integer", "references": {"users": "id"}})")
        << u"schema.entities[0].columns[1].references: must be a string, not an object"_s;
    QTest::newRow("text default for an integer")
        << users(R"({"name": "age", "type": "integer", "default": "old"})")
        << u"schema.entities[0].columns[1].default: column \"age\" (integer) cannot hold "
           u"\"old\""_s;
    QTest::newRow("fractional default for an integer")
        << users(R"({"name": "age", "type": "integer", "default": 1.5})")
        << u"schema.entities[0].columns[1].default: 1.5 is not a whole number"_s;
    QTest::newRow("number default for a text")
        << users(R"({"name": "nick", "type": "text", "default": 5})")
        << u"schema.entities[0].columns[1].default: column \"nick\" (text) cannot hold 5"_s;
    QTest::newRow("invalid base64 default")
        << users(R"({"name": "photo", "type": "blob", "default": "not base64!"})")
        << u"schema.entities[0].columns[1].default: \"not base64!\" is not valid base64"_s;
    QTest::newRow("bad datetime default")
        << users(R"({"name": "born", "type": "datetime", "default": "2024-13-01"})")
        << u"schema.entities[0].columns[1].default: \"2024-13-01\" is not an ISO 8601 date and "
           u"time"_s;
    QTest::newRow("array default for a dict")
        << users(R"({"name": "prefs", "type": "json", "json_kind": "dict", "default": []})")
        << u"schema.entities[0].columns[1].default: column \"prefs\" holds a JSON object"_s;
    QTest::newRow("unknown json_kind")
        << users(R"({"name": "prefs", "type": "json", "json_kind": "set"})")
        << u"schema.entities[0].columns[1].json_kind: must be \"dict\" or \"list\", not "
           u"\"set\""_s;
    QTest::newRow("json_kind not a string")
        << users(R"({"name": "prefs", "type": "json", "json_kind": true})")
        << u"schema.entities[0].columns[1].json_kind: must be a string, not a boolean"_s;

    // Relationships.
    QTest::newRow("relationships not an array")
        << users({}, R"(, "relationships": {})")
        << u"schema.entities[0].relationships: must be an array, not an object"_s;
    QTest::newRow("unknown relationship field")
        << related(R"({"name": "addresses", "target": "Address", "kind": "one_to_many",
                       "backpopulates": "user"})")
        << u"schema.entities[0].relationships[0].backpopulates: unknown field (expected one of: "
           u"name, target, kind, back_populates, cascade, foreign_key, post_update)"_s;
    QTest::newRow("relationship target missing")
        << related(R"({"name": "addresses", "kind": "one_to_many"})")
        << u"schema.entities[0].relationships[0].target: is required"_s;
    QTest::newRow("unknown relationship kind")
        << related(R"({"name": "addresses", "target": "Address", "kind": "many_to_many"})")
        << u"schema.entities[0].relationships[0].kind: must be \"many_to_one\" or "
           u"\"one_to_many\", not \"many_to_many\""_s;
    QTest::newRow("back_populates not a string")
        << related(R"({"name": "addresses", "target": "Address", "kind": "one_to_many",
                       "back_populates": ["user"]})")
        << u"schema.entities[0].relationships[0].back_populates: must be a string, not an "
           u"array"_s;
    QTest::newRow("cascade not an array")
        << related(R"({"name": "addresses", "target": "Address", "kind": "one_to_many",
                       "cascade": "all"})")
        << u"schema.entities[0].relationships[0].cascade: must be an array, not a string"_s;
    QTest::newRow("unknown cascade")
        << related(R"({"name": "addresses", "target": "Address", "kind": "one_to_many",
                       "cascade": ["save-update", "remove"]})")
        << u"schema.entities[0].relationships[0].cascade[1]: unknown cascade \"remove\" "_s +
               cascadeNames;
    QTest::newRow("cascade in SQLAlchemy's spelling")
        << related(R"({"name": "addresses", "target": "Address", "kind": "one_to_many",
                       "cascade": ["all, delete-orphan"]})")
        << u"schema.entities[0].relationships[0].cascade[0]: unknown cascade \"all, "
           u"delete-orphan\" "_s +
               cascadeNames;
    QTest::newRow("foreign_key a number")
        << related(R"({"name": "addresses", "target": "Address", "kind": "one_to_many",
                       "foreign_key": 2})")
        << u"schema.entities[0].relationships[0].foreign_key: must be a column name or an array "
           u"of them"_s;

    // What the builder refuses comes back under the schema's path.
    QTest::newRow("builder error")
        << users(R"({"name": "tags", "type": "text", "json_kind": "list"})")
        << u"schema: entity \"User\", column \"tags\": json_kind applies to json columns only"_s;
    QTest::newRow("unknown target entity")
        << related(R"({"name": "addresses", "target": "Adress", "kind": "one_to_many"})")
        << u"schema: entity \"User\", relationship \"addresses\": unknown target entity "
           u"\"Adress\""_s;
    QTest::newRow("bad identifier")
        << users(R"({"name": "first name", "type": "text"})")
        << u"schema: entity \"User\": column \"first name\""_s + kNotPlain;
    QTest::newRow("malformed references")
        << users(R"({"name": "boss_id", "type": "integer", "references": "users"})")
        << u"schema: entity \"User\", column \"boss_id\": references must be \"table.column\", "
           u"not \"users\""_s;
}

void TestMapping::fromJsonErrors()
{
    QFETCH(QByteArray, schema);
    QFETCH(QString, message);
    QCOMPARE(fromJsonError(schema), message);
}

void TestMapping::fromJsonUsesTheGivenPath()
{
    const QJsonObject schema = parseObject(R"({"entities": [
        {"name": "User", "table": "users", "columns": [{"name": "id", "type": "int"}]}]})");
    try {
        mappingFromJson(schema, u"lessons[2].schema"_s);
        QFAIL("an unknown type was accepted");
    } catch (const InputError &error) {
        QCOMPARE(error.message(), u"lessons[2].schema.entities[0].columns[0].type: unknown type "
                                  u"\"int\" (expected integer, text, real, boolean, json, blob "
                                  u"or datetime)"_s);
    }
    const QJsonObject noKey = parseObject(R"({"entities": [
        {"name": "User", "table": "users", "columns": [{"name": "id", "type": "integer"}]}]})");
    try {
        mappingFromJson(noKey, u"lessons[2].schema"_s);
        QFAIL("an entity without a key was accepted");
    } catch (const InputError &error) {
        QCOMPARE(error.message(),
                 u"lessons[2].schema: entity \"User\" has no primary key column"_s);
    }
}

void TestMapping::toJsonNormalForm()
{
    MappingBuilder builder;
    builder.entity(u"User"_s, u"users"_s)
        .column(u"id"_s, ColumnType::Integer)
        .primaryKey()
        .column(u"name"_s, ColumnType::Text)
        .notNull()
        .unique()
        .column(u"born"_s, ColumnType::DateTime)
        .defaultValue(QDateTime(QDate(2024, 3, 1), QTime(9, 30, 0, 250), Qt::UTC))
        .column(u"rev"_s, ColumnType::Integer)
        .version()
        .column(u"token"_s, ColumnType::Text)
        .sensitive()
        .column(u"prefs"_s, ColumnType::Json)
        .json(JsonKind::Dict)
        .oneToMany(u"addresses"_s, u"Address"_s)
        .backPopulates(u"user"_s)
        .cascade(kAllCascade | CascadeOption::DeleteOrphan)
        .entity(u"Address"_s, u"addresses"_s)
        .column(u"id"_s, ColumnType::Integer)
        .primaryKey()
        .column(u"user_id"_s, ColumnType::Integer)
        .references(u"users.id"_s)
        .notNull()
        .column(u"photo"_s, ColumnType::Blob)
        .defaultValue(QByteArray("hi"))
        .manyToOne(u"user"_s, u"User"_s)
        .backPopulates(u"addresses"_s)
        .foreignKey({u"user_id"_s})
        .postUpdate()
        .entity(u"Tag"_s, u"tags"_s)
        .column(u"label"_s, ColumnType::Text)
        .primaryKey()
        .column(u"lang"_s, ColumnType::Text)
        .nullable(true)
        .primaryKey()
        .column(u"weight"_s, ColumnType::Real)
        .defaultValue(1);
    MappingPtr mapping;
    QVERIFY_THROWS_NO_EXCEPTION(mapping = builder.build());

    // Only what differs from the format's defaults is written, except the cascade, always
    // explicit; foreign_key is always an array.
    const QByteArray expected = R"({"entities": [
        {"name": "User", "table": "users",
         "columns": [
           {"name": "id", "type": "integer", "primary_key": true},
           {"name": "name", "type": "text", "nullable": false, "unique": true},
           {"name": "born", "type": "datetime", "default": "2024-03-01T09:30:00.250000"},
           {"name": "rev", "type": "integer", "version": true},
           {"name": "token", "type": "text", "sensitive": true},
           {"name": "prefs", "type": "json", "json_kind": "dict"}],
         "relationships": [
           {"name": "addresses", "target": "Address", "kind": "one_to_many",
            "back_populates": "user",
            "cascade": ["save-update", "merge", "delete", "delete-orphan", "expunge",
                        "refresh-expire"]}]},
        {"name": "Address", "table": "addresses",
         "columns": [
           {"name": "id", "type": "integer", "primary_key": true},
           {"name": "user_id", "type": "integer", "nullable": false, "references": "users.id"},
           {"name": "photo", "type": "blob", "default": "aGk="}],
         "relationships": [
           {"name": "user", "target": "User", "kind": "many_to_one", "back_populates": "addresses",
            "cascade": ["save-update", "merge"], "foreign_key": ["user_id"],
            "post_update": true}]},
        {"name": "Tag", "table": "tags",
         "columns": [
           {"name": "label", "type": "text", "primary_key": true},
           {"name": "lang", "type": "text", "primary_key": true, "nullable": true},
           {"name": "weight", "type": "real", "default": 1}]}
    ]})";
    QCOMPARE(compact(mappingToJson(*mapping)), compact(parseObject(expected)));
}

void TestMapping::jsonRoundTrip()
{
    for (const QByteArray &schema : {kUsersAndAddresses, kEveryColumnField, kMessages}) {
        const MappingPtr mapping = loadSchema(schema);
        QVERIFY(mapping);
        const QJsonObject first = mappingToJson(*mapping);
        MappingPtr again;
        QVERIFY_THROWS_NO_EXCEPTION(again = mappingFromJson(first));
        QCOMPARE(compact(mappingToJson(*again)), compact(first));
    }
    // What a scenario gives explicitly survives the trip.
    const MappingPtr usersMapping = loadSchema(kUsersAndAddresses);
    const MappingPtr everyMapping = loadSchema(kEveryColumnField);
    QVERIFY(usersMapping && everyMapping);
    const QJsonObject users = mappingToJson(*usersMapping);
    const QJsonArray entities = users.value(u"entities").toArray();
    const QJsonObject user = entities.at(0).toObject();
    QCOMPARE(user.value(u"relationships").toArray().at(0).toObject().value(u"cascade"),
             QJsonValue(QJsonArray{u"save-update"_s, u"merge"_s, u"delete"_s}));
    QCOMPARE(user.value(u"columns").toArray().at(1).toObject(), (QJsonObject{{u"name"_s, u"name"_s},
                                                                             {u"type"_s, u"text"_s},
                                                                             {u"nullable"_s, false},
                                                                             {u"unique"_s, true}}));
    const QJsonObject every = mappingToJson(*everyMapping);
    const QJsonArray items =
        every.value(u"entities").toArray().at(1).toObject().value(u"columns").toArray();
    QCOMPARE(items.at(9).toObject().value(u"default"), QJsonValue(u"2024-03-01T09:30:00.250000"_s));
    QCOMPARE(items.at(8).toObject().value(u"default"), QJsonValue(u"aGk="_s));
    QCOMPARE(items.at(5).toObject().value(u"default"),
             QJsonValue(QJsonObject{{u"theme"_s, u"dark"_s}}));
    QVERIFY(!items.at(13).toObject().contains(u"default")); // null default: none
}

// ---- identifiers ------------------------------------------------------------------------------

void TestMapping::isPlainIdentifier_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("plain");

    QTest::newRow("letter") << u"a"_s << true;
    QTest::newRow("underscore") << u"_"_s << true;
    QTest::newRow("mixed") << u"User_Address2"_s << true;
    QTest::newRow("leading underscore and digit") << u"_1"_s << true;
    QTest::newRow("63 characters") << QString(63, u'x') << true;
    QTest::newRow("64 characters") << QString(64, u'x') << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("leading digit") << u"1a"_s << false;
    QTest::newRow("space") << u"a b"_s << false;
    QTest::newRow("double quote") << u"a\"b"_s << false;
    QTest::newRow("single quote") << u"a'b"_s << false;
    QTest::newRow("semicolon") << u"a;b"_s << false;
    QTest::newRow("dash") << u"a-b"_s << false;
    QTest::newRow("dot") << u"users.id"_s << false;
    QTest::newRow("non-ASCII letter") << u"caf\u00e9"_s << false;
    QTest::newRow("fullwidth digit") << u"a\uff11"_s << false;
    QTest::newRow("trailing newline") << u"a\n"_s << false;
}

void TestMapping::isPlainIdentifier()
{
    QFETCH(QString, name);
    QFETCH(bool, plain);
    QCOMPARE(sessionscope::isPlainIdentifier(name), plain);
}

void TestMapping::quoteIdentifier()
{
    QCOMPARE(sessionscope::quoteIdentifier(u"users"), u"\"users\""_s);
    QCOMPARE(sessionscope::quoteIdentifier(u"order"), u"\"order\""_s);
    QCOMPARE(sessionscope::quoteIdentifier(u"_A1"), u"\"_A1\""_s);
}

// ---- DDL --------------------------------------------------------------------------------------

namespace {

// Children declared before their parent, every column type, a key that is also a foreign key.
MappingPtr ddlMapping()
{
    MappingBuilder b;
    b.entity(u"Address"_s, u"addresses"_s)
        .column(u"id"_s, ColumnType::Integer)
        .primaryKey()
        .column(u"email"_s, ColumnType::Text)
        .column(u"user_id"_s, ColumnType::Integer)
        .references(u"users.id"_s)
        .notNull();
    b.entity(u"Profile"_s, u"profiles"_s)
        .column(u"user_id"_s, ColumnType::Integer)
        .primaryKey()
        .references(u"users.id"_s)
        .column(u"bio"_s, ColumnType::Text);
    b.entity(u"User"_s, u"users"_s)
        .column(u"id"_s, ColumnType::Integer)
        .primaryKey()
        .column(u"name"_s, ColumnType::Text)
        .notNull()
        .unique()
        .column(u"score"_s, ColumnType::Real)
        .column(u"active"_s, ColumnType::Boolean)
        .column(u"data"_s, ColumnType::Json)
        .column(u"avatar"_s, ColumnType::Blob)
        .column(u"created"_s, ColumnType::DateTime);
    b.entity(u"Pair"_s, u"pairs"_s)
        .column(u"a"_s, ColumnType::Integer)
        .primaryKey()
        .column(u"b"_s, ColumnType::Text)
        .primaryKey()
        .column(u"email"_s, ColumnType::Text)
        .unique()
        .column(u"code"_s, ColumnType::Text)
        .unique();
    try {
        return b.build();
    } catch (const MappingError &error) {
        QTest::qFail(qPrintable(error.message()), __FILE__, __LINE__);
    }
    return {};
}

} // namespace

void TestMapping::createTableStatements_data()
{
    QTest::addColumn<int>("flavor");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("sqlite") << int(SqlFlavor::SQLite)
                            << QStringList{
                                   u"CREATE TABLE \"users\" (\n"
                                   u"    \"id\" INTEGER NOT NULL,\n"
                                   u"    \"name\" TEXT NOT NULL,\n"
                                   u"    \"score\" REAL,\n"
                                   u"    \"active\" BOOLEAN,\n"
                                   u"    \"data\" JSON,\n"
                                   u"    \"avatar\" BLOB,\n"
                                   u"    \"created\" DATETIME,\n"
                                   u"    PRIMARY KEY (\"id\"),\n"
                                   u"    UNIQUE (\"name\")\n"
                                   u")"_s,
                                   u"CREATE TABLE \"addresses\" (\n"
                                   u"    \"id\" INTEGER NOT NULL,\n"
                                   u"    \"email\" TEXT,\n"
                                   u"    \"user_id\" INTEGER NOT NULL,\n"
                                   u"    PRIMARY KEY (\"id\"),\n"
                                   u"    FOREIGN KEY (\"user_id\") REFERENCES \"users\" (\"id\")\n"
                                   u")"_s,
                                   u"CREATE TABLE \"profiles\" (\n"
                                   u"    \"user_id\" INTEGER NOT NULL,\n"
                                   u"    \"bio\" TEXT,\n"
                                   u"    PRIMARY KEY (\"user_id\"),\n"
                                   u"    FOREIGN KEY (\"user_id\") REFERENCES \"users\" (\"id\")\n"
                                   u")"_s,
                                   u"CREATE TABLE \"pairs\" (\n"
                                   u"    \"a\" INTEGER NOT NULL,\n"
                                   u"    \"b\" TEXT NOT NULL,\n"
                                   u"    \"email\" TEXT,\n"
                                   u"    \"code\" TEXT,\n"
                                   u"    PRIMARY KEY (\"a\", \"b\"),\n"
                                   u"    UNIQUE (\"email\"),\n"
                                   u"    UNIQUE (\"code\")\n"
                                   u")"_s};
    // SERIAL only for the generated key: not for a key that is a foreign key, nor a
    // composite one.
    QTest::newRow("postgresql")
        << int(SqlFlavor::PostgreSQL)
        << QStringList{u"CREATE TABLE \"users\" (\n"
                       u"    \"id\" SERIAL NOT NULL,\n"
                       u"    \"name\" TEXT NOT NULL,\n"
                       u"    \"score\" DOUBLE PRECISION,\n"
                       u"    \"active\" BOOLEAN,\n"
                       u"    \"data\" JSONB,\n"
                       u"    \"avatar\" BYTEA,\n"
                       u"    \"created\" TIMESTAMP,\n"
                       u"    PRIMARY KEY (\"id\"),\n"
                       u"    UNIQUE (\"name\")\n"
                       u")"_s,
                       u"CREATE TABLE \"addresses\" (\n"
                       u"    \"id\" SERIAL NOT NULL,\n"
                       u"    \"email\" TEXT,\n"
                       u"    \"user_id\" INTEGER NOT NULL,\n"
                       u"    PRIMARY KEY (\"id\"),\n"
                       u"    FOREIGN KEY (\"user_id\") REFERENCES \"users\" (\"id\")\n"
                       u")"_s,
                       u"CREATE TABLE \"profiles\" (\n"
                       u"    \"user_id\" INTEGER NOT NULL,\n"
                       u"    \"bio\" TEXT,\n"
                       u"    PRIMARY KEY (\"user_id\"),\n"
                       u"    FOREIGN KEY (\"user_id\") REFERENCES \"users\" (\"id\")\n"
                       u")"_s,
                       u"CREATE TABLE \"pairs\" (\n"
                       u"    \"a\" INTEGER NOT NULL,\n"
                       u"    \"b\" TEXT NOT NULL,\n"
                       u"    \"email\" TEXT,\n"
                       u"    \"code\" TEXT,\n"
                       u"    PRIMARY KEY (\"a\", \"b\"),\n"
                       u"    UNIQUE (\"email\"),\n"
                       u"    UNIQUE (\"code\")\n"
                       u")"_s};
}

void TestMapping::createTableStatements()
{
    QFETCH(int, flavor);
    QFETCH(QStringList, expected);
    const MappingPtr mapping = ddlMapping();
    QVERIFY(mapping);
    const QStringList statements =
        sessionscope::createTableStatements(*mapping, SqlDialect(SqlFlavor(flavor)));
    QCOMPARE(statements.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i)
        QCOMPARE(statements.at(i), expected.at(i));
}

void TestMapping::dropTableStatements_data()
{
    QTest::addColumn<int>("flavor");
    QTest::addColumn<QStringList>("expected");

    // Children before parents: the reverse of the creation order.
    QTest::newRow("sqlite") << int(SqlFlavor::SQLite)
                            << QStringList{u"DROP TABLE IF EXISTS \"pairs\""_s,
                                           u"DROP TABLE IF EXISTS \"profiles\""_s,
                                           u"DROP TABLE IF EXISTS \"addresses\""_s,
                                           u"DROP TABLE IF EXISTS \"users\""_s};
    QTest::newRow("postgresql") << int(SqlFlavor::PostgreSQL)
                                << QStringList{u"DROP TABLE IF EXISTS \"pairs\" CASCADE"_s,
                                               u"DROP TABLE IF EXISTS \"profiles\" CASCADE"_s,
                                               u"DROP TABLE IF EXISTS \"addresses\" CASCADE"_s,
                                               u"DROP TABLE IF EXISTS \"users\" CASCADE"_s};
}

void TestMapping::dropTableStatements()
{
    QFETCH(int, flavor);
    QFETCH(QStringList, expected);
    const MappingPtr mapping = ddlMapping();
    QVERIFY(mapping);
    QCOMPARE(sessionscope::dropTableStatements(*mapping, SqlDialect(SqlFlavor(flavor))), expected);
}

namespace {

// Runs statements on a fresh in-memory SQLite database; returns the first error or "".
QString execAll(QSqlDatabase db, const QStringList &statements)
{
    QSqlQuery query(db);
    for (const QString &sql : statements) {
        if (!query.exec(sql))
            return sql + u": "_s + query.lastError().text();
    }
    return {};
}

// PRAGMA table_info as "name TYPE notnull pk" lines.
QStringList tableInfo(QSqlDatabase db, const QString &table)
{
    QSqlQuery query(db);
    QStringList out;
    if (!query.exec(u"PRAGMA table_info(\"%1\")"_s.arg(table)))
        return {query.lastError().text()};
    while (query.next()) {
        out.append(u"%1 %2 %3 %4"_s.arg(query.value(1).toString(), query.value(2).toString(),
                                        query.value(3).toString(), query.value(5).toString()));
    }
    return out;
}

QStringList tableNames(QSqlDatabase db)
{
    QSqlQuery query(db);
    QStringList out;
    query.exec(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"_s);
    while (query.next())
        out.append(query.value(0).toString());
    return out;
}

class MemoryDatabase
{
public:
    explicit MemoryDatabase(const QString &name)
        : m_name(name)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(u":memory:"_s);
        db.open();
    }
    ~MemoryDatabase()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    QSqlDatabase database() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
};

} // namespace

void TestMapping::sqliteDdlExecutes()
{
    const MappingPtr mapping = ddlMapping();
    QVERIFY(mapping);
    const SqlDialect sqlite(SqlFlavor::SQLite);
    MemoryDatabase memory(u"tst_mapping-ddl"_s);
    QSqlDatabase db = memory.database();
    QVERIFY(db.isOpen());

    QCOMPARE(execAll(db, sessionscope::createTableStatements(*mapping, sqlite)), QString());
    QCOMPARE(tableNames(db), (QStringList{u"addresses"_s, u"pairs"_s, u"profiles"_s, u"users"_s}));
    QCOMPARE(tableInfo(db, u"users"_s),
             (QStringList{u"id INTEGER 1 1"_s, u"name TEXT 1 0"_s, u"score REAL 0 0"_s,
                          u"active BOOLEAN 0 0"_s, u"data JSON 0 0"_s, u"avatar BLOB 0 0"_s,
                          u"created DATETIME 0 0"_s}));
    QCOMPARE(tableInfo(db, u"addresses"_s),
             (QStringList{u"id INTEGER 1 1"_s, u"email TEXT 0 0"_s, u"user_id INTEGER 1 0"_s}));
    QCOMPARE(tableInfo(db, u"pairs"_s), (QStringList{u"a INTEGER 1 1"_s, u"b TEXT 1 2"_s,
                                                     u"email TEXT 0 0"_s, u"code TEXT 0 0"_s}));

    QSqlQuery query(db);
    QVERIFY(query.exec(u"PRAGMA foreign_key_list(\"profiles\")"_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(u"table"_s).toString(), u"users"_s);
    QCOMPARE(query.value(u"from"_s).toString(), u"user_id"_s);
    QCOMPARE(query.value(u"to"_s).toString(), u"id"_s);
    QVERIFY(!query.next());

    // The generated key is the rowid: an INSERT without it gets 1, 2, ...
    QCOMPARE(execAll(db, {u"INSERT INTO \"users\" (\"name\") VALUES ('ann')"_s,
                          u"INSERT INTO \"users\" (\"name\") VALUES ('bob')"_s}),
             QString());
    QVERIFY(query.exec(u"SELECT \"id\" FROM \"users\" ORDER BY \"id\""_s));
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toLongLong(), 1);
    QVERIFY(query.next());
    QCOMPARE(query.value(0).toLongLong(), 2);
    query.finish();
    // UNIQUE and NOT NULL are enforced.
    QVERIFY(!execAll(db, {u"INSERT INTO \"users\" (\"name\") VALUES ('ann')"_s}).isEmpty());
    QVERIFY(!execAll(db, {u"INSERT INTO \"addresses\" (\"email\") VALUES ('x')"_s}).isEmpty());

    // Children first, so this works with foreign keys enforced.
    QCOMPARE(execAll(db, {u"PRAGMA foreign_keys = ON"_s}), QString());
    QCOMPARE(execAll(db, {u"INSERT INTO \"profiles\" (\"user_id\") VALUES (1)"_s}), QString());
    QCOMPARE(execAll(db, sessionscope::dropTableStatements(*mapping, sqlite)), QString());
    QCOMPARE(tableNames(db), QStringList());
    // IF EXISTS: dropping again is harmless.
    QCOMPARE(execAll(db, sessionscope::dropTableStatements(*mapping, sqlite)), QString());
}

void TestMapping::sqliteDdlQuotesKeywords()
{
    // Every name below is an SQL keyword; quoting makes them plain names.
    MappingBuilder b;
    b.entity(u"Group"_s, u"group"_s)
        .column(u"select"_s, ColumnType::Integer)
        .primaryKey()
        .column(u"from"_s, ColumnType::Text)
        .unique();
    b.entity(u"Order"_s, u"order"_s)
        .column(u"where"_s, ColumnType::Integer)
        .primaryKey()
        .column(u"table"_s, ColumnType::Integer)
        .references(u"group.select"_s);
    MappingPtr mapping;
    QVERIFY_THROWS_NO_EXCEPTION(mapping = b.build());
    const SqlDialect sqlite(SqlFlavor::SQLite);
    QCOMPARE(sessionscope::createTableStatements(*mapping, sqlite).at(1),
             u"CREATE TABLE \"order\" (\n"
             u"    \"where\" INTEGER NOT NULL,\n"
             u"    \"table\" INTEGER,\n"
             u"    PRIMARY KEY (\"where\"),\n"
             u"    FOREIGN KEY (\"table\") REFERENCES \"group\" (\"select\")\n"
             u")"_s);
    MemoryDatabase memory(u"tst_mapping-keywords"_s);
    QSqlDatabase db = memory.database();
    QCOMPARE(execAll(db, sessionscope::createTableStatements(*mapping, sqlite)), QString());
    QCOMPARE(tableNames(db), (QStringList{u"group"_s, u"order"_s}));
    QCOMPARE(tableInfo(db, u"order"_s),
             (QStringList{u"where INTEGER 1 1"_s, u"table INTEGER 0 0"_s}));
    QCOMPARE(execAll(db, sessionscope::dropTableStatements(*mapping, sqlite)), QString());
    QCOMPARE(tableNames(db), QStringList());
}

QTEST_GUILESS_MAIN(TestMapping)

#include "tst_mapping.moc"
