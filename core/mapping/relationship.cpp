#include "relationship.h"

namespace sessionscope {

QString cascadeOptionName(CascadeOption option)
{
    switch (option) {
    case CascadeOption::SaveUpdate:
        return QStringLiteral("save-update");
    case CascadeOption::Merge:
        return QStringLiteral("merge");
    case CascadeOption::Delete:
        return QStringLiteral("delete");
    case CascadeOption::DeleteOrphan:
        return QStringLiteral("delete-orphan");
    case CascadeOption::Expunge:
        return QStringLiteral("expunge");
    case CascadeOption::RefreshExpire:
        return QStringLiteral("refresh-expire");
    }
    return {};
}

} // namespace sessionscope
