#include "scenariorunner.h"

#include "mapping/values.h"

#include "state/attributes.h"
#include "statesnapshot.h"
#include "trace/tracerecorder.h"

#include <cmath>

namespace sessionscope {

namespace {

OperationKind operationKindOf(const QString &op)
{
    static const QHash<QString, OperationKind> kinds{
        {QStringLiteral("new"), OperationKind::Create},
        {QStringLiteral("add"), OperationKind::Add},
        {QStringLiteral("delete"), OperationKind::Delete},
        {QStringLiteral("set"), OperationKind::Set},
        {QStringLiteral("append"), OperationKind::Append},
        {QStringLiteral("remove"), OperationKind::Remove},
        {QStringLiteral("read"), OperationKind::Read},
        {QStringLiteral("flush"), OperationKind::Flush},
        {QStringLiteral("commit"), OperationKind::Commit},
        {QStringLiteral("rollback"), OperationKind::Rollback},
        {QStringLiteral("get"), OperationKind::Get},
        {QStringLiteral("query"), OperationKind::Query},
        {QStringLiteral("sql"), OperationKind::Execute},
        {QStringLiteral("note"), OperationKind::Note},
        {QStringLiteral("mutate"), OperationKind::Mutate},
        {QStringLiteral("flag_modified"), OperationKind::FlagModified},
        {QStringLiteral("begin_nested"), OperationKind::BeginNested},
        {QStringLiteral("release_savepoint"), OperationKind::ReleaseSavepoint},
        {QStringLiteral("rollback_savepoint"), OperationKind::RollbackSavepoint},
        {QStringLiteral("expire"), OperationKind::Expire},
        {QStringLiteral("expire_all"), OperationKind::ExpireAll},
        {QStringLiteral("refresh"), OperationKind::Refresh},
        {QStringLiteral("expunge"), OperationKind::Expunge},
        {QStringLiteral("expunge_all"), OperationKind::ExpungeAll},
        {QStringLiteral("merge"), OperationKind::Merge},
    };
    return kinds.value(op, OperationKind::Note);
}

// A JSON value as a raw SQL parameter.
QVariant parameterFromJson(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
        return QVariant(value.toBool());
    case QJsonValue::Double: {
        const double d = value.toDouble();
        if (d == std::floor(d) && std::abs(d) < 9.007199254740992e15)
            return QVariant(qlonglong(d));
        return QVariant(d);
    }
    case QJsonValue::String:
        return QVariant(value.toString());
    default:
        return QVariant();
    }
}

} // namespace

class ScenarioRunner::StatementCollector final : public SessionListener
{
public:
    void statementExecuted(Session &, const StatementEvent &event) override
    {
        statements.append(event);
    }
    QList<StatementEvent> statements;
};

ScenarioRunner::ScenarioRunner(Scenario scenario, QSqlDatabase database)
    : m_scenario(std::move(scenario))
    , m_collector(std::make_unique<StatementCollector>())
{
    SessionOptions options;
    options.autoflush = m_scenario.autoflush;
    options.expireOnCommit = m_scenario.expireOnCommit;
    m_session = std::make_unique<Session>(std::move(database), m_scenario.mapping, options);
    m_session->addListener(m_collector.get());
}

ScenarioRunner::~ScenarioRunner()
{
    m_session->removeListener(m_collector.get());
}

void ScenarioRunner::setObserved(bool observed)
{
    m_session->removeListener(m_collector.get());
    if (observed)
        m_session->addListener(m_collector.get());
}

void ScenarioRunner::prepare(bool dropExisting)
{
    try {
        if (dropExisting)
            m_session->dropTables();
        m_session->createTables();
    } catch (const SessionError &error) {
        throw ScenarioError(QStringLiteral("%1: cannot create the scenario's tables: %2%3")
                                .arg(m_scenario.source, error.message(),
                                     dropExisting ? QString()
                                                  : QStringLiteral(" (to replace existing tables, "
                                                                   "pass --drop-existing)")));
    }
}

Object ScenarioRunner::object(const ScenarioStep &step, const QString &field) const
{
    const QString alias = step.fields.value(field).toString();
    const Object found = m_names.find(alias);
    if (!found)
        m_scenario.fail(step, QStringLiteral("\"%1\" is not a bound alias").arg(alias));
    return found;
}

