#include "mappingbuilder.h"

#include "identifier.h"
#include "support/error.h"
#include "values.h"

#include <QSet>

namespace sessionscope {

// ---- EntityBuilder ---------------------------------------------------------------------------

EntityBuilder::EntityBuilder(MappingBuilder *owner, QString name, QString table)
    : m_owner(owner)
    , m_name(std::move(name))
    , m_table(std::move(table))
{}

Column *EntityBuilder::lastColumn(const char *modifier)
{
    if (m_columns.empty() || !m_lastIsColumn) {
        m_owner->recordError(QStringLiteral("entity \"%1\": %2() must follow a column()")
                                 .arg(m_name, QLatin1String(modifier)));
        return nullptr;
    }
    return &m_columns.back();
}

Relationship *EntityBuilder::lastRelationship(const char *modifier)
{
    if (m_relationships.empty() || m_lastIsColumn) {
        m_owner->recordError(QStringLiteral("entity \"%1\": %2() must follow a relationship")
                                 .arg(m_name, QLatin1String(modifier)));
        return nullptr;
    }
    return &m_relationships.back();
}

EntityBuilder &EntityBuilder::column(const QString &name, ColumnType type)
{
    Column column;
    column.name = name;
    column.type = type;
    m_columns.push_back(std::move(column));
    m_lastIsColumn = true;
    return *this;
}

EntityBuilder &EntityBuilder::primaryKey()
{
    if (Column *column = lastColumn("primaryKey")) {
        column->primaryKey = true;
        if (!m_columnNullabilitySet.contains(column->name))
            column->nullable = false;
    }
    return *this;
}

EntityBuilder &EntityBuilder::notNull()
{
    return nullable(false);
}

EntityBuilder &EntityBuilder::nullable(bool nullable)
{
    if (Column *column = lastColumn("nullable")) {
        column->nullable = nullable;
        m_columnNullabilitySet.append(column->name);
    }
    return *this;
}

EntityBuilder &EntityBuilder::unique()
{
    if (Column *column = lastColumn("unique"))
        column->unique = true;
    return *this;
}

EntityBuilder &EntityBuilder::defaultValue(const QVariant &value)
{
    if (Column *column = lastColumn("defaultValue"))
        column->defaultValue = value.isValid() ? value : QVariant();
    return *this;
}

EntityBuilder &EntityBuilder::references(const QString &tableDotColumn)
{
    if (Column *column = lastColumn("references")) {
        const qsizetype dot = tableDotColumn.indexOf(u'.');
        if (dot <= 0 || dot == tableDotColumn.size() - 1 || tableDotColumn.count(u'.') != 1) {
            m_owner->recordError(QStringLiteral("entity \"%1\", column \"%2\": references must "
                                                "be \"table.column\", not \"%3\"")
                                     .arg(m_name, column->name, tableDotColumn));
        } else {
            column->referencesTable = tableDotColumn.left(dot);
            column->referencesColumn = tableDotColumn.mid(dot + 1);
        }
    }
    return *this;
}

EntityBuilder &EntityBuilder::version()
{
    if (Column *column = lastColumn("version"))
        column->versionCounter = true;
    return *this;
}

EntityBuilder &EntityBuilder::json(JsonKind kind)
{
    if (Column *column = lastColumn("json"))
        column->jsonKind = kind;
    return *this;
}

EntityBuilder &EntityBuilder::sensitive()
{
    if (Column *column = lastColumn("sensitive"))
        column->sensitive = true;
    return *this;
}

EntityBuilder &EntityBuilder::relationship(const QString &name, const QString &target,
                                           RelationshipKind kind)
{
    Relationship relationship;
    relationship.name = name;
    relationship.targetName = target;
    relationship.kind = kind;
    m_relationships.push_back(std::move(relationship));
    m_lastIsColumn = false;
    return *this;
}

EntityBuilder &EntityBuilder::manyToOne(const QString &name, const QString &target)
{
    return relationship(name, target, RelationshipKind::ManyToOne);
}

EntityBuilder &EntityBuilder::oneToMany(const QString &name, const QString &target)
{
    return relationship(name, target, RelationshipKind::OneToMany);
}

EntityBuilder &EntityBuilder::backPopulates(const QString &name)
{
    if (Relationship *relationship = lastRelationship("backPopulates"))
        relationship->backPopulates = name;
    return *this;
}

EntityBuilder &EntityBuilder::postUpdate()
{
    if (Relationship *relationship = lastRelationship("postUpdate"))
        relationship->postUpdate = true;
    return *this;
}

EntityBuilder &EntityBuilder::cascade(Cascade cascade)
{
    if (Relationship *relationship = lastRelationship("cascade"))
        relationship->cascade = cascade;
    return *this;
}

EntityBuilder &EntityBuilder::foreignKey(const QStringList &columns)
{
    if (Relationship *relationship = lastRelationship("foreignKey"))
        relationship->foreignKeyColumns = columns;
    return *this;
}

EntityBuilder &EntityBuilder::composite(const QString &name, const QStringList &columns)
{
    m_composites.emplace_back(name, columns);
    return *this;
}

EntityBuilder &EntityBuilder::entity(const QString &name, const QString &table)
{
    return m_owner->entity(name, table);
}

// ---- MappingBuilder --------------------------------------------------------------------------

MappingBuilder::MappingBuilder() = default;
MappingBuilder::~MappingBuilder() = default;

EntityBuilder &MappingBuilder::entity(const QString &name, const QString &table)
{
    m_entities.push_back(std::unique_ptr<EntityBuilder>(new EntityBuilder(this, name, table)));
    return *m_entities.back();
}

// Validates declarations and resolves cross-references; a friend of EntityType and Mapping.
class MappingResolver
{
public:
    explicit MappingResolver(Mapping &mapping)
        : m_mapping(mapping)
    {}

