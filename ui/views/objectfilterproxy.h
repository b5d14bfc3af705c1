#pragma once

#include <QSortFilterProxyModel>

namespace sessionscope {

// Narrows an object tree to objects of one entity and objects whose name, key or attribute
// values contain a text; groups stay while they have a matching object.
class ObjectFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit ObjectFilterProxy(QObject *parent = nullptr);

    void setText(const QString &text);
    void setEntity(const QString &entity); // empty: all

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    QString m_entity;
};

} // namespace sessionscope
