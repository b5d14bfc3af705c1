#pragma once

#include <QList>

#include <functional>

namespace sessionscope {

class EntityType;
class ObjectState;
struct Relationship;

// The rows of one entity a flush saves and deletes, in the order they are written.
struct RowOrder
{
    QList<ObjectState *> saves;
    QList<ObjectState *> deletes;
};

// What a relationship of an object holds or held, as the flush sees it (SQLAlchemy's
// get_all_pending): the related objects (current and removed), and whether it holds anything
// at all, a null reference included. False when the attribute is not loaded.
using RelatedObjects = std::function<bool(ObjectState &state, const Relationship &relationship,
                                          bool deleting, QList<ObjectState *> *related)>;

// Orders the rows of an entity that refers to itself, as SQLAlchemy's unit of work does when an
// entity's relationships form a cycle (orm/unitofwork.py, "cycles", and the per-state actions of
// orm/dependency.py): every object to save or delete is a step, and each relationship of an
// object that holds something adds a step between the object and those it holds; a row that
// refers to a parent waits for the parent's row. The steps go in rounds, each taking every step
// whose predecessors are done (topological.sort_as_subsets): so new rows go level by level,
// the rows whose parent is not being written first, in the order given, and deletes after every
// save, children first. Within a round rows keep the order given: `saves` is expected as
// SQLAlchemy writes one round (row switches, then updates by key, then inserts in the order the
// objects were added), `deletes` by key.
//
// Relationships marked post_update take no part: their foreign keys are written afterwards.
// Throws an InvalidRequest SessionError naming the objects and the relationship when the rows
// form a cycle (an object referring to itself, two referring to each other), before anything is
// written.
RowOrder orderSelfReferentialRows(const EntityType &entity, const QList<ObjectState *> &saves,
                                  const QList<ObjectState *> &deletes,
                                  const RelatedObjects &related);

} // namespace sessionscope
