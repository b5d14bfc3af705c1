#pragma once

#include <QVariant>

namespace sessionscope {

// QVariant::isValid() and QVariant::typeId() read in place. Qt 6.4 makes each a call into
// QtCore, and a flush asks them of every value of every row it sends.
inline bool variantIsValid(const QVariant &value)
{
    return value.data_ptr().packedType != 0;
}

inline int variantTypeId(const QVariant &value)
{
    return value.data_ptr().typeId();
}

} // namespace sessionscope
