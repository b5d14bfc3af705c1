#include "objectpool.h"

#include "objectstate.h"

#include <algorithm>
#include <cstddef>
#include <limits>

namespace sessionscope {

ObjectPool::ObjectPool(StateContext *context, MappingPtr mapping)
    : m_mapping(std::move(mapping))
    , m_context(context)
{}

ObjectPool::~ObjectPool()
{
    forEachState([](ObjectState *state) { state->~ObjectState(); }); // before the mapping goes
}

ObjectState *ObjectPool::create(const EntityType &entity)
{
    ObjectState *state = ObjectState::create(entity, this);
    ++m_count;
    return state;
}

namespace {

// What a block holds (the state, QVariants, bit words) needs no more (objectstate.cpp checks).
constexpr size_t kBlockAlignment = 8;
#if defined(__SANITIZE_ADDRESS__)
// A block per allocation, so that AddressSanitizer sees where each object ends.
constexpr size_t kSlabBytes = 0;
#else
constexpr size_t kSlabBytes = 64 * 1024;
#endif

} // namespace

size_t ObjectPool::alignedBlockSize(const EntityType &entity)
{
    const size_t bytes = ObjectState::blockSize(entity);
    return (bytes + kBlockAlignment - 1) / kBlockAlignment * kBlockAlignment;
}

void *ObjectPool::allocateBlock(size_t bytes)
{
    // A heap allocation per object would cost a malloc call, its header and rounding; objects
    // are only freed with the pool, so they are cut from slabs in creation order instead.
    bytes = (bytes + kBlockAlignment - 1) / kBlockAlignment * kBlockAlignment;
    if (m_slabs.empty() || bytes > m_slabs.back().size - m_slabs.back().used) {
        const size_t size = std::max(kSlabBytes, bytes);
        m_slabs.push_back(Slab{std::unique_ptr<std::byte[]>(new std::byte[size]), 0, size});
    }
    Slab &slab = m_slabs.back();
    void *block = slab.memory.get() + slab.used;
    slab.used += bytes;
    return block;
}

namespace {

// Small blocks: a size class per multiple of 8 bytes up to 4 KiB (a block holds its free-list
// link, so 8 at least); anything larger goes to the heap.
constexpr size_t kLargestSmallBlock = 4096;

size_t smallClass(size_t bytes)
{
    return (std::max<size_t>(bytes, 8) + 7) / 8;
}

} // namespace

void *ObjectPool::allocateSmall(size_t bytes)
{
#if defined(__SANITIZE_ADDRESS__)
    return ::operator new(bytes); // each its own, for AddressSanitizer to see
#else
    if (bytes > kLargestSmallBlock)
        return ::operator new(bytes);
    const size_t sizeClass = smallClass(bytes);
    if (sizeClass < m_smallFree.size() && m_smallFree[sizeClass]) {
        void *block = m_smallFree[sizeClass];
        m_smallFree[sizeClass] = *static_cast<void **>(block);
        return block;
    }
    const size_t size = sizeClass * 8;
    if (m_smallSlabs.empty() || size > m_smallSlabs.back().size - m_smallSlabs.back().used)
        m_smallSlabs.push_back(
            Slab{std::unique_ptr<std::byte[]>(new std::byte[kSlabBytes]), 0, kSlabBytes});
    Slab &slab = m_smallSlabs.back();
    void *block = slab.memory.get() + slab.used;
    slab.used += size;
    return block;
#endif
}

void ObjectPool::releaseSmall(void *memory, size_t bytes)
{
#if defined(__SANITIZE_ADDRESS__)
    Q_UNUSED(bytes);
    ::operator delete(memory);
#else
    if (bytes > kLargestSmallBlock) {
        ::operator delete(memory);
        return;
    }
    const size_t sizeClass = smallClass(bytes);
    if (sizeClass >= m_smallFree.size())
        m_smallFree.resize(sizeClass + 1, nullptr);
    *static_cast<void **>(memory) = m_smallFree[sizeClass];
    m_smallFree[sizeClass] = memory;
#endif
}

void ObjectPool::setTracking(bool on)
{
    if (on && !m_tracking) {
        // Expiry still deferred happened before tracking: settled later, it would be recorded
        // as a change at whatever step first used the object.
        forEachState([](ObjectState *state) { state->settle(); });
        ++m_trackingEpoch;
    }
    m_tracking = on;
    if (!on) {
        for (ObjectState *state : takeTouched())
            state->clearTouched();
    }
}

bool ObjectPool::deferExpiry()
{
    Q_ASSERT(!m_tracking);
    if (m_expiryEpoch < std::numeric_limits<quint8>::max()) {
        ++m_expiryEpoch;
        return true;
    }
    // The caller now expires every held object, which settles it and so takes its epoch back
    // to zero too; objects not held defer nothing (leaving the map settles an object).
    m_expiryEpoch = 0;
    return false;
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
