#include "difftext.h"

#include "trace/timeline.h"
#include "trace/traceinspection.h"
#include "trace/valuetext.h"

#include <QJsonArray>

using namespace sessionscope;
using namespace Qt::StringLiterals;

namespace {

// The object fields a diff may list, in the order they are told.
const char *const kFields[] = {"state", "key", "modified", "expired", "sets", "name"};

QString stepText(const Timeline &timeline, int op)
{
    if (op == 0)
        return u"the start, before operation 1"_s;
    const TraceOperation operation = timeline.operation(op);
    return u"after operation %1 (%2)"_s.arg(op).arg(operation.label);
}

QString transactionText(const QJsonObject &transaction)
{
    const QString status = transaction.value(u"status").toString();
    if (status == u"closed")
        return u"none (session closed)"_s;
    if (!transaction.value(u"active").toBool())
        return u"none"_s;
    QString text = status == u"needs_rollback" ? u"needs rollback"_s : u"active"_s;
    const int depth = transaction.value(u"nested_depth").toInt();
    if (depth > 0)
        text += u", %1 savepoint%2"_s.arg(depth).arg(depth == 1 ? u""_s : u"s"_s);
    const QJsonObject cause = transaction.value(u"cause").toObject();
    if (!cause.isEmpty())
        text += u" (%1: %2)"_s.arg(cause.value(u"kind").toString(),
                                   cause.value(u"message").toString().simplified());
    return text;
}

// Reads attributes with the mapping: references and collections hold object names, shown bare;
// columns hold values, shown as the inspector shows them ("ann", None, True).
class AttributeReader
{
public:
    AttributeReader(const TraceSchema &schema, const QJsonObject &objectsAt,
                    const QJsonObject &objectsAtOther)
        : m_schema(schema)
        , m_objects(objectsAt)
        , m_otherObjects(objectsAtOther)
    {}

    // The attributes of an object, in mapping order (unknown ones last, by name).
    QStringList order(const QString &object, QStringList names) const
    {
        const TraceSchema::Entity *entity = entityOf(object);
        std::stable_sort(names.begin(), names.end(), [&](const QString &a, const QString &b) {
            return rank(entity, a) < rank(entity, b);
        });
        return names;
    }

    QString valueText(const QString &object, const QString &attribute,
                      const QJsonValue &value) const
    {
        const TraceSchema::Entity *entity = entityOf(object);
        const int index = entity ? entity->attributeByName.value(attribute, -1) : -1;
        const bool holdsObjects =
            index >= 0 && entity->attributes[size_t(index)].kind != TraceSchema::SlotKind::Column &&
            entity->attributes[size_t(index)].kind != TraceSchema::SlotKind::Composite;
        return holdsObjects ? namesText(value) : formatValue(value);
    }

    QString attributeText(const QString &object, const QString &attribute,
                          const QJsonValue &state) const
    {
        if (!state.toObject().value(u"loaded").toBool())
            return u"(not loaded)"_s;
        return valueText(object, attribute, state.toObject().value(u"value"));
    }

    QString historyText(const QString &object, const QString &attribute,
                        const QJsonValue &state) const
    {
        const QJsonObject history = state.toObject().value(u"history").toObject();
        QStringList parts;
        for (const char *part : {"added", "unchanged", "deleted"}) {
            const QJsonArray values = history.value(QLatin1String(part)).toArray();
            if (!values.isEmpty())
                parts.append(
                    u"%1 %2"_s.arg(QLatin1String(part), listText(object, attribute, values)));
        }
        return parts.isEmpty() ? u"empty"_s : parts.join(u", "_s);
    }

private:
    const TraceSchema::Entity *entityOf(const QString &object) const
    {
        QJsonValue entity = m_objects.value(object).toObject().value(u"entity");
        if (!entity.isString())
            entity = m_otherObjects.value(object).toObject().value(u"entity");
        const int index = m_schema.entityIndex(entity.toString());
        return index >= 0 ? &m_schema.entity(index) : nullptr;
    }

    static int rank(const TraceSchema::Entity *entity, const QString &attribute)
    {
        const int index = entity ? entity->attributeByName.value(attribute, -1) : -1;
        return index >= 0 ? index : INT_MAX;
    }

    static QString namesText(const QJsonValue &value)
    {
        if (value.isNull())
            return u"None"_s;
        if (!value.isArray())
            return value.toString();
        QStringList names;
        for (const QJsonValue &name : value.toArray())
            names.append(namesText(name));
        return u'[' + names.join(u", "_s) + u']';
    }

