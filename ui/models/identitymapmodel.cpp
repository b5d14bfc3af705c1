#include "identitymapmodel.h"

#include "itemroles.h"
#include "lifecyclestyle.h"
#include "trace/valuetext.h"
#include "tracedocument.h"

#include <QFont>
#include <QJsonArray>

namespace sessionscope {

IdentityMapModel::IdentityMapModel(QObject *parent)
    : ObjectGroupsModel(parent)
{}

void IdentityMapModel::setAllObjects(bool all)
{
    if (all == m_allObjects)
        return;
    m_allObjects = all;
    refresh();
}

int IdentityMapModel::groupCount() const
{
    return document() ? document()->timeline().schema().entityCount() : 0;
}

void IdentityMapModel::collect(std::vector<std::vector<int>> &groups) const
{
    const TraceState &state = document()->timeline().state();
    for (int slot = 0; slot < state.slotCount(); ++slot) {
        const TraceObject *object = state.object(slot);
        if (!object || object->entity < 0 || object->entity >= int(groups.size()))
            continue;
        if (m_allObjects || (object->sets & InIdentityMap))
            groups[size_t(object->entity)].push_back(slot);
    }
}

int IdentityMapModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant IdentityMapModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Object");
    case KeyColumn:
        return tr("Key");
    case StateColumn:
        return tr("State");
    case FlagsColumn:
        return tr("Changes");
    default:
        return {};
    }
}

QVariant IdentityMapModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const int slot = objectSlot(index);
    if (slot < 0)
        return groupData(index.row(), index.column(), role);
    return objectData(slot, index.column(), role);
}

QVariant IdentityMapModel::groupData(int group, int column, int role) const
{
    if (column != NameColumn)
        return {};
    const QString &entity = document()->timeline().schema().entity(group).type->name();
    switch (role) {
    case Qt::DisplayRole:
        return tr("%1 (%2)").arg(entity).arg(groupSize(group));
    case Qt::FontRole: {
        QFont font;
        font.setBold(true);
        return font;
    }
    case SearchTextRole:
        return entity;
    default:
        return {};
    }
}

QVariant IdentityMapModel::objectData(int slot, int column, int role) const
{
    const TraceObject *object = document()->timeline().state().object(slot);
    if (!object)
        return {};
    switch (role) {
    case ObjectSlotRole:
    case ChangedAtStepRole:
    case Qt::BackgroundRole:
    case LifecycleRole:
        return objectRoleData(slot, column, role, StateColumn);
    case SearchTextRole: {
        // The name, key, entity and every loaded attribute value.
        const QJsonObject rendered = renderer().object(slot);
        QStringList parts{renderer().nameOf(slot), renderer().entityName(slot),
                          formatKey(rendered.value(QStringLiteral("key")))};
        const QJsonObject attrs = rendered.value(QStringLiteral("attrs")).toObject();
        for (auto it = attrs.begin(); it != attrs.end(); ++it)
            parts.append(formatValue(it.value().toObject().value(QStringLiteral("value"))));
        return parts.join(u'\n');
    }
    case Qt::ToolTipRole:
        if (column == FlagsColumn || column == NameColumn) {
            const QJsonArray expired =
                renderer().object(slot).value(QStringLiteral("expired")).toArray();
            QStringList names;
            for (const QJsonValue &name : expired)
                names.append(name.toString());
            QStringList lines{
                tr("%1 (%2)").arg(renderer().nameOf(slot), renderer().entityName(slot))};
            if (object->modified)
                lines.append(tr("Modified: it has changes a flush would write."));
            if (!names.isEmpty())
                lines.append(tr("Expired: %1").arg(names.join(QStringLiteral(", "))));
            return lines.join(u'\n');
        }
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case NameColumn:
        return renderer().nameOf(slot);
    case KeyColumn:
        return formatKey(renderer().key(slot));
    case StateColumn:
        return lifecycleLabel(object->lifecycle);
    case FlagsColumn: {
        QStringList flags;
        if (object->modified)
            flags.append(tr("modified"));
        if (!object->expired.isNull()) {
            const qsizetype count =
                renderer().object(slot).value(QStringLiteral("expired")).toArray().size();
            if (count > 0)
                flags.append(tr("%n expired", nullptr, int(count)));
        }
        return flags.join(QStringLiteral(", "));
    }
    default:
        return {};
    }
}

} // namespace sessionscope
