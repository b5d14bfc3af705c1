#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace sessionscope {

enum class ColumnType : quint8 { Integer, Text, Real, Boolean, Json, Blob, DateTime };

// How a json column's value is tracked: not at all (replaced whole), or as a mutable
// object / array whose in-place changes mark the owner modified.
enum class JsonKind : quint8 { None, Dict, List };

QString columnTypeName(ColumnType type);
std::optional<ColumnType> columnTypeFromName(QStringView name);

} // namespace sessionscope
