#pragma once

#include "attributebits.h"
#include "mapping/entitytype.h"
#include "objectkey.h"

#include <QList>
#include <QMetaType>
#include <QVariant>

#include <memory>
#include <span>
#include <vector>

namespace sessionscope {

class ObjectPool;
class ObjectState;
class StateContext;

using ObjectList = QList<ObjectState *>;

// Where an object stands relative to a session and the database.
enum class Lifecycle : quint8 { Transient, Pending, Persistent, Deleted, Detached };
QString lifecycleName(Lifecycle lifecycle);

// What the committed-state record holds for an attribute changed since the last flush or load:
// its previous value, or a marker that there was none to compare against.
enum class OriginalKind : quint8 {
    Value,    // `value` is the previous value (invalid QVariant: None)
    NoValue,  // the attribute had no value (never set, or not loaded)
    NoResult, // the previous value was unknown and could not be fetched without SQL
};

struct Original
{
    int attribute = -1;
    OriginalKind kind = OriginalKind::NoValue;
    QVariant value;
};

// Appends and removals made through a backref to a collection that is not loaded. They are
// replayed on top of the collection when it loads.
struct PendingCollection
{
    ObjectList added;
    ObjectList removed;
    void append(ObjectState *object);
    void remove(ObjectState *object);
};

// The state of one mapped object, after SQLAlchemy's InstanceState: the loaded values ("dict"),
// the committed originals of what changed, which attributes are expired, the identity key, and
// the flags that place it in a lifecycle. Attribute semantics live in attributes.h; the session
// moves objects between lifecycle states.
//
// A session may hold millions of these, so the layout is kept tight: the values and the bit sets
// follow the state in the one block it is allocated in, the key is held inline, and what only
// changed or unusual objects need (originals holding values, extras) is allocated on first use.
class ObjectState
{
public:
    // The state and its values, allocated together in one block of blockSize(entity) bytes
    // from the pool's slabs (ObjectPool::create()), which owns it and destroys it.
    static ObjectState *create(const EntityType &entity, ObjectPool *pool);
    static size_t blockSize(const EntityType &entity);
    ObjectState(const ObjectState &) = delete;
    ObjectState &operator=(const ObjectState &) = delete;

    const EntityType &entity() const { return *m_entity; }
    ObjectPool *pool() const { return m_pool; }

    // The session the object is attached to (SQLAlchemy's state.session), or null.
    StateContext *session() const;
    bool isAttached() const { return m_attached; }
    Lifecycle lifecycle() const;

    // ---- identity
    bool hasIdentity() const { return !m_key.isEmpty(); }
    // Whether its session's identity map holds it (kept by IdentityMap).
    bool isInIdentityMap() const { return m_inIdentityMap; }
    const ObjectKey &key() const { return m_key; }
    void setKey(std::span<const QVariant> key)
    {
        m_key.assign(key);
        touchFields();
    }
    void setKey(ObjectKey key)
    {
        m_key = std::move(key);
        touchFields();
    }
    void clearKey()
    {
        m_key.clear();
        touchFields();
    }

    // ---- loaded values ("dict")
    bool isLoaded(int attribute) const { return loadedBits().test(attribute); }
    const QVariant &loadedValue(int attribute) const { return values()[attribute]; }
    void store(int attribute, QVariant value);
    // store() for every column at once, the values moved out of `columns` (in column order):
    // a row loaded into a fresh object.
    void storeColumns(std::span<QVariant> columns);
    // A fresh object's column values, for a load to construct in place: they hold no value
    // until then, and every column counts as loaded from now on.
    QVariant *columnsToLoad();
    void unload(int attribute);
    ObjectState *loadedReference(int attribute) const;
    ObjectList loadedCollection(int attribute) const;

    // ---- committed originals ("committed_state")
    const Original *original(int attribute) const
    {
        return noValueBits().test(attribute) ? &noValueOriginal() : findOriginal(attribute);
    }
    bool hasOriginal(int attribute) const { return original(attribute) != nullptr; }
    void setOriginal(int attribute, OriginalKind kind, QVariant value = {});
    void removeOriginal(int attribute);
    qsizetype originalCount() const;
    // Calls f(const Original &) for every original: those holding a value (or NoResult) in the
    // order they were recorded, then the NoValue ones by attribute.
    template<typename F>
    void forEachOriginal(F &&f) const
    {
        settle();
        if (m_originals) {
            for (const Original &o : m_originals->items())
                f(o);
        }
        const AttributeBits noValue = noValueBits();
        if (noValue.any()) {
            for (int a = 0; a < m_entity->attributeCount(); ++a) {
                if (noValue.test(a))
                    f(Original{a, OriginalKind::NoValue, {}});
            }
        }
    }

