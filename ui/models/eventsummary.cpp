#include "eventsummary.h"

#include "lifecyclestyle.h"
#include "trace/valuetext.h"
#include "tracedocument.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace sessionscope {

namespace {

// The translation context of these texts.
struct EventText
{
    Q_DECLARE_TR_FUNCTIONS(EventSummary)
};

QString objectOf(const TraceDocument &document, const QJsonObject &event)
{
    const QJsonValue object = event.value(QStringLiteral("object"));
    return object.isDouble() ? document.objectName(qint64(object.toDouble()))
                             : EventText::tr("(session)");
}

// A value with references as object names.
QString valueText(const TraceDocument &document, const QJsonValue &value)
{
    if (value.isObject() && value.toObject().contains(QStringLiteral("object")))
        return document.objectName(
            qint64(value.toObject().value(QStringLiteral("object")).toDouble()));
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue &item : value.toArray())
            parts.append(valueText(document, item));
        return u'[' + parts.join(QStringLiteral(", ")) + u']';
    }
    return formatValue(value);
}

QString stateName(const QString &name)
{
    static const QHash<QString, TraceLifecycle> states{
        {QStringLiteral("transient"), TraceLifecycle::Transient},
        {QStringLiteral("pending"), TraceLifecycle::Pending},
        {QStringLiteral("persistent"), TraceLifecycle::Persistent},
        {QStringLiteral("deleted"), TraceLifecycle::Deleted},
        {QStringLiteral("detached"), TraceLifecycle::Detached},
    };
    const auto it = states.constFind(name);
    return it == states.constEnd() ? name : lifecycleLabel(*it);
}

QString transitionText(const QString &transition)
{
    if (transition == u"loaded_as_persistent")
        return EventText::tr("loaded → %1").arg(lifecycleLabel(TraceLifecycle::Persistent));
    const qsizetype to = transition.indexOf(QStringLiteral("_to_"));
    if (to < 0)
        return transition;
    return QStringLiteral("%1 → %2").arg(stateName(transition.left(to)),
                                         stateName(transition.mid(to + 4)));
}

QString sessionEventText(const QString &name)
{
    if (name == u"after_begin")
        return EventText::tr("transaction begins");
    if (name == u"before_flush")
        return EventText::tr("before flush");
    if (name == u"after_flush")
        return EventText::tr("after flush (statements sent, objects not yet updated)");
    if (name == u"after_flush_postexec")
        return EventText::tr("after flush: objects updated");
    if (name == u"before_commit")
        return EventText::tr("before commit");
    if (name == u"after_commit")
        return EventText::tr("transaction committed");
    if (name == u"after_rollback")
        return EventText::tr("transaction rolled back");
    if (name == u"after_soft_rollback")
        return EventText::tr("session rolled back");
    return name;
}

QString oneLine(QString text)
{
    text.replace(u'\n', u' ');
    return text.simplified();
}

} // namespace

QString errorText(const QJsonValue &error)
{
    if (error.isString())
        return error.toString();
    if (!error.isObject())
        return {};
    const QJsonObject object = error.toObject();
    return QStringLiteral("%1: %2").arg(
        object.value(QStringLiteral("kind")).toString(),
        oneLine(object.value(QStringLiteral("message")).toString()));
}

QString eventTypeLabel(const QString &type)
{
    if (type == u"sql")
        return EventText::tr("SQL");
    if (type == u"lifecycle")
        return EventText::tr("lifecycle");
    if (type == u"attribute")
        return EventText::tr("attribute");
    if (type == u"session")
        return EventText::tr("session");
    if (type == u"savepoint")
        return EventText::tr("savepoint");
    if (type == u"expire")
        return EventText::tr("expire");
    if (type == u"alias")
        return EventText::tr("alias");
    if (type == u"start")
        return EventText::tr("start");
    if (type == u"begin")
        return EventText::tr("begin");
    if (type == u"end")
        return EventText::tr("end");
    if (type == u"keyframe")
        return EventText::tr("keyframe");
    return type;
}

