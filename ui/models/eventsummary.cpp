#include "eventsummary.h"

#include "lifecyclestyle.h"
#include "trace/valuetext.h"
#include "tracedocument.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace sessionscope {

namespace {

constexpr char kContext[] = "EventSummary";

// The translation context of the texts used once (lupdate reads EventText::tr).
struct EventText
{
    Q_DECLARE_TR_FUNCTIONS(EventSummary)
};

// Every phrase a summary is made of, in one table, so that search knows what summaries add to
// what a trace line holds (addedEventTexts()).
enum class Phrase {
    NoObject,
    LoadedAs,
    Transition,
    ObjectTransition,
    StatementFailed,
    StatementRows,
    ErrorKindMessage,
    Append,
    Remove,
    ChangedInPlace,
    Assign,
    BackPopulated,
    AfterBegin,
    BeforeFlush,
    AfterFlush,
    AfterFlushPostexec,
    BeforeCommit,
    AfterCommit,
    AfterRollback,
    AfterSoftRollback,
    SavepointOpened,
    SavepointReleased,
    SavepointRolledBack,
    EveryAttributeExpired,
    AttributesExpired,
    Alias,
    Start,
    Keyframe,
    OperationFailed,
    OperationDone,
    Count
};

// A source text and its disambiguation, as QT_TRANSLATE_NOOP3 gives them.
struct SourceText
{
    const char *text;
    const char *comment;
};

struct PhraseSource
{
    Phrase phrase;
    TraceEventType type;
    SourceText source;
};

constexpr PhraseSource kPhrases[] = {
    {Phrase::NoObject,
     TraceEventType::Other,
     {QT_TRANSLATE_NOOP("EventSummary", "(session)"), nullptr}},
    {Phrase::LoadedAs,
     TraceEventType::Lifecycle,
     {QT_TRANSLATE_NOOP("EventSummary", "loaded → %1"), nullptr}},
    {Phrase::Transition, TraceEventType::Lifecycle,
     QT_TRANSLATE_NOOP3("EventSummary", "%1 → %2", "from one object state to another")},
    {Phrase::ObjectTransition, TraceEventType::Lifecycle,
     QT_TRANSLATE_NOOP3("EventSummary", "%1: %2", "an object: its state change")},
    {Phrase::StatementFailed,
     TraceEventType::Sql,
     {QT_TRANSLATE_NOOP("EventSummary", "%1 — failed: %2"), nullptr}},
    {Phrase::StatementRows,
     TraceEventType::Sql,
     {QT_TRANSLATE_N_NOOP("EventSummary", "(%n row(s))"), nullptr}},
    {Phrase::ErrorKindMessage, TraceEventType::Sql,
     QT_TRANSLATE_NOOP3("EventSummary", "%1: %2", "an error's kind: its message")},
    {Phrase::Append,
     TraceEventType::Attribute,
     {QT_TRANSLATE_NOOP("EventSummary", "%1.%2 += %3"), nullptr}},
    {Phrase::Remove,
     TraceEventType::Attribute,
     {QT_TRANSLATE_NOOP("EventSummary", "%1.%2 −= %3"), nullptr}},
    {Phrase::ChangedInPlace,
     TraceEventType::Attribute,
     {QT_TRANSLATE_NOOP("EventSummary", "%1.%2 changed in place"), nullptr}},
    {Phrase::Assign,
     TraceEventType::Attribute,
     {QT_TRANSLATE_NOOP("EventSummary", "%1.%2 = %3"), nullptr}},
    {Phrase::BackPopulated,
     TraceEventType::Attribute,
     {QT_TRANSLATE_NOOP("EventSummary", "(back-populated from %1.%2)"), nullptr}},
    {Phrase::AfterBegin,
     TraceEventType::Session,
     {QT_TRANSLATE_NOOP("EventSummary", "transaction begins"), nullptr}},
    {Phrase::BeforeFlush,
     TraceEventType::Session,
     {QT_TRANSLATE_NOOP("EventSummary", "before flush"), nullptr}},
    {Phrase::AfterFlush,
     TraceEventType::Session,
     {QT_TRANSLATE_NOOP("EventSummary", "after flush (statements sent, objects not yet updated)"),
      nullptr}},
    {Phrase::AfterFlushPostexec,
     TraceEventType::Session,
     {QT_TRANSLATE_NOOP("EventSummary", "after flush: objects updated"), nullptr}},
    {Phrase::BeforeCommit,
     TraceEventType::Session,
     {QT_TRANSLATE_NOOP("EventSummary", "before commit"), nullptr}},
    {Phrase::AfterCommit,
     TraceEventType::Session,
     {QT_TRANSLATE_NOOP("EventSummary", "transaction committed"), nullptr}},
    {Phrase::AfterRollback,
     TraceEventType::Session,
     {QT_TRANSLATE_NOOP("EventSummary", "transaction rolled back"), nullptr}},
    {Phrase::AfterSoftRollback,
     TraceEventType::Session,
     {QT_TRANSLATE_NOOP("EventSummary", "session rolled back"), nullptr}},
    {Phrase::SavepointOpened,
     TraceEventType::Savepoint,
     {QT_TRANSLATE_NOOP("EventSummary", "savepoint opened (%1 open)"), nullptr}},
    {Phrase::SavepointReleased,
     TraceEventType::Savepoint,
     {QT_TRANSLATE_NOOP("EventSummary", "savepoint released (%1 open)"), nullptr}},
    {Phrase::SavepointRolledBack,
     TraceEventType::Savepoint,
     {QT_TRANSLATE_NOOP("EventSummary", "rolled back to the savepoint (%1 open)"), nullptr}},
    {Phrase::EveryAttributeExpired,
     TraceEventType::Expire,
     {QT_TRANSLATE_NOOP("EventSummary", "%1: every attribute expired"), nullptr}},
    {Phrase::AttributesExpired,
     TraceEventType::Expire,
     {QT_TRANSLATE_NOOP("EventSummary", "%1: %2 expired"), nullptr}},
    {Phrase::Alias,
     TraceEventType::Alias,
     {QT_TRANSLATE_NOOP("EventSummary", "#%1 is called %2"), nullptr}},
    {Phrase::Start,
     TraceEventType::Start,
     {QT_TRANSLATE_NOOP("EventSummary", "the session already held objects when recording began"),
      nullptr}},
    {Phrase::Keyframe,
     TraceEventType::Keyframe,
     {QT_TRANSLATE_NOOP("EventSummary", "the whole state (for faster seeking)"), nullptr}},
    {Phrase::OperationFailed,
     TraceEventType::End,
     {QT_TRANSLATE_NOOP("EventSummary", "failed: %1"), nullptr}},
    {Phrase::OperationDone,
     TraceEventType::End,
     {QT_TRANSLATE_NOOP("EventSummary", "done"), nullptr}},
};

constexpr bool phrasesInOrder()
{
    int index = 0;
    for (const PhraseSource &source : kPhrases) {
        if (int(source.phrase) != index++)
            return false;
    }
    return index == int(Phrase::Count);
}
static_assert(phrasesInOrder(), "kPhrases lists every Phrase once, in order");

QString phrase(Phrase which, int n = -1)
{
    const SourceText &source = kPhrases[int(which)].source;
    return QCoreApplication::translate(kContext, source.text, source.comment, n);
}

struct Label
{
    const char *name;
    SourceText text;
};

constexpr Label kEventTypeLabels[] = {
    {"sql", QT_TRANSLATE_NOOP3("EventSummary", "SQL", "event type")},
    {"lifecycle", QT_TRANSLATE_NOOP3("EventSummary", "lifecycle", "event type")},
    {"attribute", QT_TRANSLATE_NOOP3("EventSummary", "attribute", "event type")},
    {"session", QT_TRANSLATE_NOOP3("EventSummary", "session", "event type")},
    {"savepoint", QT_TRANSLATE_NOOP3("EventSummary", "savepoint", "event type")},
    {"expire", QT_TRANSLATE_NOOP3("EventSummary", "expire", "event type")},
    {"alias", QT_TRANSLATE_NOOP3("EventSummary", "alias", "event type")},
    {"start", QT_TRANSLATE_NOOP3("EventSummary", "start", "event type")},
    {"begin", QT_TRANSLATE_NOOP3("EventSummary", "begin", "event type")},
    {"end", QT_TRANSLATE_NOOP3("EventSummary", "end", "event type")},
    {"keyframe", QT_TRANSLATE_NOOP3("EventSummary", "keyframe", "event type")},
};

// The operations SessionScope records (docs/trace-format.md, "Operations").
constexpr Label kOperationKindLabels[] = {
    {"new", QT_TRANSLATE_NOOP3("EventSummary", "new", "operation kind")},
    {"add", QT_TRANSLATE_NOOP3("EventSummary", "add", "operation kind")},
    {"delete", QT_TRANSLATE_NOOP3("EventSummary", "delete", "operation kind")},
    {"set", QT_TRANSLATE_NOOP3("EventSummary", "set", "operation kind")},
    {"append", QT_TRANSLATE_NOOP3("EventSummary", "append", "operation kind")},
    {"remove", QT_TRANSLATE_NOOP3("EventSummary", "remove", "operation kind")},
    {"mutate", QT_TRANSLATE_NOOP3("EventSummary", "mutate", "operation kind")},
    {"flag_modified", QT_TRANSLATE_NOOP3("EventSummary", "flag modified", "operation kind")},
    {"read", QT_TRANSLATE_NOOP3("EventSummary", "read", "operation kind")},
    {"flush", QT_TRANSLATE_NOOP3("EventSummary", "flush", "operation kind")},
    {"commit", QT_TRANSLATE_NOOP3("EventSummary", "commit", "operation kind")},
    {"rollback", QT_TRANSLATE_NOOP3("EventSummary", "rollback", "operation kind")},
    {"begin_nested", QT_TRANSLATE_NOOP3("EventSummary", "begin nested", "operation kind")},
    {"release_savepoint",
     QT_TRANSLATE_NOOP3("EventSummary", "release savepoint", "operation kind")},
    {"rollback_savepoint",
     QT_TRANSLATE_NOOP3("EventSummary", "roll back to savepoint", "operation kind")},
    {"expire", QT_TRANSLATE_NOOP3("EventSummary", "expire", "operation kind")},
    {"expire_all", QT_TRANSLATE_NOOP3("EventSummary", "expire all", "operation kind")},
    {"refresh", QT_TRANSLATE_NOOP3("EventSummary", "refresh", "operation kind")},
    {"expunge", QT_TRANSLATE_NOOP3("EventSummary", "expunge", "operation kind")},
    {"expunge_all", QT_TRANSLATE_NOOP3("EventSummary", "expunge all", "operation kind")},
    {"merge", QT_TRANSLATE_NOOP3("EventSummary", "merge", "operation kind")},
    {"get", QT_TRANSLATE_NOOP3("EventSummary", "get", "operation kind")},
    {"query", QT_TRANSLATE_NOOP3("EventSummary", "query", "operation kind")},
    {"sql", QT_TRANSLATE_NOOP3("EventSummary", "SQL", "operation kind")},
    {"note", QT_TRANSLATE_NOOP3("EventSummary", "note", "operation kind")},
    {"close", QT_TRANSLATE_NOOP3("EventSummary", "close", "operation kind")},
    {"bulk", QT_TRANSLATE_NOOP3("EventSummary", "bulk", "operation kind")},
};

template<size_t N>
QString labelOf(const Label (&labels)[N], const QString &name)
{
    for (const Label &label : labels) {
        if (name == QLatin1String(label.name))
            return QCoreApplication::translate(kContext, label.text.text, label.text.comment);
    }
    return name;
}

QString objectOf(const TraceDocument &document, const QJsonObject &event)
{
    const QJsonValue object = event.value(QStringLiteral("object"));
    return object.isDouble() ? document.objectName(qint64(object.toDouble()))
                             : phrase(Phrase::NoObject);
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
        return phrase(Phrase::LoadedAs).arg(lifecycleLabel(TraceLifecycle::Persistent));
    const qsizetype to = transition.indexOf(QStringLiteral("_to_"));
    if (to < 0)
        return transition;
    return phrase(Phrase::Transition)
        .arg(stateName(transition.left(to)), stateName(transition.mid(to + 4)));
}

QString sessionEventText(const QString &name)
{
    static const QHash<QString, Phrase> phrases{
        {QStringLiteral("after_begin"), Phrase::AfterBegin},
        {QStringLiteral("before_flush"), Phrase::BeforeFlush},
        {QStringLiteral("after_flush"), Phrase::AfterFlush},
        {QStringLiteral("after_flush_postexec"), Phrase::AfterFlushPostexec},
        {QStringLiteral("before_commit"), Phrase::BeforeCommit},
        {QStringLiteral("after_commit"), Phrase::AfterCommit},
        {QStringLiteral("after_rollback"), Phrase::AfterRollback},
        {QStringLiteral("after_soft_rollback"), Phrase::AfterSoftRollback},
    };
    const auto it = phrases.constFind(name);
    return it == phrases.constEnd() ? name : phrase(*it);
}

QString oneLine(QString text)
{
    text.replace(u'\n', u' ');
    return text.simplified();
}

QString attributeText(const TraceDocument &document, const QJsonObject &event)
{
    const QString object = objectOf(document, event);
    const QString attr = event.value(QStringLiteral("attr")).toString();
    const QString action = event.value(QStringLiteral("action")).toString();
    const QString value = valueText(document, event.value(QStringLiteral("value")));
    QString text;
    if (action == u"append")
        text = phrase(Phrase::Append).arg(object, attr, value);
    else if (action == u"remove")
        text = phrase(Phrase::Remove).arg(object, attr, value);
    else if (action == u"modified")
        text = phrase(Phrase::ChangedInPlace).arg(object, attr);
    else
        text = phrase(Phrase::Assign).arg(object, attr, value);
    const QJsonObject initiator = event.value(QStringLiteral("initiator")).toObject();
    if (!initiator.isEmpty())
        text += u' ' + phrase(Phrase::BackPopulated)
                           .arg(initiator.value(QStringLiteral("entity")).toString(),
                                initiator.value(QStringLiteral("attr")).toString());
    return text;
}

QString savepointText(const QJsonObject &event)
{
    const QString action = event.value(QStringLiteral("action")).toString();
    const int depth = event.value(QStringLiteral("depth")).toInt();
    if (action == u"begin")
        return phrase(Phrase::SavepointOpened).arg(depth);
    if (action == u"release")
        return phrase(Phrase::SavepointReleased).arg(depth);
    if (action == u"rollback")
        return phrase(Phrase::SavepointRolledBack).arg(depth);
    return action;
}

QString expireText(const TraceDocument &document, const QJsonObject &event)
{
    const QString object = objectOf(document, event);
    const QJsonArray attrs = event.value(QStringLiteral("attrs")).toArray();
    if (attrs.isEmpty())
        return phrase(Phrase::EveryAttributeExpired).arg(object);
    QStringList names;
    for (const QJsonValue &name : attrs)
        names.append(name.toString());
    return phrase(Phrase::AttributesExpired).arg(object, names.join(QStringLiteral(", ")));
}

QString statementText(const QJsonObject &event)
{
    QString text = oneLine(event.value(QStringLiteral("sql")).toString());
    const QJsonValue error = event.value(QStringLiteral("error"));
    if (!error.isNull() && !error.isUndefined())
        return phrase(Phrase::StatementFailed).arg(text, errorText(error));
    const qint64 rows = qint64(event.value(QStringLiteral("rows")).toDouble(-1));
    if (rows >= 0)
        text += u' ' + phrase(Phrase::StatementRows, int(rows));
    return text;
}

QString failedText(const QString &what, const QString &error)
{
    return EventText::tr("%1 — failed: %2").arg(what, error);
}

} // namespace

