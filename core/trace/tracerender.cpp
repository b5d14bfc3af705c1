#include "tracerender.h"

#include "mapping/values.h"
#include "traceerror.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace sessionscope {

namespace {

const QString kLoaded = QStringLiteral("loaded");
const QString kValue = QStringLiteral("value");
const QString kHistory = QStringLiteral("history");
const QString kObject = QStringLiteral("object");
const QStringList kHistoryLists{QStringLiteral("added"), QStringLiteral("unchanged"),
                                QStringLiteral("deleted")};

} // namespace

QJsonObject transactionSnapshot(bool active, int nestedDepth, TransactionStatus status,
                                const QString &causeKind, const QString &causeMessage)
{
    QJsonObject transaction{{QStringLiteral("active"), active},
                            {QStringLiteral("nested_depth"), nestedDepth},
                            {QStringLiteral("status"), transactionStatusName(status)}};
    if (status == TransactionStatus::NeedsRollback && !causeKind.isEmpty())
        transaction.insert(QStringLiteral("cause"),
                           QJsonObject{{QStringLiteral("kind"), causeKind},
                                       {QStringLiteral("message"), causeMessage}});
    return transaction;
}

QJsonObject transactionSnapshot(const TraceState &state)
{
    return transactionSnapshot(state.transactionActive(), state.nestedDepth(),
                               state.transactionStatus(), state.rollbackCauseKind(),
                               state.rollbackCauseMessage());
}

TraceRenderer::TraceRenderer(const TraceState &state, const TraceSchema &schema,
                             const TraceIds &ids, const TraceBytes &bytes)
    : m_state(state)
    , m_schema(schema)
    , m_ids(ids)
    , m_bytes(bytes)
{}

void TraceRenderer::fail(TraceSpan where, const QString &message) const
{
    throw TraceError(QStringLiteral("%1: %2").arg(m_bytes.location(where), message));
}

QJsonValue TraceRenderer::parse(TraceSpan span) const
{
    // Spans were checked when the state was built; wrapping admits scalars too.
    const QByteArray text = '[' + m_bytes.read(span) + ']';
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || document.array().size() != 1)
        fail(span, QStringLiteral("the trace changed while it was being read"));
    return document.array().at(0);
}

const QString &TraceRenderer::entityName(int slot) const
{
    return m_schema.entity(m_state.object(slot)->entity).type->name();
}

QJsonValue TraceRenderer::key(int slot) const
{
    const TraceObject *object = m_state.object(slot);
    return object->key.isNull() ? QJsonValue() : parse(object->key);
}

QString TraceRenderer::nameOf(int slot) const
{
    if (m_names.size() < size_t(m_state.slotCount()))
        m_names.resize(size_t(m_state.slotCount()));
    QString &name = m_names[size_t(slot)];
    if (!name.isNull())
        return name;
    const TraceObject *object = m_state.object(slot);
    if (!object->aliases.isEmpty()) {
        name = object->aliases.first();
        return name;
    }
    QStringList parts;
    for (const QJsonValue &part : key(slot).toArray())
        parts.append(part.isString() ? part.toString() : QString::fromUtf8(values::jsonText(part)));
    name = entityName(slot) + u'#' + (parts.isEmpty() ? QStringLiteral("?") : parts.join(u','));
    return name;
}

QJsonValue TraceRenderer::reference(const QJsonValue &value, TraceSpan where) const
{
    if (value.isNull())
        return QJsonValue();
    const QJsonValue id = value.toObject().value(kObject);
    if (!value.isObject() || !id.isDouble() || id.toDouble() != double(id.toInteger()))
        fail(where, QStringLiteral("a reference must be {\"object\": id} or null, not %1")
                        .arg(QString::fromUtf8(values::jsonText(value))));
    const int slot = m_ids.find(id.toInteger());
    if (slot < 0 || !m_state.object(slot))
        fail(where, QStringLiteral("object %1 is referenced but the trace does not describe it")
                        .arg(id.toInteger()));
    return nameOf(slot);
}

QJsonArray TraceRenderer::references(const QJsonValue &value, TraceSpan where) const
{
    QJsonArray out;
    for (const QJsonValue &member : value.toArray())
        out.append(reference(member, where));
    return out;
}

QJsonObject TraceRenderer::attribute(int slot, int attribute) const
{
    const TraceObject *object = m_state.object(slot);
    const TraceSpan span =
        attribute < object->attrs.size() ? object->attrs[attribute] : TraceSpan();
    if (span.isNull())
        return QJsonObject{{kLoaded, false}};
    QJsonObject json = parse(span).toObject();
    if (!json.value(kLoaded).toBool())
        return QJsonObject{{kLoaded, false}};
    const TraceSchema::Slot &spec = m_schema.entity(object->entity).attributes[size_t(attribute)];
    if (spec.kind == TraceSchema::SlotKind::Column || spec.kind == TraceSchema::SlotKind::Composite)
        return QJsonObject{
            {kLoaded, true}, {kValue, json.value(kValue)}, {kHistory, json.value(kHistory)}};
    const QJsonValue value = json.value(kValue);
    if (spec.kind == TraceSchema::SlotKind::Collection && !value.isArray())
        fail(span, QStringLiteral("%1.%2 is a collection; its value must be an array")
                       .arg(entityName(slot), spec.name));
    const QJsonObject history = json.value(kHistory).toObject();
    QJsonObject renderedHistory;
    for (const QString &list : kHistoryLists)
        renderedHistory.insert(list, references(history.value(list), span));
    return QJsonObject{{kLoaded, true},
                       {kValue, spec.kind == TraceSchema::SlotKind::Collection
                                    ? QJsonValue(references(value, span))
                                    : reference(value, span)},
                       {kHistory, renderedHistory}};
}

