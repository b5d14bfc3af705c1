#pragma once

#include <QAbstractItemModel>
#include <QJsonObject>

#include <memory>
#include <vector>

namespace sessionscope {

// What changed between two steps (the JSON of traceDiffOfEvents) as a tree: the transaction,
// objects that appeared and disappeared, and for each changed object the fields and
// attributes that differ, with their values at A and at B.
class DiffModel final : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Column { WhatColumn, AColumn, BColumn, ColumnCount };

    explicit DiffModel(QObject *parent = nullptr);
    ~DiffModel() override;

    void setDiff(const QJsonObject &diff); // empty: nothing to show
    // The headers of the A and B columns (empty: "At A", "At B").
    void setStepNames(const QString &a, const QString &b);
    bool isEmpty() const { return m_root->children.empty(); }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Node
    {
        QString what;
        QString a;
        QString b;
        bool heading = false;
        Node *parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
        Node *add(QString label, QString atA = {}, QString atB = {});
    };
    Node *node(const QModelIndex &index) const;

    std::unique_ptr<Node> m_root;
    QString m_stepA;
    QString m_stepB;
};

} // namespace sessionscope
