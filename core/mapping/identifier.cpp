#include "identifier.h"

namespace sessionscope {

bool isPlainIdentifier(QStringView name)
{
    if (name.isEmpty() || name.size() > 63)
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char16_t c = name[i].unicode();
        const bool letter = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || c == u'_';
        const bool digit = c >= u'0' && c <= u'9';
        if (!(letter || (digit && i > 0)))
            return false;
    }
    return true;
}

QString quoteIdentifier(QStringView name)
{
    Q_ASSERT(isPlainIdentifier(name));
    return u'"' + name.toString() + u'"';
}

} // namespace sessionscope
