#include "attributes.h"

#include "mapping/values.h"
#include "objectpool.h"
#include "statecontext.h"
#include "support/error.h"

#include <QJsonArray>
#include <QJsonObject>

// A port of the behaviour of SQLAlchemy's orm/attributes.py (ScalarAttributeImpl,
// ScalarObjectAttributeImpl, CollectionAttributeImpl, backref_listeners) and of the cascade
// listeners in orm/unitofwork.py, restructured around ObjectState. Comments name the SQLAlchemy
// behaviour where our code would otherwise look arbitrary.

namespace sessionscope::attributes {

namespace {

ObjectState *refOf(const QVariant &v)
{
    return v.isValid() ? v.value<ObjectState *>() : nullptr;
}

ObjectState *refOf(const LoadResult &r)
{
    return r.kind == LoadResult::Value ? refOf(r.value) : nullptr;
}

OriginalKind originalKindOf(const LoadResult &r)
{
    switch (r.kind) {
    case LoadResult::Value:
        return OriginalKind::Value;
    case LoadResult::NoResult:
        return OriginalKind::NoResult;
    default:
        return OriginalKind::NoValue;
    }
}

const Relationship &relationshipOf(const ObjectState &state, int attribute)
{
    return state.entity().relationship(attribute);
}

void emitEvent(ObjectState &state, int attribute, AttributeOp op, const QVariant &value,
               const LoadResult *old, const Initiator &initiator)
{
    StateContext *context = state.pool()->context();
    if (context && context->isObserved()) {
        AttributeEvent event;
        event.object = &state;
        event.attribute = attribute;
        event.op = op;
        event.value = value;
        if (old && old->kind == LoadResult::Value) {
            event.oldValue = old->value;
            event.oldValueKnown = true;
        }
        event.initiator = initiator;
        context->attributeChanged(event);
    }
}

// initiator.key == key in SQLAlchemy: attribute names, whatever the entity.
bool sameKey(const Initiator &initiator, const ObjectState &state, int attribute)
{
    return initiator.isValid() && initiator.entity->attributeName(initiator.attribute) ==
                                      state.entity().attributeName(attribute);
}

QVariant defaultValue(const ObjectState &state, int attribute)
{
    if (state.entity().isCollection(attribute))
        return QVariant::fromValue(ObjectList());
    return QVariant();
}

bool activeHistory(const ObjectState &state, int attribute)
{
    // Key and version columns load their old value before a change (ColumnLoader).
    const Column &column = state.entity().column(attribute);
    return column.primaryKey || column.versionCounter;
}

LoadResult fireLoaderCallables(ObjectState &state, int attribute, Passive passive)
{
    const EntityType &entity = state.entity();
    if (entity.isColumn(attribute)) {
        if (!state.isExpired(attribute))
            return LoadResult::attrEmpty();
        if (!(passive & SqlOk))
            return LoadResult::noResult();
        StateContext *context = state.session();
        if (!context)
            throw SessionError(ErrorKind::DetachedInstance,
                               QStringLiteral("%1 is not bound to a session; attribute refresh "
                                              "of \"%2\" cannot proceed")
                                   .arg(describeObject(state), entity.attributeName(attribute)));
        return context->loadExpiredAttributes(state, passive);
    }
    // The lazy loader of a relationship.
    if (!state.hasIdentity())
        return LoadResult::attrEmpty();
    const Relationship &relationship = relationshipOf(state, attribute);
    if (relationship.isCollection() && !(passive & SqlOk))
        return LoadResult::noResult();
    StateContext *context = state.session();
    if (!context) {
        if (passive & NoRaise)
            return LoadResult::noResult();
        throw SessionError(ErrorKind::DetachedInstance,
                           QStringLiteral("%1 is not bound to a session; lazy load of \"%2\" "
                                          "cannot proceed")
                               .arg(describeObject(state), relationship.name));
    }
    return context->lazyLoad(state, attribute, passive);
}

// ---- event listeners: save-update / delete-orphan cascades (unitofwork.track_cascade_events)

void cascadeOnSet(ObjectState &state, int attribute, ObjectState *value, const LoadResult &old,
                  const Initiator &initiator)
{
    if (old.kind == LoadResult::Value && refOf(old) == value)
        return;
    StateContext *session = state.session();
    if (!session || !value)
        return;
    const Relationship &relationship = relationshipOf(state, attribute);
    if (relationship.cascades(CascadeOption::SaveUpdate) && sameKey(initiator, state, attribute) &&
        !session->containsState(*value))
        session->cascadeSaveUpdate(*value);
}

void cascadeOnAppend(ObjectState &state, int attribute, ObjectState *member,
                     const Initiator &initiator)
{
    StateContext *session = state.session();
    if (!session || !member)
        return;
    const Relationship &relationship = relationshipOf(state, attribute);
    if (relationship.cascades(CascadeOption::SaveUpdate) && sameKey(initiator, state, attribute) &&
        !session->containsState(*member))
        session->cascadeSaveUpdate(*member);
}

void cascadeOnRemove(ObjectState &state, int attribute, ObjectState *member)
{
    if (!member || !relationshipOf(state, attribute).cascades(CascadeOption::DeleteOrphan))
        return;
    if (!isOrphan(*member))
        return;
    StateContext *session = state.session();
    if (session && session->isNew(*member))
        session->expungeState(*member);
    else
        member->setOrphanedOutsideOfSession(true);
}

// ---- parent tracking (AttributeImpl.sethasparent), collections only

void setHasParent(ObjectState &child, const Relationship &collection, ObjectState &parent, bool on)
{
    if (on) {
        child.setParentVia(&collection, &parent);
        return;
    }
    if (const auto last = child.parentVia(&collection)) {
        // The child has moved to another parent since; keep that.
        if (*last && (*last)->key() != parent.key())
            return;
    }
    child.setParentVia(&collection, nullptr);
}

// ---- collections

void storeCollection(ObjectState &state, int attribute, ObjectList list)
{
    state.store(attribute, QVariant::fromValue(std::move(list)));
}

void setReference(ObjectState &state, int attribute, ObjectState *value, Initiator initiator,
                  ObjectState *checkOld, bool pop);

// Returns false when the backref listener found the parent's collection unloaded: SQLAlchemy
// raises KeyError there, which pop() swallows, so the rest of the removal does not happen.
bool fireRemoveEvent(ObjectState &state, int attribute, ObjectState *member, Initiator initiator)
{
    const EntityType &entity = state.entity();
    const Relationship &relationship = relationshipOf(state, attribute);
    if (!initiator.isValid())
        initiator = removeToken(entity, attribute);
    if (member)
        setHasParent(*member, relationship, state, false);
    cascadeOnRemove(state, attribute, member);
    if (relationship.backIndex >= 0 && member) {
        // emit_backref_from_collection_remove_event; the back side is a reference.
        const EntityType &childEntity = member->entity();
        const int back = relationship.backIndex;
        if (initiator != removeToken(childEntity, back) &&
            initiator != replaceToken(childEntity, back)) {
            if (!state.isLoaded(attribute))
                return false;
            if (state.loadedCollection(attribute).count(member) < 2)
                setReference(*member, back, nullptr, initiator, &state, true);
        }
    }
    state.modifiedEvent(attribute, OriginalKind::NoValue, {}, true);
    return true;
}

ObjectState *fireAppendEvent(ObjectState &state, int attribute, ObjectState *member,
                             Initiator initiator)
{
    const EntityType &entity = state.entity();
    const Relationship &relationship = relationshipOf(state, attribute);
    if (!initiator.isValid())
        initiator = appendToken(entity, attribute);
    cascadeOnAppend(state, attribute, member, initiator);
    if (relationship.backIndex >= 0 && member) {
        // emit_backref_from_collection_append_event; the back side is a reference.
        const int back = relationship.backIndex;
        if (initiator != appendToken(member->entity(), back))
            setReference(*member, back, &state, initiator, nullptr, false);
    }
    state.modifiedEvent(attribute, OriginalKind::NoValue, {}, true);
    if (member)
        setHasParent(*member, relationship, state, true);
    return member;
}

void appendToCollection(ObjectState &state, int attribute, ObjectState *member, Initiator initiator,
                        Passive passive)
{
    const Initiator reported =
        initiator.isValid() ? initiator : appendToken(state.entity(), attribute);
    const LoadResult current = get(state, attribute, passive);
    if (current.kind == LoadResult::NoResult) {
        member = fireAppendEvent(state, attribute, member, initiator);
        state.pendingCollection(attribute).append(member);
    } else {
        if (!state.isLoaded(attribute))
            storeCollection(state, attribute, {}); // the empty default collection becomes real
        member = fireAppendEvent(state, attribute, member, initiator);
        ObjectList list = state.loadedCollection(attribute);
        list.append(member);
        storeCollection(state, attribute, std::move(list));
    }
    emitEvent(state, attribute, AttributeOp::Append, referenceValue(member), nullptr, reported);
}

// Removes `member`; with `pop`, a member that is not there is ignored.
void removeFromCollection(ObjectState &state, int attribute, ObjectState *member,
                          Initiator initiator, Passive passive, bool pop)
{
    const Initiator reported =
        initiator.isValid() ? initiator : removeToken(state.entity(), attribute);
    const LoadResult current = get(state, attribute, passive);
    if (current.kind == LoadResult::NoResult) {
        if (fireRemoveEvent(state, attribute, member, initiator)) {
            state.pendingCollection(attribute).remove(member);
            emitEvent(state, attribute, AttributeOp::Remove, referenceValue(member), nullptr,
                      reported);
        }
        return;
    }
    if (!state.isLoaded(attribute))
        storeCollection(state, attribute, {});
    // The list's "before pop" hook records the original before the membership check.
    state.modifiedEvent(attribute, OriginalKind::NoValue, {}, true);
    ObjectList list = state.loadedCollection(attribute);
    const qsizetype at = list.indexOf(member);
    if (at < 0) {
        if (pop)
            return;
        throw SessionError(ErrorKind::InvalidRequest,
                           QStringLiteral("%1 is not in the collection \"%2\" of %3")
                               .arg(member ? describeObject(*member) : QStringLiteral("None"),
                                    state.entity().attributeName(attribute),
                                    describeObject(state)));
    }
    list.removeAt(at);
    storeCollection(state, attribute, std::move(list));
    fireRemoveEvent(state, attribute, member, initiator);
    emitEvent(state, attribute, AttributeOp::Remove, referenceValue(member), nullptr, reported);
}

void bulkReplace(ObjectState &state, int attribute, const ObjectList &newValues)
{
    const Initiator token = bulkReplaceToken(state.entity(), attribute);
    LoadResult old = get(state, attribute, kPassiveOnlyPersistent);
    if (old.kind != LoadResult::Value)
        old = LoadResult::of(defaultValue(state, attribute));
    const ObjectList oldList = old.value.value<ObjectList>();
    state.modifiedEvent(attribute, OriginalKind::Value, old.value, true);
    storeCollection(state, attribute, {});
    // collections.bulk_replace: members already present are kept silently, new ones are
    // appended with events, and the ones left out get remove events.
    for (ObjectState *member : newValues) {
        ObjectState *added = member;
        if (!oldList.contains(member))
            added = fireAppendEvent(state, attribute, member, token);
        ObjectList list = state.loadedCollection(attribute);
        list.append(added);
        storeCollection(state, attribute, std::move(list));
    }
    for (ObjectState *member : oldList) {
        if (!newValues.contains(member))
            fireRemoveEvent(state, attribute, member, token);
    }
    emitEvent(state, attribute, AttributeOp::BulkReplace, QVariant::fromValue(newValues), &old,
              token);
}

// ---- references

ObjectState *fireReplaceEvent(ObjectState &state, int attribute, ObjectState *value,
                              const LoadResult &old, Initiator initiator)
{
    const EntityType &entity = state.entity();
    const Relationship &relationship = relationshipOf(state, attribute);
    if (!initiator.isValid())
        initiator = replaceToken(entity, attribute);
    cascadeOnSet(state, attribute, value, old, initiator);
    if (relationship.backIndex >= 0) {
        // emit_backref_from_scalar_set_event; the back side is a collection.
        ObjectState *oldChild = refOf(old);
        const bool same = old.kind == LoadResult::Value && oldChild == value;
        if (!same) {
            const int back = relationship.backIndex;
            if (oldChild && initiator != removeToken(oldChild->entity(), back))
                removeFromCollection(*oldChild, back, &state, appendToken(entity, attribute),
                                     kPassiveNoFetch, true);
            if (value && initiator != appendToken(value->entity(), back) &&
                initiator != bulkReplaceToken(value->entity(), back))
                appendToCollection(*value, back, &state, initiator, kPassiveNoFetch);
        }
    }
    state.modifiedEvent(attribute, originalKindOf(old), old.value, false);
    return value;
}

void setReference(ObjectState &state, int attribute, ObjectState *value, Initiator initiator,
                  ObjectState *checkOld, bool pop)
{
    const LoadResult old =
        get(state, attribute, (kPassiveNoFetch ^ InitOk) | LoadAgainstCommitted | NoRaise);
    if (checkOld && old.kind != LoadResult::NoResult &&
        !(old.kind == LoadResult::Value && refOf(old) == checkOld)) {
        if (pop)
            return;
        throw SessionError(ErrorKind::InvalidRequest,
                           QStringLiteral("%1 is not associated with %2 through \"%3\"")
                               .arg(describeObject(*checkOld), describeObject(state),
                                    state.entity().attributeName(attribute)));
    }
    const Initiator reported =
        initiator.isValid() ? initiator : replaceToken(state.entity(), attribute);
    value = fireReplaceEvent(state, attribute, value, old, initiator);
    state.store(attribute, referenceValue(value));
    emitEvent(state, attribute, AttributeOp::Replace, referenceValue(value), &old, reported);
}

void setColumn(ObjectState &state, int attribute, const QVariant &value, Initiator initiator)
{
    const StateContext *context = state.pool()->context();
    if (!activeHistory(state, attribute) && !(context && context->isObserved())) {
        // Nobody is told of the change: the original comes straight from the loaded value,
        // without a copy made for the event first.
        if (state.isLoaded(attribute))
            state.modifiedEvent(attribute, OriginalKind::Value, state.loadedValue(attribute),
                                false);
        else
            state.modifiedEvent(attribute, OriginalKind::NoValue, QVariant(), false);
        state.store(attribute, value);
        return;
    }
    LoadResult old;
    if (activeHistory(state, attribute))
        old = get(state, attribute, kPassiveReturnNoValue);
    else
        old = state.isLoaded(attribute) ? LoadResult::of(state.loadedValue(attribute))
                                        : LoadResult::noValue();
    if (!initiator.isValid())
        initiator = replaceToken(state.entity(), attribute);
    state.modifiedEvent(attribute, originalKindOf(old), old.value, false);
    state.store(attribute, value);
    emitEvent(state, attribute, AttributeOp::Replace, value, &old, initiator);
}

// ---- History (History.from_scalar_attribute / from_object_attribute / from_collection)

History scalarHistory(const ObjectState &state, int attribute, const LoadResult &current)
{
    const Original *original = state.original(attribute);
    const bool hasCurrent = current.kind == LoadResult::Value;
    if (!original)
        return hasCurrent ? History{{}, {current.value}, {}} : History{};
    if (hasCurrent && original->kind == OriginalKind::Value &&
        values::equal(current.value, original->value))
        return History{{}, {current.value}, {}};
    QVariantList deleted;
    QVariant now = current.value;
    if (original->kind != OriginalKind::Value) {
        if (!hasCurrent)
            return History{{QVariant()}, {}, {}};
    } else {
        deleted.append(original->value);
    }
    if (!hasCurrent)
        return History{{}, {}, deleted};
    return History{{now}, {}, deleted};
}

History objectHistory(const ObjectState &state, int attribute, const LoadResult &current)
{
    const Original *original = state.original(attribute);
    const bool hasCurrent = current.kind == LoadResult::Value;
    if (!original)
        return hasCurrent ? History{{}, {current.value}, {}} : History{};
    if (hasCurrent && original->kind == OriginalKind::Value &&
        refOf(current.value) == refOf(original->value))
        return History{{}, {current.value}, {}};
    if (original->kind != OriginalKind::Value || !refOf(original->value))
        return History{{hasCurrent ? current.value : QVariant()}, {}, {}};
    const QVariantList deleted{original->value};
    if (!hasCurrent)
        return History{{}, {}, deleted};
    return History{{current.value}, {}, deleted};
}

History collectionHistory(const ObjectState &state, int attribute, const LoadResult &current)
{
    if (current.kind != LoadResult::Value)
        return History{};
    const ObjectList now = current.value.value<ObjectList>();
    const Original *original = state.original(attribute);
    auto asVariants = [](const ObjectList &list) {
        QVariantList out;
        out.reserve(list.size());
        for (ObjectState *o : list)
            out.append(referenceValue(o));
        return out;
    };
    if (original && original->kind == OriginalKind::NoValue)
        return History{asVariants(now), {}, {}};
    if (!original || original->kind == OriginalKind::NoResult)
        return History{{}, asVariants(now), {}};
    const ObjectList before = original->value.value<ObjectList>();
    History h;
    for (ObjectState *o : now)
        (before.contains(o) ? h.unchanged : h.added).append(referenceValue(o));
    for (ObjectState *o : before) {
        if (!now.contains(o))
            h.deleted.append(referenceValue(o));
    }
    return h;
}

} // namespace

// ---- public API

Initiator appendToken(const EntityType &entity, int attribute)
{
    return {&entity, attribute,
            entity.isCollection(attribute) ? AttributeOp::Append : AttributeOp::Replace};
}

Initiator removeToken(const EntityType &entity, int attribute)
{
    return {&entity, attribute, AttributeOp::Remove};
}

Initiator replaceToken(const EntityType &entity, int attribute)
{
    return {&entity, attribute, AttributeOp::Replace};
}

Initiator bulkReplaceToken(const EntityType &entity, int attribute)
{
    return {&entity, attribute, AttributeOp::BulkReplace};
}

LoadResult get(ObjectState &state, int attribute, Passive passive)
{
    if (state.isLoaded(attribute))
        return LoadResult::of(state.loadedValue(attribute));
    const Original *original = state.original(attribute);
    if (!original || original->kind == OriginalKind::NoValue) {
        if (!(passive & CallablesOk))
            return LoadResult::noResult();
        const LoadResult loaded = fireLoaderCallables(state, attribute, passive);
        switch (loaded.kind) {
        case LoadResult::NoResult:
        case LoadResult::NoValue:
            return loaded;
        case LoadResult::AttrWasSet:
            if (state.isLoaded(attribute))
                return LoadResult::of(state.loadedValue(attribute));
            break;
        case LoadResult::Value:
            return LoadResult::of(setCommittedValue(state, attribute, loaded.value));
        case LoadResult::AttrEmpty:
            break;
        }
    }
    if (!(passive & InitOk))
        return LoadResult::noValue();
    return LoadResult::of(defaultValue(state, attribute));
}

QVariant value(ObjectState &state, int attribute)
{
    const LoadResult result = get(state, attribute, kPassiveOff);
    return result.kind == LoadResult::Value ? result.value : QVariant();
}

void set(ObjectState &state, int attribute, const QVariant &value, Initiator initiator)
{
    const EntityType &entity = state.entity();
    if (entity.isColumn(attribute))
        setColumn(state, attribute, value, initiator);
    else if (entity.isCollection(attribute))
        bulkReplace(state, attribute, value.value<ObjectList>());
    else
        setReference(state, attribute, refOf(value), initiator, nullptr, false);
}

void append(ObjectState &state, int attribute, ObjectState *member, Initiator initiator,
            Passive passive)
{
    if (state.entity().isCollection(attribute))
        appendToCollection(state, attribute, member, initiator, passive);
    else
        setReference(state, attribute, member, initiator, nullptr, false);
}

void remove(ObjectState &state, int attribute, ObjectState *member, Initiator initiator,
            Passive passive)
{
    if (state.entity().isCollection(attribute))
        removeFromCollection(state, attribute, member, initiator, passive, false);
    else
        setReference(state, attribute, nullptr, initiator, member, false);
}

QVariant setCommittedValue(ObjectState &state, int attribute, const QVariant &value)
{
    state.store(attribute, value);
    state.commit({attribute});
    if (state.entity().isCollection(attribute)) {
        if (auto pending = state.takePendingCollection(attribute)) {
            // Backref changes made while the collection was unloaded apply on top of it.
            state.modifiedEvent(attribute, OriginalKind::Value, value, true);
            ObjectList list = value.value<ObjectList>();
            for (ObjectState *o : pending->added)
                list.append(o);
            for (ObjectState *o : pending->removed)
                list.removeOne(o);
            storeCollection(state, attribute, std::move(list));
        }
    }
    return state.loadedValue(attribute);
}

void flagModified(ObjectState &state, int attribute)
{
    if (!state.isLoaded(attribute))
        throw SessionError(
            ErrorKind::InvalidRequest,
            QStringLiteral("cannot flag attribute \"%1\" of %2 modified: it has no "
                           "value")
                .arg(state.entity().attributeName(attribute), describeObject(state)));
    // Userland flagging overwrites any original with "no previous value" (for collections
    // too): the whole current value counts as added, and a column is written at flush.
    state.setOriginal(attribute, OriginalKind::NoValue);
    state.modifiedEvent();
    emitEvent(state, attribute, AttributeOp::Modified, state.loadedValue(attribute), nullptr,
              Initiator{&state.entity(), attribute, AttributeOp::Modified});
}

void flagDirty(ObjectState &state)
{
    state.modifiedEvent();
}

void deleteAttribute(ObjectState &state, int attribute)
{
    const EntityType &entity = state.entity();
    const QString name = entity.attributeName(attribute);
    if (entity.isCollection(attribute)) {
        if (!state.isLoaded(attribute))
            return;
        state.modifiedEvent(attribute, OriginalKind::NoValue, {}, true);
        const ObjectList members = state.loadedCollection(attribute);
        storeCollection(state, attribute, {});
        for (ObjectState *member : members)
            fireRemoveEvent(state, attribute, member, {});
        state.unload(attribute);
        const LoadResult old = LoadResult::of(QVariant::fromValue(members));
        emitEvent(state, attribute, AttributeOp::Remove, QVariant(), &old,
                  removeToken(entity, attribute));
        return;
    }
    if (entity.isColumn(attribute)) {
        LoadResult old = activeHistory(state, attribute)
                             ? get(state, attribute, kPassiveReturnNoValue)
                         : state.isLoaded(attribute) ? LoadResult::of(state.loadedValue(attribute))
                                                     : LoadResult::noValue();
        const bool hadValue = state.isLoaded(attribute);
        if (!hadValue && old.kind != LoadResult::Value && !state.isFullyExpired() &&
            !state.isExpired(attribute))
            throwInvalidRequest(
                QStringLiteral("%1.%2 has no value to delete").arg(entity.name(), name));
        state.modifiedEvent(attribute, originalKindOf(old), old.value, false);
        state.unload(attribute);
        emitEvent(state, attribute, AttributeOp::Remove, QVariant(), &old,
                  removeToken(entity, attribute));
        return;
    }
    const LoadResult old =
        get(state, attribute, (kPassiveNoFetch ^ InitOk) | LoadAgainstCommitted | NoRaise);
    const bool hadValue = state.isLoaded(attribute);
    if (!hadValue && old.kind != LoadResult::NoResult && !state.hasIdentity())
        throwInvalidRequest(
            QStringLiteral("%1.%2 has no value to delete").arg(entity.name(), name));
    const Relationship &relationship = relationshipOf(state, attribute);
    const Initiator token = removeToken(entity, attribute);
    ObjectState *previous = refOf(old);
    if (relationship.backIndex >= 0 && previous &&
        token != removeToken(previous->entity(), relationship.backIndex))
        removeFromCollection(*previous, relationship.backIndex, &state, token, kPassiveNoFetch,
                             true);
    state.modifiedEvent(attribute, originalKindOf(old), old.value, false);
    state.unload(attribute);
    emitEvent(state, attribute, AttributeOp::Remove, QVariant(), &old, token);
}

void initCollection(ObjectState &state, int attribute)
{
    storeCollection(state, attribute, {});
}

namespace {

QString pathText(const QVariantList &path, qsizetype upTo)
{
    QString text;
    for (qsizetype i = 0; i <= upTo && i < path.size(); ++i)
        text += path[i].typeId() == QMetaType::QString
                    ? u'.' + path[i].toString()
                    : QStringLiteral("[%1]").arg(path[i].toLongLong());
    return text;
}

// Applies the change below `node`, returning the changed copy. Refuses paths that do not exist.
QJsonValue mutated(const QJsonValue &node, const QVariantList &path, qsizetype depth,
                   MutateAction action, const QJsonValue &value, const QString &where)
{
    const QVariant &step = path[depth];
    const bool last = depth == path.size() - 1;
    auto fail = [&](const QString &why) -> QJsonValue {
        throwInvalidRequest(QStringLiteral("%1%2: %3").arg(where, pathText(path, depth), why));
    };
    if (node.isObject()) {
        if (step.typeId() != QMetaType::QString)
            return fail(QStringLiteral("an object member is named by a string"));
        QJsonObject object = node.toObject();
        const QString member = step.toString();
        if (last) {
            if (action == MutateAction::Set) {
                object.insert(member, value);
            } else {
                if (!object.contains(member))
                    return fail(QStringLiteral("there is no such member"));
                object.remove(member);
            }
            return object;
        }
        if (!object.contains(member))
            return fail(QStringLiteral("there is no such member"));
        object.insert(member, mutated(object.value(member), path, depth + 1, action, value, where));
        return object;
    }
    if (node.isArray()) {
        bool isIndex = false;
        const qlonglong index = step.toLongLong(&isIndex);
        if (!isIndex || step.typeId() == QMetaType::QString)
            return fail(QStringLiteral("an array element is named by an index"));
        QJsonArray array = node.toArray();
        if (index < 0 || index >= array.size())
            return fail(QStringLiteral("the index is out of range (the array has %1 elements)")
                            .arg(array.size()));
        if (last) {
            if (action == MutateAction::Set)
                array.replace(qsizetype(index), value);
            else
                array.removeAt(qsizetype(index));
            return array;
        }
        array.replace(qsizetype(index),
                      mutated(array.at(qsizetype(index)), path, depth + 1, action, value, where));
        return array;
    }
    return fail(QStringLiteral("%1 cannot be changed in place")
                    .arg(node.isNull() ? QStringLiteral("null") : QStringLiteral("a scalar")));
}

} // namespace

void mutate(ObjectState &state, int attribute, const QVariantList &path, MutateAction action,
            const QJsonValue &value)
{
    const EntityType &entity = state.entity();
    const QString where = entity.name() + u'.' + entity.attributeName(attribute);
    if (!entity.isColumn(attribute) || entity.column(attribute).type != ColumnType::Json)
        throwInvalidRequest(where + QStringLiteral(" is not a json column"));
    if (path.isEmpty())
        throwInvalidRequest(where + QStringLiteral(": an in-place change needs a path"));
    const QVariant current = attributes::value(state, attribute); // loads it if needed
    const QJsonValue changed = mutated(current.isValid() ? current.toJsonValue() : QJsonValue(),
                                       path, 0, action, value, where);
    state.store(attribute, QVariant(changed));
    const bool tracked = entity.column(attribute).jsonKind != JsonKind::None && path.size() == 1;
    if (tracked) {
        // A tracked container reports the change like flag_modified().
        state.setOriginal(attribute, OriginalKind::NoValue);
        state.modifiedEvent();
    }
    emitEvent(state, attribute, AttributeOp::Modified, QVariant(changed), nullptr,
              Initiator{&entity, attribute, AttributeOp::Modified});
}

// ---- composites

namespace {

bool allColumnsLoaded(const ObjectState &state, const Composite &composite)
{
    return std::all_of(composite.columns.cbegin(), composite.columns.cend(),
                       [&](int c) { return state.isLoaded(c); });
}

QVariant compositeFromColumns(const ObjectState &state, const Composite &composite)
{
    QVariantList values;
    for (int c : composite.columns)
        values.append(state.loadedValue(c));
    return QVariant(values);
}

} // namespace

QVariant compositeValue(ObjectState &state, int composite)
{
    if (const QVariant *cached = state.cachedComposite(composite))
        return *cached;
    const Composite &spec = state.entity().composites()[size_t(composite)];
    QVariantList values;
    bool anyValue = false;
    for (int c : spec.columns) {
        values.append(value(state, c)); // loads the columns; that load may cache it already
        anyValue = anyValue || values.last().isValid();
    }
    if (const QVariant *cached = state.cachedComposite(composite))
        return *cached;
    // Created on access for a persistent object, or when some field has a value.
    if (!state.hasIdentity() && !anyValue)
        return QVariant();
    state.cacheComposite(composite, QVariant(values));
    return QVariant(values);
}

void setComposite(ObjectState &state, int composite, const QVariant &values)
{
    const Composite &spec = state.entity().composites()[size_t(composite)];
    const QVariantList fields = values.isValid() ? values.toList() : QVariantList();
    if (values.isValid() && fields.size() != spec.columns.size())
        throwInvalidRequest(QStringLiteral("%1.%2 has %3 fields, not %4")
                                .arg(state.entity().name(), spec.name)
                                .arg(spec.columns.size())
                                .arg(fields.size()));
    state.cacheComposite(composite, values.isValid() ? QVariant(fields) : QVariant());
    for (qsizetype i = 0; i < spec.columns.size(); ++i)
        set(state, spec.columns[i], values.isValid() ? fields[i] : QVariant());
}

void setCompositeField(ObjectState &state, int composite, int field, const QVariant &value)
{
    const Composite &spec = state.entity().composites()[size_t(composite)];
    const QVariant current = compositeValue(state, composite);
    if (!current.isValid())
        throwInvalidRequest(QStringLiteral("%1.%2 is None; assign it whole first")
                                .arg(state.entity().name(), spec.name));
    QVariantList fields = current.toList();
    fields[field] = value;
    state.cacheComposite(composite, QVariant(fields));
    // MutableComposite.changed(): every field goes back to its column.
    for (qsizetype i = 0; i < spec.columns.size(); ++i)
        set(state, spec.columns[i], fields[i]);
}

History compositeHistory(ObjectState &state, int composite)
{
    const Composite &spec = state.entity().composites()[size_t(composite)];
    QVariantList added;
    QVariantList deleted;
    bool changed = false;
    for (int c : spec.columns) {
        const History h = history(state, c);
        changed = changed || h.hasChanges();
        const QVariantList current = h.nonDeleted();
        added += current.isEmpty() ? QVariantList{QVariant()} : current;
        deleted += h.deleted.isEmpty() ? QVariantList{QVariant()} : h.deleted;
    }
    if (changed)
        return History{{QVariant(added)}, {}, {QVariant(deleted)}};
    return History{{}, {QVariant(added)}, {}};
}

void compositesLoaded(ObjectState &state)
{
    const auto &composites = state.entity().composites();
    for (size_t c = 0; c < composites.size(); ++c) {
        if (!state.cachedComposite(int(c)) && allColumnsLoaded(state, composites[c]))
            state.cacheComposite(int(c), compositeFromColumns(state, composites[c]));
    }
}

void compositesRefreshed(ObjectState &state, const QList<int> &attributes)
{
    const auto &composites = state.entity().composites();
    for (size_t c = 0; c < composites.size(); ++c) {
        const Composite &composite = composites[c];
        const bool touched = attributes.isEmpty() ||
                             std::any_of(composite.columns.cbegin(), composite.columns.cend(),
                                         [&](int column) { return attributes.contains(column); });
        if (touched && allColumnsLoaded(state, composite))
            state.cacheComposite(int(c), compositeFromColumns(state, composite));
    }
}

void compositesWritten(ObjectState &state)
{
    state.dropComposites();
}

History history(ObjectState &state, int attribute)
{
    return history(state, attribute, kPassiveNoInitialize);
}

History history(ObjectState &state, int attribute, Passive passive)
{
    const EntityType &entity = state.entity();
    if (entity.isCollection(attribute))
        return collectionHistory(state, attribute, get(state, attribute, passive));
    LoadResult current;
    if (state.isLoaded(attribute)) {
        current = LoadResult::of(state.loadedValue(attribute));
    } else if (entity.isColumn(attribute) && state.hasOriginal(attribute)) {
        current = LoadResult::noValue();
    } else {
        current = get(state, attribute, passive & ~InitOk);
        if (current.kind == LoadResult::NoResult)
            return History{};
    }
    return entity.isColumn(attribute) ? scalarHistory(state, attribute, current)
                                      : objectHistory(state, attribute, current);
}

ObjectList allPending(ObjectState &state, int attribute)
{
    if (state.entity().isCollection(attribute)) {
        if (!state.isLoaded(attribute))
            return {};
        const ObjectList current = state.loadedCollection(attribute);
        const Original *original = state.original(attribute);
        if (!original || original->kind == OriginalKind::NoValue)
            return current;
        const ObjectList before = original->value.value<ObjectList>();
        ObjectList out;
        for (ObjectState *o : current) {
            if (!before.contains(o))
                out.append(o);
        }
        for (ObjectState *o : current) {
            if (before.contains(o))
                out.append(o);
        }
        for (ObjectState *o : before) {
            if (!current.contains(o))
                out.append(o);
        }
        return out;
    }
    if (!state.isLoaded(attribute))
        return {};
    ObjectState *current = state.loadedReference(attribute);
    ObjectList out{current};
    const Original *original = state.original(attribute);
    if (original && original->kind == OriginalKind::Value) {
        ObjectState *before = refOf(original->value);
        if (before && before != current)
            out.append(before);
    }
    return out;
}

bool isOrphan(const ObjectState &state)
{
    for (const OrphanSource &source : state.entity().orphanSources()) {
        const Relationship &collection = source.parent->relationship(source.attribute);
        if (!state.hasParent(&collection, state.hasIdentity()))
            return true;
    }
    return false;
}

} // namespace sessionscope::attributes