QString errorText(const QJsonValue &error)
{
    if (error.isString())
        return error.toString();
    if (!error.isObject())
        return {};
    const QJsonObject object = error.toObject();
    return phrase(Phrase::ErrorKindMessage)
        .arg(object.value(QStringLiteral("kind")).toString(),
             oneLine(object.value(QStringLiteral("message")).toString()));
}

QString eventTypeLabel(const QString &type)
{
    return labelOf(kEventTypeLabels, type);
}

QString operationKindLabel(const QString &kind)
{
    return labelOf(kOperationKindLabels, kind);
}

QString operationTitle(const TraceOperation &operation)
{
    if (operation.kind == u"note" && !operation.text.isEmpty())
        return operation.text;
    if (operation.label == operation.kind) // "flush", "commit": the kind says it all
        return operationKindLabel(operation.kind);
    return operation.label;
}

QString summarizeOperation(const TraceOperation &operation)
{
    const QString text = operationTitle(operation);
    if (operation.failed)
        return failedText(text, phrase(Phrase::ErrorKindMessage)
                                    .arg(operation.errorKind, oneLine(operation.errorMessage)));
    if (operation.endEvent < 0)
        return EventText::tr("%1 — did not finish").arg(text);
    return text;
}

QString summarizeEvent(const TraceDocument &document, const QJsonObject &event)
{
    const QString type = event.value(QStringLiteral("type")).toString();
    switch (traceEventType(type.toUtf8())) {
    case TraceEventType::Sql:
        return statementText(event);
    case TraceEventType::Lifecycle:
        return phrase(Phrase::ObjectTransition)
            .arg(objectOf(document, event),
                 transitionText(event.value(QStringLiteral("transition")).toString()));
    case TraceEventType::Attribute:
        return attributeText(document, event);
    case TraceEventType::Session:
        return sessionEventText(event.value(QStringLiteral("event")).toString());
    case TraceEventType::Savepoint:
        return savepointText(event);
    case TraceEventType::Expire:
        return expireText(document, event);
    case TraceEventType::Alias:
        return phrase(Phrase::Alias)
            .arg(qint64(event.value(QStringLiteral("object")).toDouble()))
            .arg(event.value(QStringLiteral("alias")).toString());
    case TraceEventType::Start:
        return phrase(Phrase::Start);
    case TraceEventType::Begin:
        return event.value(QStringLiteral("label")).toString();
    case TraceEventType::End: {
        const QJsonValue error = event.value(QStringLiteral("error"));
        return error.isObject() ? phrase(Phrase::OperationFailed).arg(errorText(error))
                                : phrase(Phrase::OperationDone);
    }
    case TraceEventType::Keyframe:
        return phrase(Phrase::Keyframe);
    case TraceEventType::Other:
        break;
    }
    return type;
}

