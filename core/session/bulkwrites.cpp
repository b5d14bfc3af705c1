// Bulk writes: SQLAlchemy 1.4's Session.bulk_save_objects / bulk_insert_mappings /
// bulk_update_mappings (Session._bulk_save_mappings with persistence._bulk_insert and
// _bulk_update).

#include "bulkoperations.h"

#include "mapping/identifier.h"
#include "state/attributes.h"

#include <QSet>

#include <algorithm>
#include <optional>

namespace sessionscope {

using namespace bulk;

namespace {

// One row to INSERT: columns in mapping order and their canonical values.
struct InsertRow
{
    QList<int> columns;
    QVariantList values;
};

// One row to UPDATE: the columns to SET, the key that locates it, and the version it must have
// (invalid: the entity has none).
struct UpdateRow
{
    QList<int> columns;
    QVariantList values;
    QVariantList key;
    QVariant version;
};

// The value an INSERT sends for a column nobody gave (nullopt: leave it out), as SQLAlchemy's
// bulk insert leaves it to the column's default, and the version column always starts at 1.
std::optional<QVariant> insertedDefault(const Column &column)
{
    if (column.versionCounter)
        return QVariant(qlonglong(1));
    if (column.hasDefault())
        return column.defaultValue;
    return std::nullopt;
}

// The INSERT row for given values (nullopt: not given). None counts as not given except
// for json columns, where SQLAlchemy's JSON type sends it (_insert_cols_evaluating_none).
InsertRow insertRow(const EntityType &entity, const QList<std::optional<QVariant>> &given)
{
    InsertRow row;
    for (const Column &column : entity.columns()) {
        const std::optional<QVariant> &value = given[column.index];
        const bool present = value && (value->isValid() || column.type == ColumnType::Json) &&
                             !column.versionCounter;
        const std::optional<QVariant> sent = present ? value : insertedDefault(column);
        if (!sent)
            continue;
        row.columns.append(column.index);
        row.values.append(*sent);
    }
    return row;
}

QString rowPath(qsizetype index)
{
    return QStringLiteral("rows[%1]").arg(index);
}

} // namespace

namespace {

// ---- statements ---------------------------------------------------------------------------------

QString insertSql(const EntityType &entity, const QList<int> &columns, qsizetype rowCount)
{
    const QString table = quoteIdentifier(entity.table());
    if (columns.isEmpty())
        return QStringLiteral("INSERT INTO %1 DEFAULT VALUES").arg(table);
    QStringList names;
    for (int c : columns)
        names.append(quoteIdentifier(entity.column(c).name));
    const QString tuple =
        u'(' + QStringList(columns.size(), QStringLiteral("?")).join(QStringLiteral(", ")) + u')';
    return QStringLiteral("INSERT INTO %1 (%2) VALUES %3")
        .arg(table, names.join(QStringLiteral(", ")),
             QStringList(rowCount, tuple).join(QStringLiteral(", ")));
}

QString updateSql(const EntityType &entity, const QList<int> &columns, bool versioned)
{
    QStringList assignments;
    for (int c : columns)
        assignments.append(quoteIdentifier(entity.column(c).name) + QStringLiteral(" = ?"));
    QStringList conditions;
    for (int k : entity.primaryKey())
        conditions.append(quoteIdentifier(entity.column(k).name) + QStringLiteral(" = ?"));
    if (versioned) {
        const QString version = quoteIdentifier(entity.column(entity.versionColumn()).name);
        assignments.append(version + QStringLiteral(" = ?"));
        conditions.append(version + QStringLiteral(" = ?"));
    }
    return QStringLiteral("UPDATE %1 SET %2 WHERE %3")
        .arg(quoteIdentifier(entity.table()), assignments.join(QStringLiteral(", ")),
             conditions.join(QStringLiteral(" AND ")));
}

void insertRows(Connection &connection, const SqlDialect &dialect, const EntityType &entity,
                const QList<InsertRow> &rows)
{
    const StatementShape shape{QStringLiteral("INSERT"), entity.table()};
    qsizetype first = 0;
    while (first < rows.size()) {
        // Consecutive rows with the same columns share a statement (SQLAlchemy's executemany
        // groups), as many as the parameter limit allows; no columns: one DEFAULT VALUES each.
        const QList<int> &columns = rows[first].columns;
        const qsizetype perStatement =
            columns.isEmpty() ? 1 : std::max<qsizetype>(1, maxParameters(dialect) / columns.size());
        qsizetype end = first + 1;
        while (end < rows.size() && end - first < perStatement && rows[end].columns == columns)
            ++end;
        QVariantList parameters;
        for (qsizetype r = first; r < end; ++r) {
            for (qsizetype i = 0; i < columns.size(); ++i)
                parameters.append(dialect.toSql(entity.column(columns[i]), rows[r].values[i]));
        }
        connection.execute(insertSql(entity, columns, end - first), parameters, shape);
        first = end;
    }
}

// SET values, the new version, the key, the old version: updateSql()'s order.
QVariantList updateParameters(const SqlDialect &dialect, const EntityType &entity,
                              const UpdateRow &row)
{
    QVariantList parameters;
    for (qsizetype i = 0; i < row.columns.size(); ++i)
        parameters.append(dialect.toSql(entity.column(row.columns[i]), row.values[i]));
    if (row.version.isValid())
        parameters.append(QVariant(row.version.toLongLong() + 1));
    for (qsizetype i = 0; i < row.key.size(); ++i)
        parameters.append(dialect.toSql(entity.column(entity.primaryKey()[i]), row.key[i]));
    if (row.version.isValid())
        parameters.append(dialect.toSql(entity.column(entity.versionColumn()), row.version));
    return parameters;
}

void updateRows(Connection &connection, const SqlDialect &dialect, const EntityType &entity,
                const QList<UpdateRow> &rows)
{
    const StatementShape shape{QStringLiteral("UPDATE"), entity.table()};
    qsizetype first = 0;
    while (first < rows.size()) {
        // The rows matched are counted per run of consecutive rows with the same statement,
        // like SQLAlchemy's executemany groups.
        const QString sql = updateSql(entity, rows[first].columns, rows[first].version.isValid());
        qsizetype end = first;
        qint64 matched = 0;
        for (; end < rows.size() && rows[end].columns == rows[first].columns; ++end) {
            const qint64 count =
                connection.execute(sql, updateParameters(dialect, entity, rows[end]), shape);
            if (count < 0)
                throw SessionError(ErrorKind::Operational,
                                   QStringLiteral("the database driver cannot report how many rows "
                                                  "an UPDATE matched; refusing to assume success"));
            matched += count;
        }
        if (matched != end - first)
            throw SessionError(ErrorKind::StaleData,
                               QStringLiteral("UPDATE statement on table '%1' expected to update "
                                              "%2 row(s); %3 were matched.")
                                   .arg(entity.table())
                                   .arg(end - first)
                                   .arg(matched));
        first = end;
    }
}

// ---- bulkSaveObjects ----------------------------------------------------------------------------

// What SQLAlchemy's bulk insert reads from an object: its dict, i.e. the loaded columns.
InsertRow insertRowOf(const ObjectState &state)
{
    const EntityType &entity = state.entity();
    QList<std::optional<QVariant>> given(entity.columnCount());
    for (int c = 0; c < entity.columnCount(); ++c) {
        if (state.isLoaded(c))
            given[c] = state.loadedValue(c);
    }
    return insertRow(entity, given);
}

// update_changed_only: the loaded columns with a committed original (set-and-set-back
// included); key columns only locate the row. The row is located by the object's identity, so
// an expired key still works. Nullopt: nothing to send.
std::optional<UpdateRow> updateRowOf(const ObjectState &state)
{
    const EntityType &entity = state.entity();
    UpdateRow row;
    row.key = state.key().toList();
    for (int c = 0; c < entity.columnCount(); ++c) {
        const Column &column = entity.column(c);
        if (column.primaryKey || column.versionCounter || !state.hasOriginal(c) ||
            !state.isLoaded(c))
            continue;
        row.columns.append(c);
        row.values.append(state.loadedValue(c));
    }
    const int version = entity.versionColumn();
    if (version >= 0) {
        // SQLAlchemy sends the version even when nothing else changed, and needs its value.
        if (!state.isLoaded(version) || !state.loadedValue(version).isValid())
            throwInvalidRequest(QStringLiteral("bulk save of %1: its version column \"%2\" is "
                                               "not loaded")
                                    .arg(describeObject(state), entity.column(version).name));
        row.version = state.loadedValue(version);
    } else if (row.columns.isEmpty()) {
        return std::nullopt;
    }
    return row;
}

// A run of consecutive objects of one entity, all inserts or all updates.
struct SaveGroup
{
    const EntityType *entity = nullptr;
    bool isUpdate = false;
    QList<InsertRow> inserts;
    QList<UpdateRow> updates;
};

QList<SaveGroup> saveGroups(Session &session, const QList<Object> &objects)
{
    QList<SaveGroup> groups;
    for (const Object &object : objects) {
        const ObjectState &state = BulkOperations::ownState(session, object, "bulk save");
        const bool isUpdate = state.hasIdentity();
        if (groups.isEmpty() || groups.last().entity != &state.entity() ||
            groups.last().isUpdate != isUpdate)
            groups.append(SaveGroup{&state.entity(), isUpdate, {}, {}});
        if (!isUpdate) {
            groups.last().inserts.append(insertRowOf(state));
        } else if (auto row = updateRowOf(state)) {
            groups.last().updates.append(*row);
        }
    }
    return groups;
}

} // namespace

void bulkSaveObjects(Session &session, const QList<Object> &objects)
{
    BulkOperations::guarded(session, QStringLiteral("bulk_save_objects"), [&] {
        const QList<SaveGroup> groups = saveGroups(session, objects);
        BulkOperations::write(session, [&](Connection &connection) {
            for (const SaveGroup &group : groups) {
                if (group.isUpdate)
                    updateRows(connection, session.dialect(), *group.entity, group.updates);
                else
                    insertRows(connection, session.dialect(), *group.entity, group.inserts);
            }
        });
    });
}

// ---- mappings -----------------------------------------------------------------------------------

namespace {

// A mapping's values by column index, converted; unknown names and bad values are refused with
// the row and column named.
QList<std::optional<QVariant>> columnValues(const EntityType &entity, const QVariantMap &row,
                                            qsizetype index, const QString &call)
{
    QList<std::optional<QVariant>> out(entity.columnCount());
    for (auto it = row.cbegin(); it != row.cend(); ++it) {
        const int c = entity.columnIndex(it.key());
        if (c < 0)
            throwInvalidRequest(QStringLiteral("%1 of %2: %3 names no column \"%4\"")
                                    .arg(call, entity.name(), rowPath(index), it.key()));
        QString why;
        const auto value = values::coerce(entity.column(c), it.value(), &why);
        if (!value)
            throwInvalidRequest(QStringLiteral("%1 of %2: %3.%4: %5")
                                    .arg(call, entity.name(), rowPath(index), it.key(), why));
        out[c] = *value;
    }
    return out;
}

// A key or version column's value, which every update row must give.
QVariant requiredValue(const EntityType &entity, const QList<std::optional<QVariant>> &given,
                       int column, qsizetype index, const char *what)
{
    if (!given[column] || !given[column]->isValid())
        throwInvalidRequest(QStringLiteral("bulk_update_mappings of %1: %2 has no value for %3 "
                                           "column \"%4\"")
                                .arg(entity.name(), rowPath(index), QLatin1String(what),
                                     entity.column(column).name));
    return *given[column];
}

UpdateRow updateRowFromMapping(const EntityType &entity, const QVariantMap &row, qsizetype index)
{
    const QList<std::optional<QVariant>> given =
        columnValues(entity, row, index, QStringLiteral("bulk_update_mappings"));
    UpdateRow out;
    for (int k : entity.primaryKey())
        out.key.append(requiredValue(entity, given, k, index, "primary key"));
    const int version = entity.versionColumn();
    if (version >= 0)
        out.version = requiredValue(entity, given, version, index, "version");
    for (int c = 0; c < entity.columnCount(); ++c) {
        if (!given[c] || entity.isPrimaryKey(c) || c == version)
            continue;
        out.columns.append(c);
        out.values.append(*given[c]);
    }
    return out;
}

} // namespace

void bulkInsertMappings(Session &session, const EntityType &entity, const QList<QVariantMap> &rows)
{
    BulkOperations::guarded(session, QStringLiteral("bulk_insert_mappings ") + entity.name(), [&] {
        BulkOperations::checkEntity(session, entity);
        QList<InsertRow> inserts;
        inserts.reserve(rows.size());
        for (qsizetype i = 0; i < rows.size(); ++i)
            inserts.append(insertRow(
                entity, columnValues(entity, rows[i], i, QStringLiteral("bulk_insert_mappings"))));
        BulkOperations::write(session, [&](Connection &connection) {
            insertRows(connection, session.dialect(), entity, inserts);
        });
    });
}

void bulkUpdateMappings(Session &session, const EntityType &entity, const QList<QVariantMap> &rows)
{
    BulkOperations::guarded(session, QStringLiteral("bulk_update_mappings ") + entity.name(), [&] {
        BulkOperations::checkEntity(session, entity);
        QList<UpdateRow> updates;
        for (qsizetype i = 0; i < rows.size(); ++i) {
            UpdateRow row = updateRowFromMapping(entity, rows[i], i);
            // Nothing to SET and no version to bump: SQLAlchemy sends nothing for the row.
            if (!row.columns.isEmpty() || row.version.isValid())
                updates.append(std::move(row));
        }
        BulkOperations::write(session, [&](Connection &connection) {
            updateRows(connection, session.dialect(), entity, updates);
        });
    });
}

} // namespace sessionscope
