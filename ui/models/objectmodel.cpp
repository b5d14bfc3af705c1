#include "objectmodel.h"

#include "itemroles.h"
#include "lifecyclestyle.h"
#include "trace/valuetext.h"
#include "tracedocument.h"

#include <QApplication>
#include <QFont>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPalette>
#include <QSet>

namespace sessionscope {

namespace {

QJsonValue parseSpan(const TraceBytes &bytes, TraceSpan span)
{
    if (span.isNull())
        return {};
    // Values were checked when the trace was verified; wrap them so any JSON value parses.
    const QJsonDocument document = QJsonDocument::fromJson("[" + bytes.read(span) + "]");
    return document.array().first();
}

bool isReference(const QJsonValue &value)
{
    return value.isObject() && value.toObject().contains(QStringLiteral("object"));
}

} // namespace

ObjectModel::ObjectModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

ObjectModel::~ObjectModel() = default;

void ObjectModel::setDocument(TraceDocument *document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (m_document) {
        connect(m_document, &TraceDocument::cursorChanged, this, &ObjectModel::refresh);
        connect(m_document, &QObject::destroyed, this, [this] { setDocument(nullptr); });
    }
    beginResetModel();
    m_slot = -1;
    m_entity = -1;
    m_exists = false;
    m_rows.clear();
    endResetModel();
    emit objectChanged();
}

void ObjectModel::setObjectSlot(int slot)
{
    if (slot == m_slot)
        return;
    beginResetModel();
    m_slot = m_document ? slot : -1;
    m_rows.clear();
    m_entity = -1;
    m_exists = false;
    endResetModel();
    refresh();
}

std::vector<ObjectModel::Row> ObjectModel::build(const TraceState &state, int slot,
                                                 bool *exists) const
{
    *exists = false;
    const TraceObject *object = slot >= 0 ? state.object(slot) : nullptr;
    if (!object || !object->exists())
        return {};
    *exists = true;
    const Timeline &timeline = m_document->timeline();
    const TraceSchema::Entity &entity = timeline.schema().entity(object->entity);
    QSet<QString> expired;
    for (const QJsonValue &name : parseSpan(timeline.bytes(), object->expired).toArray())
        expired.insert(name.toString());

    std::vector<Row> rows;
    rows.reserve(entity.attributes.size());
    for (size_t a = 0; a < entity.attributes.size(); ++a) {
        Row row;
        row.name = entity.attributes[a].name;
        row.kind = entity.attributes[a].kind;
        row.expired = expired.contains(row.name);
        const TraceSpan span =
            qsizetype(a) < object->attrs.size() ? object->attrs[qsizetype(a)] : TraceSpan();
        const QJsonObject json = parseSpan(timeline.bytes(), span).toObject();
        row.loaded = json.value(QStringLiteral("loaded")).toBool();
        if (row.loaded) {
            row.value = json.value(QStringLiteral("value"));
            const QJsonObject history = json.value(QStringLiteral("history")).toObject();
            row.added = history.value(QStringLiteral("added"));
            row.unchanged = history.value(QStringLiteral("unchanged"));
            row.deleted = history.value(QStringLiteral("deleted"));
        }
        if (row.kind == TraceSchema::SlotKind::Collection && row.loaded) {
            const QJsonArray added = row.added.toArray();
            for (const QJsonValue &member : row.value.toArray()) {
                row.members.push_back({member, added.contains(member) ? MemberStatus::Added
                                                                      : MemberStatus::Unchanged});
            }
            for (const QJsonValue &member : row.deleted.toArray())
                row.members.push_back({member, MemberStatus::Deleted});
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

void ObjectModel::refresh()
{
    if (!m_document)
        return;
    bool exists = false;
    std::vector<Row> rows = build(m_document->timeline().state(), m_slot, &exists);
    bool existedBefore = false;
    const std::vector<Row> before = build(m_document->baseline(), m_slot, &existedBefore);
    for (size_t i = 0; i < rows.size(); ++i) {
        Row &row = rows[i];
        row.changed = i >= before.size() || row.loaded != before[i].loaded ||
                      row.expired != before[i].expired || row.value != before[i].value ||
                      row.added != before[i].added || row.unchanged != before[i].unchanged ||
                      row.deleted != before[i].deleted;
    }
    const TraceObject *object = exists ? m_document->timeline().state().object(m_slot) : nullptr;
    const int entity = object ? object->entity : -1;
    if (entity != m_entity || rows.size() != m_rows.size()) {
        beginResetModel();
        m_rows = std::move(rows);
        m_entity = entity;
        m_exists = exists;
        endResetModel();
        emit objectChanged();
        return;
    }
    m_exists = exists;
    // Same object, same attributes: only collections change shape.
    for (size_t i = 0; i < m_rows.size(); ++i) {
        const int oldCount = int(m_rows[i].members.size());
        const int newCount = int(rows[i].members.size());
        const QModelIndex parentIndex = createIndex(int(i), 0, quintptr(0));
        if (newCount < oldCount) {
            beginRemoveRows(parentIndex, newCount, oldCount - 1);
            m_rows[i].members.resize(size_t(newCount));
            endRemoveRows();
        } else if (newCount > oldCount) {
            beginInsertRows(parentIndex, oldCount, newCount - 1);
            m_rows[i].members.resize(size_t(newCount));
            endInsertRows();
        }
    }
    m_rows = std::move(rows);
    if (!m_rows.empty()) {
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        for (size_t i = 0; i < m_rows.size(); ++i) {
            if (m_rows[i].members.empty())
                continue;
            const QModelIndex parentIndex = index(int(i), 0);
            emit dataChanged(index(0, 0, parentIndex), index(int(m_rows[i].members.size()) - 1,
                                                             ColumnCount - 1, parentIndex));
        }
    }
    emit objectChanged();
}

QModelIndex ObjectModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, parent.isValid() ? quintptr(parent.row() + 1) : quintptr(0));
}

QModelIndex ObjectModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId()) - 1, 0, quintptr(0));
}

int ObjectModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_rows.size());
    if (parent.internalId() != 0 || parent.column() != 0)
        return 0;
    return int(m_rows[size_t(parent.row())].members.size());
}

int ObjectModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ObjectModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case CommittedColumn:
            return tr("The value the database holds as far as the session knows (History "
                      "unchanged + deleted)");
        case AddedColumn:
            return tr("History: values set since the object was loaded or last flushed");
        case UnchangedColumn:
            return tr("History: the loaded value that has not changed");
        case DeletedColumn:
            return tr("History: loaded values that were replaced or removed");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case AttributeColumn:
        return tr("Attribute");
    case ValueColumn:
        return tr("Value");
    case CommittedColumn:
        return tr("Committed");
    case AddedColumn:
        return tr("Added");
    case UnchangedColumn:
        return tr("Unchanged");
    case DeletedColumn:
        return tr("Deleted");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

QVariant ObjectModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == 0)
        return rowData(m_rows[size_t(index.row())], index.column(), role);
    const Row &row = m_rows[size_t(index.internalId() - 1)];
    return memberData(row.members[size_t(index.row())], index.column(), role);
}

int ObjectModel::referencedSlot(const QJsonValue &value) const
{
    if (!isReference(value))
        return -1;
    return m_document->timeline().ids().find(
        qint64(value.toObject().value(QStringLiteral("object")).toDouble()));
}

QString ObjectModel::text(const QJsonValue &value) const
{
    const int slot = referencedSlot(value);
    if (slot >= 0)
        return m_document->renderer().nameOf(slot);
    if (isReference(value))
        return QStringLiteral("#%1").arg(value.toObject().value(QStringLiteral("object")).toInt());
    return formatValue(value);
}

QString ObjectModel::listText(const QJsonValue &values) const
{
    QStringList texts;
    for (const QJsonValue &value : values.toArray())
        texts.append(text(value));
    return texts.join(QStringLiteral(", "));
}

