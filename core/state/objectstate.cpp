#include "objectstate.h"

#include "objectpool.h"
#include "statecontext.h"

#include <algorithm>
#include <limits>
#include <memory>
#include <new>
#include <stdexcept>

namespace sessionscope {

QString lifecycleName(Lifecycle lifecycle)
{
    switch (lifecycle) {
    case Lifecycle::Transient:
        return QStringLiteral("transient");
    case Lifecycle::Pending:
        return QStringLiteral("pending");
    case Lifecycle::Persistent:
        return QStringLiteral("persistent");
    case Lifecycle::Deleted:
        return QStringLiteral("deleted");
    case Lifecycle::Detached:
        return QStringLiteral("detached");
    }
    return {};
}

QString describeObject(const ObjectState &state)
{
    QString text = state.entity().name();
    if (!state.hasIdentity())
        return text + QStringLiteral(" (%1)").arg(lifecycleName(state.lifecycle()));
    QStringList parts;
    for (const QVariant &v : state.key().toList())
        parts.append(v.toString());
    return text + u'#' + parts.join(u',');
}

void PendingCollection::append(ObjectState *object)
{
    if (removed.removeOne(object))
        return;
    if (!added.contains(object))
        added.append(object);
}

void PendingCollection::remove(ObjectState *object)
{
    if (added.removeOne(object))
        return;
    if (!removed.contains(object))
        removed.append(object);
}

// Every byte here is paid per object: keep the state within 72 bytes.
static_assert(sizeof(void *) != 8 || sizeof(ObjectState) <= 72, "ObjectState grew");
static_assert(alignof(ObjectState) <= 8 && alignof(QVariant) <= 8 && alignof(quint64) <= 8,
              "ObjectPool::allocateBlock() aligns blocks to 8 bytes");

namespace {

int bitWordsFor(const EntityType &entity)
{
    // Expiry and touches count composites too.
    return AttributeBits::wordsFor(entity.attributeCount() + int(entity.composites().size()));
}

} // namespace

size_t ObjectState::blockSize(const EntityType &entity)
{
    return valuesOffset() + size_t(entity.attributeCount()) * sizeof(QVariant) +
           kBitSets * size_t(bitWordsFor(entity)) * sizeof(quint64);
}

ObjectState *ObjectState::create(const EntityType &entity, ObjectPool *pool)
{
    const int words = bitWordsFor(entity);
    static_assert(AttributeBits::wordsFor(EntityType::kMaxSlots) <=
                  std::numeric_limits<decltype(m_bitWords)>::max());
    if (words > std::numeric_limits<decltype(m_bitWords)>::max()) // the mapping refuses these
        throw std::length_error("too many attributes in one entity");
    void *block = pool->allocateBlock(blockSize(entity));
    auto *state = ::new (block) ObjectState(entity, pool); // nothrow: members only
    state->m_bitWords = quint8(words);
    std::uninitialized_default_construct_n(state->rawValues(), size_t(entity.attributeCount()));
    std::uninitialized_fill_n(state->bitWords(), kBitSets * size_t(words), quint64(0));
    return state;
}

ObjectState::ObjectState(const EntityType &entity, ObjectPool *pool)
    : m_entity(&entity)
    , m_pool(pool)
    , m_bitWords(0)
{}

ObjectState::~ObjectState()
{
    OriginalStore::free(*m_pool, m_originals);
    std::destroy_n(rawValues(), size_t(m_entity->attributeCount()));
}

void ObjectState::applyDeferredExpiry()
{
    m_expiryEpoch = m_pool->expiryEpoch(); // first: expire() settles too
    expire();
}

void ObjectState::joinExpiryEpoch()
{
    m_expiryEpoch = m_pool->expiryEpoch();
}

StateContext *ObjectState::session() const
{
    return m_attached ? m_pool->context() : nullptr;
}

Lifecycle ObjectState::lifecycle() const
{
    if (!hasIdentity())
        return m_attached ? Lifecycle::Pending : Lifecycle::Transient;
    if (!m_attached)
        return Lifecycle::Detached;
    return m_deleted ? Lifecycle::Deleted : Lifecycle::Persistent;
}

void ObjectState::store(int attribute, QVariant value)
{
    touchAttribute(attribute);
    values()[attribute] = std::move(value);
    loadedBits().set(attribute);
}

void ObjectState::storeColumns(std::span<QVariant> columns)
{
    Q_ASSERT(columns.size() == size_t(m_entity->columnCount()));
    QVariant *value = columnsToLoad();
    for (size_t c = 0; c < columns.size(); ++c)
        value[c].swap(columns[c]); // the null that was here goes with the row
}

QVariant *ObjectState::columnsToLoad()
{
    const int columns = m_entity->columnCount();
    if (m_pool->isTracking()) {
        for (int c = 0; c < columns; ++c)
            touchAttribute(c);
    }
    loadedBits().fill(columns);
    QVariant *value = values();
    Q_ASSERT(std::none_of(value, value + columns, [](const QVariant &v) { return v.isValid(); }));
    return value;
}

void ObjectState::unload(int attribute)
{
    touchAttribute(attribute);
    values()[attribute] = QVariant();
    loadedBits().reset(attribute);
}

ObjectState *ObjectState::loadedReference(int attribute) const
{
    const QVariant &v = values()[attribute];
    return v.isValid() ? v.value<ObjectState *>() : nullptr;
}

ObjectList ObjectState::loadedCollection(int attribute) const
{
    const QVariant &v = values()[attribute];
    return v.isValid() ? v.value<ObjectList>() : ObjectList();
}

ObjectState::OriginalStore *ObjectState::OriginalStore::allocate(ObjectPool &pool, quint32 capacity)
{
    static_assert(sizeof(OriginalStore) % alignof(Original) == 0, "originals follow their header");
    static_assert(alignof(Original) <= 8, "ObjectPool::allocateSmall() aligns to 8 bytes");
    void *memory = pool.allocateSmall(sizeof(OriginalStore) + size_t(capacity) * sizeof(Original));
    auto *store = ::new (memory) OriginalStore;
    store->capacity = capacity;
    return store;
}

void ObjectState::OriginalStore::free(ObjectPool &pool, OriginalStore *store)
{
    if (!store)
        return;
    const size_t bytes = sizeof(OriginalStore) + size_t(store->capacity) * sizeof(Original);
    std::destroy_n(store->data(), store->count);
    store->~OriginalStore();
    pool.releaseSmall(store, bytes);
}

const Original &ObjectState::noValueOriginal()
{
    static const Original noValue{-1, OriginalKind::NoValue, {}};
    return noValue;
}

Original *ObjectState::findOriginal(int attribute) const
{
    settle();
    if (!m_originals)
        return nullptr;
    for (Original &o : m_originals->items()) {
        if (o.attribute == attribute)
            return &o;
    }
    return nullptr;
}

qsizetype ObjectState::originalCount() const
{
    settle();
    qsizetype count = m_originals ? qsizetype(m_originals->count) : 0;
    const AttributeBits noValue = noValueBits();
    for (int a = 0; noValue.any() && a < m_entity->attributeCount(); ++a)
        count += noValue.test(a);
    return count;
}

void ObjectState::setOriginal(int attribute, OriginalKind kind, QVariant value)
{
    touchAttribute(attribute);
    if (kind == OriginalKind::NoValue) {
        if (findOriginal(attribute))
            removeOriginal(attribute);
        noValueBits().set(attribute);
        return;
    }
    noValueBits().reset(attribute);
    if (Original *o = findOriginal(attribute)) {
        o->kind = kind;
        o->value = std::move(value);
        return;
    }
    if (!m_originals || m_originals->count == m_originals->capacity) {
        // A persistent object usually has one or two attributes changed at a time.
        const quint32 capacity = m_originals ? 2 * m_originals->capacity : 2;
        OriginalStore *grown = OriginalStore::allocate(*m_pool, capacity);
        if (m_originals) {
            std::uninitialized_move_n(m_originals->data(), m_originals->count, grown->data());
            grown->count = m_originals->count;
            OriginalStore::free(*m_pool, m_originals);
        }
        m_originals = grown;
    }
    ::new (m_originals->data() + m_originals->count) Original{attribute, kind, std::move(value)};
    ++m_originals->count;
}

void ObjectState::removeOriginal(int attribute)
{
    touchAttribute(attribute);
    noValueBits().reset(attribute);
    if (!m_originals)
        return;
    Original *begin = m_originals->data();
    Original *end =
        std::remove_if(begin, begin + m_originals->count,
                       [attribute](const Original &o) { return o.attribute == attribute; });
    std::destroy(end, begin + m_originals->count);
    m_originals->count = quint32(end - begin);
}

void ObjectState::clearOriginals()
{
    // A clean object keeps no capacity.
    OriginalStore::free(*m_pool, std::exchange(m_originals, nullptr));
    noValueBits().clear();
}

void ObjectState::modifiedEvent(int attribute, OriginalKind previousKind, const QVariant &previous,
                                bool collection)
{
    if (!hasOriginal(attribute)) {
        // A collection's original is a snapshot of the list as it was before this change.
        if (collection && previousKind == OriginalKind::NoValue && isLoaded(attribute))
            setOriginal(attribute, OriginalKind::Value, loadedValue(attribute));
        else if (previousKind == OriginalKind::NoValue)
            setOriginal(attribute, OriginalKind::NoValue);
        else
            setOriginal(attribute, previousKind, previous);
    }
    modifiedEvent();
}

void ObjectState::modifiedEvent()
{
    settle();
    touchFields();
    StateContext *context = session();
    if ((context && !m_trackedModified) || !m_modified) {
        m_modified = true;
        if (context) {
            m_trackedModified = true;
            context->stateModified(*this);
        }
    }
}

void ObjectState::commit(const QList<int> &attributes)
{
    settle();
    touchFields(); // the expired list; History changes through removeOriginal()
    const int count = m_entity->attributeCount();
    for (int attribute : attributes) {
        if (attribute < count)
            removeOriginal(attribute);
    }
    m_fullyExpired = false;
    for (int attribute : attributes) {
        const bool loaded =
            attribute < count ? isLoaded(attribute) : cachedComposite(attribute - count) != nullptr;
        if (loaded)
            expiredBits().reset(attribute);
    }
}

void ObjectState::commitAll()
{
    // What becomes visible: the History of what had an original or pending backref changes,
    // and the flags; loaded values stay as they are. Composites derive theirs from columns.
    settle();
    if (!m_pool->isTracking()) {
        // Nothing records touches: skip visiting what changed.
    } else if (!m_entity->composites().empty()) {
        touch();
    } else {
        touchFields();
        forEachOriginal([this](const Original &o) { touchAttribute(o.attribute); });
        if (m_extras) {
            for (const auto &pending : m_extras->pending)
                touchAttribute(pending.first);
        }
    }
    clearOriginals();
    if (m_extras)
        m_extras->pending.clear();
    // Loaded attributes are no longer expired (only attributes are ever loaded, so a
    // composite's slot is left as it is).
    const AttributeBits expired = expiredBits();
    expired.subtract(loadedBits());
    for (int c = 0; c < int(m_entity->composites().size()); ++c) {
        if (cachedComposite(c))
            expired.reset(compositeSlot(c));
    }
    m_modified = false;
    m_fullyExpired = false;
    m_trackedModified = false;
}

void ObjectState::expire()
{
    settle();
    touch();
    m_fullyExpired = true;
    clearOriginals();
    m_modified = false;
    m_trackedModified = false;
    if (m_extras) {
        m_extras->pending.clear();
        m_extras->parents.clear();
    }
    expiredBits().fill(m_entity->attributeCount() + int(m_entity->composites().size()));
    // Every value at once: touch() above already counts every attribute as changed, and a
    // commit expires every object of the session this way.
    QVariant *value = values();
    const AttributeBits loaded = loadedBits();
    for (int a = 0; a < m_entity->attributeCount(); ++a) {
        Q_ASSERT(loaded.test(a) || !value[a].isValid()); // only store() fills a value
        if (loaded.test(a))
            value[a] = QVariant();
    }
    loaded.clear();
    dropComposites();
}

void ObjectState::expireAttributes(const QList<int> &attributes)
{
    settle();
    touchFields(); // the expired list; values through unload() and removeOriginal()
    for (int attribute : attributes) {
        // Only columns are "expired"; a relationship is simply unloaded and lazy-loads again.
        if (m_entity->isColumn(attribute))
            expiredBits().set(attribute);
        unload(attribute);
        removeOriginal(attribute);
        if (m_extras)
            std::erase_if(m_extras->pending,
                          [attribute](const auto &p) { return p.first == attribute; });
    }
    dropCompositesOver(attributes);
}

void ObjectState::recordTouch(int slot)
{
    if (slot == kAllSlots) {
        m_touchedAll = true;
        m_touchedFields = true;
    } else if (slot == kFields) {
        m_touchedFields = true;
    } else {
        touchedBits().set(slot);
    }
    if (!m_touched) {
        m_touched = true;
        m_pool->recordTouched(this);
    }
}

void ObjectState::clearTouched()
{
    m_touched = false;
    m_touchedFields = false;
    m_touchedAll = false;
    touchedBits().clear();
}

int ObjectState::traceId() const
{
    return m_traceEpoch == m_pool->trackingEpoch() ? m_traceId : 0;
}

void ObjectState::setTraceId(int id)
{
    m_traceEpoch = m_pool->trackingEpoch();
    m_traceId = id;
}

ObjectState::Extras &ObjectState::extras()
{
    settle();
    if (!m_extras)
        m_extras = std::make_unique<Extras>();
    return *m_extras;
}

std::optional<ObjectState *> ObjectState::parentVia(const Relationship *collection) const
{
    settle();
    if (m_extras) {
        for (const ParentLink &link : m_extras->parents) {
            if (link.collection == collection)
                return link.parent;
        }
    }
    return std::nullopt;
}

void ObjectState::setParentVia(const Relationship *collection, ObjectState *parent)
{
    for (ParentLink &link : extras().parents) {
        if (link.collection == collection) {
            link.parent = parent;
            return;
        }
    }
    extras().parents.push_back({collection, parent});
}

bool ObjectState::hasParent(const Relationship *collection, bool optimistic) const
{
    const auto parent = parentVia(collection);
    if (!parent)
        return optimistic;
    return *parent != nullptr;
}

PendingCollection &ObjectState::pendingCollection(int attribute)
{
    for (auto &[a, pending] : extras().pending) {
        if (a == attribute)
            return pending;
    }
    extras().pending.emplace_back(attribute, PendingCollection());
    return extras().pending.back().second;
}

std::optional<PendingCollection> ObjectState::takePendingCollection(int attribute)
{
    settle();
    if (!m_extras)
        return std::nullopt;
    auto &pending = m_extras->pending;
    for (auto it = pending.begin(); it != pending.end(); ++it) {
        if (it->first == attribute) {
            PendingCollection taken = std::move(it->second);
            pending.erase(it);
            return taken;
        }
    }
    return std::nullopt;
}

bool ObjectState::hasPendingCollection(int attribute) const
{
    settle();
    if (!m_extras)
        return false;
    for (const auto &p : m_extras->pending) {
        if (p.first == attribute)
            return true;
    }
    return false;
}

const QVariant *ObjectState::cachedComposite(int composite) const
{
    settle();
    if (m_extras) {
        for (const auto &[index, values] : m_extras->composites) {
            if (index == composite)
                return &values;
        }
    }
    return nullptr;
}

void ObjectState::cacheComposite(int composite, QVariant values)
{
    touchAttribute(compositeSlot(composite));
    for (auto &[index, cached] : extras().composites) {
        if (index == composite) {
            cached = std::move(values);
            return;
        }
    }
    extras().composites.emplace_back(composite, std::move(values));
}

void ObjectState::dropComposite(int composite)
{
    settle();
    touchAttribute(compositeSlot(composite));
    if (m_extras)
        std::erase_if(m_extras->composites,
                      [composite](const auto &c) { return c.first == composite; });
}

void ObjectState::dropComposites()
{
    settle();
    for (int c = 0; c < int(m_entity->composites().size()); ++c)
        touchAttribute(compositeSlot(c));
    if (m_extras)
        m_extras->composites.clear();
}

void ObjectState::dropCompositesOver(const QList<int> &columns)
{
    const auto &composites = m_entity->composites();
    for (size_t c = 0; c < composites.size(); ++c) {
        for (int column : composites[c].columns) {
            if (columns.contains(column)) {
                dropComposite(int(c));
                break;
            }
        }
    }
}

void ObjectState::setAttached(bool attached)
{
    touchFields();
    m_attached = attached;
    if (!attached)
        m_trackedModified = false;
}

} // namespace sessionscope
