#pragma once

#include "mapping/relationship.h"
#include "state/objectstate.h"

#include <functional>

namespace sessionscope {

// Objects reachable from `root` along relationships that carry `option`, depth first in mapping
// order, each once (SQLAlchemy's mapper.cascade_iterator). Objects for which `haltOn` is true are
// neither returned nor traversed. The delete cascade loads unloaded relationships (SQL); the
// others only follow what is loaded.
QList<ObjectState *> cascadeIterator(ObjectState &root, CascadeOption option,
                                     const std::function<bool(const ObjectState &)> &haltOn);

} // namespace sessionscope
