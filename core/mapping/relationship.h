#pragma once

#include <QFlags>
#include <QList>
#include <QString>

namespace sessionscope {

class EntityType;

enum class RelationshipKind : quint8 {
    ManyToOne, // a reference; the foreign key is on this entity
    OneToMany, // a collection; the foreign key is on the target
};

enum class CascadeOption : quint8 {
    SaveUpdate = 0x1,
    Merge = 0x2,
    Delete = 0x4,
    DeleteOrphan = 0x8,
    Expunge = 0x10,       // implied by "all"
    RefreshExpire = 0x20, // implied by "all"
};
Q_DECLARE_FLAGS(Cascade, CascadeOption)
Q_DECLARE_OPERATORS_FOR_FLAGS(Cascade)

// SQLAlchemy's default cascade for a relationship.
inline constexpr Cascade kDefaultCascade =
    Cascade(CascadeOption::SaveUpdate) | CascadeOption::Merge;

QString cascadeOptionName(CascadeOption option);
inline constexpr Cascade kAllCascade = Cascade(CascadeOption::SaveUpdate) | CascadeOption::Merge |
                                       CascadeOption::Delete | CascadeOption::Expunge |
                                       CascadeOption::RefreshExpire;

// One foreign-key column on the many side and the column it refers to on the one side.
struct ColumnPair
{
    int foreignKey = -1; // column index on the many side's entity
    int referenced = -1; // column index on the one side's entity
};

struct Relationship
{
    QString name;
    QString targetName;
    RelationshipKind kind = RelationshipKind::ManyToOne;
    QString backPopulates;
    Cascade cascade = kDefaultCascade;
    QStringList foreignKeyColumns; // explicit choice, when several columns could apply
    // SQLAlchemy's post_update: the foreign key is not written with the row but by an UPDATE
    // after the rows are saved (and nulled by one before a DELETE), so rows may form cycles.
    bool postUpdate = false;

    // Resolved by Mapping::build().
    int index = -1; // attribute index within its entity
    const EntityType *target = nullptr;
    int backIndex = -1;      // attribute index of back_populates on the target, or -1
    QList<ColumnPair> pairs; // foreign key (many side) -> referenced (one side)

    bool isCollection() const { return kind == RelationshipKind::OneToMany; }
    bool cascades(CascadeOption option) const { return cascade.testFlag(option); }
};

} // namespace sessionscope
