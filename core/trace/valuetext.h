#pragma once

#include <QJsonValue>
#include <QString>

namespace sessionscope {

// Trace values as people read them, in the inspector's views and the command line alike.

// "1", "(1, \"a\")", or an empty string for no key.
QString formatKey(const QJsonValue &key);
// A JSON value as Python would print it: None, True, quoted strings, compact arrays and
// objects.
QString formatValue(const QJsonValue &value);

} // namespace sessionscope
