#include "diffmodel.h"

#include "eventsummary.h"
#include "lifecyclestyle.h"
#include "trace/valuetext.h"

#include <QFont>
#include <QJsonArray>

namespace sessionscope {

namespace {

// A History list: its values as the other columns show values.
QString listText(const QJsonArray &values)
{
    QStringList texts;
    for (const QJsonValue &value : values)
        texts.append(formatValue(value));
    return u'[' + texts.join(QStringLiteral(", ")) + u']';
}

// An attribute as the diff shows it: its value, and its History when it holds changes.
QString attributeText(const QJsonValue &attribute)
{
    const QJsonObject object = attribute.toObject();
    if (!object.value(QStringLiteral("loaded")).toBool())
        return DiffModel::tr("(not loaded)");
    QString text = formatValue(object.value(QStringLiteral("value")));
    const QJsonObject history = object.value(QStringLiteral("history")).toObject();
    const QJsonArray added = history.value(QStringLiteral("added")).toArray();
    const QJsonArray deleted = history.value(QStringLiteral("deleted")).toArray();
    if (!added.isEmpty())
        text += u"  " + DiffModel::tr("added %1").arg(listText(added));
    if (!deleted.isEmpty())
        text += u"  " + DiffModel::tr("deleted %1").arg(listText(deleted));
    return text;
}

QString transactionText(const QJsonValue &transaction)
{
    const QJsonObject object = transaction.toObject();
    const QString status = object.value(QStringLiteral("status")).toString();
    if (status == u"closed")
        return DiffModel::tr("none, the session was closed");
    if (!object.value(QStringLiteral("active")).toBool())
        return DiffModel::tr("none");
    QString text = status == u"needs_rollback" ? DiffModel::tr("must be rolled back")
                                               : DiffModel::tr("active");
    const int depth = object.value(QStringLiteral("nested_depth")).toInt();
    if (depth > 0)
        text = DiffModel::tr("%1, %n savepoint(s)", nullptr, depth).arg(text);
    const QJsonValue cause = object.value(QStringLiteral("cause"));
    if (cause.isObject())
        text = DiffModel::tr("%1 (%2)").arg(text, errorText(cause));
    return text;
}

// An object's field ("state", "sets", ...) as people read it.
QString fieldLabel(const QString &field)
{
    if (field == u"state")
        return DiffModel::tr("state");
    if (field == u"key")
        return DiffModel::tr("key");
    if (field == u"modified")
        return DiffModel::tr("modified");
    if (field == u"expired")
        return DiffModel::tr("expired");
    if (field == u"sets")
        return DiffModel::tr("sets");
    if (field == u"name")
        return DiffModel::tr("name");
    return field;
}

QString setName(const QString &set)
{
    if (set == u"identity_map")
        return DiffModel::tr("identity map");
    if (set == u"new")
        return DiffModel::tr("new", "the pending set");
    if (set == u"dirty")
        return DiffModel::tr("dirty");
    if (set == u"deleted")
        return DiffModel::tr("deleted", "the pending set");
    return set;
}

QString stateName(const QString &state)
{
    for (TraceLifecycle lifecycle :
         {TraceLifecycle::Transient, TraceLifecycle::Pending, TraceLifecycle::Persistent,
          TraceLifecycle::Deleted, TraceLifecycle::Detached}) {
        if (state == QLatin1String(traceLifecycleName(lifecycle)))
            return lifecycleLabel(lifecycle);
    }
    return state;
}

QString fieldText(const QString &field, const QJsonValue &value)
{
    if (field == u"modified")
        return value.toBool() ? DiffModel::tr("yes") : DiffModel::tr("no");
    if (field == u"key")
        return value.isNull() ? DiffModel::tr("none") : formatKey(value);
    if (field == u"state")
        return stateName(value.toString());
    if (value.isString())
        return value.toString();
    if (value.isArray()) {
        QStringList names;
        for (const QJsonValue &item : value.toArray())
            names.append(field == u"sets" ? setName(item.toString()) : item.toString());
        return names.isEmpty() ? DiffModel::tr("none") : names.join(QStringLiteral(", "));
    }
    return formatValue(value);
}

} // namespace

DiffModel::Node *DiffModel::Node::add(QString label, QString atA, QString atB)
{
    auto child = std::make_unique<Node>();
    child->what = std::move(label);
    child->a = std::move(atA);
    child->b = std::move(atB);
    child->parent = this;
    child->row = int(children.size());
    children.push_back(std::move(child));
    return children.back().get();
}

DiffModel::DiffModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{}

DiffModel::~DiffModel() = default;

void DiffModel::setDiff(const QJsonObject &diff)
{
    beginResetModel();
    m_root = std::make_unique<Node>();
    if (!diff.isEmpty()) {
        const QJsonObject transaction = diff.value(QStringLiteral("transaction")).toObject();
        if (!transaction.isEmpty()) {
            Node *heading =
                m_root->add(tr("Transaction"), transactionText(transaction.value(u"from")),
                            transactionText(transaction.value(u"to")));
            heading->heading = true;
        }
        auto names = [&](const QString &key, const QString &title, bool atA) {
            const QJsonArray list = diff.value(key).toArray();
            if (list.isEmpty())
                return;
            Node *heading = m_root->add(title.arg(list.size()));
            heading->heading = true;
            for (const QJsonValue &name : list) {
                heading->add(name.toString(), atA ? tr("present") : tr("—"),
                             atA ? tr("—") : tr("present"));
            }
        };
        names(QStringLiteral("appeared"), tr("Appeared (%1)"), false);
        names(QStringLiteral("disappeared"), tr("Disappeared (%1)"), true);
        const QJsonObject changed = diff.value(QStringLiteral("changed")).toObject();
        if (!changed.isEmpty()) {
            Node *heading = m_root->add(tr("Changed (%1)").arg(changed.size()));
            heading->heading = true;
            for (auto object = changed.begin(); object != changed.end(); ++object) {
                Node *objectNode = heading->add(object.key());
                const QJsonObject fields = object.value().toObject();
                for (auto field = fields.begin(); field != fields.end(); ++field) {
                    if (field.key() == u"attrs")
                        continue;
                    const QJsonObject change = field.value().toObject();
                    objectNode->add(fieldLabel(field.key()),
                                    fieldText(field.key(), change.value(u"from")),
                                    fieldText(field.key(), change.value(u"to")));
                }
                const QJsonObject attrs = fields.value(QStringLiteral("attrs")).toObject();
                for (auto attr = attrs.begin(); attr != attrs.end(); ++attr) {
                    const QJsonObject change = attr.value().toObject();
                    objectNode->add(u'.' + attr.key(), attributeText(change.value(u"from")),
                                    attributeText(change.value(u"to")));
                }
            }
        }
        if (m_root->children.empty())
            m_root->add(tr("No differences"));
    }
    endResetModel();
}

void DiffModel::setStepNames(const QString &a, const QString &b)
{
    if (a == m_stepA && b == m_stepB)
        return;
    m_stepA = a;
    m_stepB = b;
    emit headerDataChanged(Qt::Horizontal, AColumn, BColumn);
}

DiffModel::Node *DiffModel::node(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex DiffModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, node(parent)->children[size_t(row)].get());
}

QModelIndex DiffModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *parentNode = node(child)->parent;
    if (parentNode == m_root.get())
        return {};
    return createIndex(parentNode->row, 0, parentNode);
}

int DiffModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(node(parent)->children.size());
}

int DiffModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant DiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case WhatColumn:
        return tr("What");
    case AColumn:
        return m_stepA.isEmpty() ? tr("At A") : m_stepA;
    case BColumn:
        return m_stepB.isEmpty() ? tr("At B") : m_stepB;
    default:
        return {};
    }
}

QVariant DiffModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *item = node(index);
    if (role == Qt::FontRole && item->heading) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (role == Qt::ToolTipRole && index.column() != WhatColumn)
        return index.column() == AColumn ? item->a : item->b;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case WhatColumn:
        return item->what;
    case AColumn:
        return item->a;
    case BColumn:
        return item->b;
    default:
        return {};
    }
}

} // namespace sessionscope
