#pragma once

#include <QSqlDatabase>
#include <QString>

namespace sessionscope {

// Opens a database named the way our tools take it:
//   (empty), "sqlite", "sqlite://", ":memory:"  -> an in-memory SQLite database
//   "sqlite:///path/to/file.db" or a plain path -> that SQLite file
//   "postgresql://user[:password]@host[:port]/dbname" (or postgres://) -> PostgreSQL
// Throws SessionError (Operational) when it cannot be opened; messages never show a password.
QSqlDatabase openDatabase(const QString &url, const QString &connectionName);

// The URL with any password replaced by "***", for messages and traces.
QString redactedDatabaseUrl(const QString &url);

} // namespace sessionscope
