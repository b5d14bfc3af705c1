#pragma once

#include <QVariantList>

namespace sessionscope {

// The change of one attribute since it was last loaded or flushed, SQLAlchemy's History.
// Column values are canonical QVariants; references and collection members are
// QVariant(ObjectState *), None is an invalid QVariant.
struct History
{
    QVariantList added;
    QVariantList unchanged;
    QVariantList deleted;

    bool isEmpty() const { return added.isEmpty() && unchanged.isEmpty() && deleted.isEmpty(); }
    bool hasChanges() const { return !added.isEmpty() || !deleted.isEmpty(); }
    QVariantList sum() const { return added + unchanged + deleted; }
    QVariantList nonDeleted() const { return added + unchanged; }
};

} // namespace sessionscope
