// How objects are stored: the inline identity key, the identity map's open-addressing table and
// the state's block (values, bit sets, originals). The session suites exercise these through the
// API; here each is driven past its edges (rehashing, removed slots, composite keys, wide
// entities) and compared with a plain QHash doing the same.

#include "mapping/mappingbuilder.h"
#include "mapping/values.h"
#include "state/identitymap.h"
#include "state/objectpool.h"
#include "state/orderedstateset.h"

#include <QHash>
#include <QMap>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <iterator>
#include <memory>

using namespace sessionscope;
using namespace Qt::StringLiterals;

namespace {

MappingPtr storageMapping()
{
    MappingBuilder b;
    b.entity(u"Item"_s, u"items"_s)
        .column(u"id"_s, ColumnType::Integer)
        .primaryKey()
        .column(u"name"_s, ColumnType::Text);
    b.entity(u"Line"_s, u"lines"_s)
        .column(u"order_id"_s, ColumnType::Integer)
        .primaryKey()
        .column(u"position"_s, ColumnType::Integer)
        .primaryKey()
        .column(u"sku"_s, ColumnType::Text);
    EntityBuilder &wide = b.entity(u"Wide"_s, u"wide"_s);
    wide.column(u"id"_s, ColumnType::Integer).primaryKey();
    for (int i = 1; i < 150; ++i) // three bit words per set
        wide.column(u"c%1"_s.arg(i), ColumnType::Integer);
    return b.build();
}

// A pool for states outside any session; released with the fixture.
class Pool
{
public:
    explicit Pool(const MappingPtr &mapping)
        : m_pool(new ObjectPool(nullptr, mapping))
    {
        m_pool->retain();
    }
    ~Pool() { m_pool->release(); }
    Pool(const Pool &) = delete;
    Pool &operator=(const Pool &) = delete;
    ObjectPool *operator->() const { return m_pool; }

private:
    ObjectPool *m_pool;
};

} // namespace

class TestObjectStorage : public QObject
{
    Q_OBJECT

private:
    MappingPtr m_mapping = storageMapping();
    const EntityType &item() const { return *m_mapping->entity(u"Item"); }
    const EntityType &line() const { return *m_mapping->entity(u"Line"); }

private slots:
    void singleKeyHoldsOneValue()
    {
        ObjectKey key;
        QVERIFY(key.isEmpty());
        QCOMPARE(key.size(), 0);
        QCOMPARE(key.toList(), QVariantList());

        key.assign(QVariantList{qlonglong(7)});
        QVERIFY(!key.isEmpty());
        QCOMPARE(key.size(), 1);
        QCOMPARE(key[0], QVariant(qlonglong(7)));
        QCOMPARE(key.toList(), QVariantList{qlonglong(7)});
        QVERIFY(key == QVariantList{qlonglong(7)});
        QVERIFY(key != QVariantList{qlonglong(8)});
        QVERIFY(key != (QVariantList{qlonglong(7), qlonglong(7)}));

        key.clear();
        QVERIFY(key.isEmpty());
    }

    // NULL in a nullable key column is an identity, not the absence of one; and a value that is
    // itself a list stays one value.
    void ambiguousSingleValuesStayOneValue()
    {
        const QVariantList nullKey{QVariant()};
        const ObjectKey fromNull(nullKey);
        QVERIFY(!fromNull.isEmpty());
        QCOMPARE(fromNull.size(), 1);
        QCOMPARE(fromNull[0], QVariant());
        QCOMPARE(fromNull.toList(), nullKey);
        QVERIFY(fromNull == nullKey);

        const QVariantList nested{QVariant(QVariantList{1, 2})};
        const ObjectKey fromList(nested);
        QCOMPARE(fromList.size(), 1);
        QCOMPARE(fromList.toList(), nested);
        QVERIFY(fromList == nested);

        Pool pool(m_mapping);
        IdentityMap map;
        ObjectState *state = pool->create(item());
        state->setKey(nullKey);
        QVERIFY(state->hasIdentity());
        QVERIFY(map.add(*state));
        QCOMPARE(map.find(item(), nullKey), state);
    }

