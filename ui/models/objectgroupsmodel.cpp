#include "objectgroupsmodel.h"

#include "itemroles.h"
#include "lifecyclestyle.h"
#include "tracedocument.h"

#include <QApplication>

#include <algorithm>

namespace sessionscope {

ObjectGroupsModel::ObjectGroupsModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

ObjectGroupsModel::~ObjectGroupsModel() = default;

void ObjectGroupsModel::setDocument(TraceDocument *document)
{
    beginResetModel();
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_groups.clear();
    m_renderer.reset();
    m_shown = TraceState();
    if (m_document) {
        m_renderer.emplace(m_document->renderer());
        std::vector<std::vector<int>> groups(static_cast<size_t>(groupCount()));
        collect(groups);
        m_groups = std::move(groups);
        m_shown = m_document->timeline().state();
        m_highlighted.clear();
        connect(m_document, &TraceDocument::cursorChanged, this, &ObjectGroupsModel::refresh);
        connect(m_document, &QObject::destroyed, this, [this] { setDocument(nullptr); });
    }
    endResetModel();
}

void ObjectGroupsModel::refresh()
{
    if (!m_document)
        return;
    m_renderer.emplace(m_document->renderer()); // names depend on the state
    std::vector<std::vector<int>> wanted(m_groups.size());
    collect(wanted);
    for (size_t group = 0; group < m_groups.size(); ++group)
        sync(int(group), wanted[group]);
    // Repaint the rows whose object changed since they were last shown, or whose "changed at
    // this step" mark did. Only those: a view told that a long range changed may do work for
    // every row of it (QTreeView does, per row, when the range is collapsed).
    const TraceState &state = m_document->timeline().state();
    const int slotTotal = std::max(state.slotCount(), m_shown.slotCount());
    std::vector<char> changed(size_t(slotTotal), 0);
    m_highlighted.resize(size_t(slotTotal), 0);
    for (int slot = 0; slot < slotTotal; ++slot) {
        const char highlight = m_document->changedAtStep(slot) ? 1 : 0;
        if (highlight != m_highlighted[size_t(slot)] ||
            !TraceDocument::sameObject(state.object(slot), m_shown.object(slot)))
            changed[size_t(slot)] = 1;
        m_highlighted[size_t(slot)] = highlight;
    }
    m_shown = state;
    if (!m_groups.empty()) // counts in the group rows
        emit dataChanged(index(0, 0), index(int(m_groups.size()) - 1, columnCount() - 1));
    for (size_t group = 0; group < m_groups.size(); ++group)
        emitChangedRows(int(group), changed);
}

void ObjectGroupsModel::emitChangedRows(int group, const std::vector<char> &changed)
{
    const std::vector<int> &rows = m_groups[size_t(group)];
    const QModelIndex parentIndex = index(group, 0);
    const int last = columnCount() - 1;
    for (size_t row = 0; row < rows.size();) {
        if (!changed[size_t(rows[row])]) {
            ++row;
            continue;
        }
        size_t end = row + 1;
        while (end < rows.size() && changed[size_t(rows[end])])
            ++end;
        emit dataChanged(index(int(row), 0, parentIndex), index(int(end) - 1, last, parentIndex));
        row = end;
    }
}

void ObjectGroupsModel::sync(int group, const std::vector<int> &wanted)
{
    std::vector<int> &rows = m_groups[size_t(group)];
    const QModelIndex parentIndex = index(group, 0);
    // Removals, last run first, so earlier positions stay valid.
    for (qsizetype last = qsizetype(rows.size()) - 1; last >= 0;) {
        if (std::binary_search(wanted.begin(), wanted.end(), rows[size_t(last)])) {
            --last;
            continue;
        }
        qsizetype first = last;
        while (first > 0 &&
               !std::binary_search(wanted.begin(), wanted.end(), rows[size_t(first - 1)]))
            --first;
        beginRemoveRows(parentIndex, int(first), int(last));
        rows.erase(rows.begin() + first, rows.begin() + last + 1);
        endRemoveRows();
        last = first - 1;
    }
    // What is left is a subsequence of `wanted`: insert the runs it lacks.
    for (size_t i = 0; i < wanted.size();) {
        if (i < rows.size() && rows[i] == wanted[i]) {
            ++i;
            continue;
        }
        size_t end = i + 1;
        while (end < wanted.size() && (i >= rows.size() || rows[i] != wanted[end]))
            ++end;
        beginInsertRows(parentIndex, int(i), int(end - 1));
        rows.insert(rows.begin() + qsizetype(i), wanted.begin() + qsizetype(i),
                    wanted.begin() + qsizetype(end));
        endInsertRows();
        i = end;
    }
}

QVariant ObjectGroupsModel::objectRoleData(int slot, int column, int role, int badgeColumn) const
{
    switch (role) {
    case ObjectSlotRole:
        return slot;
    case ChangedAtStepRole:
        return m_document->changedAtStep(slot);
    case Qt::BackgroundRole:
        if (m_document->changedAtStep(slot))
            return changedAtStepColor(QApplication::palette());
        return {};
    case LifecycleRole:
        if (column == badgeColumn)
            return int(m_document->timeline().state().object(slot)->lifecycle);
        return {};
    default:
        return {};
    }
}

int ObjectGroupsModel::groupOf(const QModelIndex &index)
{
    return index.isValid() ? int(index.internalId()) - 1 : -1;
}

int ObjectGroupsModel::objectSlot(const QModelIndex &index) const
{
    const int group = groupOf(index);
    if (group < 0 || index.model() != this)
        return -1;
    return m_groups[size_t(group)][size_t(index.row())];
}

QModelIndex ObjectGroupsModel::indexOfSlot(int slot) const
{
    for (size_t group = 0; group < m_groups.size(); ++group) {
        const auto &rows = m_groups[group];
        const auto it = std::lower_bound(rows.begin(), rows.end(), slot);
        if (it != rows.end() && *it == slot)
            return createIndex(int(it - rows.begin()), 0, quintptr(group + 1));
    }
    return {};
}

QModelIndex ObjectGroupsModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, quintptr(0));
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex ObjectGroupsModel::parent(const QModelIndex &child) const
{
    const int group = groupOf(child);
    return group < 0 ? QModelIndex() : createIndex(group, 0, quintptr(0));
}

int ObjectGroupsModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.column() != 0 || groupOf(parent) >= 0)
        return 0;
    return int(m_groups[size_t(parent.row())].size());
}

bool ObjectGroupsModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

} // namespace sessionscope
