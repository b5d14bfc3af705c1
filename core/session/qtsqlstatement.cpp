#include "qtsqlstatement.h"

#include <QSqlError>
#include <QSqlRecord>
#include <QSqlResult>

namespace sessionscope {

namespace {

#if QT_VERSION < QT_VERSION_CHECK(6, 6, 0)
// QSqlQuery::bindValue() names every position (":0", ":1", ...) in a hash before storing the
// value, which costs more than the driver's own binding. The driver reads the values from
// QSqlResult::boundValues(), protected but documented for drivers; a statement's parameters are
// stored there directly, as bindValue() would leave them for positional binding.
struct BoundValues : QSqlResult
{
    static QVariantList &of(const QSqlQuery &query)
    {
        using Getter = QVariantList &(QSqlResult::*)() const;
        constexpr Getter getter = &BoundValues::boundValues;
        return (query.result()->*getter)();
    }
};

void bindAll(QSqlQuery &query, std::span<const QVariant> parameters)
{
    QVariantList &bound = BoundValues::of(query);
    if (size_t(bound.size()) == parameters.size() && !parameters.empty()) {
        std::copy(parameters.begin(), parameters.end(), bound.begin());
        return;
    }
    for (size_t i = 0; i < parameters.size(); ++i)
        query.bindValue(int(i), parameters[i]);
}
#else
void bindAll(QSqlQuery &query, std::span<const QVariant> parameters)
{
    for (size_t i = 0; i < parameters.size(); ++i)
        query.bindValue(int(i), parameters[i]);
}
#endif

} // namespace

QtSqlStatement::QtSqlStatement(const QSqlDatabase &database, const QString &sql, Mode mode)
    : m_query(database)
{
    m_query.setForwardOnly(true);
    if (mode == Mode::Direct)
        m_directSql = sql;
    else if (!m_query.prepare(sql))
        takeError();
}

bool QtSqlStatement::run(std::span<const QVariant> parameters)
{
    m_error = {};
    m_columnCount = -1;
    if (!m_directSql.isEmpty()) {
        if (!parameters.empty()) {
            m_error = {{},
                       QStringLiteral("this statement cannot be prepared, so it takes no "
                                      "parameters; write its values into the text")};
            return false;
        }
        if (m_query.exec(m_directSql))
            return true;
        takeError();
        m_query.finish();
        return false;
    }
    bindAll(m_query, parameters);
    if (m_query.exec())
        return true;
    takeError();
    m_query.finish();
    return false;
}

bool QtSqlStatement::next()
{
    if (m_query.next())
        return true;
    if (m_query.lastError().isValid())
        takeError();
    return false;
}

int QtSqlStatement::columnCount() const
{
    if (m_columnCount < 0)
        m_columnCount = m_query.record().count();
    return m_columnCount;
}

qint64 QtSqlStatement::lastInsertId() const
{
    bool ok = false;
    const qint64 id = m_query.lastInsertId().toLongLong(&ok);
    return ok ? id : -1;
}

void QtSqlStatement::takeError()
{
    m_error = statementErrorOf(m_query);
}

StatementError statementErrorOf(const QSqlQuery &query)
{
    const QSqlError error = query.lastError();
    return {error.nativeErrorCode(),
            error.databaseText().isEmpty() ? error.text() : error.databaseText()};
}

} // namespace sessionscope