QString eventSearchText(const TraceDocument &document, const QJsonObject &event)
{
    const QString type = event.value(QStringLiteral("type")).toString();
    QString text = eventTypeLabel(type) + u'\n' + summarizeEvent(document, event);
    if (type == u"sql") {
        QStringList rows;
        for (const QJsonValue &row : event.value(QStringLiteral("params")).toArray())
            rows.append(formatValue(row));
        text += u'\n' + rows.join(QStringLiteral("; "));
    }
    return text;
}

QList<AddedText> addedEventTexts(TraceEventType type)
{
    static const QRegularExpression placeholder(QStringLiteral("%(\\d+|n)"));
    QList<AddedText> texts{{eventTypeLabel(QLatin1String(traceEventTypeName(type))), true, {}}};
    auto addPieces = [&](const QString &phraseText) {
        for (const QString &piece : phraseText.split(placeholder, Qt::SkipEmptyParts))
            texts.append({piece, false, {}});
    };
    for (const PhraseSource &source : kPhrases) {
        // An error's kind and message are shown by the end of an operation as well.
        const bool shared =
            source.phrase == Phrase::NoObject ||
            (source.phrase == Phrase::ErrorKindMessage && type == TraceEventType::End);
        if (source.type != type && !shared)
            continue;
        addPieces(phrase(source.phrase));
        if (source.phrase == Phrase::StatementRows) {
            // Plural forms differ by language: take enough numbers to meet all of them.
            for (int n : {0, 1, 2, 3, 5, 11, 21, 22, 25, 101})
                addPieces(phrase(source.phrase, n).replace(QString::number(n), u"%n"_s));
        }
    }
    switch (type) {
    case TraceEventType::Lifecycle:
        for (TraceLifecycle state :
             {TraceLifecycle::Transient, TraceLifecycle::Pending, TraceLifecycle::Persistent,
              TraceLifecycle::Deleted, TraceLifecycle::Detached})
            texts.append({lifecycleLabel(state), true, traceLifecycleName(state)});
        break;
    case TraceEventType::Sql:
    case TraceEventType::Attribute:
        // How values are written: Python's words, and JSON's signs in an order of their own.
        for (const char *word : {"None", "True", "False"})
            texts.append({QLatin1String(word), true, {}});
        for (const char *sign : {"[", "]", "{", "}", ",", ":", " ", "; "})
            texts.append({QLatin1String(sign), false, {}});
        break;
    case TraceEventType::Expire:
        texts.append({QStringLiteral(", "), false, {}});
        break;
    default:
        break;
    }
    // Each field of eventSearchText() is a line of its own.
    texts.append({QStringLiteral("\n"), false, {}});
    return texts;
}

} // namespace sessionscope
