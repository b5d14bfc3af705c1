#include "objectpool.h"

#include "objectstate.h"

namespace sessionscope {

ObjectPool::ObjectPool(StateContext *context, MappingPtr mapping)
    : m_mapping(std::move(mapping))
    , m_context(context)
{}

ObjectPool::~ObjectPool()
{
    m_states.clear(); // before the mapping they point into
}

ObjectState *ObjectPool::create(const EntityType &entity)
{
    m_states.push_back(ObjectState::create(entity, this));
    return m_states.back().get();
}

void ObjectPool::setTracking(bool on)
{
    if (on && !m_tracking)
        ++m_trackingEpoch;
    m_tracking = on;
    if (!on) {
        for (ObjectState *state : takeTouched())
            state->clearTouched();
    }
}

std::vector<ObjectState *> ObjectPool::takeTouched()
{
    std::vector<ObjectState *> touched;
    touched.swap(m_touched);
    return touched;
}

void ObjectPool::release()
{
    Q_ASSERT(m_refs > 0);
    if (--m_refs == 0)
        delete this;
}

} // namespace sessionscope
