#include "statesnapshot.h"

#include "mapping/values.h"
#include "session/session.h"
#include "state/attributes.h"
#include "trace/tracerender.h"

#include <QJsonArray>

#include <algorithm>

namespace sessionscope {

namespace {

QJsonValue attributeValueJson(const EntityType &entity, int attribute, const QVariant &value,
                              const ObjectNames &names)
{
    if (entity.isColumn(attribute))
        return values::toJson(value);
    if (entity.isCollection(attribute)) {
        QJsonArray members;
        for (ObjectState *member : value.value<ObjectList>())
            members.append(member ? QJsonValue(names.nameOf(member)) : QJsonValue());
        return members;
    }
    ObjectState *target = value.isValid() ? value.value<ObjectState *>() : nullptr;
    return target ? QJsonValue(names.nameOf(target)) : QJsonValue();
}

// History entries are single values: members for relationships, column values otherwise.
QJsonArray historyJson(const EntityType &entity, int attribute, const QVariantList &entries,
                       const ObjectNames &names)
{
    QJsonArray out;
    for (const QVariant &entry : entries) {
        if (entity.isColumn(attribute)) {
            out.append(values::toJson(entry));
        } else {
            ObjectState *member = entry.isValid() ? entry.value<ObjectState *>() : nullptr;
            out.append(member ? QJsonValue(names.nameOf(member)) : QJsonValue());
        }
    }
    return out;
}

// A composite value as an object keyed by its columns' names; None as null.
QJsonValue compositeJson(const EntityType &entity, const Composite &composite,
                         const QVariant &value)
{
    if (!value.isValid())
        return QJsonValue();
    const QVariantList fields = value.toList();
    QJsonObject object;
    for (qsizetype i = 0; i < composite.columns.size() && i < fields.size(); ++i)
        object.insert(entity.column(composite.columns[i]).name, values::toJson(fields[i]));
    return object;
}

QJsonValue keyJson(const ObjectState &state)
{
    if (!state.hasIdentity())
        return QJsonValue();
    QJsonArray key;
    for (const QVariant &v : state.key().toList())
        key.append(values::toJson(v));
    return key;
}

QJsonArray sortedNames(const QList<Object> &objects, const ObjectNames &names)
{
    QStringList list;
    for (const Object &object : objects)
        list.append(names.nameOf(object.state()));
    std::sort(list.begin(), list.end());
    return QJsonArray::fromStringList(list);
}

} // namespace

QJsonObject objectSnapshot(ObjectState &state, const ObjectNames &names)
{
    const EntityType &entity = state.entity();
    QJsonArray expired;
    QJsonObject attrs;
    for (int a = 0; a < entity.attributeCount(); ++a) {
        if (state.isExpired(a))
            expired.append(entity.attributeName(a));
        if (!state.isLoaded(a)) {
            attrs.insert(entity.attributeName(a), QJsonObject{{QStringLiteral("loaded"), false}});
            continue;
        }
        const History h = attributes::history(state, a);
        attrs.insert(
            entity.attributeName(a),
            QJsonObject{
                {QStringLiteral("loaded"), true},
                {QStringLiteral("value"),
                 attributeValueJson(entity, a, state.loadedValue(a), names)},
                {QStringLiteral("history"),
                 QJsonObject{
                     {QStringLiteral("added"), historyJson(entity, a, h.added, names)},
                     {QStringLiteral("unchanged"), historyJson(entity, a, h.unchanged, names)},
                     {QStringLiteral("deleted"), historyJson(entity, a, h.deleted, names)}}},
            });
    }
    const auto &composites = entity.composites();
    for (size_t c = 0; c < composites.size(); ++c) {
        if (state.isExpired(state.compositeSlot(int(c))))
            expired.append(composites[c].name);
        const QVariant *cached = state.cachedComposite(int(c));
        if (!cached) {
            attrs.insert(composites[c].name, QJsonObject{{QStringLiteral("loaded"), false}});
            continue;
        }
        const History h = attributes::compositeHistory(state, int(c));
        auto values = [&](const QVariantList &entries) {
            QJsonArray out;
            for (const QVariant &entry : entries)
                out.append(compositeJson(entity, composites[c], entry));
            return out;
        };
        attrs.insert(
            composites[c].name,
            QJsonObject{{QStringLiteral("loaded"), true},
                        {QStringLiteral("value"), compositeJson(entity, composites[c], *cached)},
                        {QStringLiteral("history"),
                         QJsonObject{{QStringLiteral("added"), values(h.added)},
                                     {QStringLiteral("unchanged"), values(h.unchanged)},
                                     {QStringLiteral("deleted"), values(h.deleted)}}}});
    }
    return QJsonObject{
        {QStringLiteral("entity"), entity.name()},
        {QStringLiteral("state"), lifecycleName(state.lifecycle())},
        {QStringLiteral("key"), keyJson(state)},
        {QStringLiteral("modified"), state.isModified()},
        {QStringLiteral("expired"), expired},
        {QStringLiteral("attrs"), attrs},
    };
}

QJsonObject sessionSnapshot(Session &session, const ObjectNames &names)
{
    QList<Object> mapped = session.identityMapObjects();
    std::sort(mapped.begin(), mapped.end(), [](const Object &a, const Object &b) {
        if (a.entity().name() != b.entity().name())
            return a.entity().name() < b.entity().name();
        return a.state()->key().compare(b.state()->key()) < 0;
    });
    QJsonArray identityMap;
    for (const Object &object : mapped)
        identityMap.append(QJsonObject{{QStringLiteral("entity"), object.entity().name()},
                                       {QStringLiteral("key"), keyJson(*object.state())},
                                       {QStringLiteral("obj"), names.nameOf(object.state())}});

    const QList<Object> created = session.newObjects();
    const QList<Object> dirty = session.dirtyObjects();
    const QList<Object> deleted = session.deletedObjects();

    QJsonObject objects;
    auto include = [&](const QString &name, ObjectState *state) {
        if (!objects.contains(name))
            objects.insert(name, objectSnapshot(*state, names));
    };
    for (const auto &[alias, object] : names.aliases())
        include(alias, object.state());
    for (const QList<Object> *set :
         std::initializer_list<const QList<Object> *>{&mapped, &created, &dirty, &deleted}) {
        for (const Object &object : *set)
            include(names.nameOf(object.state()), object.state());
    }

    const SessionError *cause = session.rollbackCause();
    return QJsonObject{
        {QStringLiteral("transaction"),
         transactionSnapshot(session.inTransaction(), session.nestedDepth(),
                             session.transactionStatus(),
                             cause ? errorKindName(cause->kind()) : QString(),
                             cause ? cause->message() : QString())},
        {QStringLiteral("identity_map"), identityMap},
        {QStringLiteral("new"), sortedNames(created, names)},
        {QStringLiteral("dirty"), sortedNames(dirty, names)},
        {QStringLiteral("deleted"), sortedNames(deleted, names)},
        {QStringLiteral("objects"), objects},
    };
}

} // namespace sessionscope
