#pragma once

// Lets fmt format Qt strings directly, so messages can be built with fmt::format and
// handed back to Qt as QString without manual conversions at every call site.

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <fmt/format.h>

template<>
struct fmt::formatter<QString> : fmt::formatter<fmt::string_view>
{
    auto format(const QString &s, fmt::format_context &ctx) const
    {
        const QByteArray utf8 = s.toUtf8();
        return fmt::formatter<fmt::string_view>::format(
            fmt::string_view(utf8.constData(), size_t(utf8.size())), ctx);
    }
};

template<>
struct fmt::formatter<QStringView> : fmt::formatter<QString>
{
    auto format(QStringView s, fmt::format_context &ctx) const
    {
        return fmt::formatter<QString>::format(s.toString(), ctx);
    }
};

namespace sessionscope {

// fmt::format returning a QString.
template<typename... Args>
QString qformat(fmt::format_string<Args...> format, Args &&...args)
{
    return QString::fromStdString(fmt::format(format, std::forward<Args>(args)...));
}

} // namespace sessionscope
