#pragma once

#include "entitytype.h"

#include <QList>

#include <memory>
#include <vector>

namespace sessionscope {

// The schema a Session works with: immutable once built, shared by sessions, recorders and
// scenario runners. Build one with MappingBuilder or mappingFromJson().
template<typename T>
class Attribute;

class Mapping
{
public:
    const std::vector<std::unique_ptr<EntityType>> &entities() const { return m_entities; }
    const EntityType *entity(QStringView name) const;
    const EntityType *entityForTable(QStringView table) const;

    // Entities ordered so that every table comes after the tables its foreign keys refer to
    // (declaration order otherwise). INSERTs and CREATE TABLE follow it; DELETEs reverse it.
    const QList<const EntityType *> &dependencyOrder() const { return m_dependencyOrder; }
    int dependencyRank(const EntityType *entity) const;

    // A typed handle to a column (attribute.h, which defines it).
    template<typename T>
    Attribute<T> attribute(QStringView entity, QStringView name) const;

private:
    friend class MappingBuilder;
    friend class MappingResolver;
    std::vector<std::unique_ptr<EntityType>> m_entities;
    QList<const EntityType *> m_dependencyOrder;
};

using MappingPtr = std::shared_ptr<const Mapping>;

} // namespace sessionscope
