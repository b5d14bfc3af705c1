#pragma once

#include "trace/traceschema.h"

#include <QAbstractItemModel>
#include <QJsonValue>

#include <vector>

namespace sessionscope {

class TraceDocument;

// One object's attributes at the cursor: value, committed value, History (added / unchanged /
// deleted), and whether it is loaded or expired, with what the current step changed marked.
// A collection's members are child rows; references and members link to their objects
// (ObjectSlotRole).
class ObjectModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column {
        AttributeColumn,
        ValueColumn,
        CommittedColumn,
        AddedColumn,
        UnchangedColumn,
        DeletedColumn,
        StatusColumn,
        ColumnCount
    };

    explicit ObjectModel(QObject *parent = nullptr);
    ~ObjectModel() override;

    void setDocument(TraceDocument *document);
    void setObjectSlot(int slot); // -1: none
    int objectSlot() const { return m_slot; }
    // False when no object is selected or it does not exist at the cursor.
    bool objectExists() const { return m_exists; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void objectChanged(); // another object, or the same one at another step

private:
    enum class MemberStatus : quint8 { Added, Unchanged, Deleted };
    struct Member
    {
        QJsonValue value; // a reference ({"object": id}) or a plain value
        MemberStatus status;
    };
    struct Row
    {
        QString name;
        TraceSchema::SlotKind kind = TraceSchema::SlotKind::Column;
        bool loaded = false;
        bool expired = false;
        bool changed = false;
        QJsonValue value;
        QJsonValue added;
        QJsonValue unchanged;
        QJsonValue deleted;
        std::vector<Member> members; // collections
    };

    std::vector<Row> build(const class TraceState &state, int slot, bool *exists) const;
    void refresh();
    QVariant rowData(const Row &row, int column, int role) const;
    QVariant memberData(const Member &member, int column, int role) const;
    QString text(const QJsonValue &value) const; // references by name
    QString listText(const QJsonValue &values) const;
    int referencedSlot(const QJsonValue &value) const; // -1 unless a reference

    TraceDocument *m_document = nullptr;
    int m_slot = -1;
    int m_entity = -1;
    bool m_exists = false;
    std::vector<Row> m_rows;
};

} // namespace sessionscope
