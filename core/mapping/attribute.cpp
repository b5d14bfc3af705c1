#include "attribute.h"

#include "entitytype.h"
#include "support/error.h"

namespace sessionscope::detail {

int resolveColumn(const Mapping &mapping, QStringView entity, QStringView name, ColumnType type,
                  const char *typeName, const EntityType **found)
{
    const EntityType *owner = mapping.entity(entity);
    if (!owner)
        throwInvalidRequest(QStringLiteral("no entity \"%1\" in the mapping").arg(entity));
    const int index = owner->attributeIndex(name);
    if (index < 0)
        throwInvalidRequest(
            QStringLiteral("%1 has no attribute \"%2\"").arg(owner->name(), name.toString()));
    if (!owner->isColumn(index))
        throwInvalidRequest(QStringLiteral("%1.%2 is a relationship, not a column")
                                .arg(owner->name(), name.toString()));
    const Column &column = owner->column(index);
    if (column.type != type)
        throwInvalidRequest(QStringLiteral("%1.%2 is a %3 column; a %4 handle reads and writes %5 "
                                           "columns")
                                .arg(owner->name(), column.name, columnTypeName(column.type),
                                     QLatin1String(typeName), columnTypeName(type)));
    *found = owner;
    return index;
}

void throwNullRead(const EntityType &entity, int column, const char *typeName)
{
    throwInvalidRequest(
        QStringLiteral("%1.%2 is NULL, which %3 cannot hold; read it through a "
                       "std::optional handle")
            .arg(entity.name(), entity.column(column).name, QLatin1String(typeName)));
}

} // namespace sessionscope::detail
