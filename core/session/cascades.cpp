#include "cascades.h"

#include "state/attributes.h"

#include <QSet>

namespace sessionscope {

namespace {

ObjectList related(ObjectState &state, int attribute, CascadeOption option)
{
    if (option == CascadeOption::SaveUpdate)
        return attributes::allPending(state, attribute);
    const Passive passive = option == CascadeOption::Delete ? kPassiveOff : kPassiveNoInitialize;
    const LoadResult value = attributes::get(state, attribute, passive);
    if (value.kind != LoadResult::Value || !value.value.isValid())
        return {};
    if (state.entity().isCollection(attribute))
        return value.value.value<ObjectList>();
    return {value.value.value<ObjectState *>()};
}

void visit(ObjectState &state, CascadeOption option,
           const std::function<bool(const ObjectState &)> &haltOn, QSet<ObjectState *> &visited,
           QList<ObjectState *> &out)
{
    const EntityType &entity = state.entity();
    for (const Relationship &relationship : entity.relationships()) {
        if (!relationship.cascades(option))
            continue;
        // The whole queue for this relationship is claimed before descending, so an object
        // reachable both here and deeper is visited from here.
        QList<ObjectState *> queue;
        // Expiry skips pending objects, unless delete-orphan makes them expungeable.
        const bool skipPending = option == CascadeOption::RefreshExpire &&
                                 !relationship.cascades(CascadeOption::DeleteOrphan);
        for (ObjectState *other : related(state, relationship.index, option)) {
            if (!other || visited.contains(other))
                continue;
            if (skipPending && !other->hasIdentity())
                continue;
            if (haltOn && haltOn(*other))
                continue;
            visited.insert(other);
            queue.append(other);
        }
        for (ObjectState *other : queue) {
            out.append(other);
            visit(*other, option, haltOn, visited, out);
        }
    }
}

} // namespace

QList<ObjectState *> cascadeIterator(ObjectState &root, CascadeOption option,
                                     const std::function<bool(const ObjectState &)> &haltOn)
{
    QSet<ObjectState *> visited; // the root too may come back through a cycle, as in SQLAlchemy
    QList<ObjectState *> out;
    visit(root, option, haltOn, visited, out);
    return out;
}

} // namespace sessionscope