    void fail(const QString &message) { throw MappingError(message); }

    void checkIdentifier(const QString &what, const QString &name)
    {
        if (!isPlainIdentifier(name))
            fail(QStringLiteral("%1 \"%2\" is not a plain identifier (letters, digits and "
                                "underscores, not starting with a digit, at most 63 characters)")
                     .arg(what, name));
    }

    void resolveColumns(EntityType &entity)
    {
        const QString where = QStringLiteral("entity \"%1\"").arg(entity.m_name);
        if (entity.m_columns.empty())
            fail(where + QStringLiteral(" has no columns"));
        QSet<QString> names;
        for (size_t i = 0; i < entity.m_columns.size(); ++i) {
            Column &column = entity.m_columns[i];
            column.index = int(i);
            const QString at = QStringLiteral("%1, column \"%2\"").arg(where, column.name);
            checkIdentifier(where + QStringLiteral(": column"), column.name);
            if (names.contains(column.name))
                fail(where + QStringLiteral(": column \"%1\" is declared twice").arg(column.name));
            names.insert(column.name);
            if (column.primaryKey)
                entity.m_primaryKey.append(column.index);
            if (column.jsonKind != JsonKind::None && column.type != ColumnType::Json)
                fail(at + QStringLiteral(": json_kind applies to json columns only"));
            if (column.versionCounter) {
                if (column.type != ColumnType::Integer)
                    fail(at + QStringLiteral(": a version counter must be an integer column"));
                if (column.primaryKey)
                    fail(at + QStringLiteral(": a version counter cannot be part of the key"));
                if (entity.m_versionColumn >= 0)
                    fail(where + QStringLiteral(" has more than one version counter (\"%1\" and "
                                                "\"%2\")")
                                     .arg(entity.m_columns[size_t(entity.m_versionColumn)].name,
                                          column.name));
                entity.m_versionColumn = column.index;
            }
            if (column.hasDefault()) {
                QString why;
                const auto coerced = values::coerce(column, column.defaultValue, &why);
                if (!coerced)
                    fail(at + QStringLiteral(": default does not fit: ") + why);
                column.defaultValue = *coerced;
            }
        }
        if (entity.m_primaryKey.isEmpty())
            fail(where + QStringLiteral(" has no primary key column"));
        if (entity.m_primaryKey.size() == 1) {
            Column &key = entity.m_columns[size_t(entity.m_primaryKey.first())];
            if (key.type == ColumnType::Integer && !key.isForeignKey() && !key.hasDefault()) {
                key.autoincrement = true;
                entity.m_generatedKey = key.index;
            }
        }
    }

