#pragma once

#include "passive.h"

namespace sessionscope {

class ObjectState;
class SessionError;
struct AttributeEvent;
struct OperationInfo;

// What the attribute layer needs from the session an object belongs to: loading, the
// bookkeeping that attribute changes trigger, and observation. Session implements it; keeping
// it an interface lets state/ stay independent of session/.
class StateContext
{
public:
    virtual ~StateContext() = default;

    // Loads the expired column attributes of `state` (SQLAlchemy's _load_expired).
    virtual LoadResult loadExpiredAttributes(ObjectState &state, Passive passive) = 0;
    // Produces the value of an unloaded relationship (the lazy loader).
    virtual LoadResult lazyLoad(ObjectState &state, int attribute, Passive passive) = 0;

    // The first change to a clean attached object: track it as dirty, begin a transaction.
    virtual void stateModified(ObjectState &state) = 0;
    // The object is in this session's new set or identity map.
    virtual bool containsState(const ObjectState &state) const = 0;
    virtual bool isNew(const ObjectState &state) const = 0;
    // save-update cascade triggered by a set or append on an attached object.
    virtual void cascadeSaveUpdate(ObjectState &state) = 0;
    // Removes a pending orphan from the session.
    virtual void expungeState(ObjectState &state) = 0;

    // Every attribute change, for observers (traces, the inspector).
    virtual void attributeChanged(const AttributeEvent &event) = 0;
    // Whether anything listens to attributeChanged() (events are not built otherwise).
    virtual bool isObserved() const { return true; }

    // Brackets one application-level call (see Session::OperationGuard). `info` must live until
    // the matching endOperation(): the session keeps a pointer, not a copy, for every call.
    virtual void beginOperation(const OperationInfo &info) = 0;
    virtual void endOperation(const SessionError *error) = 0;
};

} // namespace sessionscope