QVariant ObjectModel::rowData(const Row &row, int column, int role) const
{
    const bool collection = row.kind == TraceSchema::SlotKind::Collection;
    switch (role) {
    case ChangedAtStepRole:
        return row.changed;
    case Qt::BackgroundRole:
        return row.changed ? QVariant(changedAtStepColor(QApplication::palette())) : QVariant();
    case ObjectSlotRole:
        if (column == ValueColumn && row.kind == TraceSchema::SlotKind::Reference)
            return referencedSlot(row.value);
        return -1;
    case Qt::ForegroundRole:
        if (column == ValueColumn && row.kind == TraceSchema::SlotKind::Reference &&
            referencedSlot(row.value) >= 0)
            return linkColor(QApplication::palette());
        if (!row.loaded && column != AttributeColumn)
            return futureTextColor(QApplication::palette());
        return {};
    case Qt::FontRole:
        if (column == ValueColumn && row.kind == TraceSchema::SlotKind::Reference &&
            referencedSlot(row.value) >= 0) {
            QFont font;
            font.setUnderline(true);
            return font;
        }
        return {};
    case Qt::ToolTipRole:
        if (column == ValueColumn && referencedSlot(row.value) >= 0)
            return tr("Go to %1").arg(text(row.value));
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case AttributeColumn:
        return row.name;
    case ValueColumn:
        if (!row.loaded)
            return row.expired ? tr("(expired)") : tr("(not loaded)");
        if (collection)
            return tr("%n member(s)", nullptr, int(row.value.toArray().size()));
        return text(row.value);
    case CommittedColumn: {
        if (!row.loaded)
            return {};
        if (collection) {
            QJsonArray committed = row.unchanged.toArray();
            for (const QJsonValue &value : row.deleted.toArray())
                committed.append(value);
            return listText(committed);
        }
        const QJsonArray deleted = row.deleted.toArray();
        const QJsonArray unchanged = row.unchanged.toArray();
        if (!deleted.isEmpty())
            return text(deleted.first());
        if (!unchanged.isEmpty())
            return text(unchanged.first());
        return tr("—");
    }
    case AddedColumn:
        return row.loaded ? listText(row.added) : QString();
    case UnchangedColumn:
        return row.loaded ? listText(row.unchanged) : QString();
    case DeletedColumn:
        return row.loaded ? listText(row.deleted) : QString();
    case StatusColumn:
        // A value set on an expired attribute is loaded; the load it still owes is not.
        if (row.loaded)
            return tr("loaded");
        return row.expired ? tr("expired") : tr("not loaded");
    default:
        return {};
    }
}

QVariant ObjectModel::memberData(const Member &member, int column, int role) const
{
    const int slot = referencedSlot(member.value);
    switch (role) {
    case ObjectSlotRole:
        return slot;
    case Qt::ForegroundRole:
        if (column == ValueColumn && slot >= 0)
            return linkColor(QApplication::palette());
        return {};
    case Qt::FontRole:
        if (column == ValueColumn && slot >= 0) {
            QFont font;
            font.setUnderline(true);
            font.setStrikeOut(member.status == MemberStatus::Deleted);
            return font;
        }
        return {};
    case Qt::ToolTipRole:
        return slot >= 0 ? tr("Go to %1").arg(text(member.value)) : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    const QString name = text(member.value);
    switch (column) {
    case ValueColumn:
        return name;
    case AddedColumn:
        return member.status == MemberStatus::Added ? name : QString();
    case UnchangedColumn:
        return member.status == MemberStatus::Unchanged ? name : QString();
    case DeletedColumn:
        return member.status == MemberStatus::Deleted ? name : QString();
    case StatusColumn:
        switch (member.status) {
        case MemberStatus::Added:
            return tr("added");
        case MemberStatus::Unchanged:
            return tr("unchanged");
        case MemberStatus::Deleted:
            return tr("removed");
        }
        return {};
    default:
        return {};
    }
}

} // namespace sessionscope
