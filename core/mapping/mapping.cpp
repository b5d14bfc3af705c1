#include "mapping.h"

namespace sessionscope {

const EntityType *Mapping::entity(QStringView name) const
{
    for (const auto &entity : m_entities) {
        if (entity->name() == name)
            return entity.get();
    }
    return nullptr;
}

const EntityType *Mapping::entityForTable(QStringView table) const
{
    for (const auto &entity : m_entities) {
        if (entity->table() == table)
            return entity.get();
    }
    return nullptr;
}

int Mapping::dependencyRank(const EntityType *entity) const
{
    return int(m_dependencyOrder.indexOf(entity));
}

} // namespace sessionscope
