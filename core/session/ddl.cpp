#include "ddl.h"

#include "mapping/identifier.h"

namespace sessionscope {

QStringList createTableStatements(const Mapping &mapping, const SqlDialect &dialect)
{
    QStringList statements;
    for (const EntityType *entity : mapping.dependencyOrder()) {
        QStringList parts;
        for (const Column &column : entity->columns()) {
            QString part = quoteIdentifier(column.name) + u' ' + dialect.columnTypeSql(column);
            if (!column.nullable)
                part += QStringLiteral(" NOT NULL");
            parts.append(part);
        }
        QStringList key;
        for (int index : entity->primaryKey())
            key.append(quoteIdentifier(entity->column(index).name));
        parts.append(QStringLiteral("PRIMARY KEY (%1)").arg(key.join(QStringLiteral(", "))));
        for (const Column &column : entity->columns()) {
            if (column.unique)
                parts.append(QStringLiteral("UNIQUE (%1)").arg(quoteIdentifier(column.name)));
        }
        for (const Column &column : entity->columns()) {
            if (column.isForeignKey())
                parts.append(QStringLiteral("FOREIGN KEY (%1) REFERENCES %2 (%3)")
                                 .arg(quoteIdentifier(column.name),
                                      quoteIdentifier(column.referencesTable),
                                      quoteIdentifier(column.referencesColumn)));
        }
        statements.append(
            QStringLiteral("CREATE TABLE %1 (\n    %2\n)")
                .arg(quoteIdentifier(entity->table()), parts.join(QStringLiteral(",\n    "))));
    }
    return statements;
}

QStringList dropTableStatements(const Mapping &mapping, const SqlDialect &dialect)
{
    QStringList statements;
    const auto &order = mapping.dependencyOrder();
    for (auto it = order.crbegin(); it != order.crend(); ++it) {
        QString sql =
            QStringLiteral("DROP TABLE IF EXISTS %1").arg(quoteIdentifier((*it)->table()));
        if (dialect.flavor() == SqlFlavor::PostgreSQL)
            sql += QStringLiteral(" CASCADE");
        statements.append(sql);
    }
    return statements;
}

} // namespace sessionscope
