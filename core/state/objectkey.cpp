#include "objectkey.h"

namespace sessionscope {

void ObjectKey::assign(std::span<const QVariant> values)
{
    if (values.empty())
        m_value = QVariant();
    else if (values.size() == 1 && values.front().isValid() &&
             values.front().typeId() != QMetaType::QVariantList)
        m_value = values.front();
    else
        m_value = QVariant::fromValue(QVariantList(values.begin(), values.end()));
}

QVariantList ObjectKey::toList() const
{
    if (isComposite())
        return list();
    return isEmpty() ? QVariantList() : QVariantList{m_value};
}

bool ObjectKey::equals(const QVariant *values, qsizetype count) const
{
    if (const qlonglong *key = asInteger(); key && count == 1) {
        // The usual integer key, compared without QVariant.
        if (values[0].typeId() == QMetaType::LongLong)
            return *key == *static_cast<const qlonglong *>(values[0].constData());
    }
    if (count != size())
        return false;
    const QVariant *mine = begin();
    for (qsizetype i = 0; i < count; ++i) {
        if (!(mine[i] == values[i]))
            return false;
    }
    return true;
}

} // namespace sessionscope
