#include "scenario.h"

#include "mapping/mappingjson.h"
#include "mapping/values.h"
#include "support/jsonfields.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace sessionscope {

namespace {

constexpr qint64 kMaxScenarioBytes = 16 * 1024 * 1024;

struct OpSpec
{
    QString op;
    QStringList required;
    QStringList optional;
};

const QList<OpSpec> &opSpecs()
{
    auto l = [](std::initializer_list<const char *> names) {
        QStringList out;
        for (const char *n : names)
            out.append(QString::fromLatin1(n));
        return out;
    };
    static const QList<OpSpec> specs{
        {QStringLiteral("new"), l({"entity", "as"}), l({"values"})},
        {QStringLiteral("add"), l({"obj"}), {}},
        {QStringLiteral("delete"), l({"obj"}), {}},
        {QStringLiteral("set"), l({"obj", "attr", "value"}), {}},
        {QStringLiteral("append"), l({"obj", "attr", "value"}), {}},
        {QStringLiteral("remove"), l({"obj", "attr", "value"}), {}},
        {QStringLiteral("mutate"), l({"obj", "attr", "path", "action"}), l({"value"})},
        {QStringLiteral("flag_modified"), l({"obj", "attr"}), {}},
        {QStringLiteral("read"), l({"obj", "attr"}), {}},
        {QStringLiteral("flush"), {}, {}},
        {QStringLiteral("commit"), {}, {}},
        {QStringLiteral("rollback"), {}, {}},
        {QStringLiteral("begin_nested"), {}, {}},
        {QStringLiteral("release_savepoint"), {}, {}},
        {QStringLiteral("rollback_savepoint"), {}, {}},
        {QStringLiteral("expire"), l({"obj"}), l({"attrs"})},
        {QStringLiteral("expire_all"), {}, {}},
        {QStringLiteral("refresh"), l({"obj"}), {}},
        {QStringLiteral("expunge"), l({"obj"}), {}},
        {QStringLiteral("expunge_all"), {}, {}},
        {QStringLiteral("merge"), l({"obj", "as"}), {}},
        {QStringLiteral("get"), l({"entity", "key"}), l({"as"})},
        {QStringLiteral("query"), l({"entity"}), l({"filter_by", "as"})},
        {QStringLiteral("sql"), l({"statement"}), l({"params"})},
        {QStringLiteral("note"), l({"text"}), {}},
    };
    return specs;
}

const OpSpec *specFor(const QString &op)
{
    for (const OpSpec &spec : opSpecs()) {
        if (spec.op == op)
            return &spec;
    }
    return nullptr;
}

// Qt reports a parse error just past the offending character; point at the character itself.
QString lineAndColumn(const QByteArray &json, int offset)
{
    offset = std::max(0, offset - 1);
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < json.size(); ++i) {
        if (json[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QStringLiteral("%1:%2").arg(line).arg(column);
}

void checkStepFields(const Scenario &scenario, const ScenarioStep &step, const OpSpec &spec)
{
    for (auto it = step.fields.begin(); it != step.fields.end(); ++it) {
        if (it.key() != u"op" && !spec.required.contains(it.key()) &&
            !spec.optional.contains(it.key()))
            scenario.fail(step,
                          QStringLiteral("\"%1\" has no field \"%2\" (it takes: %3)")
                              .arg(step.op, it.key(),
                                   (spec.required + spec.optional).join(QStringLiteral(", "))));
    }
    for (const QString &field : spec.required) {
        if (!step.fields.contains(field))
            scenario.fail(step,
                          QStringLiteral("\"%1\" needs the field \"%2\"").arg(step.op, field));
    }
    auto requireType = [&](const QString &field, bool (QJsonValue::*is)() const, const char *what) {
        if (step.fields.contains(field) && !(step.fields.value(field).*is)())
            scenario.fail(
                step, QStringLiteral("\"%1\" must be %2, not %3")
                          .arg(field, QLatin1String(what), jsonTypeName(step.fields.value(field))));
    };
    for (const char *field : {"entity", "obj", "attr", "statement", "text", "action"})
        requireType(QString::fromLatin1(field), &QJsonValue::isString, "a string");
    requireType(QStringLiteral("values"), &QJsonValue::isObject, "an object");
    requireType(QStringLiteral("filter_by"), &QJsonValue::isObject, "an object");
    requireType(QStringLiteral("key"), &QJsonValue::isArray, "an array");
    requireType(QStringLiteral("params"), &QJsonValue::isArray, "an array");
    requireType(QStringLiteral("path"), &QJsonValue::isArray, "an array");
    requireType(QStringLiteral("attrs"), &QJsonValue::isArray, "an array");
    if (step.op == u"query")
        requireType(QStringLiteral("as"), &QJsonValue::isArray, "an array of aliases");
    else
        requireType(QStringLiteral("as"), &QJsonValue::isString, "a string");
    if (step.fields.contains(QStringLiteral("entity"))) {
        const QString entity = step.fields.value(QStringLiteral("entity")).toString();
        if (!scenario.mapping->entity(entity))
            scenario.fail(step, QStringLiteral("unknown entity \"%1\"").arg(entity));
    }
}

} // namespace

const QStringList &scenarioOps()
{
    static const QStringList ops = [] {
        QStringList out;
        for (const OpSpec &spec : opSpecs())
            out.append(spec.op);
        return out;
    }();
    return ops;
}

void Scenario::fail(const ScenarioStep &step, const QString &message) const
{
    throw ScenarioError(
        QStringLiteral("%1: step %2: %3").arg(source).arg(step.number).arg(message));
}

Scenario Scenario::fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ScenarioError(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    if (file.size() > kMaxScenarioBytes)
        throw ScenarioError(QStringLiteral("%1: the file is %2 bytes; scenarios are limited to %3")
                                .arg(path)
                                .arg(file.size())
                                .arg(kMaxScenarioBytes));
    return fromJson(file.readAll(), path);
}

Scenario Scenario::fromJson(const QByteArray &json, const QString &source)
{
    Scenario scenario;
    scenario.source = source;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        throw ScenarioError(
            QStringLiteral("%1:%2: malformed JSON: %3")
                .arg(source, lineAndColumn(json, error.offset), error.errorString()));
    if (!document.isObject())
        throw ScenarioError(QStringLiteral("%1: a scenario is a JSON object").arg(source));
    try {
        const JsonFields root(document.object(), QString());
        root.allowOnly({QStringLiteral("format"), QStringLiteral("title"),
                        QStringLiteral("description"), QStringLiteral("autoflush"),
                        QStringLiteral("expire_on_commit"), QStringLiteral("schema"),
                        QStringLiteral("steps")});
        const QString format = root.requiredString(QStringLiteral("format"));
        if (format != u"sessionscope-scenario/1")
            root.fail(QStringLiteral("format"),
                      QStringLiteral("\"%1\" is not a format this version reads "
                                     "(sessionscope-scenario/1)")
                          .arg(format));
        scenario.title = root.optionalString(QStringLiteral("title"));
        scenario.description = root.optionalString(QStringLiteral("description"));
        scenario.autoflush = root.optionalBool(QStringLiteral("autoflush"), true);
        scenario.expireOnCommit = root.optionalBool(QStringLiteral("expire_on_commit"), true);
        scenario.mapping = mappingFromJson(root.requiredObject(QStringLiteral("schema")));
        const QJsonArray steps = root.requiredArray(QStringLiteral("steps"));
        for (qsizetype i = 0; i < steps.size(); ++i) {
            ScenarioStep step;
            step.number = int(i + 1);
            if (!steps.at(i).isObject())
                scenario.fail(step, QStringLiteral("a step is a JSON object, not %1")
                                        .arg(jsonTypeName(steps.at(i))));
            step.fields = steps.at(i).toObject();
            const QJsonValue op = step.fields.value(QStringLiteral("op"));
            if (!op.isString())
                scenario.fail(step, QStringLiteral("\"op\" is required and must be a string"));
            step.op = op.toString();
            const OpSpec *spec = specFor(step.op);
            if (!spec)
                scenario.fail(step, QStringLiteral("unknown op \"%1\"").arg(step.op));
            checkStepFields(scenario, step, *spec);
            scenario.steps.append(step);
        }
    } catch (const InputError &problem) {
        throw ScenarioError(QStringLiteral("%1: %2").arg(source, problem.message()));
    }
    return scenario;
}

QString ScenarioStep::summary() const
{
    if (op == u"note")
        return op;
    QStringList parts{op};
    for (const char *field : {"entity", "obj", "attr"}) {
        const QJsonValue value = fields.value(QLatin1String(field));
        if (value.isString())
            parts.append(value.toString());
    }
    if (fields.contains(QStringLiteral("value")))
        parts.append(QStringLiteral("= ") +
                     QString::fromUtf8(values::jsonText(fields.value(QStringLiteral("value")))));
    const QJsonValue as = fields.value(QStringLiteral("as"));
    if (as.isString()) {
        parts.append(QStringLiteral("as ") + as.toString());
    } else if (as.isArray()) {
        QStringList names;
        for (const QJsonValue &name : as.toArray())
            names.append(name.toString());
        parts.append(QStringLiteral("as ") +
                     (names.isEmpty() ? QStringLiteral("-") : names.join(QStringLiteral(", "))));
    }
    return parts.join(u' ');
}

} // namespace sessionscope
