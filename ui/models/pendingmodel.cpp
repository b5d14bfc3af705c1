#include "pendingmodel.h"

#include "itemroles.h"
#include "lifecyclestyle.h"
#include "trace/valuetext.h"
#include "tracedocument.h"

#include <QFont>

namespace sessionscope {

PendingModel::PendingModel(QObject *parent)
    : ObjectGroupsModel(parent)
{}

int PendingModel::groupCount() const
{
    return document() ? GroupCount : 0;
}

void PendingModel::collect(std::vector<std::vector<int>> &groups) const
{
    const TraceState &state = document()->timeline().state();
    for (int slot = 0; slot < state.slotCount(); ++slot) {
        const TraceObject *object = state.object(slot);
        if (!object)
            continue;
        if (object->sets & InNew)
            groups[NewGroup].push_back(slot);
        if (object->sets & InDirty)
            groups[DirtyGroup].push_back(slot);
        if (object->sets & InDeleted)
            groups[DeletedGroup].push_back(slot);
    }
}

int PendingModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant PendingModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Object");
    case EntityColumn:
        return tr("Entity");
    case KeyColumn:
        return tr("Key");
    case StateColumn:
        return tr("State");
    default:
        return {};
    }
}

QVariant PendingModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int slot = objectSlot(index);
    if (slot < 0) {
        if (index.column() != NameColumn)
            return {};
        const int group = index.row();
        if (role == Qt::DisplayRole) {
            const int count = groupSize(group);
            switch (group) {
            case NewGroup:
                return tr("new (%1)").arg(count);
            case DirtyGroup:
                return tr("dirty (%1)").arg(count);
            case DeletedGroup:
                return tr("deleted (%1)").arg(count);
            default:
                return {};
            }
        }
        if (role == Qt::ToolTipRole) {
            switch (group) {
            case NewGroup:
                return tr("Pending objects: the next flush INSERTs them.");
            case DirtyGroup:
                return tr("Persistent objects with changes: the next flush UPDATEs them.");
            case DeletedGroup:
                return tr("Objects marked for deletion: the next flush DELETEs them.");
            default:
                return {};
            }
        }
        if (role == Qt::FontRole) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    }
    const TraceObject *object = document()->timeline().state().object(slot);
    if (!object)
        return {};
    switch (role) {
    case ObjectSlotRole:
    case ChangedAtStepRole:
    case Qt::BackgroundRole:
    case LifecycleRole:
        return objectRoleData(slot, index.column(), role, StateColumn);
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return renderer().nameOf(slot);
        case EntityColumn:
            return renderer().entityName(slot);
        case KeyColumn:
            return formatKey(renderer().key(slot));
        case StateColumn:
            return lifecycleLabel(object->lifecycle);
        default:
            return {};
        }
    default:
        return {};
    }
}

} // namespace sessionscope