    void compositeKeyKeepsItsOrder()
    {
        const QVariantList values{qlonglong(3), u"b"_s, 2.5};
        const ObjectKey key(values);
        QCOMPARE(key.size(), 3);
        QCOMPARE(key.toList(), values);
        QVariantList visited;
        key.visit([&](std::span<const QVariant> parts) {
            visited = QVariantList(parts.begin(), parts.end());
        });
        QCOMPARE(visited, values);
        QCOMPARE(key[1], QVariant(u"b"_s));
        QVERIFY(key == ObjectKey(values));
        QVERIFY(!(key == ObjectKey(QVariantList{qlonglong(3), u"b"_s})));
        // A one-element composite is a single key, and equal to one.
        QVERIFY(ObjectKey(QVariantList{u"x"_s}) == ObjectKey(QVariantList{u"x"_s}));
    }

    // Integer keys are held unboxed, any other boxed: both kinds copy, compare, order and hash
    // like the values they hold, and against each other.
    void keysOfBothKindsBehaveAsTheirValues()
    {
        const QList<QVariantList> keys{
            {},
            {qlonglong(-5)},
            {qlonglong(7)},
            {qlonglong(8)},
            {u"a"_s},
            {u"b"_s},
            {2.5},
            {QVariant()},
            {qlonglong(7), u"b"_s},
            {qlonglong(7), u"c"_s},
        };
        const size_t seed = 12345;
        for (const QVariantList &a : keys) {
            const ObjectKey key(a);
            ObjectKey copy(key);
            QCOMPARE(copy.toList(), a);
            ObjectKey assigned(QVariantList{u"other"_s});
            assigned = copy;
            assigned = *&assigned; // self-assignment keeps it
            QCOMPARE(assigned.toList(), a);
            copy.clear();
            QCOMPARE(assigned.toList(), a); // copies own what they hold
            ObjectKey moved(std::move(assigned));
            QCOMPARE(moved.toList(), a);
            ObjectKey movedOver(QVariantList{u"other"_s});
            movedOver = std::move(moved);
            movedOver = std::move(*&movedOver); // self-move keeps it
            QCOMPARE(movedOver.toList(), a);
            QVERIFY(movedOver == key);
            QCOMPARE(key.asInteger() != nullptr,
                     a.size() == 1 && a[0].typeId() == QMetaType::LongLong);
            size_t expectedHash = seed;
            for (const QVariant &v : a)
                expectedHash = values::hashValue(v, expectedHash);
            QCOMPARE(key.hash(seed), expectedHash);
            for (const QVariantList &b : keys) {
                const ObjectKey other(b);
                QCOMPARE(key == other, a == b);
                QCOMPARE(key == b, a == b);
                QCOMPARE(key.compare(other), values::compareKeys(a, b));
                QCOMPARE(key.compare(b), values::compareKeys(a, b));
            }
        }
    }

    // Blocks are cut from slabs: small and wide objects (one wider than a slab) side by side
    // keep their own values, aligned and without overlapping, and walking the slabs finds each
    // once, in creation order.
    void blocksFromSlabsStayApart()
    {
        MappingBuilder b;
        EntityBuilder &huge = b.entity(u"Huge"_s, u"huge"_s);
        huge.column(u"id"_s, ColumnType::Integer).primaryKey();
        for (int i = 1; i < 2500; ++i) // 2500 values: a block of about 80 KiB
            huge.column(u"h%1"_s.arg(i), ColumnType::Integer);
        const MappingPtr mapping = b.build();
        Pool pool(m_mapping);
        Pool hugePool(mapping);
        const EntityType &wide = *m_mapping->entity(u"Wide");
        std::vector<ObjectState *> states;
        for (int i = 0; i < 600; ++i) {
            ObjectState *state = (i % 50 == 49) ? hugePool->create(*mapping->entity(u"Huge"))
                                 : (i % 7 == 3) ? pool->create(wide)
                                                : pool->create(item());
            QCOMPARE(quintptr(state) % 8, quintptr(0));
            for (int a = 0; a < state->entity().columnCount(); ++a)
                state->store(a, qlonglong(i) * 10000 + a);
            states.push_back(state);
        }
        for (size_t i = 0; i < states.size(); ++i) {
            const ObjectState *state = states[i];
            for (int a = 0; a < state->entity().columnCount(); ++a)
                QCOMPARE(state->loadedValue(a), QVariant(qlonglong(i) * 10000 + a));
            QVERIFY(!state->hasExpiredAttributes());
        }
        QCOMPARE(pool->size() + hugePool->size(), qsizetype(states.size()));
        std::vector<ObjectState *> walked;
        pool->forEachState([&](ObjectState *state) { walked.push_back(state); });
        std::vector<ObjectState *> expected;
        std::copy_if(states.begin(), states.end(), std::back_inserter(expected),
                     [](ObjectState *state) { return state->entity().name() != u"Huge"; });
        QCOMPARE(walked, expected);
        walked.clear();
        hugePool->forEachState([&](ObjectState *state) { walked.push_back(state); });
        QCOMPARE(qsizetype(walked.size()), hugePool->size());
        QCOMPARE(walked.front(), states[49]);
        QCOMPARE(walked.back(), states[599]);
    }

