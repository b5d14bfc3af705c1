#include "attributes.h"

#include "mapping/values.h"
#include "objectpool.h"
#include "statecontext.h"
#include "support/error.h"

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

QString describe(const ObjectState &state)
{
    QString text = state.entity().name();
    if (state.hasIdentity()) {
        QStringList parts;
        for (const QVariant &v : state.key())
            parts.append(v.toString());
        text += u'#' + parts.join(u',');
    } else {
        text += QStringLiteral(" (%1)").arg(lifecycleName(state.lifecycle()));
    }
    return text;
}

void emitEvent(ObjectState &state, int attribute, AttributeOp op, const QVariant &value,
               const LoadResult *old, const Initiator &initiator)
{
    if (StateContext *context = state.pool()->context()) {
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
                                   .arg(describe(state), entity.attributeName(attribute)));
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
                               .arg(describe(state), relationship.name));
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
    emitEvent(state, attribute, AttributeOp::Remove, referenceValue(member), nullptr, initiator);
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
    emitEvent(state, attribute, AttributeOp::Append, referenceValue(member), nullptr, initiator);
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
    const LoadResult current = get(state, attribute, passive);
    if (current.kind == LoadResult::NoResult) {
        member = fireAppendEvent(state, attribute, member, initiator);
        state.pendingCollection(attribute).append(member);
        return;
    }
    if (!state.isLoaded(attribute))
        storeCollection(state, attribute, {}); // the empty default collection becomes real
    member = fireAppendEvent(state, attribute, member, initiator);
    ObjectList list = state.loadedCollection(attribute);
    list.append(member);
    storeCollection(state, attribute, std::move(list));
}

// Removes `member`; with `pop`, a member that is not there is ignored.
void removeFromCollection(ObjectState &state, int attribute, ObjectState *member,
                          Initiator initiator, Passive passive, bool pop)
{
    const LoadResult current = get(state, attribute, passive);
    if (current.kind == LoadResult::NoResult) {
        if (fireRemoveEvent(state, attribute, member, initiator))
            state.pendingCollection(attribute).remove(member);
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
                               .arg(member ? describe(*member) : QStringLiteral("None"),
                                    state.entity().attributeName(attribute), describe(state)));
    }
    list.removeAt(at);
    storeCollection(state, attribute, std::move(list));
    fireRemoveEvent(state, attribute, member, initiator);
}

void bulkReplace(ObjectState &state, int attribute, const ObjectList &newValues)
{
    const Initiator token = bulkReplaceToken(state.entity(), attribute);
    LoadResult old = get(state, attribute, kPassiveOnlyPersistent);
    if (old.kind != LoadResult::Value)
        old = LoadResult::of(defaultValue(state, attribute));
    const ObjectList oldList = old.value.value<ObjectList>();
    emitEvent(state, attribute, AttributeOp::BulkReplace, QVariant::fromValue(newValues), &old,
              token);
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
}

// ---- references

ObjectState *fireReplaceEvent(ObjectState &state, int attribute, ObjectState *value,
                              const LoadResult &old, Initiator initiator)
{
    const EntityType &entity = state.entity();
    const Relationship &relationship = relationshipOf(state, attribute);
    if (!initiator.isValid())
        initiator = replaceToken(entity, attribute);
    emitEvent(state, attribute, AttributeOp::Replace, referenceValue(value), &old, initiator);
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
                               .arg(describe(*checkOld), describe(state),
                                    state.entity().attributeName(attribute)));
    }
    value = fireReplaceEvent(state, attribute, value, old, initiator);
    state.store(attribute, referenceValue(value));
}

void setColumn(ObjectState &state, int attribute, const QVariant &value, Initiator initiator)
{
    LoadResult old;
    if (activeHistory(state, attribute))
        old = get(state, attribute, kPassiveReturnNoValue);
    else
        old = state.isLoaded(attribute) ? LoadResult::of(state.loadedValue(attribute))
                                        : LoadResult::noValue();
    if (!initiator.isValid())
        initiator = replaceToken(state.entity(), attribute);
    emitEvent(state, attribute, AttributeOp::Replace, value, &old, initiator);
    state.modifiedEvent(attribute, originalKindOf(old), old.value, false);
    state.store(attribute, value);
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
        throw SessionError(ErrorKind::InvalidRequest,
                           QStringLiteral("cannot flag attribute \"%1\" of %2 modified: it has no "
                                          "value")
                               .arg(state.entity().attributeName(attribute), describe(state)));
    emitEvent(state, attribute, AttributeOp::Modified, state.loadedValue(attribute), nullptr,
              Initiator{&state.entity(), attribute, AttributeOp::Modified});
    // Userland flagging overwrites any original: the attribute is written in full at flush.
    const bool collection = state.entity().isCollection(attribute);
    state.setOriginal(attribute, collection ? OriginalKind::Value : OriginalKind::NoValue,
                      collection ? state.loadedValue(attribute) : QVariant());
    state.modifiedEvent();
}

void flagDirty(ObjectState &state)
{
    state.modifiedEvent();
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
