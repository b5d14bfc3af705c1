#pragma once

#include "mapping.h"

#include <QString>
#include <QStringList>
#include <QVariant>

#include <vector>

namespace sessionscope {

class MappingBuilder;

// Declares one entity fluently. Column modifiers apply to the last column declared, relationship
// modifiers to the last relationship; a modifier in the wrong place is reported by build().
//
//     MappingBuilder b;
//     b.entity("User", "users")
//         .column("id", ColumnType::Integer).primaryKey()
//         .column("name", ColumnType::Text).notNull().unique()
//         .oneToMany("addresses", "Address").backPopulates("user");
class EntityBuilder
{
public:
    EntityBuilder &column(const QString &name, ColumnType type);
    EntityBuilder &primaryKey();
    EntityBuilder &notNull();
    EntityBuilder &nullable(bool nullable);
    EntityBuilder &unique();
    EntityBuilder &defaultValue(const QVariant &value);
    EntityBuilder &references(const QString &tableDotColumn);
    EntityBuilder &version();
    EntityBuilder &json(JsonKind kind);
    EntityBuilder &sensitive();

    EntityBuilder &manyToOne(const QString &name, const QString &target);
    EntityBuilder &oneToMany(const QString &name, const QString &target);
    EntityBuilder &backPopulates(const QString &name);
    EntityBuilder &cascade(Cascade cascade);
    EntityBuilder &foreignKey(const QStringList &columns);
    // The foreign key is written by a second UPDATE after the rows are inserted (and set to
    // NULL by one before a DELETE), so that rows may refer to each other or to themselves.
    EntityBuilder &postUpdate();

    // A composite attribute over columns of this entity (declared before or after it).
    EntityBuilder &composite(const QString &name, const QStringList &columns);

    // Starts the next entity, so a whole mapping reads as one chain.
    EntityBuilder &entity(const QString &name, const QString &table);

private:
    friend class MappingBuilder;
    EntityBuilder(MappingBuilder *owner, QString name, QString table);
    Column *lastColumn(const char *modifier);
    Relationship *lastRelationship(const char *modifier);
    EntityBuilder &relationship(const QString &name, const QString &target, RelationshipKind kind);

    MappingBuilder *m_owner;
    QString m_name;
    QString m_table;
    std::vector<Column> m_columns;
    std::vector<Relationship> m_relationships;
    std::vector<std::pair<QString, QStringList>> m_composites;
    QStringList m_columnNullabilitySet; // columns whose nullability was given explicitly
    bool m_lastIsColumn = true;
};

class MappingBuilder
{
public:
    MappingBuilder();
    ~MappingBuilder();
    MappingBuilder(const MappingBuilder &) = delete;
    MappingBuilder &operator=(const MappingBuilder &) = delete;

    EntityBuilder &entity(const QString &name, const QString &table);

    // Validates everything and resolves relationships; throws MappingError naming what is wrong.
    MappingPtr build() const;

private:
    friend class EntityBuilder;
    void recordError(const QString &message) { m_errors.append(message); }

    std::vector<std::unique_ptr<EntityBuilder>> m_entities;
    QStringList m_errors;
};

} // namespace sessionscope