int ScenarioRunner::compositeNamed(const ScenarioStep &step) const
{
    const Object target = object(step, QStringLiteral("obj"));
    return target.entity().compositeIndex(step.fields.value(QStringLiteral("attr")).toString());
}

int ScenarioRunner::attribute(const ScenarioStep &step, const Object &object) const
{
    const QString name = step.fields.value(QStringLiteral("attr")).toString();
    const int index = object.entity().attributeIndex(name);
    if (index < 0 && object.entity().compositeIndex(name) >= 0)
        m_scenario.fail(step, QStringLiteral("\"%1\" is a composite; %2 takes a column or a "
                                             "relationship")
                                  .arg(name, step.op));
    if (index < 0)
        m_scenario.fail(
            step, QStringLiteral("%1 has no attribute \"%2\"").arg(object.entity().name(), name));
    return index;
}

void ScenarioRunner::bind(const ScenarioStep &step, const QString &alias, const Object &object)
{
    if (!m_names.bind(alias, object))
        m_scenario.fail(step, QStringLiteral("the alias \"%1\" is already bound").arg(alias));
    if (m_recorder)
        m_recorder->bindAlias(object, alias);
}

QVariant ScenarioRunner::valueFor(const ScenarioStep &step, const Object &object, int attribute,
                                  const QJsonValue &value) const
{
    const EntityType &entity = object.entity();
    const QString where = entity.name() + u'.' + entity.attributeName(attribute);
    if (entity.isColumn(attribute)) {
        QString why;
        const auto converted = values::fromJson(entity.column(attribute), value, &why);
        if (!converted)
            throwInvalidRequest(where + QStringLiteral(": ") + why);
        return *converted;
    }
    const Relationship &relationship = entity.relationship(attribute);
    auto resolve = [&](const QJsonValue &alias) -> ObjectState * {
        if (!alias.isString())
            m_scenario.fail(step, QStringLiteral("%1 takes aliases, not %2")
                                      .arg(where, QString::fromUtf8(values::jsonText(alias))));
        const Object target = m_names.find(alias.toString());
        if (!target)
            m_scenario.fail(step,
                            QStringLiteral("\"%1\" is not a bound alias").arg(alias.toString()));
        if (&target.entity() != relationship.target)
            m_scenario.fail(step, QStringLiteral("%1 holds %2 objects; \"%3\" is a %4")
                                      .arg(where, relationship.target->name(), alias.toString(),
                                           target.entity().name()));
        return target.state();
    };
    if (relationship.isCollection()) {
        if (!value.isArray())
            m_scenario.fail(
                step, QStringLiteral("%1 is a collection: give an array of aliases").arg(where));
        ObjectList members;
        for (const QJsonValue &alias : value.toArray())
            members.append(resolve(alias));
        return QVariant::fromValue(members);
    }
    if (value.isNull())
        return QVariant();
    return referenceValue(resolve(value));
}

QVariant ScenarioRunner::compositeFor(const ScenarioStep &step, const Object &object, int composite,
                                      const QJsonValue &value) const
{
    const EntityType &entity = object.entity();
    const Composite &spec = entity.composites()[size_t(composite)];
    if (value.isNull())
        return QVariant();
    QStringList names;
    for (int c : spec.columns)
        names.append(entity.column(c).name);
    const QJsonObject fields = value.toObject();
    QStringList expected = names;
    expected.sort();
    QStringList given = fields.keys(); // sorted already
    if (!value.isObject() || given != expected)
        m_scenario.fail(step, QStringLiteral("%1.%2 takes an object with the members %3, or null")
                                  .arg(entity.name(), spec.name, names.join(QStringLiteral(", "))));
    QVariantList values;
    for (int c : spec.columns) {
        QString why;
        const auto converted =
            values::fromJson(entity.column(c), fields.value(entity.column(c).name), &why);
        if (!converted)
            throwInvalidRequest(entity.name() + u'.' + spec.name + QStringLiteral(": ") + why);
        values.append(*converted);
    }
    return QVariant(values);
}

