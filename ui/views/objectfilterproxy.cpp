#include "objectfilterproxy.h"

#include "itemroles.h"

namespace sessionscope {

ObjectFilterProxy::ObjectFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
}

void ObjectFilterProxy::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    invalidateFilter();
}

void ObjectFilterProxy::setEntity(const QString &entity)
{
    if (entity == m_entity)
        return;
    m_entity = entity;
    invalidateFilter();
}

bool ObjectFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_text.isEmpty() && m_entity.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (index.data(ObjectSlotRole).toInt() < 0 || !index.data(ObjectSlotRole).isValid())
        return false; // a group: kept only for its matching objects (recursive filtering)
    // SearchTextRole: name, entity, key, then attribute values, a line each.
    const QString search = index.data(SearchTextRole).toString();
    if (!m_entity.isEmpty() && search.section(u'\n', 1, 1) != m_entity)
        return false;
    return m_text.isEmpty() || search.contains(m_text, Qt::CaseInsensitive);
}

} // namespace sessionscope
