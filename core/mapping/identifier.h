#pragma once

#include <QString>
#include <QStringView>

namespace sessionscope {

// Names of entities, tables, columns and relationships: [A-Za-z_][A-Za-z0-9_]{0,62}.
// Only such names ever reach SQL, and always quoted.
bool isPlainIdentifier(QStringView name);

// Double-quotes a validated identifier for SQLite and PostgreSQL.
QString quoteIdentifier(QStringView name);

} // namespace sessionscope