    // Room reserved for a large load is one slab of its own (mapped on Linux), which the
    // objects then fill side by side; a small reservation, or one the current slab can take,
    // adds none. Walking still finds every object in creation order, and the mapping goes with
    // the pool.
    void reservedBlocksFollowEachOther()
    {
        ObjectPool::releaseCachedSlabs(); // fresh mappings, of the size asked for
        const qint64 mappedBefore = ObjectPool::mappedBytes();
        std::vector<ObjectState *> states;
        {
            Pool pool(m_mapping);
            states.push_back(pool->create(item()));
            pool->reserveBlocks(item(), 100); // well under 2 MiB: nothing of its own
            QCOMPARE(ObjectPool::mappedBytes(), mappedBefore);
            const qsizetype count = 30000; // 30000 blocks: several MiB
            pool->reserveBlocks(item(), count);
            const qint64 mapped = ObjectPool::mappedBytes() - mappedBefore;
#if defined(__linux__) && !defined(__SANITIZE_ADDRESS__)
            const size_t block = size_t(ObjectState::blockSize(item()) + 7) / 8 * 8;
            QVERIFY2(mapped >= qint64(block) * count && mapped < qint64(block) * count + 4096,
                     qPrintable(QString::number(mapped)));
#else
            QCOMPARE(mapped, 0);                               // no mappings here: ordinary slabs
#endif
            pool->reserveBlocks(item(), count); // the reserved slab has the room already
            QCOMPARE(ObjectPool::mappedBytes() - mappedBefore, mapped);
            for (qsizetype i = 0; i < count + 10; ++i) { // past the reservation too
                ObjectState *state = pool->create(item());
                state->store(0, qlonglong(i));
                states.push_back(state);
            }
#if defined(__linux__) && !defined(__SANITIZE_ADDRESS__)
            QCOMPARE(quintptr(states[1]) % (quintptr(2) << 20), quintptr(0));
            for (qsizetype i = 2; i <= count; ++i)
                QCOMPARE(quintptr(states[size_t(i)]) - quintptr(states[size_t(i) - 1]),
                         quintptr(block));
#endif
            for (size_t i = 1; i < states.size(); ++i)
                QCOMPARE(states[i]->loadedValue(0), QVariant(qlonglong(i - 1)));
            std::vector<ObjectState *> walked;
            pool->forEachState([&](ObjectState *state) { walked.push_back(state); });
            QCOMPARE(walked, states);
        }
        QCOMPARE(ObjectPool::mappedBytes(), mappedBefore);
    }

