#pragma once

#include "trace/tracerender.h"
#include "trace/tracestate.h"

#include <QAbstractItemModel>

#include <optional>
#include <vector>

namespace sessionscope {

class TraceDocument;

// A two-level model of objects in groups (entities, pending sets) at a TraceDocument's cursor.
// Groups are fixed for a document; objects are kept in order of first appearance. Moving the
// cursor inserts and removes only the rows that changed and repaints the rest, so selections
// and scroll positions survive stepping and a step costs what it changes.
class ObjectGroupsModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    explicit ObjectGroupsModel(QObject *parent = nullptr);
    ~ObjectGroupsModel() override;

    void setDocument(TraceDocument *document); // null: empty
    TraceDocument *document() const { return m_document; }

    int objectSlot(const QModelIndex &index) const; // -1 for a group row
    QModelIndex indexOfSlot(int slot) const;        // its first row, column 0
    int groupSize(int group) const { return int(m_groups[size_t(group)].size()); }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;

protected:
    virtual int groupCount() const = 0;
    // The objects of every group at the cursor, each in ascending slot order.
    virtual void collect(std::vector<std::vector<int>> &groups) const = 0;
    // Resyncs with the document's state.
    void refresh();
    const TraceRenderer &renderer() const { return *m_renderer; }
    // The roles every object row answers alike (its slot, the step highlight, the state
    // badge in `badgeColumn`); invalid for the others.
    QVariant objectRoleData(int slot, int column, int role, int badgeColumn) const;
    static int groupOf(const QModelIndex &index); // -1 for a group row

private:
    void sync(int group, const std::vector<int> &wanted);

    void emitChangedRows(int group, const std::vector<char> &changed);

    TraceDocument *m_document = nullptr;
    std::vector<std::vector<int>> m_groups;
    TraceState m_shown;              // the state the rows show
    std::vector<char> m_highlighted; // by slot: shown as changed at the step
    std::optional<TraceRenderer> m_renderer;
};

} // namespace sessionscope