    // ---- expiry (composites count after the attributes: compositeSlot())
    bool isExpired(int attribute) const { return expiredBits().test(attribute); }
    int compositeSlot(int composite) const { return m_entity->attributeCount() + composite; }
    bool hasExpiredAttributes() const { return expiredBits().any(); }
    bool isFullyExpired() const
    {
        settle();
        return m_fullyExpired;
    }

    // ---- flags
    bool isModified() const
    {
        settle();
        return m_modified;
    }
    bool isDeletedFlag() const { return m_deleted; }
    void setDeletedFlag(bool deleted)
    {
        m_deleted = deleted;
        touchFields();
    }
    quint64 insertOrder() const { return m_insertOrder; }
    void setInsertOrder(quint64 order) { m_insertOrder = order; }
    bool orphanedOutsideOfSession() const { return m_orphanedOutsideOfSession; }
    void setOrphanedOutsideOfSession(bool on) { m_orphanedOutsideOfSession = on; }

    // Attributes with no value and no pending change (SQLAlchemy's state.unloaded).
    bool isUnloaded(int attribute) const { return !isLoaded(attribute) && !hasOriginal(attribute); }
    // Attributes with no uncommitted change (state.unmodified).
    bool isUnmodified(int attribute) const { return !hasOriginal(attribute); }

    // ---- state transitions shared by loading, flushing and expiry
    // Records that `attribute` is about to change from `previous`; marks the object modified.
    void modifiedEvent(int attribute, OriginalKind previousKind, const QVariant &previous,
                       bool collection);
    // Marks the object modified without an attribute (flag_dirty).
    void modifiedEvent();
    // The given attributes now hold database values (a partial load).
    void commit(const QList<int> &attributes);
    // Everything now matches the database (after flush or a full load).
    void commitAll();
    // Forgets every loaded value; all attributes load again on access.
    void expire();
    // Forgets the given attributes' values.
    void expireAttributes(const QList<int> &attributes);
    // A load of the expired attributes finished (successfully or not).
    void clearExpired()
    {
        expiredBits().clear();
        touchFields();
    }

    // ---- parent tracking for delete-orphan (SQLAlchemy's state.parents)
    // nullopt: never recorded; a null pointer: recorded as having no parent.
    std::optional<ObjectState *> parentVia(const Relationship *collection) const;
    void setParentVia(const Relationship *collection, ObjectState *parent);
    bool hasParent(const Relationship *collection, bool optimistic) const;

    // ---- backref changes to unloaded collections
    PendingCollection &pendingCollection(int attribute);
    std::optional<PendingCollection> takePendingCollection(int attribute);
    bool hasPendingCollection(int attribute) const;

    // ---- composite values, cached the way SQLAlchemy keeps them in the instance dict
    // Null when not cached; otherwise a QVariantList of the fields, or an invalid QVariant (None).
    const QVariant *cachedComposite(int composite) const;
    void cacheComposite(int composite, QVariant values);
    void dropComposite(int composite);
    void dropComposites();
    // Drops the composites that span any of these columns.
    void dropCompositesOver(const QList<int> &columns);

    // ---- session bookkeeping
    void setAttached(bool attached);
    // Registered with the flush under way, to save or to delete (kept by its unit of work, which
    // clears it when done: one flush at a time per session).
    bool isRegisteredForFlush() const { return m_registeredForFlush; }
    bool isRegisteredAsDelete() const { return m_registeredAsDelete; }
    void setFlushRegistration(bool registered, bool asDelete)
    {
        m_registeredForFlush = registered;
        m_registeredAsDelete = registered && asDelete;
    }
    bool isTrackedModified() const
    {
        settle();
        return m_trackedModified;
    }
    void setTrackedModified(bool tracked)
    {
        settle();
        m_trackedModified = tracked;
    }

    // Handles (Object) referring to this state; see ObjectPool.
    int handleCount() const { return m_handles; }

    // Expiry deferred by the pool (ObjectPool::deferExpiry()): an object the identity map held
    // when it happened applies it before anything reads or changes its attributes, History,
    // flags or extras, so that nobody sees the difference. Every accessor calls settle(); so do
    // the public functions that read members directly. An observer told of a deferred expiry
    // calls it to see the object touched now.
    void settle() const; // inline in objectpool.h, which this header includes at its end