QJsonObject TraceRenderer::object(int slot) const
{
    const TraceObject *object = m_state.object(slot);
    const TraceSchema::Entity &entity = m_schema.entity(object->entity);
    QJsonObject attrs;
    for (int a = 0; a < int(entity.attributes.size()); ++a)
        attrs.insert(entity.attributes[size_t(a)].name, attribute(slot, a));
    return QJsonObject{
        {QStringLiteral("entity"), entity.type->name()},
        {QStringLiteral("state"), QLatin1String(traceLifecycleName(object->lifecycle))},
        {QStringLiteral("key"), key(slot)},
        {QStringLiteral("modified"), object->modified},
        {QStringLiteral("expired"),
         object->expired.isNull() ? QJsonArray() : parse(object->expired)},
        {QStringLiteral("attrs"), attrs},
    };
}

std::vector<int> TraceRenderer::identityMapOrder() const
{
    struct Entry
    {
        int slot;
        QString entity;
        QVariantList key; // canonical values, ordered as the session orders keys
        bool canonical;
        QByteArray text;
    };
    std::vector<Entry> entries;
    for (int slot = 0; slot < m_state.slotCount(); ++slot) {
        const TraceObject *object = m_state.object(slot);
        if (!object || !(object->sets & InIdentityMap))
            continue;
        Entry entry{slot, entityName(slot), {}, true, {}};
        const EntityType &type = *m_schema.entity(object->entity).type;
        const QJsonArray parts = key(slot).toArray();
        for (qsizetype i = 0; i < parts.size(); ++i) {
            QString why;
            const std::optional<QVariant> value =
                i < type.primaryKey().size()
                    ? values::fromJson(type.column(type.primaryKey()[i]), parts[i], &why)
                    : std::nullopt;
            if (!value) {
                entry.canonical = false; // redacted or foreign: order by text
                break;
            }
            entry.key.append(*value);
        }
        if (!entry.canonical)
            entry.text = values::jsonText(parts);
        entries.push_back(std::move(entry));
    }
    std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
        if (a.entity != b.entity)
            return a.entity < b.entity;
        if (a.canonical != b.canonical)
            return a.canonical;
        if (a.canonical) {
            const int order = values::compareKeys(a.key, b.key);
            if (order != 0)
                return order < 0;
        } else if (a.text != b.text) {
            return a.text < b.text;
        }
        return a.slot < b.slot;
    });
    std::vector<int> ordered;
    ordered.reserve(entries.size());
    for (const Entry &entry : entries)
        ordered.push_back(entry.slot);
    return ordered;
}

QJsonObject TraceRenderer::session() const
{
    const std::vector<int> mapped = identityMapOrder();
    QJsonArray identityMap;
    for (int slot : mapped)
        identityMap.append(QJsonObject{{QStringLiteral("entity"), entityName(slot)},
                                       {QStringLiteral("key"), key(slot)},
                                       {QStringLiteral("obj"), nameOf(slot)}});

    std::vector<int> created;
    std::vector<int> dirty;
    std::vector<int> deleted;
    QJsonObject objects;
    for (int slot = 0; slot < m_state.slotCount(); ++slot) {
        const TraceObject *object = m_state.object(slot);
        if (!object)
            continue;
        for (const QString &alias : object->aliases) {
            if (!objects.contains(alias))
                objects.insert(alias, this->object(slot));
        }
        if (object->sets & InNew)
            created.push_back(slot);
        if (object->sets & InDirty)
            dirty.push_back(slot);
        if (object->sets & InDeleted)
            deleted.push_back(slot);
    }
    // Ids are given in order of first mention, so they stand in for the order objects joined a
    // set; only which of two same-named objects is listed depends on it.
    for (std::vector<int> *set : {&created, &dirty, &deleted})
        std::sort(set->begin(), set->end(),
                  [&](int a, int b) { return m_ids.idAt(a) < m_ids.idAt(b); });
    auto sortedNames = [&](const std::vector<int> &ordered) {
        QStringList names;
        for (int slot : ordered)
            names.append(nameOf(slot));
        std::sort(names.begin(), names.end());
        return QJsonArray::fromStringList(names);
    };
    for (const std::vector<int> *set :
         std::initializer_list<const std::vector<int> *>{&mapped, &created, &dirty, &deleted}) {
        for (int slot : *set) {
            const QString name = nameOf(slot);
            if (!objects.contains(name))
                objects.insert(name, object(slot));
        }
    }
    return QJsonObject{
        {QStringLiteral("transaction"), transactionSnapshot(m_state)},
        {QStringLiteral("identity_map"), identityMap},
        {QStringLiteral("new"), sortedNames(created)},
        {QStringLiteral("dirty"), sortedNames(dirty)},
        {QStringLiteral("deleted"), sortedNames(deleted)},
        {QStringLiteral("objects"), objects},
    };
}

} // namespace sessionscope
