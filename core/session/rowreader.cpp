#include "rowreader.h"

#include "mapping/entitytype.h"
#include "sqldialect.h"

#include <bit>

namespace sessionscope {

RowReader::RowReader(const SqlDialect &dialect, const EntityType &entity, const QList<int> &columns)
    : m_dialect(dialect)
    , m_entity(entity)
    , m_columns(columns)
{
    for (int c : columns)
        m_types.append(entity.column(c).type);
}

void RowReader::readWide(const Statement &result, int first, int count, QVariant *out)
{
    for (int done = 0; done < count; done += Statement::kMaxCanonicalColumns)
        read(result, first + done, std::min(count - done, Statement::kMaxCanonicalColumns),
             out + done);
}

void RowReader::convert(const Statement &result, int first, quint64 declined, QVariant *out)
{
    for (; declined; declined &= declined - 1) {
        const int i = std::countr_zero(declined);
        const int column = first + i;
        QVariant &value = out[i];
        const Column &definition = m_entity.column(m_columns[column]);
        value = result.value(column);
        QString why;
        if (m_dialect.readSql(definition, value, &why))
            continue;
        if (m_failure.isEmpty())
            m_failure = QStringLiteral("%1.%2 holds a value SessionScope cannot read: %3")
                            .arg(m_entity.table(), definition.name, why);
        value = QVariant();
    }
}

} // namespace sessionscope