QString summarizeOperation(const TraceOperation &operation)
{
    QString text =
        operation.kind == u"note" && !operation.text.isEmpty() ? operation.text : operation.label;
    if (operation.failed)
        text = EventText::tr("%1 — failed: %2: %3")
                   .arg(text, operation.errorKind, oneLine(operation.errorMessage));
    else if (operation.endEvent < 0)
        text = EventText::tr("%1 — did not finish").arg(text);
    return text;
}

QString summarizeEvent(const TraceDocument &document, const QJsonObject &event)
{
    const QString type = event.value(QStringLiteral("type")).toString();
    const QString object = objectOf(document, event);
    if (type == u"sql") {
        QString text = oneLine(event.value(QStringLiteral("sql")).toString());
        const QJsonValue error = event.value(QStringLiteral("error"));
        if (!error.isNull() && !error.isUndefined())
            return EventText::tr("%1 — failed: %2").arg(text, errorText(error));
        const qint64 rows = qint64(event.value(QStringLiteral("rows")).toDouble(-1));
        if (rows >= 0)
            text += u' ' + EventText::tr("(%n row(s))", nullptr, int(rows));
        return text;
    }
    if (type == u"lifecycle")
        return QStringLiteral("%1: %2").arg(
            object, transitionText(event.value(QStringLiteral("transition")).toString()));
    if (type == u"attribute") {
        const QString attr = event.value(QStringLiteral("attr")).toString();
        const QString action = event.value(QStringLiteral("action")).toString();
        const QString value = valueText(document, event.value(QStringLiteral("value")));
        QString text;
        if (action == u"append")
            text = EventText::tr("%1.%2 += %3").arg(object, attr, value);
        else if (action == u"remove")
            text = EventText::tr("%1.%2 −= %3").arg(object, attr, value);
        else if (action == u"modified")
            text = EventText::tr("%1.%2 changed in place").arg(object, attr);
        else
            text = QStringLiteral("%1.%2 = %3").arg(object, attr, value);
        const QJsonObject initiator = event.value(QStringLiteral("initiator")).toObject();
        if (!initiator.isEmpty())
            text += u' ' + EventText::tr("(back-populated from %1.%2)")
                               .arg(initiator.value(QStringLiteral("entity")).toString(),
                                    initiator.value(QStringLiteral("attr")).toString());
        return text;
    }
    if (type == u"session")
        return sessionEventText(event.value(QStringLiteral("event")).toString());
    if (type == u"savepoint") {
        const QString action = event.value(QStringLiteral("action")).toString();
        const int depth = event.value(QStringLiteral("depth")).toInt();
        if (action == u"begin")
            return EventText::tr("savepoint opened (%1 open)").arg(depth);
        if (action == u"release")
            return EventText::tr("savepoint released (%1 open)").arg(depth);
        if (action == u"rollback")
            return EventText::tr("rolled back to the savepoint (%1 open)").arg(depth);
        return action;
    }
    if (type == u"expire") {
        const QJsonArray attrs = event.value(QStringLiteral("attrs")).toArray();
        if (attrs.isEmpty())
            return EventText::tr("%1: every attribute expired").arg(object);
        QStringList names;
        for (const QJsonValue &name : attrs)
            names.append(name.toString());
        return EventText::tr("%1: %2 expired").arg(object, names.join(QStringLiteral(", ")));
    }
    if (type == u"alias")
        return EventText::tr("%1 is called %2")
            .arg(
                QStringLiteral("#%1").arg(qint64(event.value(QStringLiteral("object")).toDouble())),
                event.value(QStringLiteral("alias")).toString());
    if (type == u"start")
        return EventText::tr("the session already held objects when recording began");
    if (type == u"begin")
        return event.value(QStringLiteral("label")).toString();
    if (type == u"end") {
        const QJsonValue error = event.value(QStringLiteral("error"));
        return error.isObject() ? EventText::tr("failed: %1").arg(errorText(error))
                                : EventText::tr("done");
    }
    if (type == u"keyframe")
        return EventText::tr("the whole state (for faster seeking)");
    return type;
}

} // namespace sessionscope