    // Objects made during a Growth (a load of unknown size) come from slabs that grow with
    // them: ordinary ones first, then, on Linux, mapped ones of whole huge pages, each as large
    // as the growth so far. Ending it gives back the pages the last slab has left. Walking still
    // finds every object in creation order, and the mappings go with the pool.
    void growthSlabsGrowWithTheObjects()
    {
        ObjectPool::releaseCachedSlabs(); // fresh mappings, of the sizes the growth asks for
        const qint64 mappedBefore = ObjectPool::mappedBytes();
        const size_t block = size_t(ObjectState::blockSize(item()) + 7) / 8 * 8;
        std::vector<ObjectState *> states;
        {
            Pool pool(m_mapping);
            states.push_back(pool->create(item())); // before: an ordinary slab's
            qsizetype mappedSlabs = 0;
            {
                const ObjectPool::Growth growth(*pool.operator->());
                for (qsizetype i = 0; i < 200; ++i) // 200 blocks: under 512 KiB
                    states.push_back(pool->create(item()));
                QCOMPARE(ObjectPool::mappedBytes(), mappedBefore);
                const qsizetype count = qsizetype((size_t(24) << 20) / block); // 24 MiB of them
                for (qsizetype i = 0; i < count; ++i) {
                    ObjectState *state = pool->create(item());
                    if (i > 0 && quintptr(state) - quintptr(states.back()) != block) {
                        ++mappedSlabs; // a new slab: on Linux, at a huge page's start
#if defined(__linux__) && !defined(__SANITIZE_ADDRESS__)
                        if (i > qsizetype((size_t(512) << 10) / block))
                            QCOMPARE(quintptr(state) % (quintptr(2) << 20), quintptr(0));
#endif
                    }
                    states.push_back(state);
                }
#if defined(__linux__) && !defined(__SANITIZE_ADDRESS__)
                // Mapped so far: at least what the objects took, at most about twice as much.
                const qint64 mapped = ObjectPool::mappedBytes() - mappedBefore;
                QVERIFY2(mapped >= qint64(block) * count - (qint64(512) << 10) &&
                             mapped <= 2 * qint64(block) * count + (qint64(4) << 20),
                         qPrintable(QString::number(mapped)));
#endif
            }
#if defined(__linux__) && !defined(__SANITIZE_ADDRESS__)
            // Slabs doubled rather than coming 64 KiB at a time...
            QVERIFY2(mappedSlabs < 16, qPrintable(QString::number(mappedSlabs)));
            // ...and what the last one had left is given back, to the page.
            const qint64 mapped = ObjectPool::mappedBytes() - mappedBefore;
            qint64 used = 0;
            pool->forEachState([&](ObjectState *) { used += qint64(block); });
            QVERIFY2(mapped < used && mapped > used - (qint64(1) << 20),
                     qPrintable(QStringLiteral("%1 of %2").arg(mapped).arg(used)));
            // Past the growth, objects come from ordinary slabs again.
            const qint64 mappedAfterGrowth = ObjectPool::mappedBytes();
            for (int i = 0; i < 1000; ++i)
                states.push_back(pool->create(item()));
            QCOMPARE(ObjectPool::mappedBytes(), mappedAfterGrowth);
#else
            QCOMPARE(ObjectPool::mappedBytes(), mappedBefore); // no mappings here
#endif
            for (size_t i = 0; i < states.size(); ++i)
                states[i]->store(0, qlonglong(i));
            std::vector<ObjectState *> walked;
            pool->forEachState([&](ObjectState *state) { walked.push_back(state); });
            QCOMPARE(walked, states);
            for (size_t i = 0; i < states.size(); ++i)
                QCOMPARE(states[i]->loadedValue(0), QVariant(qlonglong(i)));
        }
        QCOMPARE(ObjectPool::mappedBytes(), mappedBefore);
    }

