#pragma once

#include "mapping.h"

#include <QJsonObject>

namespace sessionscope {

// Builds a mapping from the scenario schema object ({"entities": [...]}, see
// docs/scenario-format.md). Throws InputError whose message starts with the path of the
// offending value under `path` (e.g. "schema.entities[1].columns[0].type: ...").
MappingPtr mappingFromJson(const QJsonObject &schema,
                           const QString &path = QStringLiteral("schema"));

// The inverse, used by trace headers: the same JSON shape, so a mapping round-trips.
QJsonObject mappingToJson(const Mapping &mapping);

} // namespace sessionscope