void ScenarioRunner::execute(const ScenarioStep &step)
{
    Session &session = *m_session;
    const QString &op = step.op;
    const QJsonObject &f = step.fields;

    if (op == u"new") {
        Object created = session.create(f.value(QStringLiteral("entity")).toString());
        const QJsonObject values = f.value(QStringLiteral("values")).toObject();
        for (auto it = values.begin(); it != values.end(); ++it) {
            if (const int composite = created.entity().compositeIndex(it.key()); composite >= 0) {
                attributes::setComposite(*created.state(), composite,
                                         compositeFor(step, created, composite, it.value()));
                continue;
            }
            const int index = created.entity().attributeIndex(it.key());
            if (index < 0)
                m_scenario.fail(step, QStringLiteral("%1 has no attribute \"%2\"")
                                          .arg(created.entity().name(), it.key()));
            attributes::set(*created.state(), index, valueFor(step, created, index, it.value()));
        }
        bind(step, f.value(QStringLiteral("as")).toString(), created);
    } else if (op == u"add") {
        session.add(object(step, QStringLiteral("obj")));
    } else if (op == u"delete") {
        session.deleteObject(object(step, QStringLiteral("obj")));
    } else if (op == u"set" && compositeNamed(step) >= 0) {
        const Object target = object(step, QStringLiteral("obj"));
        attributes::setComposite(
            *target.state(), compositeNamed(step),
            compositeFor(step, target, compositeNamed(step), f.value(QStringLiteral("value"))));
    } else if (op == u"read" && compositeNamed(step) >= 0) {
        attributes::compositeValue(*object(step, QStringLiteral("obj")).state(),
                                   compositeNamed(step));
    } else if (op == u"mutate" && compositeNamed(step) >= 0) {
        const Object target = object(step, QStringLiteral("obj"));
        const int composite = compositeNamed(step);
        const Composite &spec = target.entity().composites()[size_t(composite)];
        const QJsonArray path = f.value(QStringLiteral("path")).toArray();
        int field = -1;
        for (qsizetype i = 0; i < spec.columns.size(); ++i) {
            if (path.size() == 1 &&
                path.at(0).toString() == target.entity().column(spec.columns[i]).name)
                field = int(i);
        }
        if (field < 0 || f.value(QStringLiteral("action")).toString() != u"set" ||
            !f.contains(QStringLiteral("value")))
            m_scenario.fail(step, QStringLiteral("a change to composite \"%1\" sets one of its "
                                                 "fields: path [field], action set, a value")
                                      .arg(spec.name));
        QString why;
        const auto converted = values::fromJson(target.entity().column(spec.columns[field]),
                                                f.value(QStringLiteral("value")), &why);
        if (!converted)
            throwInvalidRequest(target.entity().name() + u'.' + spec.name + QStringLiteral(": ") +
                                why);
        attributes::setCompositeField(*target.state(), composite, field, *converted);
    } else if (op == u"set") {
        const Object target = object(step, QStringLiteral("obj"));
        const int index = attribute(step, target);
        attributes::set(*target.state(), index,
                        valueFor(step, target, index, f.value(QStringLiteral("value"))));
    } else if (op == u"append" || op == u"remove") {
        const Object target = object(step, QStringLiteral("obj"));
        const int index = attribute(step, target);
        if (!target.entity().isCollection(index))
            m_scenario.fail(step,
                            QStringLiteral("%1.%2 is not a collection")
                                .arg(target.entity().name(), target.entity().attributeName(index)));
        const QJsonValue alias = f.value(QStringLiteral("value"));
        const QVariant members = valueFor(step, target, index, QJsonArray{alias});
        ObjectState *member = members.value<ObjectList>().first();
        if (op == u"append")
            attributes::append(*target.state(), index, member);
        else
            attributes::remove(*target.state(), index, member);
    } else if (op == u"read") {
        const Object target = object(step, QStringLiteral("obj"));
        attributes::value(*target.state(), attribute(step, target));
    } else if (op == u"flush") {
        session.flush();
    } else if (op == u"commit") {
        session.commit();
    } else if (op == u"rollback") {
        session.rollback();
    } else if (op == u"get") {
        const EntityType &entity =
            *m_scenario.mapping->entity(f.value(QStringLiteral("entity")).toString());
        const QJsonArray keyJson = f.value(QStringLiteral("key")).toArray();
        if (keyJson.size() != entity.primaryKey().size())
            m_scenario.fail(step, QStringLiteral("the key of %1 has %2 part(s), not %3")
                                      .arg(entity.name())
                                      .arg(entity.primaryKey().size())
                                      .arg(keyJson.size()));
        QVariantList key;
        for (qsizetype i = 0; i < keyJson.size(); ++i) {
            QString why;
            const auto v =
                values::fromJson(entity.column(entity.primaryKey()[i]), keyJson[i], &why);
            if (!v)
                throwInvalidRequest(QStringLiteral("key of %1: %2").arg(entity.name(), why));
            key.append(*v);
        }
        const Object found = session.get(entity.name(), key);
        if (found && f.contains(QStringLiteral("as")))
            bind(step, f.value(QStringLiteral("as")).toString(), found);
    } else if (op == u"query") {
        const EntityType &entity =
            *m_scenario.mapping->entity(f.value(QStringLiteral("entity")).toString());
        Session::Filter filter;
        const QJsonObject by = f.value(QStringLiteral("filter_by")).toObject();
        for (auto it = by.begin(); it != by.end(); ++it) {
            const int index = entity.attributeIndex(it.key());
            if (index < 0)
                m_scenario.fail(
                    step,
                    QStringLiteral("%1 has no attribute \"%2\"").arg(entity.name(), it.key()));
            if (entity.isColumn(index)) {
                QString why;
                const auto v = values::fromJson(entity.column(index), it.value(), &why);
                if (!v)
                    throwInvalidRequest(
                        QStringLiteral("filter %1.%2: %3").arg(entity.name(), it.key(), why));
                filter.append({it.key(), *v});
            } else {
                if (entity.isCollection(index))
                    m_scenario.fail(
                        step,
                        QStringLiteral("cannot filter by the collection \"%1\"").arg(it.key()));
                QVariant target;
                if (!it.value().isNull()) {
                    const Object o = m_names.find(it.value().toString());
                    if (!o)
                        m_scenario.fail(step, QStringLiteral("\"%1\" is not a bound alias")
                                                  .arg(it.value().toString()));
                    target = referenceValue(o.state());
                }
                filter.append({it.key(), target});
            }
        }
        const QList<Object> found = session.query(entity.name(), filter);
        const QJsonArray aliases = f.value(QStringLiteral("as")).toArray();
        for (qsizetype i = 0; i < aliases.size() && i < found.size(); ++i)
            bind(step, aliases[i].toString(), found[i]);
    } else if (op == u"sql") {
        QVariantList parameters;
        for (const QJsonValue &v : f.value(QStringLiteral("params")).toArray())
            parameters.append(parameterFromJson(v));
        session.execute(f.value(QStringLiteral("statement")).toString(), parameters);
    } else if (op == u"mutate") {
        const Object target = object(step, QStringLiteral("obj"));
        const int index = attribute(step, target);
        QVariantList path;
        for (const QJsonValue &part : f.value(QStringLiteral("path")).toArray()) {
            if (part.isString())
                path.append(part.toString());
            else if (part.isDouble() && part.toDouble() == std::floor(part.toDouble()))
                path.append(qlonglong(part.toDouble()));
            else
                m_scenario.fail(step, QStringLiteral("a path holds member names and array "
                                                     "indexes, not %1")
                                          .arg(QString::fromUtf8(values::jsonText(part))));
        }
        const QString action = f.value(QStringLiteral("action")).toString();
        if (action != u"set" && action != u"delete")
            m_scenario.fail(
                step,
                QStringLiteral("action must be \"set\" or \"delete\", not \"%1\"").arg(action));
        if ((action == u"set") != f.contains(QStringLiteral("value")))
            m_scenario.fail(step, QStringLiteral("value is required by action set and only by it"));
        if (!target.entity().isColumn(index) ||
            target.entity().column(index).type != ColumnType::Json)
            m_scenario.fail(step,
                            QStringLiteral("%1.%2 is not a json column")
                                .arg(target.entity().name(), target.entity().attributeName(index)));
        attributes::mutate(
            *target.state(), index, path,
            action == u"set" ? attributes::MutateAction::Set : attributes::MutateAction::Remove,
            f.value(QStringLiteral("value")).isUndefined() ? QJsonValue()
                                                           : f.value(QStringLiteral("value")));
    } else if (op == u"flag_modified") {
        const Object target = object(step, QStringLiteral("obj"));
        attributes::flagModified(*target.state(), attribute(step, target));
    } else if (op == u"begin_nested") {
        session.beginNested();
    } else if (op == u"release_savepoint") {
        session.releaseSavepoint();
    } else if (op == u"rollback_savepoint") {
        session.rollbackSavepoint();
    } else if (op == u"expire" || op == u"refresh") {
        const Object target = object(step, QStringLiteral("obj"));
        QStringList names;
        for (const QJsonValue &name : f.value(QStringLiteral("attrs")).toArray()) {
            if (target.entity().compositeIndex(name.toString()) >= 0)
                m_scenario.fail(
                    step,
                    QStringLiteral("\"%1\" is a composite; name its columns").arg(name.toString()));
            if (!name.isString() || target.entity().attributeIndex(name.toString()) < 0)
                m_scenario.fail(step, QStringLiteral("%1 has no attribute %2")
                                          .arg(target.entity().name(),
                                               QString::fromUtf8(values::jsonText(name))));
            names.append(name.toString());
        }
        if (op == u"expire")
            session.expire(target, names);
        else
            session.refresh(target, names);
    } else if (op == u"expire_all") {
        session.expireAll();
    } else if (op == u"expunge") {
        session.expunge(object(step, QStringLiteral("obj")));
    } else if (op == u"expunge_all") {
        session.expungeAll();
    } else if (op == u"merge") {
        const Object merged = session.merge(object(step, QStringLiteral("obj")));
        bind(step, f.value(QStringLiteral("as")).toString(), merged);
    } else if (op == u"note") {
        // An explanation for people; no effect on the session.
    }
}

