#pragma once

#include "objectnames.h"

#include <QJsonObject>

namespace sessionscope {

class Session;

// The state of a session as `sessionscope-cli run --states` prints it (docs/scenario-format.md):
// transaction, identity_map, new, dirty, deleted and objects. It never loads or flushes.
QJsonObject sessionSnapshot(Session &session, const ObjectNames &names);

// One object: entity, state, key, modified, expired, attrs.
QJsonObject objectSnapshot(ObjectState &state, const ObjectNames &names);

} // namespace sessionscope
