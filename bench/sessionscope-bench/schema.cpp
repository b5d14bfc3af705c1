#include "schema.h"

#include "mapping/mappingbuilder.h"

namespace sessionscope::bench {

MappingPtr itemMapping()
{
    static const MappingPtr mapping = [] {
        MappingBuilder builder;
        builder.entity(QStringLiteral("Item"), QStringLiteral("items"))
            .column(QStringLiteral("id"), ColumnType::Integer)
            .primaryKey()
            .column(QStringLiteral("name"), ColumnType::Text)
            .notNull()
            .column(QStringLiteral("quantity"), ColumnType::Integer)
            .column(QStringLiteral("price"), ColumnType::Real);
        return builder.build();
    }();
    return mapping;
}

} // namespace sessionscope::bench
