// Bulk resolution of references and values with one query per entity (after a "bulk" manager
// that registers resources and resolves them in one go).

#include "bulkoperations.h"

#include "mapping/identifier.h"
#include "rowreader.h"
#include "state/attributes.h"

#include <QSet>
#include <QVarLengthArray>

#include <algorithm>
#include <optional>
#include <utility>

namespace sessionscope {

using namespace bulk;

// ---- BulkResolver -------------------------------------------------------------------------------

namespace {

using Role = BulkResolver::Role;
using Strategy = BulkResolver::Strategy;

// The columns that identify an object and their values: the complete primary key, else every
// unique column with a value.
struct Identity
{
    QList<int> columns;
    QVariantList values;
};

std::optional<Identity> identityOf(const ObjectState &state)
{
    const EntityType &entity = state.entity();
    auto valueOf = [&state](int c) {
        return state.isLoaded(c) ? state.loadedValue(c) : QVariant();
    };
    Identity identity;
    for (int k : entity.primaryKey()) {
        if (!valueOf(k).isValid())
            break;
        identity.columns.append(k);
        identity.values.append(valueOf(k));
    }
    if (identity.columns.size() == entity.primaryKey().size())
        return identity;
    identity = {};
    for (const Column &column : entity.columns()) {
        if (!column.unique || !valueOf(column.index).isValid())
            continue;
        identity.columns.append(column.index);
        identity.values.append(valueOf(column.index));
    }
    if (identity.columns.isEmpty())
        return std::nullopt;
    return identity;
}

QString describeIdentity(const EntityType &entity, const Identity &identity)
{
    QStringList parts;
    for (qsizetype i = 0; i < identity.columns.size(); ++i)
        parts.append(entity.column(identity.columns[i]).name + u'=' +
                     valueText(identity.values[i]));
    return entity.name() + u'(' + parts.join(QStringLiteral(", ")) + u')';
}

QString roleName(Role role)
{
    return role == Role::Reference ? QStringLiteral("reference") : QStringLiteral("value");
}

bool inScope(Role role, BulkResolver::Scope scope)
{
    return scope == BulkResolver::Scope::All ||
           (scope == BulkResolver::Scope::References) == (role == Role::Reference);
}

// A registered object being resolved.
struct Pending
{
    ObjectState *state = nullptr;
    Role role = Role::Reference;
    Identity identity;
    int row = -1; // into the entity's rows; -1: unresolved
};

// Rows read for one entity: every column's canonical value (invalid where not selected).
struct EntityRows
{
    QList<int> selected;
    QList<QVariantList> rows;
};

// ---- the SELECT

// One term of the WHERE clause: an identity to look for.
struct Lookup
{
    QList<int> columns;
    QVariantList values;
};

QString qualified(const EntityType &entity, int column)
{
    return quoteIdentifier(entity.table()) + u'.' + quoteIdentifier(entity.column(column).name);
}

// Consecutive lookups on one column become an IN list, others an AND of equalities; terms are
// joined by OR.
QString whereClause(const EntityType &entity, const QList<Lookup> &lookups)
{
    QStringList terms;
    qsizetype i = 0;
    while (i < lookups.size()) {
        const QList<int> &columns = lookups[i].columns;
        qsizetype end = i + 1;
        while (end < lookups.size() && lookups[end].columns == columns)
            ++end;
        if (columns.size() == 1) {
            const QStringList marks(end - i, QStringLiteral("?"));
            terms.append(
                QStringLiteral("%1 IN (%2)")
                    .arg(qualified(entity, columns.first()), marks.join(QStringLiteral(", "))));
        } else {
            for (qsizetype l = i; l < end; ++l) {
                QStringList equalities;
                for (int c : columns)
                    equalities.append(qualified(entity, c) + QStringLiteral(" = ?"));
                terms.append(u'(' + equalities.join(QStringLiteral(" AND ")) + u')');
            }
        }
        i = end;
    }
    return terms.join(QStringLiteral(" OR "));
}

QString selectSql(const EntityType &entity, const QList<int> &columns, const SqlDialect &dialect,
                  const QList<Lookup> &lookups)
{
    QStringList selected;
    for (int c : columns)
        selected.append(dialect.selectExpression(entity.column(c), qualified(entity, c)));
    QStringList order;
    for (int k : entity.primaryKey())
        order.append(qualified(entity, k));
    return QStringLiteral("SELECT %1 FROM %2 WHERE %3 ORDER BY %4")
        .arg(selected.join(QStringLiteral(", ")), quoteIdentifier(entity.table()),
             whereClause(entity, lookups), order.join(QStringLiteral(", ")));
}

// The distinct identities to look for, grouped by their columns (keys first).
QList<Lookup> lookupsFor(const QList<Pending *> &pending)
{
    QList<QList<int>> columnSets;
    QHash<QList<int>, QList<Lookup>> byColumns;
    QHash<QList<int>, QSet<IdentityKey>> seen;
    for (const Pending *p : pending) {
        const QList<int> &columns = p->identity.columns;
        const IdentityKey key{&p->state->entity(), p->identity.values};
        if (seen[columns].contains(key))
            continue;
        seen[columns].insert(key);
        if (!byColumns.contains(columns))
            columnSets.append(columns);
        byColumns[columns].append({columns, p->identity.values});
    }
    const QList<int> &primaryKey = pending.first()->state->entity().primaryKey();
    std::stable_sort(columnSets.begin(), columnSets.end(),
                     [&](const QList<int> &a, const QList<int> &b) {
                         return a == primaryKey && b != primaryKey;
                     });
    QList<Lookup> out;
    for (const QList<int> &columns : columnSets)
        out += byColumns.value(columns);
    return out;
}

QList<int> selectedColumns(const EntityType &entity, const QList<Pending *> &pending,
                           Strategy strategy)
{
    QList<int> columns;
    for (int c = 0; c < entity.columnCount(); ++c) {
        bool wanted = strategy == Strategy::Hydrate || entity.isPrimaryKey(c);
        for (const Pending *p : pending)
            wanted = wanted || p->identity.columns.contains(c);
        if (wanted)
            columns.append(c);
    }
    return columns;
}

QList<QVariantList> readRows(Connection &connection, const SqlDialect &dialect,
                             const EntityType &entity, const QList<int> &columns,
                             const QString &sql, const QVariantList &parameters)
{
    QList<QVariantList> rows;
    RowReader reader(dialect, entity, columns);
    QVarLengthArray<QVariant, 16> read(columns.size());
    connection.execute(sql, parameters, {QStringLiteral("SELECT"), entity.table()},
                       [&](const Statement &result) {
                           reader.readAll(result, read.data());
                           QVariantList row(entity.columnCount());
                           for (qsizetype i = 0; i < columns.size(); ++i)
                               row[columns[i]] = std::exchange(read[i], QVariant());
                           rows.append(std::move(row));
                       });
    if (!reader.failure().isEmpty())
        throw SessionError(ErrorKind::Operational, reader.failure());
    return rows;
}

// One SELECT for the entity's registered objects (more only past the parameter limit).
EntityRows selectRows(Session &session, const EntityType &entity, const QList<Pending *> &pending,
                      Strategy strategy)
{
    const SqlDialect &dialect = session.dialect();
    EntityRows out;
    out.selected = selectedColumns(entity, pending, strategy);
    const QList<Lookup> lookups = lookupsFor(pending);
    qsizetype first = 0;
    while (first < lookups.size()) {
        QList<Lookup> chunk;
        QVariantList parameters;
        for (; first < lookups.size(); ++first) {
            const Lookup &lookup = lookups[first];
            if (!chunk.isEmpty() &&
                parameters.size() + lookup.values.size() > maxParameters(dialect))
                break;
            chunk.append(lookup);
            for (qsizetype i = 0; i < lookup.columns.size(); ++i)
                parameters.append(
                    dialect.toSql(entity.column(lookup.columns[i]), lookup.values[i]));
        }
        Connection &connection = BulkOperations::connection(session);
        out.rows += readRows(connection, dialect, entity, out.selected,
                             selectSql(entity, out.selected, dialect, chunk), parameters);
    }
    return out;
}

// Points each registered object at the row with its identity.
void matchRows(const EntityRows &rows, const QList<Pending *> &pending)
{
    QHash<QList<int>, QHash<IdentityKey, int>> index;
    for (Pending *p : pending) {
        const QList<int> &columns = p->identity.columns;
        if (!index.contains(columns)) {
            QHash<IdentityKey, int> &byValues = index[columns];
            for (qsizetype r = 0; r < rows.rows.size(); ++r) {
                IdentityKey key{&p->state->entity(), {}};
                for (int c : columns)
                    key.key.append(rows.rows[r][c]);
                byValues.insert(key, int(r));
            }
        }
        p->row = index[columns].value(IdentityKey{&p->state->entity(), p->identity.values}, -1);
    }
}

// ---- applying a row

// The columns a value brings for its row: loaded, and neither identifying, key nor version.
QList<std::pair<int, QVariant>> heldColumns(const ObjectState &state, const Identity &identity)
{
    const EntityType &entity = state.entity();
    QList<std::pair<int, QVariant>> held;
    for (const Column &column : entity.columns()) {
        const int c = column.index;
        if (column.primaryKey || column.versionCounter || identity.columns.contains(c) ||
            !state.isLoaded(c))
            continue;
        held.append({c, state.loadedValue(c)});
    }
    return held;
}

QVariantList keyOf(const EntityType &entity, const QVariantList &row)
{
    QVariantList key;
    for (int k : entity.primaryKey())
        key.append(row[k]);
    return key;
}

// Gives a transient object its row's identity (SQLAlchemy's make_transient_to_detached): what
// was loaded is committed, a reference's other columns are replaced by the row's (Hydrate) or
// expired, and a value's columns stay as changes over the row. Relationships are untouched.
void bindState(ObjectState &state, const Pending &pending, const EntityRows &rows)
{
    const EntityType &entity = state.entity();
    const QVariantList &row = rows.rows[pending.row];
    const QList<std::pair<int, QVariant>> held = pending.role == Role::Value
                                                     ? heldColumns(state, pending.identity)
                                                     : QList<std::pair<int, QVariant>>();
    std::vector<Original> relationshipChanges;
    state.forEachOriginal([&](const Original &original) {
        if (entity.isRelationship(original.attribute))
            relationshipChanges.push_back(original);
    });
    state.setKey(keyOf(entity, row));
    state.commitAll();
    QList<int> toExpire;
    for (int c = 0; c < entity.columnCount(); ++c) {
        const bool isHeld =
            std::any_of(held.cbegin(), held.cend(), [c](const auto &h) { return h.first == c; });
        if (rows.selected.contains(c))
            state.store(c, row[c]);
        else if (!isHeld)
            toExpire.append(c);
    }
    state.expireAttributes(toExpire);
    for (const auto &[c, value] : held) {
        if (!rows.selected.contains(c)) {
            state.store(c, value);
            state.setOriginal(c, OriginalKind::NoValue); // like assigning an expired attribute
        } else if (!values::equal(value, row[c])) {
            state.store(c, value);
            state.setOriginal(c, OriginalKind::Value, row[c]);
        }
    }
    for (const Original &original : relationshipChanges)
        state.setOriginal(original.attribute, original.kind, original.value);
    if (state.originalCount() > 0)
        state.modifiedEvent();
}

// A row for an object the session already has fills only what it has not loaded (the loader's
// rule for any query).
void fillUnloaded(ObjectState &state, const EntityRows &rows, int row)
{
    QList<int> filled;
    for (int c : rows.selected) {
        if (!state.isUnloaded(c))
            continue;
        state.store(c, rows.rows[row][c]);
        filled.append(c);
    }
    if (!filled.isEmpty())
        state.commit(filled);
}

} // namespace

bool BulkResolver::Result::isComplete() const
{
    return std::all_of(resolutions.cbegin(), resolutions.cend(),
                       [](const Resolution &r) { return r.isResolved(); });
}

QList<Object> BulkResolver::Result::unresolved() const
{
    QList<Object> out;
    for (const Resolution &r : resolutions) {
        if (!r.isResolved())
            out.append(r.registered);
    }
    return out;
}

Object BulkResolver::Result::canonical(const Object &registered) const
{
    for (const Resolution &r : resolutions) {
        if (r.registered == registered)
            return r.canonical;
    }
    return {};
}

BulkResolver::BulkResolver(Session &session)
    : m_session(session)
{}

void BulkResolver::addReference(const Object &object)
{
    add(object, Role::Reference);
}

void BulkResolver::addValue(const Object &object)
{
    add(object, Role::Value);
}

Object BulkResolver::addReference(QStringView entityName, const QVariantMap &values)
{
    return addNew(entityName, values, Role::Reference);
}

Object BulkResolver::addValue(QStringView entityName, const QVariantMap &values)
{
    return addNew(entityName, values, Role::Value);
}

Object BulkResolver::addNew(QStringView entityName, const QVariantMap &values, Role role)
{
    Object object = m_session.create(BulkOperations::entityNamed(m_session, entityName));
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        object.set(it.key(), it.value());
    add(object, role);
    return object;
}

namespace {

void checkResolvable(const ObjectState &state, const char *verb)
{
    if (state.lifecycle() != Lifecycle::Transient)
        throwInvalidRequest(QStringLiteral("cannot %1 %2: only transient objects are resolved")
                                .arg(QLatin1String(verb), describeObject(state)));
    if (!identityOf(state))
        throwInvalidRequest(QStringLiteral("cannot %1 %2: it has neither a complete primary key "
                                           "nor a value for a unique column")
                                .arg(QLatin1String(verb), describeObject(state)));
}

} // namespace

void BulkResolver::add(const Object &object, Role role)
{
    const ObjectState &state = BulkOperations::ownState(m_session, object, "register");
    for (const Entry &entry : std::as_const(m_entries)) {
        if (!(entry.object == object))
            continue;
        if (entry.role != role)
            throwInvalidRequest(
                QStringLiteral("cannot register %1 as a %2: it is registered as "
                               "a %3")
                    .arg(describeObject(state), roleName(role), roleName(entry.role)));
        return;
    }
    checkResolvable(state, "register");
    m_entries.append({object, role});
}

namespace {

using RowsByEntity = QHash<const EntityType *, EntityRows>;

// One SELECT per entity, parents first; each registered object learns its row.
RowsByEntity selectAndMatch(Session &session, std::vector<Pending> &pending, Strategy strategy)
{
    RowsByEntity rows;
    for (const EntityType *entity : session.mapping().dependencyOrder()) {
        QList<Pending *> ofEntity;
        for (Pending &p : pending) {
            if (&p.state->entity() == entity)
                ofEntity.append(&p);
        }
        if (ofEntity.isEmpty())
            continue;
        rows.insert(entity, selectRows(session, *entity, ofEntity, strategy));
        matchRows(rows[entity], ofEntity);
    }
    return rows;
}

void raiseUnresolved(const std::vector<Pending> &pending)
{
    QStringList missing;
    for (const Pending &p : pending) {
        if (p.row < 0)
            missing.append(describeIdentity(p.state->entity(), p.identity));
    }
    if (!missing.isEmpty())
        throwInvalidRequest(QStringLiteral("no row matches %1 registered object(s): %2")
                                .arg(missing.size())
                                .arg(missing.join(QStringLiteral(", "))));
}

// Binds the registered object to its row, or resolves it to the object the session already
// has for the row. Returns the canonical object.
ObjectState *applyRow(Session &session, const Pending &p, const EntityRows &rows, Strategy strategy,
                      QSet<ObjectState *> &filled)
{
    const EntityType &entity = p.state->entity();
    ObjectState *canonical = BulkOperations::find(session, entity, keyOf(entity, rows.rows[p.row]));
    if (!canonical) {
        bindState(*p.state, p, rows);
        BulkOperations::attach(session, *p.state);
        return p.state;
    }
    if (strategy == Strategy::Hydrate && !filled.contains(canonical)) {
        fillUnloaded(*canonical, rows, p.row);
        filled.insert(canonical);
    }
    if (p.role == Role::Value) {
        for (const auto &[c, value] : heldColumns(*p.state, p.identity))
            attributes::set(*canonical, c, value);
    }
    return canonical;
}

} // namespace

BulkResolver::Result BulkResolver::resolve(Strategy strategy, Options options)
{
    const QString detail = strategy == Strategy::Bind ? QStringLiteral("resolve bind")
                                                      : QStringLiteral("resolve hydrate");
    return BulkOperations::guarded(m_session, detail, [&] {
        // Objects may have changed since they were registered; check them all before SQL.
        std::vector<Pending> pending;
        QList<qsizetype> consumed;
        for (qsizetype i = 0; i < m_entries.size(); ++i) {
            const Entry &entry = m_entries[i];
            if (!inScope(entry.role, options.scope))
                continue;
            checkResolvable(*entry.object.state(), "resolve");
            pending.push_back(
                {entry.object.state(), entry.role, *identityOf(*entry.object.state())});
            consumed.append(i);
        }
        if (pending.empty())
            return Result();
        BulkOperations::autoflush(m_session);
        const RowsByEntity rows = selectAndMatch(m_session, pending, strategy);
        if (options.raiseErrors)
            raiseUnresolved(pending);

        Result result;
        QSet<ObjectState *> filled;
        for (const Pending &p : pending) {
            ObjectState *canonical =
                p.row < 0 ? nullptr
                          : applyRow(m_session, p, rows[&p.state->entity()], strategy, filled);
            result.resolutions.append({Object(p.state), Object(canonical), p.role});
        }
        for (auto it = consumed.crbegin(); it != consumed.crend(); ++it)
            m_entries.removeAt(*it);
        return result;
    });
}

} // namespace sessionscope
