#include "objectpool.h"

#include "objectstate.h"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <limits>
#include <mutex>

#if defined(__linux__) && !defined(__SANITIZE_ADDRESS__)
#include <sys/mman.h>
#define SESSIONSCOPE_HUGE_SLABS 1
#endif

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
constexpr size_t kHugePageBytes = size_t(2) << 20;
constexpr size_t kPageBytes = 4096;
// A Growth maps slabs (whole huge pages) once its ordinary ones add up to this much: a small
// load keeps to the heap, a large one faults once per huge page.
constexpr size_t kGrowthMappedFrom = 512 * 1024;

std::atomic<qint64> g_mappedBytes{0};

#if defined(SESSIONSCOPE_HUGE_SLABS)
// `bytes` (a multiple of the page size) starting at a multiple of kHugePageBytes, or null.
std::byte *mapHugeAligned(size_t bytes)
{
    // Map enough to find an aligned start in, then give back what lies before and after it.
    const size_t span = bytes + kHugePageBytes;
    void *mapped = mmap(nullptr, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mapped == MAP_FAILED)
        return nullptr;
    auto *begin = static_cast<std::byte *>(mapped);
    const size_t lead =
        (kHugePageBytes - reinterpret_cast<quintptr>(begin) % kHugePageBytes) % kHugePageBytes;
    if (lead > 0)
        munmap(begin, lead);
    if (span - lead - bytes > 0)
        munmap(begin + lead + bytes, span - lead - bytes);
    madvise(begin + lead, bytes, MADV_HUGEPAGE); // only advice: without it, 4 KiB pages
    return begin + lead;
}

// Mapped slabs that pools gave back, kept for the pools after them up to a limit in all (none
// unless the program sets one).
// The kernel zeroes a fresh mapping as it is first touched, which was a tenth of loading 100k
// objects; a kept slab is only written over. Pools live on any thread: one lock, taken once
// per slab. Never destroyed, so that pools outliving static destruction can still give back.
class SlabCache
{
public:
    static SlabCache &instance()
    {
        static auto *cache = new SlabCache;
        return *cache;
    }

    // Keeps `memory` (a mapping of `bytes`), unless that would pass the limit: then false, and
    // the caller unmaps it.
    bool keep(std::byte *memory, size_t bytes)
    {
        const std::lock_guard lock(m_mutex);
        if (m_bytes + bytes > m_limit)
            return false;
        m_slabs.push_back({memory, bytes});
        m_bytes += bytes;
        return true;
    }

    // A kept slab of `minimum` to `maximum` bytes, the closest to `wanted` (its size in
    // `bytes`), or null.
    std::byte *take(size_t minimum, size_t wanted, size_t maximum, size_t &bytes)
    {
        const std::lock_guard lock(m_mutex);
        const auto distance = [wanted](const Kept &k) {
            return k.bytes > wanted ? k.bytes - wanted : wanted - k.bytes;
        };
        auto best = m_slabs.end();
        for (auto it = m_slabs.begin(); it != m_slabs.end(); ++it) {
            if (it->bytes >= minimum && it->bytes <= maximum &&
                (best == m_slabs.end() || distance(*it) < distance(*best)))
                best = it;
        }
        if (best == m_slabs.end())
            return nullptr;
        std::byte *memory = best->memory;
        bytes = best->bytes;
        m_bytes -= bytes;
        m_slabs.erase(best);
        return memory;
    }

    qint64 bytes()
    {
        const std::lock_guard lock(m_mutex);
        return qint64(m_bytes);
    }

    void clear() { setLimit(0, true); }

    size_t limit()
    {
        const std::lock_guard lock(m_mutex);
        return m_limit;
    }

    // Unmaps what is kept beyond the new limit (everything with `all`).
    void setLimit(size_t limit, bool all = false)
    {
        const std::lock_guard lock(m_mutex);
        if (!all)
            m_limit = limit;
        while (!m_slabs.empty() && (all || m_bytes > m_limit)) {
            munmap(m_slabs.back().memory, m_slabs.back().bytes);
            m_bytes -= m_slabs.back().bytes;
            m_slabs.pop_back();
        }
    }

private:
    struct Kept
    {
        std::byte *memory;
        size_t bytes;
    };
    std::mutex m_mutex;
    std::vector<Kept> m_slabs;
    size_t m_bytes = 0;
    size_t m_limit = 0;
};
#endif

} // namespace

size_t ObjectPool::alignedBlockSize(const EntityType &entity)
{
    const size_t bytes = ObjectState::blockSize(entity);
    return (bytes + kBlockAlignment - 1) / kBlockAlignment * kBlockAlignment;
}

void ObjectPool::SlabRelease::operator()(std::byte *memory) const
{
#if defined(SESSIONSCOPE_HUGE_SLABS)
    if (mappedBytes > 0) {
        g_mappedBytes -= qint64(mappedBytes);
        if (!SlabCache::instance().keep(memory, mappedBytes))
            munmap(memory, mappedBytes);
        return;
    }
#endif
    delete[] memory;
}

qint64 ObjectPool::mappedBytes()
{
    return g_mappedBytes.load();
}

