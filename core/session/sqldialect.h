#pragma once

#include "mapping/column.h"
#include "mapping/values.h"

#include <QString>
#include <QVariant>

#include <optional>

class QSqlDatabase;

namespace sessionscope {

enum class SqlFlavor : quint8 { SQLite, PostgreSQL };

// What differs between the databases we support: column types in DDL and how canonical values
// travel to and from the driver.
class SqlDialect
{
public:
    explicit SqlDialect(SqlFlavor flavor)
        : m_flavor(flavor)
    {}
    // QSQLITE or QPSQL; anything else is refused with a clear message.
    static SqlDialect forDatabase(const QSqlDatabase &database);

    SqlFlavor flavor() const { return m_flavor; }
    QString name() const;

    // Bound parameters one statement may carry: SQLite's limit since 3.32, PostgreSQL's
    // protocol's.
    qsizetype maxParameters() const { return m_flavor == SqlFlavor::SQLite ? 32766 : 65535; }

    // Whether a statement starting with `verb` can be prepared: SQLite prepares anything;
    // PostgreSQL only SELECT, INSERT, UPDATE, DELETE, VALUES, MERGE and WITH ones.
    bool canPrepare(const QString &verb) const;

    QString columnTypeSql(const Column &column) const;
    // How a SELECT list reads the column so that fromSql() gets its full value.
    QString selectExpression(const Column &column, const QString &qualifiedName) const;

    // A canonical value (see values.h) as a bound parameter.
    QVariant toSql(const Column &column, const QVariant &value) const
    {
        // Canonical integers, reals and texts (and NULL) go as they are, without a call.
        return values::isCanonical(column, value) ? value : convertToSql(column, value);
    }
    // A value read from the driver, converted to canonical form.
    std::optional<QVariant> fromSql(const Column &column, const QVariant &raw, QString *why) const;
    // fromSql() in place: `value` becomes canonical, or stays as it was when false is returned.
    bool readSql(const Column &column, QVariant &value, QString *why) const;

private:
    QVariant convertToSql(const Column &column, const QVariant &value) const;

    SqlFlavor m_flavor;
};

} // namespace sessionscope