    void resolveComposites(EntityType &entity,
                           const std::vector<std::pair<QString, QStringList>> &declared)
    {
        const QString where = QStringLiteral("entity \"%1\"").arg(entity.m_name);
        for (const auto &[name, columns] : declared) {
            const QString at = QStringLiteral("%1, composite \"%2\"").arg(where, name);
            checkIdentifier(where + QStringLiteral(": composite"), name);
            if (entity.attributeIndex(name) >= 0 || entity.compositeIndex(name) >= 0)
                fail(at + QStringLiteral(": the name is already used by another attribute"));
            if (columns.size() < 2)
                fail(at + QStringLiteral(": a composite spans at least two columns"));
            Composite composite;
            composite.name = name;
            for (const QString &column : columns) {
                const int index = entity.columnIndex(column);
                if (index < 0)
                    fail(at + QStringLiteral(": \"%1\" is not a column of \"%2\"")
                                  .arg(column, entity.m_name));
                if (composite.columns.contains(index))
                    fail(at + QStringLiteral(": column \"%1\" is named twice").arg(column));
                composite.columns.append(index);
            }
            entity.m_composites.push_back(std::move(composite));
        }
    }

    void resolveForeignKeys(EntityType &entity)
    {
        for (Column &column : entity.m_columns) {
            if (!column.isForeignKey())
                continue;
            const QString at =
                QStringLiteral("entity \"%1\", column \"%2\"").arg(entity.m_name, column.name);
            const EntityType *referenced = m_mapping.entityForTable(column.referencesTable);
            if (!referenced)
                fail(at + QStringLiteral(": references unknown table \"%1\"")
                              .arg(column.referencesTable));
            const int target = referenced->columnIndex(column.referencesColumn);
            if (target < 0)
                fail(at + QStringLiteral(": references unknown column \"%1.%2\"")
                              .arg(column.referencesTable, column.referencesColumn));
            // A foreign key is one column, so it must refer to something unique on its own.
            const Column &targetColumn = referenced->column(target);
            const bool wholeKey = targetColumn.primaryKey && referenced->primaryKey().size() == 1;
            if (!wholeKey && !targetColumn.unique)
                fail(at + QStringLiteral(": references \"%1.%2\", which is neither the whole "
                                         "primary key nor unique")
                              .arg(column.referencesTable, column.referencesColumn));
        }
    }

    void resolveRelationships(EntityType &entity)
    {
        const QString where = QStringLiteral("entity \"%1\"").arg(entity.m_name);
        QSet<QString> names;
        for (const Column &column : entity.m_columns)
            names.insert(column.name);
        for (size_t i = 0; i < entity.m_relationships.size(); ++i) {
            Relationship &relationship = entity.m_relationships[i];
            relationship.index = entity.columnCount() + int(i);
            const QString at =
                QStringLiteral("%1, relationship \"%2\"").arg(where, relationship.name);
            checkIdentifier(where + QStringLiteral(": relationship"), relationship.name);
            if (names.contains(relationship.name))
                fail(at + QStringLiteral(": the name is already used by another attribute"));
            names.insert(relationship.name);
            relationship.target = m_mapping.entity(relationship.targetName);
            if (!relationship.target)
                fail(at +
                     QStringLiteral(": unknown target entity \"%1\"").arg(relationship.targetName));
            if (relationship.kind == RelationshipKind::ManyToOne &&
                relationship.cascades(CascadeOption::DeleteOrphan))
                fail(at + QStringLiteral(": delete-orphan is for one_to_many relationships"));
            resolvePairs(entity, relationship, at);
        }
    }

