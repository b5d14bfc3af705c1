#pragma once

#include "mapping/mapping.h"
#include "objectstate.h"

#include <QtGlobal>

#include <memory>
#include <vector>

namespace sessionscope {

class StateContext;

// Owns the objects a session creates or loads. Objects reference each other freely (a
// collection holds its children, each child its parent), so they are owned here rather than by
// each other; they are freed together when the session and every Object handle are gone.
// Reference-counted by its session and by handles, single-threaded like the session.
class ObjectPool
{
public:
    // The pool shares the mapping: its objects point into the entity types.
    ObjectPool(StateContext *context, MappingPtr mapping);
    ObjectPool(const ObjectPool &) = delete;
    ObjectPool &operator=(const ObjectPool &) = delete;

    ObjectState *create(const EntityType &entity);
    // Memory for one object's block (ObjectState::create()): cut from large slabs, freed only
    // with the pool, like the objects themselves. Aligned to 8 bytes, what a block needs.
    void *allocateBlock(size_t bytes);
    // Room for `count` more objects of `entity` in one slab, for a query that is about to make
    // them. Above 2 MiB that slab is mapped on its own, aligned to 2 MiB and advised to be
    // backed by huge pages (on Linux): a fault per 2 MiB instead of per 4 KiB page was a fifth of
    // loading 100k objects. Objects not made after all are the next ones' room.
    void reserveBlocks(const EntityType &entity, qsizetype count);
    // For making objects whose number is not known in advance (a load that reads rows until
    // the last). While a Growth lasts, each slab the pool starts is about as large as all
    // those it started before during the Growth: 64 KiB ones first, then, once they add up to
    // 512 KiB, slabs of 2 MiB and more mapped like reserveBlocks()'s. Ending it gives back the
    // pages of the last slab that no block has taken.
    class Growth
    {
    public:
        explicit Growth(ObjectPool &pool);
        ~Growth();
        Growth(const Growth &) = delete;
        Growth &operator=(const Growth &) = delete;

    private:
        ObjectPool &m_pool;
    };
    // Bytes of slabs mapped on their own by all pools, which the heap's own statistics miss.
    static qint64 mappedBytes();
    // On request, such slabs outlive their pool: given back, they are kept (up to the limit, in
    // all) for the next pools' reservations and growths to take, instead of mapping fresh
    // memory that the kernel must zero, which a program making and dropping large sessions
    // one after the other gains from. The limit is 0 (nothing kept) unless the program sets
    // one: memory a session keeps once it is gone is the program's choice. Lowering it gives
    // back what is kept beyond it. Bytes kept, and giving them back to the system now.
    static void setSlabCacheLimit(qint64 bytes);
    static qint64 slabCacheLimit();
    static qint64 cachedBytes();
    static void releaseCachedSlabs();
    // Memory for what changed objects allocate and free again (their originals), recycled
    // within the pool: a flush frees what the changes before it allocated, and the next changes
    // take it again, without a malloc and free per object. Blocks up to 4 KiB come in size
    // classes of 8 bytes, with a free list per class, from slabs of their own; they are kept
    // until the pool goes, like the objects. Aligned to 8 bytes.
    void *allocateSmall(size_t bytes);
    void releaseSmall(void *memory, size_t bytes);
    // Every object, in creation order, without a list of them: the slabs are walked block by
    // block (a block's size follows from its entity).
    template<typename F>
    void forEachState(F &&f) const
    {
        const EntityType *entity = nullptr; // objects of one entity usually come in runs
        size_t blockBytes = 0;
        for (const Slab &slab : m_slabs) {
            for (size_t offset = 0; offset < slab.used;) {
                auto *state = reinterpret_cast<ObjectState *>(slab.memory.get() + offset);
                if (&state->entity() != entity) {
                    entity = &state->entity();
                    blockBytes = alignedBlockSize(*entity);
                }
                offset += blockBytes;
                f(state);
            }
        }
    }

    // The session this pool belongs to; null once the session is destroyed.
    StateContext *context() const { return m_context; }
    void setContext(StateContext *context) { m_context = context; }

    void retain() { ++m_refs; }
    void release();

    quint64 nextInsertOrder() { return ++m_insertCounter; }
    qsizetype size() const { return m_count; }

    // Change tracking for a recorder: while on, objects that change visibly are collected until
    // takeTouched() hands them over; the taker reads what each one says was touched
    // (ObjectState::isAttributeTouched(), ...) and then calls its clearTouched().
    void setTracking(bool on);
    bool isTracking() const { return m_tracking; }
    // Changes each time tracking starts, so ids a previous recorder gave objects lapse.
    quint32 trackingEpoch() const { return m_trackingEpoch; }
    void recordTouched(ObjectState *state) { m_touched.push_back(state); }
    std::vector<ObjectState *> takeTouched();

    // Expiring every object the identity map holds without visiting them, as a commit does:
    // the epoch advances, and each held object whose own epoch lags applies the expiry when it
    // is next used (ObjectState::settle()). Returns false, deferring nothing, once the epoch
    // would wrap: it starts again from zero, and the caller expires each held object itself.
    // While tracking, whoever tracks (a recorder) settles the objects as it is told of the
    // expiry, so that each is touched at that step.
    bool deferExpiry();
    quint8 expiryEpoch() const { return m_expiryEpoch; }

private:
    struct SlabRelease
    {
        size_t mappedBytes = 0; // a mapping of this size, else from operator new[]
        void operator()(std::byte *memory) const;
    };
    struct Slab
    {
        std::unique_ptr<std::byte[], SlabRelease> memory;
        size_t used; // cut into blocks so far, from the start
        size_t size;
    };
    ~ObjectPool();
    static size_t alignedBlockSize(const EntityType &entity);
    // Starts the slab the next block of `bytes` comes from.
    void addSlab(size_t bytes);
    // A mapped slab: a kept one of `minimum` to `maximum` bytes, else a new one of `wanted`.
    // Its size, or 0 when there is none (then an ordinary one does).
    size_t addMappedSlab(size_t minimum, size_t wanted, size_t maximum);
    void releaseUnusedMapping();

    MappingPtr m_mapping;
    std::vector<Slab> m_slabs; // new blocks come from the last one's unused end
    qsizetype m_count = 0;
    std::vector<Slab> m_smallSlabs;  // allocateSmall()'s, likewise
    std::vector<void *> m_smallFree; // per size class: a list linked through the blocks
    StateContext *m_context;
    std::vector<ObjectState *> m_touched;
    quint64 m_insertCounter = 0;
    int m_refs = 0;
    bool m_tracking = false;
    quint8 m_expiryEpoch = 0;
    quint32 m_trackingEpoch = 0;
    qsizetype m_growths = 0; // Growth objects alive
    size_t m_grownBytes = 0; // slab bytes started during them
};

inline void ObjectState::settle() const
{
    if (m_inIdentityMap && m_expiryEpoch != m_pool->expiryEpoch()) [[unlikely]]
        const_cast<ObjectState *>(this)->applyDeferredExpiry(); // changes nothing one can see
}

inline void ObjectState::touch()
{
    if (m_pool->isTracking()) [[unlikely]]
        recordTouch(kAllSlots);
}

inline void ObjectState::touchFields()
{
    if (m_pool->isTracking()) [[unlikely]]
        recordTouch(kFields);
}

inline void ObjectState::touchAttribute(int slot)
{
    if (m_pool->isTracking()) [[unlikely]]
        recordTouch(slot);
}

} // namespace sessionscope
