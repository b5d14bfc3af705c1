#pragma once

#include "events/attributeevent.h"

#include "history.h"
#include "objectstate.h"
#include "passive.h"
#include <QJsonValue>

namespace sessionscope::attributes {

// Attribute instrumentation: reading, assigning and mutating attributes of an ObjectState with
// SQLAlchemy's semantics (committed originals, backrefs, save-update and delete-orphan cascades
// on events, lazy loads through the object's session). Errors are SessionError.

// Reads an attribute; with kPassiveOff it loads what is missing (SQL through the session).
LoadResult get(ObjectState &state, int attribute, Passive passive = kPassiveOff);
// The value as an application sees it: loads if needed, None when there is none.
QVariant value(ObjectState &state, int attribute);

// Assigns a column value (already canonical), a reference (QVariant(ObjectState *) or None)
// or a whole collection (QVariant(ObjectList)).
void set(ObjectState &state, int attribute, const QVariant &value, Initiator initiator = {});
void append(ObjectState &state, int attribute, ObjectState *member, Initiator initiator = {},
            Passive passive = kPassiveOff);
// Removes the first occurrence; an object that is not a member is an invalid request.
void remove(ObjectState &state, int attribute, ObjectState *member, Initiator initiator = {},
            Passive passive = kPassiveOff);

// Stores a value as if loaded from the database (no history, no events).
QVariant setCommittedValue(ObjectState &state, int attribute, const QVariant &value);
// Marks an attribute changed without changing it (flag_modified); it must have a value.
void flagModified(ObjectState &state, int attribute);
// Marks the object modified without any attribute (flag_dirty).
void flagDirty(ObjectState &state);
// Deletes an attribute's value (Python's `del obj.attr`): it is no longer loaded and History
// shows the removal; a reference's partner collection forgets the object.
void deleteAttribute(ObjectState &state, int attribute);
// Gives a collection an empty, committed value (no History, no events).
void initCollection(ObjectState &state, int attribute);

// Changes a json value in place: `path` (object keys as strings, array indexes from 0 as
// integers) leads to the member to set or remove; every step but a new object member must
// exist. The change
// is tracked (the object is marked modified and the column written at flush) for a json column
// with a json_kind when it is at the top level, like SQLAlchemy's MutableDict / MutableList;
// deeper changes, and changes to plain json columns, are not tracked.
enum class MutateAction { Set, Remove };
void mutate(ObjectState &state, int attribute, const QVariantList &path, MutateAction action,
            const QJsonValue &value = {});

// History without loading anything (what the inspector and --states print).
History history(ObjectState &state, int attribute);
// History with the given passive flags (the flush loads what it must).
History history(ObjectState &state, int attribute, Passive passive);

// ---- composites (one attribute over several columns; SQLAlchemy's composite() with
// MutableComposite). The composite value is cached on the object: when it is read or assigned,
// or when its columns load; it is dropped when a flush writes the row and when its columns
// expire. Values are a QVariantList of the fields in column order, or an invalid QVariant (None).

// Reads the composite, loading its columns if needed; None for an unset transient object.
QVariant compositeValue(ObjectState &state, int composite);
// Assigns the composite: caches it and sets each column (None sets them all to None).
void setComposite(ObjectState &state, int composite, const QVariant &values);
// Changes one field in place (MutableComposite): every column is assigned again from the
// changed value.
void setCompositeField(ObjectState &state, int composite, int field, const QVariant &value);
// Derived from the columns' History (SQLAlchemy's CompositeProperty.get_history); never loads.
History compositeHistory(ObjectState &state, int composite);
// Hooks for the session: a new object was loaded; these attributes (all when empty) were
// loaded into an existing one; a flush wrote the row.
void compositesLoaded(ObjectState &state);
void compositesRefreshed(ObjectState &state, const QList<int> &attributes);
void compositesWritten(ObjectState &state);

// Every object a relationship refers to now or did before the last change, for the
// save-update cascade (SQLAlchemy's get_all_pending). Null entries stand for None.
ObjectList allPending(ObjectState &state, int attribute);

// True when the object has left every delete-orphan collection that could own it.
bool isOrphan(const ObjectState &state);

Initiator appendToken(const EntityType &entity, int attribute);
Initiator removeToken(const EntityType &entity, int attribute);
Initiator replaceToken(const EntityType &entity, int attribute);
Initiator bulkReplaceToken(const EntityType &entity, int attribute);

} // namespace sessionscope::attributes