qint64 ObjectPool::cachedBytes()
{
#if defined(SESSIONSCOPE_HUGE_SLABS)
    return SlabCache::instance().bytes();
#else
    return 0;
#endif
}

void ObjectPool::setSlabCacheLimit(qint64 bytes)
{
#if defined(SESSIONSCOPE_HUGE_SLABS)
    SlabCache::instance().setLimit(size_t(std::max<qint64>(bytes, 0)));
#else
    Q_UNUSED(bytes);
#endif
}

qint64 ObjectPool::slabCacheLimit()
{
#if defined(SESSIONSCOPE_HUGE_SLABS)
    return qint64(SlabCache::instance().limit());
#else
    return 0;
#endif
}

void ObjectPool::releaseCachedSlabs()
{
#if defined(SESSIONSCOPE_HUGE_SLABS)
    SlabCache::instance().clear();
#endif
}

void ObjectPool::reserveBlocks(const EntityType &entity, qsizetype count)
{
#if defined(SESSIONSCOPE_HUGE_SLABS)
    const size_t bytes = alignedBlockSize(entity) * size_t(std::max<qsizetype>(count, 0));
    if (bytes < kHugePageBytes ||
        (!m_slabs.empty() && bytes <= m_slabs.back().size - m_slabs.back().used))
        return;
    const size_t size = (bytes + kPageBytes - 1) / kPageBytes * kPageBytes;
    // What the last slab has left stays unused: blocks are cut from the last slab only.
    // Without a mapping, blocks come from ordinary slabs instead.
    addMappedSlab(size, size, size + size / 8);
#else
    Q_UNUSED(entity);
    Q_UNUSED(count);
#endif
}

void *ObjectPool::allocateBlock(size_t bytes)
{
    // A heap allocation per object would cost a malloc call, its header and rounding; objects
    // are only freed with the pool, so they are cut from slabs in creation order instead.
    bytes = (bytes + kBlockAlignment - 1) / kBlockAlignment * kBlockAlignment;
    if (m_slabs.empty() || bytes > m_slabs.back().size - m_slabs.back().used) [[unlikely]]
        addSlab(bytes);
    Slab &slab = m_slabs.back();
    void *block = slab.memory.get() + slab.used;
    slab.used += bytes;
    return block;
}

void ObjectPool::addSlab(size_t bytes)
{
    if (m_growths > 0 && m_grownBytes >= kGrowthMappedFrom) {
        // As much again as the growth has taken so far, in whole huge pages.
        const size_t wanted = std::max(m_grownBytes, bytes);
        const size_t size = (wanted + kHugePageBytes - 1) / kHugePageBytes * kHugePageBytes;
        // A kept slab up to twice that size does as well, the closest in size first: one
        // smaller than asked for is no fault and no zeroing, and the growth goes on after it
        // (a load's last slab, trimmed to what it used, is what the same load takes next).
        if (const size_t added = addMappedSlab(bytes, size, 2 * size)) {
            m_grownBytes += added;
            return;
        }
    }
    const size_t size = std::max(kSlabBytes, bytes);
    m_slabs.push_back(Slab{{new std::byte[size], SlabRelease{}}, 0, size});
    if (m_growths > 0)
        m_grownBytes += size;
}

size_t ObjectPool::addMappedSlab(size_t minimum, size_t wanted, size_t maximum)
{
#if defined(SESSIONSCOPE_HUGE_SLABS)
    size_t bytes = 0;
    std::byte *memory = SlabCache::instance().take(minimum, wanted, maximum, bytes);
    if (!memory) {
        bytes = wanted;
        memory = mapHugeAligned(bytes);
        if (!memory)
            return 0;
    }
    g_mappedBytes += qint64(bytes);
    m_slabs.push_back(Slab{{memory, SlabRelease{bytes}}, 0, bytes});
    return bytes;
#else
    Q_UNUSED(minimum);
    Q_UNUSED(wanted);
    Q_UNUSED(maximum);
    return 0;
#endif
}

void ObjectPool::releaseUnusedMapping()
{
#if defined(SESSIONSCOPE_HUGE_SLABS)
    if (m_slabs.empty() || m_slabs.back().memory.get_deleter().mappedBytes == 0)
        return;
    Slab &slab = m_slabs.back();
    if (slab.used == 0) {
        m_slabs.pop_back(); // unmapped by its deleter
        return;
    }
    const size_t kept = (slab.used + kPageBytes - 1) / kPageBytes * kPageBytes;
    if (kept >= slab.size)
        return;
    munmap(slab.memory.get() + kept, slab.size - kept);
    g_mappedBytes -= qint64(slab.size - kept);
    slab.size = kept;
    slab.memory.get_deleter().mappedBytes = kept;
#endif
}

ObjectPool::Growth::Growth(ObjectPool &pool)
    : m_pool(pool)
{
    if (m_pool.m_growths++ == 0)
        m_pool.m_grownBytes = 0;
}

ObjectPool::Growth::~Growth()
{
    if (--m_pool.m_growths == 0)
        m_pool.releaseUnusedMapping();
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
        m_smallSlabs.push_back(Slab{{new std::byte[kSlabBytes], SlabRelease{}}, 0, kSlabBytes});
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
