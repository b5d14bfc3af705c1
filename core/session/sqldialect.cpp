#include "sqldialect.h"

#include "mapping/timestamp.h"
#include "mapping/values.h"
#include "support/error.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <cmath>

namespace sessionscope {

SqlDialect SqlDialect::forDatabase(const QSqlDatabase &database)
{
    const QString driver = database.driverName();
    if (driver == u"QSQLITE")
        return SqlDialect(SqlFlavor::SQLite);
    if (driver == u"QPSQL")
        return SqlDialect(SqlFlavor::PostgreSQL);
    throwInvalidRequest(QStringLiteral("unsupported database driver \"%1\" (SessionScope works "
                                       "with QSQLITE and QPSQL)")
                            .arg(driver));
}

QString SqlDialect::name() const
{
    return m_flavor == SqlFlavor::SQLite ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
}

bool SqlDialect::canPrepare(const QString &verb) const
{
    if (m_flavor == SqlFlavor::SQLite)
        return true;
    static const QStringList preparable{QStringLiteral("SELECT"), QStringLiteral("INSERT"),
                                        QStringLiteral("UPDATE"), QStringLiteral("DELETE"),
                                        QStringLiteral("VALUES"), QStringLiteral("MERGE"),
                                        QStringLiteral("WITH"),   QStringLiteral("TABLE")};
    return preparable.contains(verb);
}

QString SqlDialect::columnTypeSql(const Column &column) const
{
    const bool pg = m_flavor == SqlFlavor::PostgreSQL;
    switch (column.type) {
    case ColumnType::Integer:
        return pg && column.autoincrement ? QStringLiteral("SERIAL") : QStringLiteral("INTEGER");
    case ColumnType::Text:
        return QStringLiteral("TEXT");
    case ColumnType::Real:
        return pg ? QStringLiteral("DOUBLE PRECISION") : QStringLiteral("REAL");
    case ColumnType::Boolean:
        return QStringLiteral("BOOLEAN");
    case ColumnType::Json:
        return pg ? QStringLiteral("JSONB") : QStringLiteral("JSON");
    case ColumnType::Blob:
        return pg ? QStringLiteral("BYTEA") : QStringLiteral("BLOB");
    case ColumnType::DateTime:
        return pg ? QStringLiteral("TIMESTAMP") : QStringLiteral("DATETIME");
    }
    return {};
}

QString SqlDialect::selectExpression(const Column &column, const QString &qualifiedName) const
{
    // QPSQL turns timestamps into QDateTime, which drops microseconds; text keeps them.
    if (m_flavor == SqlFlavor::PostgreSQL && column.type == ColumnType::DateTime)
        return QStringLiteral("CAST(%1 AS TEXT)").arg(qualifiedName);
    return qualifiedName;
}

QVariant SqlDialect::convertToSql(const Column &column, const QVariant &value) const
{
    if (!value.isValid() || value.isNull())
        return QVariant();
    switch (column.type) {
    case ColumnType::Boolean:
        if (m_flavor == SqlFlavor::SQLite)
            return QVariant(qlonglong(value.toBool() ? 1 : 0));
        return value;
    case ColumnType::Json:
        return QVariant(QString::fromUtf8(values::jsonText(value.toJsonValue())));
    case ColumnType::DateTime:
        // Text on both: SQLite keeps it as such; PostgreSQL parses it, microseconds included.
        return QVariant(value.value<Timestamp>().toSqlText());
    default:
        return value;
    }
}

bool SqlDialect::readSql(const Column &column, QVariant &value, QString *why) const
{
    if (values::isCanonical(column, value))
        return true;
    std::optional<QVariant> converted = fromSql(column, value, why);
    if (!converted)
        return false;
    value = std::move(*converted);
    return true;
}

std::optional<QVariant> SqlDialect::fromSql(const Column &column, const QVariant &raw,
                                            QString *why) const
{
    // What drivers hand back most of the time is already canonical: no conversion.
    if (values::isCanonical(column, raw))
        return raw;
    if (raw.isNull())
        return QVariant();
    switch (column.type) {
    case ColumnType::Integer: {
        if (raw.typeId() == QMetaType::Double) {
            // SQLite hands back REAL for a non-integer stored in an integer column.
            const double d = raw.toDouble();
            if (d == std::floor(d) && std::abs(d) < 9.007199254740992e15)
                return QVariant(qlonglong(d));
            *why = QStringLiteral("%1 is not a whole number").arg(d);
            return std::nullopt;
        }
        bool ok = false;
        const qlonglong v = raw.toLongLong(&ok);
        if (ok)
            return QVariant(v);
        *why = QStringLiteral("\"%1\" is not an integer").arg(raw.toString());
        return std::nullopt;
    }
    case ColumnType::Real: {
        bool ok = false;
        const double v = raw.toDouble(&ok);
        if (ok)
            return QVariant(v);
        *why = QStringLiteral("\"%1\" is not a number").arg(raw.toString());
        return std::nullopt;
    }
    case ColumnType::Text:
        return QVariant(raw.toString());
    case ColumnType::Boolean:
        if (raw.typeId() == QMetaType::Bool)
            return raw;
        if (raw.typeId() == QMetaType::QString) {
            const QString s = raw.toString();
            return QVariant(s == u"t" || s == u"true" || s == u"1");
        }
        return QVariant(raw.toLongLong() != 0);
    case ColumnType::Json: {
        if (auto json = values::parseJsonText(raw.toString().toUtf8(), why))
            return values::coerce(column, QVariant(*json), why);
        return std::nullopt;
    }
    case ColumnType::Blob:
        return QVariant(raw.toByteArray());
    case ColumnType::DateTime: {
        const Timestamp timestamp = raw.typeId() == QMetaType::QDateTime
                                        ? Timestamp::fromDateTime(raw.toDateTime())
                                        : Timestamp::parse(raw.toString());
        if (timestamp.isValid())
            return QVariant::fromValue(timestamp);
        *why = QStringLiteral("\"%1\" is not a date and time").arg(raw.toString());
        return std::nullopt;
    }
    }
    return std::nullopt;
}

} // namespace sessionscope