    // Something visible about the object changed. Each costs a flag test (inline, in
    // objectpool.h) unless the pool tracks changes for a recorder, which then rewrites what was
    // touched:
    void touch();                  // anything, attributes included
    void touchFields();            // lifecycle, key, flags, expired list or set membership
    void touchAttribute(int slot); // one attribute's value or History (composites: compositeSlot)
    bool isTouched() const { return m_touched; }
    bool fieldsTouched() const { return m_touchedFields; }
    bool allAttributesTouched() const { return m_touchedAll; }
    bool isAttributeTouched(int slot) const { return touchedBits().test(slot); }
    void clearTouched();
    // The id the pool's current recorder gave the object (0: none yet).
    int traceId() const;
    void setTraceId(int id);

private:
    friend class Object;
    friend class IdentityMap; // keeps m_inIdentityMap, m_markedModified and m_inModifiedList
    friend class ObjectPool;  // destroys what it created
    ObjectState(const EntityType &entity, ObjectPool *pool);
    ~ObjectState();
    struct ParentLink
    {
        const Relationship *collection;
        ObjectState *parent; // null: recorded as "no parent"
    };
    struct Extras
    {
        std::vector<ParentLink> parents;
        std::vector<std::pair<int, PendingCollection>> pending;
        std::vector<std::pair<int, QVariant>> composites;
    };
    Extras &extras();

    // The originals that hold a value, allocated (from the pool) with a header on the first
    // change. Assigning an attribute that had no value is the usual change of a new object; it
    // costs a bit (noValueBits()) instead of an entry here.
    struct OriginalStore
    {
        quint32 count = 0;
        quint32 capacity = 0;
        Original *data() { return reinterpret_cast<Original *>(this + 1); }
        std::span<Original> items() { return {data(), count}; }
        static OriginalStore *allocate(ObjectPool &pool, quint32 capacity);
        static void free(ObjectPool &pool, OriginalStore *store);
    };
    static const Original &noValueOriginal();

    // The block: this state, then one QVariant per attribute, then the loaded, expired, touched
    // and no-value-original sets (m_bitWords words each; expired and touched count composites).
    // What a touch records while the pool tracks: an attribute slot, or all of them, or the
    // fields.
    static constexpr int kAllSlots = -1;
    static constexpr int kFields = -2;
    void recordTouch(int slot);
    void applyDeferredExpiry();
    void joinExpiryEpoch(); // entering the identity map: expiry deferred before does not apply

    static constexpr size_t valuesOffset()
    {
        return (sizeof(ObjectState) + alignof(QVariant) - 1) / alignof(QVariant) *
               alignof(QVariant);
    }
    QVariant *values() const
    {
        settle();
        return rawValues();
    }
    quint64 *bitWords() const
    {
        settle();
        return reinterpret_cast<quint64 *>(rawValues() + m_entity->attributeCount());
    }
    // Without settling: for creating and destroying the block.
    QVariant *rawValues() const
    {
        return reinterpret_cast<QVariant *>(
            reinterpret_cast<char *>(const_cast<ObjectState *>(this)) + valuesOffset());
    }
    AttributeBits loadedBits() const { return {bitWords(), m_bitWords}; }
    AttributeBits expiredBits() const { return {bitWords() + m_bitWords, m_bitWords}; }
    AttributeBits touchedBits() const { return {bitWords() + 2 * m_bitWords, m_bitWords}; }
    AttributeBits noValueBits() const { return {bitWords() + 3 * m_bitWords, m_bitWords}; }
    static constexpr int kBitSets = 4;
    Original *findOriginal(int attribute) const;
    void clearOriginals();

    const EntityType *m_entity;
    ObjectPool *m_pool;
    OriginalStore *m_originals = nullptr;
    ObjectKey m_key;
    std::unique_ptr<Extras> m_extras;
    quint64 m_insertOrder = 0;
    int m_handles = 0;
    quint32 m_traceEpoch = 0; // ObjectPool::trackingEpoch() when m_traceId was given
    int m_traceId = 0;
    quint8 m_bitWords;
    quint8 m_expiryEpoch = 0; // ObjectPool::expiryEpoch() this object's attributes reflect
    bool m_attached : 1 = false;
    bool m_modified : 1 = false;
    bool m_trackedModified : 1 = false; // SQLAlchemy's _strong_obj: registered as modified
    bool m_deleted : 1 = false;
    bool m_fullyExpired : 1 = false;
    bool m_orphanedOutsideOfSession : 1 = false;
    bool m_touched : 1 = false;
    bool m_touchedFields : 1 = false;
    bool m_touchedAll : 1 = false;
    bool m_inIdentityMap : 1 = false;  // held by its session's identity map under its key
    bool m_markedModified : 1 = false; // in the identity map's dirty list (kept by IdentityMap)
    bool m_inModifiedList : 1 = false; // an entry of that list, marked or left as a hole
    bool m_registeredForFlush : 1 = false;
    bool m_registeredAsDelete : 1 = false;
};

// "User#1" for an object with an identity, "User (pending)" otherwise: for messages.
QString describeObject(const ObjectState &state);

inline QVariant referenceValue(ObjectState *object)
{
    return object ? QVariant::fromValue(object) : QVariant();
}

} // namespace sessionscope

Q_DECLARE_METATYPE(sessionscope::ObjectState *)
Q_DECLARE_METATYPE(sessionscope::ObjectList)

#include "objectpool.h" // ObjectState::settle() reads the pool's expiry epoch
