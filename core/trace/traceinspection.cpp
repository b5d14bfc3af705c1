#include "traceinspection.h"

#include "timeline.h"

#include <QJsonArray>

namespace sessionscope {

namespace {

// The step fields of a --states element: the operation, its error once it ended, and its SQL
// up to `lastEvent`.
void addStepFields(const Timeline &timeline, int op, qint64 lastEvent, QJsonObject *element)
{
    QJsonArray sql;
    QJsonValue kind;
    QJsonValue error;
    QJsonValue errorMessage;
    if (op > 0) {
        const TraceOperation operation = timeline.operation(op);
        kind = operation.kind;
        if (operation.failed && operation.endEvent >= 0 && operation.endEvent <= lastEvent) {
            error = operation.errorKind;
            errorMessage = operation.errorMessage;
        }
        for (qint64 event = operation.beginEvent; event <= lastEvent; ++event) {
            if (timeline.eventType(event) != TraceEventType::Sql)
                continue;
            const TraceStatement statement = timeline.statement(event);
            sql.append(QJsonObject{
                {QStringLiteral("verb"), statement.verb},
                {QStringLiteral("table"),
                 statement.table.isEmpty() ? QJsonValue() : QJsonValue(statement.table)},
                {QStringLiteral("rows"), qint64(statement.params.size())},
            });
        }
    }
    element->insert(QStringLiteral("step"), op);
    element->insert(QStringLiteral("op"), kind);
    element->insert(QStringLiteral("error"), error);
    element->insert(QStringLiteral("error_message"), errorMessage);
    element->insert(QStringLiteral("sql"), sql);
}

bool isVisible(const TraceObject &object)
{
    return !object.aliases.isEmpty() || object.sets != 0;
}

QJsonArray setNames(quint8 sets)
{
    QJsonArray names;
    if (sets & InIdentityMap)
        names.append(QStringLiteral("identity_map"));
    if (sets & InNew)
        names.append(QStringLiteral("new"));
    if (sets & InDirty)
        names.append(QStringLiteral("dirty"));
    if (sets & InDeleted)
        names.append(QStringLiteral("deleted"));
    return names;
}

QJsonObject change(const QJsonValue &from, const QJsonValue &to)
{
    return QJsonObject{{QStringLiteral("from"), from}, {QStringLiteral("to"), to}};
}

} // namespace

QJsonObject stateAfterOperation(Timeline &timeline, int op)
{
    timeline.seekOperation(op);
    QJsonObject element = timeline.renderer().session();
    addStepFields(timeline, op, timeline.cursor(), &element);
    return element;
}

QJsonObject stateAfterEvent(Timeline &timeline, qint64 seq)
{
    timeline.seekEvent(seq - 1);
    QJsonObject element = timeline.renderer().session();
    addStepFields(timeline, seq >= 1 ? timeline.operationOf(seq - 1) : 0, seq - 1, &element);
    return element;
}

QJsonObject traceSummary(Timeline &timeline)
{
    timeline.verify();
    const TraceStats stats = timeline.stats();
    const TraceHeader &header = timeline.header();
    const std::optional<QString> truncation = timeline.truncation();
    auto text = [](const QString &value) {
        return value.isEmpty() ? QJsonValue() : QJsonValue(value);
    };
    return QJsonObject{
        {QStringLiteral("trace"), timeline.name()},
        {QStringLiteral("title"), text(header.title)},
        {QStringLiteral("source"), text(header.source)},
        {QStringLiteral("database"), text(header.database)},
        {QStringLiteral("recorder"), text(header.recorder)},
        {QStringLiteral("redaction"), header.redaction},
        {QStringLiteral("operations"), stats.operations},
        {QStringLiteral("events"), stats.events},
        {QStringLiteral("keyframes"), stats.keyframes},
        {QStringLiteral("statements"), stats.statements},
        {QStringLiteral("failed_statements"), stats.failedStatements},
        {QStringLiteral("objects"), stats.objects},
        {QStringLiteral("errors"), stats.failedOperations},
        {QStringLiteral("unfinished_operation"), stats.unfinishedOperation},
        {QStringLiteral("truncated"), truncation ? QJsonValue(*truncation) : QJsonValue()},
    };
}

QJsonObject traceDiff(Timeline &timeline, int from, int to)
{
    // Checked before either seek, so a bad `to` leaves no half-done work behind.
    const qint64 fromEvent = timeline.stateEventOf(from);
    const qint64 toEvent = timeline.stateEventOf(to);
    QJsonObject diff = traceDiffOfEvents(timeline, fromEvent, toEvent);
    diff.insert(QStringLiteral("from"), from);
    diff.insert(QStringLiteral("to"), to);
    return diff;
}

QJsonObject traceDiffOfEvents(Timeline &timeline, qint64 fromEvent, qint64 toEvent)
{
    timeline.seekEvent(fromEvent);
    const TraceState before = timeline.state(); // shares everything with the Timeline's
    timeline.seekEvent(toEvent);
    const TraceState &after = timeline.state();
    const TraceRenderer renderBefore(before, timeline.schema(), timeline.ids(), timeline.bytes());
    const TraceRenderer renderAfter = timeline.renderer();

    QJsonObject diff;
    const QJsonObject transactionBefore = transactionSnapshot(before);
    const QJsonObject transactionAfter = transactionSnapshot(after);
    if (transactionBefore != transactionAfter)
        diff.insert(QStringLiteral("transaction"), change(transactionBefore, transactionAfter));

    QStringList appeared;
    QStringList disappeared;
    QJsonObject changed;
    const int slotCount = std::max(before.slotCount(), after.slotCount());
    for (int slot = 0; slot < slotCount; ++slot) {
        const TraceObject *a = before.object(slot);
        const TraceObject *b = after.object(slot);
        const bool visibleBefore = a && isVisible(*a);
        const bool visibleAfter = b && isVisible(*b);
        if (!visibleBefore && !visibleAfter)
            continue;
        if (!visibleBefore) {
            appeared.append(renderAfter.nameOf(slot));
            continue;
        }
        if (!visibleAfter) {
            disappeared.append(renderBefore.nameOf(slot));
            continue;
        }
        const QJsonObject objectBefore = renderBefore.object(slot);
        const QJsonObject objectAfter = renderAfter.object(slot);
        QJsonObject fields;
        for (const char *field : {"state", "key", "modified", "expired"}) {
            const QString name = QLatin1String(field);
            if (objectBefore.value(name) != objectAfter.value(name))
                fields.insert(name, change(objectBefore.value(name), objectAfter.value(name)));
        }
        if (a->sets != b->sets)
            fields.insert(QStringLiteral("sets"), change(setNames(a->sets), setNames(b->sets)));
        const QString nameBefore = renderBefore.nameOf(slot);
        const QString nameAfter = renderAfter.nameOf(slot);
        if (nameBefore != nameAfter)
            fields.insert(QStringLiteral("name"), change(nameBefore, nameAfter));
        const QJsonObject attrsBefore = objectBefore.value(QStringLiteral("attrs")).toObject();
        const QJsonObject attrsAfter = objectAfter.value(QStringLiteral("attrs")).toObject();
        QJsonObject attrs;
        for (auto it = attrsAfter.begin(); it != attrsAfter.end(); ++it) {
            if (attrsBefore.value(it.key()) != it.value())
                attrs.insert(it.key(), change(attrsBefore.value(it.key()), it.value()));
        }
        if (!attrs.isEmpty())
            fields.insert(QStringLiteral("attrs"), attrs);
        if (!fields.isEmpty())
            changed.insert(nameAfter, fields);
    }
    appeared.sort();
    disappeared.sort();
    diff.insert(QStringLiteral("appeared"), QJsonArray::fromStringList(appeared));
    diff.insert(QStringLiteral("disappeared"), QJsonArray::fromStringList(disappeared));
    diff.insert(QStringLiteral("changed"), changed);
    return diff;
}

} // namespace sessionscope