    QString listText(const QString &object, const QString &attribute,
                     const QJsonArray &values) const
    {
        QStringList texts;
        for (const QJsonValue &value : values)
            texts.append(valueText(object, attribute, value));
        return u'[' + texts.join(u", "_s) + u']';
    }

    const TraceSchema &m_schema;
    QJsonObject m_objects;
    QJsonObject m_otherObjects;
};

QString fieldValueText(const QString &field, const QJsonValue &value)
{
    if (field == u"key")
        return value.isNull() ? u"None"_s : formatValue(value);
    if (field == u"modified")
        return formatValue(value);
    if (value.isArray()) {
        QStringList names;
        for (const QJsonValue &name : value.toArray())
            names.append(name.toString());
        return names.isEmpty() ? u"(none)"_s : names.join(u", "_s);
    }
    return value.isString() ? value.toString() : formatValue(value);
}

// "User ann [1] persistent": an object that appeared or disappeared, as it was where it was seen.
QString objectText(const QString &name, const QJsonObject &object)
{
    QStringList parts{object.value(u"entity").toString(), name};
    if (object.value(u"key").isArray())
        parts.append(formatValue(object.value(u"key")));
    parts.append(object.value(u"state").toString());
    parts.removeAll(QString());
    return parts.join(u' ');
}

void describeChanges(const QString &name, const QJsonObject &fields, const AttributeReader &reader,
                     QStringList *lines)
{
    for (const char *field : kFields) {
        const QString key = QLatin1String(field);
        if (!fields.contains(key))
            continue;
        const QJsonObject change = fields.value(key).toObject();
        const QString from = fieldValueText(key, change.value(u"from"));
        const QString to = fieldValueText(key, change.value(u"to"));
        // The state is what people ask first: "~ home: persistent -> deleted".
        lines->append(key == u"state" ? u"~ %1: %2 -> %3"_s.arg(name, from, to)
                                      : u"~ %1 %2: %3 -> %4"_s.arg(name, key, from, to));
    }
    const QJsonObject attrs = fields.value(u"attrs").toObject();
    for (const QString &attribute : reader.order(name, attrs.keys())) {
        const QJsonObject change = attrs.value(attribute).toObject();
        const QJsonValue from = change.value(u"from");
        const QJsonValue to = change.value(u"to");
        const QString valueFrom = reader.attributeText(name, attribute, from);
        const QString valueTo = reader.attributeText(name, attribute, to);
        if (valueFrom != valueTo) {
            lines->append(u"~ %1.%2: %3 -> %4"_s.arg(name, attribute, valueFrom, valueTo));
        } else {
            // Same value, another History (a flush made the change part of the row).
            lines->append(u"~ %1.%2: %3, History %4 -> %5"_s.arg(
                name, attribute, valueTo, reader.historyText(name, attribute, from),
                reader.historyText(name, attribute, to)));
        }
    }
}

} // namespace

QString describeDiff(Timeline &timeline, int from, int to, const QJsonObject &diff)
{
    const QJsonObject before = stateAfterOperation(timeline, from);
    const QJsonObject after = stateAfterOperation(timeline, to);
    const QJsonObject objectsBefore = before.value(u"objects").toObject();
    const QJsonObject objectsAfter = after.value(u"objects").toObject();

    QStringList lines{u"A: %1"_s.arg(stepText(timeline, from)),
                      u"B: %1"_s.arg(stepText(timeline, to))};
    const qsizetype heading = lines.size();
    if (diff.contains(u"transaction")) {
        const QJsonObject change = diff.value(u"transaction").toObject();
        lines.append(
            u"~ transaction: %1 -> %2"_s.arg(transactionText(change.value(u"from").toObject()),
                                             transactionText(change.value(u"to").toObject())));
    }
    for (const QJsonValue &name : diff.value(u"appeared").toArray())
        lines.append(u"+ "_s +
                     objectText(name.toString(), objectsAfter.value(name.toString()).toObject()));
    for (const QJsonValue &name : diff.value(u"disappeared").toArray())
        lines.append(u"- "_s +
                     objectText(name.toString(), objectsBefore.value(name.toString()).toObject()));
    const AttributeReader reader(timeline.schema(), objectsAfter, objectsBefore);
    const QJsonObject changed = diff.value(u"changed").toObject();
    for (auto it = changed.begin(); it != changed.end(); ++it)
        describeChanges(it.key(), it.value().toObject(), reader, &lines);
    if (lines.size() == heading)
        lines.append(u"No differences."_s);
    return lines.join(u'\n') + u'\n';
}