    // Mapped slabs outlive their pool: the next pool's growth and reservations take them back
    // instead of mapping fresh memory, and objects made in them start out as in fresh memory.
    // What is kept stays within its limit, and can be given back at once.
    void mappedSlabsAreKeptForTheNextPools()
    {
#if defined(__linux__) && !defined(__SANITIZE_ADDRESS__)
        ObjectPool::releaseCachedSlabs();
        QCOMPARE(ObjectPool::cachedBytes(), 0);
        const qint64 mappedBefore = ObjectPool::mappedBytes();
        // Nothing is kept unless the program asks for it.
        QCOMPARE(ObjectPool::slabCacheLimit(), 0);
        {
            Pool pool(m_mapping);
            pool->reserveBlocks(item(), qsizetype((size_t(4) << 20) / 64));
            QVERIFY(ObjectPool::mappedBytes() > mappedBefore);
        }
        QCOMPARE(ObjectPool::mappedBytes(), mappedBefore);
        QCOMPARE(ObjectPool::cachedBytes(), 0);
        ObjectPool::setSlabCacheLimit(qint64(64) << 20);
        const auto unlimited = qScopeGuard([] { ObjectPool::setSlabCacheLimit(0); });
        const size_t block = size_t(ObjectState::blockSize(item()) + 7) / 8 * 8;
        // 9 MiB of objects: slabs of 2 and 4 MiB, then one of 8 MiB left with some 2.5 MiB
        // once the growth ends. The next growth asks for 8 MiB there, and takes those 2.5.
        const qsizetype count = qsizetype((size_t(9) << 20) / block);
        const auto grow = [&](ObjectPool &pool) {
            const ObjectPool::Growth growth(pool);
            for (qsizetype i = 0; i < count; ++i) {
                ObjectState *state = pool.create(item());
                QVERIFY(!state->isLoaded(0) && !state->isLoaded(1));
                QVERIFY(!state->loadedValue(1).isValid());
                state->store(0, qlonglong(i));
                state->store(1, u"item %1"_s.arg(i)); // left behind in the slab
            }
        };
        qint64 mapped = 0;
        {
            Pool pool(m_mapping);
            grow(*pool.operator->());
            mapped = ObjectPool::mappedBytes() - mappedBefore;
            QVERIFY(mapped > 0);
        }
        QCOMPARE(ObjectPool::mappedBytes(), mappedBefore);
        QCOMPARE(ObjectPool::cachedBytes(), mapped); // every slab kept
        {
            Pool pool(m_mapping);
            grow(*pool.operator->()); // the same growth takes the same slabs back
            QCOMPARE(ObjectPool::mappedBytes() - mappedBefore, mapped);
            QCOMPARE(ObjectPool::cachedBytes(), 0);
            qsizetype i = 0;
            pool->forEachState([&](ObjectState *state) {
                QCOMPARE(state->loadedValue(1), QVariant(u"item %1"_s.arg(i++)));
            });
            QCOMPARE(i, count);
        }
        qint64 fresh = 0;
        {
            // A reservation takes a kept slab larger by an eighth at most: none for 3 MiB...
            Pool pool(m_mapping);
            const qsizetype three = qsizetype((size_t(3) << 20) / block);
            pool->reserveBlocks(item(), three);
            QCOMPARE(ObjectPool::cachedBytes(), mapped);
            fresh = ObjectPool::mappedBytes() - mappedBefore;
            QVERIFY(fresh >= qint64(block) * three);
            // ...while the growth's second slab, of 4 MiB, does for 4 MiB.
            const qsizetype reserved = qsizetype((size_t(4) << 20) / block);
            pool->reserveBlocks(item(), reserved);
            QCOMPARE(ObjectPool::cachedBytes(), mapped - (qint64(4) << 20));
            QCOMPARE(ObjectPool::mappedBytes() - mappedBefore, fresh + (qint64(4) << 20));
            ObjectState *state = pool->create(item());
            QCOMPARE(quintptr(state) % (quintptr(2) << 20), quintptr(0));
            QVERIFY(!state->isLoaded(1));
        }
        QCOMPARE(ObjectPool::cachedBytes(), mapped + fresh);

        // Pools giving back more than the limit: the slabs past it are unmapped.
        {
            std::vector<std::unique_ptr<Pool>> pools;
            for (int p = 0; p < 4; ++p) {
                pools.push_back(std::make_unique<Pool>(m_mapping));
                (*pools.back())->reserveBlocks(item(), qsizetype((size_t(30) << 20) / block));
            }
        }
        QCOMPARE(ObjectPool::mappedBytes(), mappedBefore);
        QVERIFY(ObjectPool::cachedBytes() > mapped);
        QVERIFY(ObjectPool::cachedBytes() <= qint64(64) << 20);
        // A lower limit gives back what it leaves out.
        ObjectPool::setSlabCacheLimit(qint64(8) << 20);
        QVERIFY(ObjectPool::cachedBytes() <= qint64(8) << 20);
        ObjectPool::releaseCachedSlabs();
        QCOMPARE(ObjectPool::cachedBytes(), 0);
#else
        QCOMPARE(ObjectPool::cachedBytes(), 0);                // no mappings here
#endif
    }

    // Small blocks (originals) are recycled within the pool: random sizes allocated and
    // released in turns keep their contents apart, whether a block is new or reused.
    void smallBlocksStayApartWhenRecycled()
    {
        Pool pool(m_mapping);
        QRandomGenerator random(7);
        struct Block
        {
            unsigned char *memory;
            size_t bytes;
            unsigned char fill;
        };
        std::vector<Block> live;
        auto intact = [](const Block &b) {
            return std::all_of(b.memory, b.memory + b.bytes,
                               [&b](unsigned char c) { return c == b.fill; });
        };
        for (int step = 0; step < 20000; ++step) {
            if (!live.empty() && random.bounded(3) == 0) {
                const size_t i = random.bounded(quint32(live.size()));
                QVERIFY(intact(live[i]));
                pool->releaseSmall(live[i].memory, live[i].bytes);
                live[i] = live.back();
                live.pop_back();
                continue;
            }
            // Mostly originals' sizes, some past the largest small block.
            const size_t bytes =
                random.bounded(10) == 0 ? 4000 + random.bounded(300) : 8 + random.bounded(200);
            auto *memory = static_cast<unsigned char *>(pool->allocateSmall(bytes));
            QCOMPARE(quintptr(memory) % 8, quintptr(0));
            const auto fill = static_cast<unsigned char>(step);
            std::fill(memory, memory + bytes, fill);
            live.push_back({memory, bytes, fill});
        }
        for (const Block &b : live) {
            QVERIFY(intact(b));
            pool->releaseSmall(b.memory, b.bytes);
        }
    }

