#pragma once

#include "mapping/columntype.h"
#include "statement.h"

#include <QList>
#include <QString>
#include <QVarLengthArray>
#include <QVariant>

namespace sessionscope {

class EntityType;
class SqlDialect;

// Reads the rows of a SELECT of some columns of an entity into QVariants in canonical form
// (values.h). What the driver already holds so is constructed in place (Statement::
// canonicalValues()); the rest goes through value() and the dialect's conversion. A value that
// cannot be read becomes null, and failure() describes the first such one: the caller decides
// when to give up, so that a failed load changes nothing.
class RowReader
{
public:
    // `columns`: the entity's column behind each column of the result, in order.
    RowReader(const SqlDialect &dialect, const EntityType &entity, const QList<int> &columns);

    // Columns [first, first + count) of the current row of `result` into `out`, whose values
    // must be null (invalid QVariants). Inline up to the driver's call: a load reads every
    // row through here.
    void read(const Statement &result, int first, int count, QVariant *out)
    {
        if (count > Statement::kMaxCanonicalColumns) [[unlikely]] {
            readWide(result, first, count, out);
            return;
        }
        const std::span<const ColumnType> types(m_types.constData() + first, size_t(count));
        if (const quint64 declined = result.canonicalValues(first, types, out)) [[unlikely]]
            convert(result, first, declined, out);
    }
    // Every column of the current row.
    void readAll(const Statement &result, QVariant *out)
    {
        read(result, 0, int(m_columns.size()), out);
    }

    const QString &failure() const { return m_failure; }

private:
    void readWide(const Statement &result, int first, int count, QVariant *out);
    // The columns `declined` names (bit i: column first + i, into out[i]) through value().
    void convert(const Statement &result, int first, quint64 declined, QVariant *out);

    const SqlDialect &m_dialect;
    const EntityType &m_entity;
    const QList<int> m_columns;
    QVarLengthArray<ColumnType, 16> m_types; // of each result column
    QString m_failure;
};

} // namespace sessionscope
