#pragma once

#include "column.h"
#include "relationship.h"

#include <QList>
#include <QString>

#include <vector>

namespace sessionscope {

// A relationship elsewhere whose delete-orphan cascade makes objects of this entity orphans when
// they leave its collection.
struct OrphanSource
{
    const EntityType *parent = nullptr;
    int attribute = -1; // the collection on the parent
};

// One attribute made of several columns (e.g. a point over x and y), SQLAlchemy's composite().
struct Composite
{
    QString name;
    QList<int> columns; // column indexes, in the order of the composite's fields
};

// One mapped entity: a table, its columns and its relationships. Attributes are numbered
// columns first, then relationships; object state is stored by that index.
class EntityType
{
public:
    const QString &name() const { return m_name; }
    const QString &table() const { return m_table; }

    const std::vector<Column> &columns() const { return m_columns; }
    const std::vector<Relationship> &relationships() const { return m_relationships; }
    // Composites are not numbered with the attributes: they are views over columns.
    const std::vector<Composite> &composites() const { return m_composites; }
    int compositeIndex(QStringView name) const; // -1 when there is none

    int attributeCount() const { return int(m_columns.size() + m_relationships.size()); }
    // Attributes and composites together: each object keeps a bit per slot in 64-bit words, and
    // counts its words in a byte.
    static constexpr int kMaxSlots = 255 * 64;
    int columnCount() const { return int(m_columns.size()); }
    bool isColumn(int attribute) const { return attribute < columnCount(); }
    bool isRelationship(int attribute) const { return attribute >= columnCount(); }
    bool isCollection(int attribute) const
    {
        return isRelationship(attribute) && relationship(attribute).isCollection();
    }

    const Column &column(int attribute) const { return m_columns[size_t(attribute)]; }
    const Relationship &relationship(int attribute) const
    {
        return m_relationships[size_t(attribute - columnCount())];
    }
    const QString &attributeName(int attribute) const;
    int attributeIndex(QStringView name) const; // -1 when there is none
    int columnIndex(QStringView name) const;    // -1 when there is none or it is a relationship

    const QList<int> &primaryKey() const { return m_primaryKey; }
    bool isPrimaryKey(int attribute) const;
    int versionColumn() const { return m_versionColumn; }
    // The single integer key column the database generates, or -1.
    int generatedKeyColumn() const { return m_generatedKey; }
    const QList<OrphanSource> &orphanSources() const { return m_orphanSources; }

private:
    friend class MappingBuilder;
    friend class MappingResolver;

    QString m_name;
    QString m_table;
    std::vector<Column> m_columns;
    std::vector<Relationship> m_relationships;
    std::vector<Composite> m_composites;
    QList<int> m_primaryKey;
    int m_versionColumn = -1;
    int m_generatedKey = -1;
    QList<OrphanSource> m_orphanSources;
};

} // namespace sessionscope