    // The dirty list: marks are flags on the states, unmarked entries stay as holes until the
    // list is compacted. Random marking, unmarking, flushing and re-adding, compared with a set.
    void dirtyListMatchesASet()
    {
        Pool pool(m_mapping);
        IdentityMap map;
        std::vector<ObjectState *> states;
        for (qlonglong id = 0; id < 400; ++id) {
            ObjectState *state = pool->create(item());
            state->setKey(QVariantList{id});
            QVERIFY(map.add(*state));
            states.push_back(state);
        }
        QSet<ObjectState *> expected;
        QRandomGenerator random(20261121);
        for (int round = 0; round < 20000; ++round) {
            ObjectState *state = states[random.bounded(int(states.size()))];
            switch (random.bounded(10)) {
            case 0: // a flush: some objects written and clean, the dirty list told once
                for (int i = 0; i < 40; ++i) {
                    ObjectState *written = states[random.bounded(int(states.size()))];
                    written->commitAll();
                    expected.remove(written);
                }
                map.unmarkUnmodified();
                break;
            case 1: // leaves the map and comes back: still dirty if it still is modified
                map.discard(*state);
                expected.remove(state);
                QVERIFY(!map.isMarkedModified(*state));
                QVERIFY(map.add(*state));
                if (state->isModified())
                    expected.insert(state);
                break;
            case 2:
            case 3:
                map.unmarkModified(*state);
                expected.remove(state);
                break;
            default:
                state->modifiedEvent();
                map.markModified(*state);
                expected.insert(state);
                break;
            }
            QCOMPARE(map.hasModified(), !expected.isEmpty());
            QCOMPARE(map.isMarkedModified(*state), expected.contains(state));
            if (round % 499 == 0) {
                const QList<ObjectState *> listed = map.modifiedStates();
                QCOMPARE(listed.size(), expected.size()); // no state twice
                QCOMPARE(QSet<ObjectState *>(listed.cbegin(), listed.cend()), expected);
            }
        }
        // Once nothing is marked the list starts over: the order is that of the new marks.
        for (ObjectState *state : states)
            map.unmarkModified(*state);
        QVERIFY(!map.hasModified());
        for (ObjectState *state : {states[7], states[3], states[5]}) {
            state->modifiedEvent();
            map.markModified(*state);
        }
        QCOMPARE(map.modifiedStates(), (QList<ObjectState *>{states[7], states[3], states[5]}));
        map.clear();
        QVERIFY(!map.hasModified());
        QVERIFY(!map.isMarkedModified(*states[7]));
        QVERIFY(map.modifiedStates().isEmpty());
    }

