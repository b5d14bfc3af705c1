#pragma once

#include "objectgroupsmodel.h"

namespace sessionscope {

// The session's pending sets at the cursor: what the next flush will INSERT (new), UPDATE
// (dirty) and DELETE (deleted).
class PendingModel final : public ObjectGroupsModel
{
    Q_OBJECT

public:
    enum Group { NewGroup, DirtyGroup, DeletedGroup, GroupCount };
    enum Column { NameColumn, EntityColumn, KeyColumn, StateColumn, ColumnCount };

    explicit PendingModel(QObject *parent = nullptr);

    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

protected:
    int groupCount() const override;
    void collect(std::vector<std::vector<int>> &groups) const override;
};

} // namespace sessionscope