StepOutcome ScenarioRunner::runStep(int index)
{
    const ScenarioStep &step = m_scenario.steps.at(index);
    StepOutcome outcome;
    outcome.step = step.number;
    outcome.op = step.op;
    m_collector->statements.clear();
    OperationInfo info;
    info.kind = operationKindOf(step.op);
    info.label = step.summary();
    if (step.op == u"note")
        info.detail = step.fields.value(QStringLiteral("text")).toString();
    // The object the step acts on, when its alias is bound (an unbound one fails in execute()).
    const Object target = m_names.find(step.fields.value(QStringLiteral("obj")).toString());
    if (target)
        info.object = target.state();
    if (target && step.fields.contains(QStringLiteral("attr")))
        info.attribute =
            target.entity().attributeIndex(step.fields.value(QStringLiteral("attr")).toString());
    Session::OperationGuard guard(*m_session, info);
    try {
        execute(step);
    } catch (const SessionError &error) {
        guard.setError(error);
        outcome.error = error.kind();
        outcome.errorMessage = error.message();
    }
    outcome.statements = m_collector->statements;
    return outcome;
}

QJsonObject ScenarioRunner::state(const StepOutcome *outcome)
{
    QJsonObject state = sessionSnapshot(*m_session, m_names);
    state.insert(QStringLiteral("step"), outcome ? outcome->step : 0);
    state.insert(QStringLiteral("op"), outcome ? QJsonValue(outcome->op) : QJsonValue());
    const bool failed = outcome && outcome->error;
    state.insert(QStringLiteral("error"),
                 failed ? QJsonValue(errorKindName(*outcome->error)) : QJsonValue());
    state.insert(QStringLiteral("error_message"),
                 failed ? QJsonValue(outcome->errorMessage) : QJsonValue());
    QJsonArray sql;
    if (outcome) {
        for (const StatementEvent &statement : outcome->statements) {
            sql.append(QJsonObject{
                {QStringLiteral("verb"), statement.verb},
                {QStringLiteral("table"),
                 statement.table.isEmpty() ? QJsonValue() : QJsonValue(statement.table)},
                {QStringLiteral("rows"), qint64(statement.rows.size())},
            });
        }
    }
    state.insert(QStringLiteral("sql"), sql);
    return state;
}

QJsonArray ScenarioRunner::runAll()
{
    QJsonArray states;
    states.append(state());
    for (int i = 0; i < stepCount(); ++i) {
        const StepOutcome outcome = runStep(i);
        states.append(state(&outcome));
    }
    return states;
}

} // namespace sessionscope
