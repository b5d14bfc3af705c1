#include "columntype.h"

#include <array>
#include <utility>

namespace sessionscope {

namespace {
constexpr std::array<std::pair<ColumnType, const char16_t *>, 7> kNames{{
    {ColumnType::Integer, u"integer"},
    {ColumnType::Text, u"text"},
    {ColumnType::Real, u"real"},
    {ColumnType::Boolean, u"boolean"},
    {ColumnType::Json, u"json"},
    {ColumnType::Blob, u"blob"},
    {ColumnType::DateTime, u"datetime"},
}};
} // namespace

QString columnTypeName(ColumnType type)
{
    for (const auto &[t, name] : kNames) {
        if (t == type)
            return QString::fromUtf16(name);
    }
    return {};
}

std::optional<ColumnType> columnTypeFromName(QStringView name)
{
    for (const auto &[t, n] : kNames) {
        if (name == QStringView(n))
            return t;
    }
    return std::nullopt;
}

} // namespace sessionscope
