#pragma once

#include <QVariant>

namespace sessionscope {

class EntityType;
class ObjectState;

enum class AttributeOp : quint8 {
    Replace,     // a scalar or reference was assigned
    Append,      // an object joined a collection
    Remove,      // an object left a collection (or a reference was cleared)
    BulkReplace, // a collection was assigned whole
    Modified,    // flag_modified / an in-place change
};

// Identifies which attribute operation started a chain of changes. Back-populating pairs pass
// it along so each side changes exactly once (SQLAlchemy's attribute "initiator" tokens).
struct Initiator
{
    const EntityType *entity = nullptr;
    int attribute = -1;
    AttributeOp op = AttributeOp::Replace;

    bool isValid() const { return entity != nullptr; }
    friend bool operator==(const Initiator &, const Initiator &) = default;
};

struct AttributeEvent
{
    ObjectState *object = nullptr;
    int attribute = -1;
    AttributeOp op = AttributeOp::Replace;
    QVariant value;    // the new value, or the object appended / removed
    QVariant oldValue; // for Replace: the previous value when it was known
    bool oldValueKnown = false;
    Initiator initiator; // what started it; differs from this attribute for backref changes
};

} // namespace sessionscope