    void resolvePairs(const EntityType &entity, Relationship &relationship, const QString &at)
    {
        const bool manyToOne = relationship.kind == RelationshipKind::ManyToOne;
        const EntityType &many = manyToOne ? entity : *relationship.target;
        const EntityType &one = manyToOne ? *relationship.target : entity;

        QList<int> candidates;
        if (!relationship.foreignKeyColumns.isEmpty()) {
            for (const QString &name : relationship.foreignKeyColumns) {
                const int index = many.columnIndex(name);
                if (index < 0)
                    fail(at + QStringLiteral(": foreign_key \"%1\" is not a column of \"%2\"")
                                  .arg(name, many.m_name));
                if (many.column(index).referencesTable != one.m_table)
                    fail(at + QStringLiteral(": foreign_key \"%1.%2\" does not reference table "
                                             "\"%3\"")
                                  .arg(many.m_name, name, one.m_table));
                candidates.append(index);
            }
        } else {
            for (const Column &column : many.m_columns) {
                if (column.referencesTable == one.m_table)
                    candidates.append(column.index);
            }
            if (candidates.isEmpty())
                fail(at + QStringLiteral(": no column of \"%1\" references table \"%2\"")
                              .arg(many.m_name, one.m_table));
        }
        if (candidates.size() > 1) {
            if (!relationship.foreignKeyColumns.isEmpty())
                fail(at + QStringLiteral(": foreign_key names %1 columns; a relationship uses one")
                              .arg(candidates.size()));
            fail(at + QStringLiteral(": several columns of \"%1\" reference \"%2\"; name the "
                                     "one to use with foreign_key")
                          .arg(many.m_name, one.m_table));
        }
        ColumnPair pair;
        pair.foreignKey = candidates.first();
        pair.referenced = one.columnIndex(many.column(pair.foreignKey).referencesColumn);
        relationship.pairs.append(pair);
    }

    void resolveBackPopulates(EntityType &entity)
    {
        for (Relationship &relationship : entity.m_relationships) {
            if (relationship.backPopulates.isEmpty())
                continue;
            const QString at = QStringLiteral("entity \"%1\", relationship \"%2\"")
                                   .arg(entity.m_name, relationship.name);
            const EntityType &target = *relationship.target;
            const int back = target.attributeIndex(relationship.backPopulates);
            if (back < 0 || !target.isRelationship(back))
                fail(at + QStringLiteral(": back_populates \"%1\" is not a relationship of \"%2\"")
                              .arg(relationship.backPopulates, target.m_name));
            const Relationship &other = target.relationship(back);
            if (other.target != &entity)
                fail(at + QStringLiteral(": back_populates \"%1.%2\" targets \"%3\", not \"%4\"")
                              .arg(target.m_name, other.name, other.targetName, entity.m_name));
            if (other.kind == relationship.kind)
                fail(at + QStringLiteral(": back_populates pairs a many_to_one with a "
                                         "one_to_many; \"%1.%2\" has the same kind")
                              .arg(target.m_name, other.name));
            if (!other.backPopulates.isEmpty() && other.backPopulates != relationship.name)
                fail(at +
                     QStringLiteral(": \"%1.%2\" back-populates \"%3\", not \"%4\"")
                         .arg(target.m_name, other.name, other.backPopulates, relationship.name));
            if (other.pairs.size() != relationship.pairs.size() ||
                !std::equal(other.pairs.begin(), other.pairs.end(), relationship.pairs.begin(),
                            [](const ColumnPair &a, const ColumnPair &b) {
                                return a.foreignKey == b.foreignKey && a.referenced == b.referenced;
                            }))
                fail(at + QStringLiteral(": \"%1.%2\" uses a different foreign key; give both "
                                         "the same foreign_key")
                              .arg(target.m_name, other.name));
            relationship.backIndex = back;
        }
    }

    void resolveOrphanSources()
    {
        for (const auto &entity : m_mapping.m_entities) {
            for (const Relationship &relationship : entity->m_relationships) {
                if (relationship.isCollection() &&
                    relationship.cascades(CascadeOption::DeleteOrphan)) {
                    auto *target = const_cast<EntityType *>(relationship.target);
                    target->m_orphanSources.append({entity.get(), relationship.index});
                }
            }
        }
    }

