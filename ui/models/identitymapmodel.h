#pragma once

#include "objectgroupsmodel.h"

namespace sessionscope {

// The identity map at the cursor: one group per entity, its objects with their key, state,
// and whether they are modified or have expired attributes. With allObjects set it shows every
// object the trace has described so far (transient, pending and detached ones too).
class IdentityMapModel final : public ObjectGroupsModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, KeyColumn, StateColumn, FlagsColumn, ColumnCount };

    explicit IdentityMapModel(QObject *parent = nullptr);

    void setAllObjects(bool all);
    bool allObjects() const { return m_allObjects; }

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    int groupCount() const override;
    void collect(std::vector<std::vector<int>> &groups) const override;

private:
    QVariant groupData(int group, int column, int role) const;
    QVariant objectData(int slot, int column, int role) const;

    bool m_allObjects = false;
};

} // namespace sessionscope
