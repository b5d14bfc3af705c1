#include "entitytype.h"

namespace sessionscope {

const QString &EntityType::attributeName(int attribute) const
{
    return isColumn(attribute) ? column(attribute).name : relationship(attribute).name;
}

int EntityType::attributeIndex(QStringView name) const
{
    const int columnAt = columnIndex(name);
    if (columnAt >= 0)
        return columnAt;
    for (const Relationship &relationship : m_relationships) {
        if (relationship.name == name)
            return relationship.index;
    }
    return -1;
}

int EntityType::columnIndex(QStringView name) const
{
    for (const Column &column : m_columns) {
        // Sizes first: most names differ in length, and that needs no call.
        if (column.name.size() == name.size() && column.name == name)
            return column.index;
    }
    return -1;
}

int EntityType::compositeIndex(QStringView name) const
{
    for (size_t i = 0; i < m_composites.size(); ++i) {
        if (m_composites[i].name == name)
            return int(i);
    }
    return -1;
}

bool EntityType::isPrimaryKey(int attribute) const
{
    return isColumn(attribute) && column(attribute).primaryKey;
}

} // namespace sessionscope
