#pragma once

#include "mapping/mapping.h"
#include "sqldialect.h"

#include <QStringList>

namespace sessionscope {

// CREATE TABLE statements for every entity, parents before children.
QStringList createTableStatements(const Mapping &mapping, const SqlDialect &dialect);
// DROP TABLE IF EXISTS statements, children before parents.
QStringList dropTableStatements(const Mapping &mapping, const SqlDialect &dialect);

} // namespace sessionscope