    // The table against a QHash, through many inserts, removals and re-inserts: rehashing, removed
    // slots reused, and look-ups that must walk past both.
    void identityMapMatchesAHash()
    {
        Pool pool(m_mapping);
        IdentityMap map;
        QHash<qlonglong, ObjectState *> expected;
        QRandomGenerator random(20261121);
        std::vector<ObjectState *> states;
        for (int round = 0; round < 20000; ++round) {
            const qlonglong id = random.bounded(3000);
            if (ObjectState *held = expected.value(id)) {
                QCOMPARE(map.find(item(), QVariantList{id}), held);
                if (random.bounded(2)) {
                    map.discard(*held);
                    expected.remove(id);
                    QVERIFY(!map.containsState(*held));
                }
                continue;
            }
            QCOMPARE(map.find(item(), QVariantList{id}), nullptr);
            ObjectState *state = pool->create(item());
            state->setKey(QVariantList{id});
            QVERIFY(map.add(*state));
            expected.insert(id, state);
            QCOMPARE(map.size(), expected.size());
        }
        QCOMPARE(map.size(), expected.size());
        for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
            QCOMPARE(map.find(item(), QVariantList{it.key()}), it.value());
            QVERIFY(map.containsState(*it.value()));
        }
        QList<ObjectState *> held = map.states();
        QList<ObjectState *> wanted = expected.values();
        std::sort(held.begin(), held.end());
        std::sort(wanted.begin(), wanted.end());
        QCOMPARE(held, wanted);
    }

    // Random inserts and removals, growing past several rehashes and shrinking through
    // compactions, against a list kept in insertion order.
    void orderedStateSetMatchesAList()
    {
        Pool pool(m_mapping);
        std::vector<ObjectState *> states;
        for (int i = 0; i < 2000; ++i)
            states.push_back(pool->create(item()));
        OrderedStateSet set;
        QList<ObjectState *> expected;
        QRandomGenerator random(20261122);
        for (int round = 0; round < 40000; ++round) {
            // Mostly inserts in the first half, mostly removals in the second.
            const bool inserting = random.bounded(100) < (round < 20000 ? 70 : 25);
            ObjectState *state = states[random.bounded(int(states.size()))];
            const bool member = expected.contains(state);
            QCOMPARE(set.contains(state), member);
            if (inserting) {
                QCOMPARE(set.insert(state), !member);
                if (!member)
                    expected.append(state);
            } else {
                QCOMPARE(set.remove(state), member);
                expected.removeOne(state);
            }
            QCOMPARE(set.size(), expected.size());
            if (round % 997 == 0)
                QCOMPARE(set.ordered(), expected);
        }
        QCOMPARE(set.ordered(), expected);
        for (ObjectState *state : states)
            QCOMPARE(set.contains(state), expected.contains(state));
        while (!expected.isEmpty())
            QVERIFY(set.remove(expected.takeLast()));
        QVERIFY(set.isEmpty());
        QVERIFY(set.ordered().isEmpty());
        QVERIFY(set.insert(states.front()));
        set.clear();
        QVERIFY(!set.contains(states.front()));
        QVERIFY(set.insert(states.front()));
        QCOMPARE(set.ordered(), QList<ObjectState *>{states.front()});
    }

    void identityMapTellsEntitiesAndCompositesApart()
    {
        Pool pool(m_mapping);
        IdentityMap map;
        ObjectState *anItem = pool->create(item());
        anItem->setKey(QVariantList{qlonglong(1)});
        ObjectState *aLine = pool->create(line());
        aLine->setKey(QVariantList{qlonglong(1), qlonglong(2)});
        ObjectState *otherLine = pool->create(line());
        otherLine->setKey(QVariantList{qlonglong(2), qlonglong(1)});
        QVERIFY(map.add(*anItem));
        QVERIFY(map.add(*aLine));
        QVERIFY(map.add(*otherLine));

        QCOMPARE(map.find(item(), QVariantList{qlonglong(1)}), anItem);
        QCOMPARE(map.find(line(), QVariantList{qlonglong(1)}), nullptr);
        QCOMPARE(map.find(line(), (QVariantList{qlonglong(1), qlonglong(2)})), aLine);
        QCOMPARE(map.find(line(), (QVariantList{qlonglong(2), qlonglong(1)})), otherLine);
        QCOMPARE(map.find(line(), aLine->key().toList()), aLine);

        // A second object under a held key is refused; replace() swaps it in.
        ObjectState *rival = pool->create(line());
        rival->setKey(QVariantList{qlonglong(1), qlonglong(2)});
        QVERIFY(!map.add(*rival));
        QVERIFY(map.add(*aLine)); // the holder itself: already there
        QCOMPARE(map.replace(*rival), aLine);
        QCOMPARE(map.find(line(), (QVariantList{qlonglong(1), qlonglong(2)})), rival);
        QVERIFY(!map.containsState(*aLine));
        map.discard(*aLine); // not the holder: nothing happens
        QCOMPARE(map.size(), 3);
        map.discard(*rival);
        QCOMPARE(map.size(), 2);
        QCOMPARE(map.find(line(), (QVariantList{qlonglong(1), qlonglong(2)})), nullptr);

        map.clear();
        QCOMPARE(map.size(), 0);
        QCOMPARE(map.find(item(), QVariantList{qlonglong(1)}), nullptr);
        QVERIFY(map.add(*anItem)); // usable again after clear()
        QCOMPARE(map.find(item(), QVariantList{qlonglong(1)}), anItem);
    }

    void reservingKeepsWhatIsHeld()
    {
        Pool pool(m_mapping);
        IdentityMap map;
        for (qlonglong id = 0; id < 100; ++id) {
            ObjectState *state = pool->create(item());
            state->setKey(QVariantList{id});
            const IdentityMap::Probe probe = map.probe(item(), state->key());
            QCOMPARE(probe.found, nullptr);
            map.addNew(*state, probe.hash);
        }
        map.reserveMore(5000);
        QCOMPARE(map.size(), 100);
        for (qlonglong id = 0; id < 100; ++id)
            QVERIFY(map.find(item(), QVariantList{id}));
    }

    void originalsGrowAndShrink()
    {
        Pool pool(m_mapping);
        ObjectState *state = pool->create(*m_mapping->entity(u"Wide"));
        for (int a = 1; a < 40; ++a)
            state->setOriginal(a, OriginalKind::Value, a * 10);
        QCOMPARE(state->originalCount(), 39);
        state->setOriginal(5, OriginalKind::NoValue);
        QCOMPARE(state->originalCount(), 39);
        QCOMPARE(state->original(5)->kind, OriginalKind::NoValue);
        for (int a = 1; a < 40; a += 2)
            state->removeOriginal(a);
        QCOMPARE(state->originalCount(), 19);
        for (int a = 1; a < 40; ++a) {
            QCOMPARE(state->hasOriginal(a), a % 2 == 0);
            if (a % 2 == 0)
                QCOMPARE(state->original(a)->value, QVariant(a * 10));
        }
        // An original without a value is kept apart from those with one; either kind can
        // replace the other, past the first word of bits too.
        state->setOriginal(100, OriginalKind::NoValue);
        QCOMPARE(state->originalCount(), 20);
        state->setOriginal(100, OriginalKind::Value, 7);
        QCOMPARE(state->original(100)->value, QVariant(7));
        state->setOriginal(6, OriginalKind::NoValue);
        QCOMPARE(state->original(6)->kind, OriginalKind::NoValue);
        QCOMPARE(state->original(6)->value, QVariant());
        state->setOriginal(6, OriginalKind::NoResult);
        QCOMPARE(state->original(6)->kind, OriginalKind::NoResult);
        state->setOriginal(8, OriginalKind::NoValue);
        QCOMPARE(state->originalCount(), 20);
        QMap<int, std::pair<OriginalKind, QVariant>> seen;
        state->forEachOriginal([&](const Original &o) {
            QVERIFY(!seen.contains(o.attribute));
            seen.insert(o.attribute, {o.kind, o.value});
        });
        QCOMPARE(seen.size(), 20);
        for (int a = 2; a < 40; a += 2) {
            const OriginalKind kind = a == 6   ? OriginalKind::NoResult
                                      : a == 8 ? OriginalKind::NoValue
                                               : OriginalKind::Value;
            QCOMPARE(seen.value(a).first, kind);
            QCOMPARE(seen.value(a).second,
                     kind == OriginalKind::Value ? QVariant(a * 10) : QVariant());
        }
        QCOMPARE(seen.value(100).second, QVariant(7));
        state->removeOriginal(8);
        QVERIFY(!state->hasOriginal(8));
        state->setOriginal(120, OriginalKind::NoValue);
        state->commitAll();
        QCOMPARE(state->originalCount(), 0);
        QVERIFY(!state->hasOriginal(120));
        QVERIFY(!state->hasOriginal(100));
    }

    // Bits past the first word: an entity of 150 columns keeps three words per set.
    void wideEntitiesKeepEveryBit()
    {
        Pool pool(m_mapping);
        const EntityType &wide = *m_mapping->entity(u"Wide");
        ObjectState *state = pool->create(wide);
        for (int a : {0, 63, 64, 127, 128, 149})
            state->store(a, a);
        for (int a = 0; a < wide.attributeCount(); ++a) {
            const bool stored = QList<int>{0, 63, 64, 127, 128, 149}.contains(a);
            QCOMPARE(state->isLoaded(a), stored);
            QCOMPARE(state->loadedValue(a), stored ? QVariant(a) : QVariant());
        }
        QVERIFY(!state->hasExpiredAttributes());
        state->expireAttributes({130});
        QVERIFY(state->isExpired(130));
        QVERIFY(!state->isExpired(129));
        state->expire();
        for (int a = 0; a < wide.attributeCount(); ++a) {
            QVERIFY(state->isExpired(a));
            QVERIFY(!state->isLoaded(a));
        }
        state->clearExpired();
        QVERIFY(!state->hasExpiredAttributes());
    }
};

QTEST_GUILESS_MAIN(TestObjectStorage)
#include "tst_objectstorage.moc"