    // Kahn's algorithm over foreign keys, stable in declaration order. Self-references are
    // fine (rows are then ordered one by one at flush); cycles across tables are refused.
    void orderByDependency()
    {
        const auto &entities = m_mapping.m_entities;
        QList<const EntityType *> remaining;
        for (const auto &entity : entities)
            remaining.append(entity.get());
        auto dependsOnRemaining = [&](const EntityType *entity) {
            for (const Column &column : entity->columns()) {
                if (!column.isForeignKey() || column.referencesTable == entity->table())
                    continue;
                for (const EntityType *other : remaining) {
                    if (other->table() == column.referencesTable)
                        return true;
                }
            }
            return false;
        };
        while (!remaining.isEmpty()) {
            bool progressed = false;
            for (qsizetype i = 0; i < remaining.size(); ++i) {
                if (!dependsOnRemaining(remaining[i])) {
                    m_mapping.m_dependencyOrder.append(remaining.takeAt(i));
                    progressed = true;
                    break;
                }
            }
            if (!progressed) {
                QStringList names;
                for (const EntityType *entity : remaining)
                    names.append(entity->name());
                fail(QStringLiteral("foreign keys form a cycle between %1; cycles across tables "
                                    "are not supported")
                         .arg(names.join(QStringLiteral(", "))));
            }
        }
    }

private:
    Mapping &m_mapping;
};

MappingPtr MappingBuilder::build() const
{
    if (!m_errors.isEmpty())
        throw MappingError(m_errors.first());

    auto mapping = std::make_shared<Mapping>();
    MappingResolver resolver(*mapping);
    QSet<QString> entityNames;
    QSet<QString> tableNames;
    for (const auto &declared : m_entities) {
        resolver.checkIdentifier(QStringLiteral("entity name"), declared->m_name);
        resolver.checkIdentifier(QStringLiteral("entity \"%1\": table name").arg(declared->m_name),
                                 declared->m_table);
        if (entityNames.contains(declared->m_name))
            resolver.fail(QStringLiteral("entity \"%1\" is declared twice").arg(declared->m_name));
        if (tableNames.contains(declared->m_table))
            resolver.fail(QStringLiteral("table \"%1\" is mapped twice").arg(declared->m_table));
        entityNames.insert(declared->m_name);
        tableNames.insert(declared->m_table);

        auto entity = std::make_unique<EntityType>();
        entity->m_name = declared->m_name;
        entity->m_table = declared->m_table;
        entity->m_columns = declared->m_columns;
        entity->m_relationships = declared->m_relationships;
        mapping->m_entities.push_back(std::move(entity));
    }
    if (mapping->m_entities.empty())
        resolver.fail(QStringLiteral("the mapping declares no entities"));

    for (const auto &entity : mapping->m_entities)
        resolver.resolveColumns(*entity);
    for (const auto &entity : mapping->m_entities)
        resolver.resolveForeignKeys(*entity);
    for (const auto &entity : mapping->m_entities)
        resolver.resolveRelationships(*entity);
    for (const auto &entity : mapping->m_entities)
        resolver.resolveBackPopulates(*entity);
    for (size_t i = 0; i < m_entities.size(); ++i)
        resolver.resolveComposites(*mapping->m_entities[i], m_entities[i]->m_composites);
    for (const auto &entity : mapping->m_entities) {
        const int slotCount = entity->attributeCount() + int(entity->composites().size());
        if (slotCount > EntityType::kMaxSlots)
            resolver.fail(QStringLiteral("entity \"%1\" has %2 attributes and composites; at most "
                                         "%3 are supported")
                              .arg(entity->name())
                              .arg(slotCount)
                              .arg(EntityType::kMaxSlots));
    }
    resolver.resolveOrphanSources();
    resolver.orderByDependency();
    return mapping;
}

} // namespace sessionscope
