#pragma once

#include "events/attributeevent.h"
#include "history.h"
#include "objectstate.h"
#include "passive.h"

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

// History without loading anything (what the inspector and --states print).
History history(ObjectState &state, int attribute);
// History with the given passive flags (the flush loads what it must).
History history(ObjectState &state, int attribute, Passive passive);

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
