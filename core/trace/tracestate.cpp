#include "tracestate.h"

#include <QSharedData>

#include <array>

namespace sessionscope {

namespace {

constexpr int kChunkBits = 6; // 64 objects per chunk: small enough to copy on write cheaply
constexpr int kChunkSize = 1 << kChunkBits;

constexpr const char *kLifecycleNames[] = {"transient", "pending", "persistent", "deleted",
                                           "detached"};

struct SetName
{
    const char *name;
    quint8 bit;
};
constexpr SetName kSetNames[] = {
    {"identity_map", InIdentityMap}, {"new", InNew}, {"dirty", InDirty}, {"deleted", InDeleted}};

// An object id from a member name: a positive decimal integer.
qint64 parseObjectId(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 18 || text.front() == '0')
        return -1;
    qint64 id = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return -1;
        id = id * 10 + (c - '0');
    }
    return id;
}

} // namespace

const char *traceLifecycleName(TraceLifecycle lifecycle)
{
    return kLifecycleNames[int(lifecycle)];
}

int TraceIds::find(qint64 id) const
{
    if (id >= 0 && id < qint64(m_dense.size()))
        return m_dense[size_t(id)] - 1;
    return m_sparse.value(id, -1);
}

int TraceIds::slotOf(qint64 id)
{
    const int found = find(id);
    if (found >= 0)
        return found;
    const int slot = int(m_ids.size());
    m_ids.push_back(id);
    // Dense while ids stay small next to their number; a stray huge id goes to the hash.
    constexpr qint64 kDenseFloor = 1 << 16;
    if (id < std::max<qint64>(kDenseFloor, 8 * qint64(m_ids.size()))) {
        if (id >= qint64(m_dense.size()))
            m_dense.resize(size_t(id + 1), 0);
        m_dense[size_t(id)] = slot + 1;
    } else {
        m_sparse.insert(id, slot);
    }
    return slot;
}

struct TraceState::Chunk : QSharedData
{
    std::array<TraceObject, kChunkSize> objects;
};

TraceState::TraceState() = default;
TraceState::~TraceState() = default;
TraceState::TraceState(const TraceState &) = default;
TraceState &TraceState::operator=(const TraceState &) = default;
TraceState::TraceState(TraceState &&) noexcept = default;
TraceState &TraceState::operator=(TraceState &&) noexcept = default;

int TraceState::slotCount() const
{
    return int(m_chunks.size()) * kChunkSize;
}

const TraceObject *TraceState::object(int slot) const
{
    const size_t chunk = size_t(slot) >> kChunkBits;
    if (slot < 0 || chunk >= m_chunks.size() || !m_chunks[chunk])
        return nullptr;
    const TraceObject &object = m_chunks[chunk]->objects[size_t(slot & (kChunkSize - 1))];
    return object.exists() ? &object : nullptr;
}

TraceObject &TraceState::mutableObject(int slot)
{
    const size_t chunk = size_t(slot) >> kChunkBits;
    if (chunk >= m_chunks.size())
        m_chunks.resize(chunk + 1);
    QExplicitlySharedDataPointer<Chunk> &pointer = m_chunks[chunk];
    if (!pointer)
        pointer = QExplicitlySharedDataPointer<Chunk>(new Chunk);
    else
        pointer.detach(); // copies the chunk when a checkpoint shares it
    return pointer->objects[size_t(slot & (kChunkSize - 1))];
}

void TraceState::clear()
{
    m_chunks.clear();
    m_objectCount = 0;
    m_active = false;
    m_nestedDepth = 0;
    m_status = TransactionStatus::Inactive;
    m_causeKind.clear();
    m_causeMessage.clear();
}

// Reads a delta (or a keyframe's state) from a line's cursor and patches the state with it.
// Paths for messages ("delta.objects.3.state") are built only when something is wrong.
class TraceState::Patcher
{
public:
    Patcher(TraceState &state, JsonCursor &cursor, qint64 lineOffset, const TraceSchema &schema,
            TraceIds &ids, const char *path)
        : m_state(state)
        , m_cursor(cursor)
        , m_lineOffset(lineOffset)
        , m_schema(schema)
        , m_ids(ids)
        , m_path(path)
    {}

    void run()
    {
        JsonCursor &cursor = m_cursor;
        if (cursor.peek() != JsonCursor::Kind::Object)
            fail(QStringLiteral("%1 must be an object").arg(QLatin1String(m_path)));
        cursor.enterObject();
        QByteArrayView key;
        QByteArray storage;
        bool transactionSeen = false;
        bool objectsSeen = false;
        while (cursor.nextMember(&key, &storage)) {
            if (key == "transaction") {
                duplicateCheck(
                    &transactionSeen, [&] { return QString::fromLatin1(m_path); }, key);
                transaction();
            } else if (key == "objects") {
                duplicateCheck(
                    &objectsSeen, [&] { return QString::fromLatin1(m_path); }, key);
                objects();
            } else {
                cursor.skipValue(); // readers ignore what they do not know
            }
        }
        checkReferences();
    }

private:
    struct PendingAttribute
    {
        QByteArrayView name;
        QByteArray owned; // the name, when it had escapes
        TraceSpan span;
    };
    enum Field { kEntity, kState, kAliases, kKey, kModified, kExpired, kSets, kAttrs };
    static int fieldIndex(QByteArrayView key)
    {
        static constexpr const char *names[] = {"entity",   "state",   "aliases", "key",
                                                "modified", "expired", "sets",    "attrs"};
        for (int i = 0; i < int(std::size(names)); ++i) {
            if (key == QByteArrayView(names[i]))
                return i;
        }
        return -1;
    }

    struct Reference
    {
        qint64 target;
        qint64 from;
        int attribute; // slot of the referring object's entity
        int entity;
    };

    [[noreturn]] void fail(const QString &message) const
    {
        throw JsonCursorError(m_cursor.position(), message);
    }

    template<typename Where>
    void duplicateCheck(bool *seen, Where &&where, QByteArrayView key)
    {
        if (*seen)
            fail(QStringLiteral("%1: \"%2\" appears twice").arg(where(), QString::fromUtf8(key)));
        *seen = true;
    }

    // Reads a scalar, naming the path (built on failure only) when it has another type.
    template<typename Where>
    bool readBool(Where &&where)
    {
        const JsonCursor::Kind kind = m_cursor.peek();
        if (kind != JsonCursor::Kind::True && kind != JsonCursor::Kind::False)
            fail(QStringLiteral("%1 must be true or false").arg(where()));
        return m_cursor.readBool(u"value");
    }
    template<typename Where>
    QByteArrayView readString(QByteArray *storage, Where &&where)
    {
        if (m_cursor.peek() != JsonCursor::Kind::String)
            fail(QStringLiteral("%1 must be a string").arg(where()));
        return m_cursor.readUtf8String(storage, u"value");
    }

    TraceSpan spanFrom(qsizetype start) const
    {
        return TraceSpan{quint32(m_lineOffset + start), quint32(m_cursor.position() - start)};
    }

    void transaction()
    {
        JsonCursor &cursor = m_cursor;
        const auto where = [&] {
            return QStringLiteral("%1.transaction").arg(QLatin1String(m_path));
        };
        if (cursor.peek() != JsonCursor::Kind::Object)
            fail(QStringLiteral("%1 must be an object").arg(where()));
        cursor.enterObject();
        QByteArrayView key;
        QByteArray storage;
        bool active = false;
        int depth = 0;
        std::optional<TransactionStatus> status;
        QString causeKind;
        QString causeMessage;
        while (cursor.nextMember(&key, &storage)) {
            if (key == "active") {
                active = readBool([&]() -> QString { return where() + QStringLiteral(".active"); });
            } else if (key == "nested_depth") {
                if (cursor.peek() != JsonCursor::Kind::Number)
                    fail(QStringLiteral("%1.nested_depth must be an integer").arg(where()));
                const qint64 value = cursor.readInteger(u"nested_depth");
                if (value < 0 || value > 1'000'000)
                    fail(QStringLiteral("%1.nested_depth is out of range").arg(where()));
                depth = int(value);
            } else if (key == "status") {
                QByteArray text;
                const QString name = QString::fromUtf8(
                    readString(&text, [&] { return where() + QStringLiteral(".status"); }));
                status = transactionStatusNamed(name);
                if (!status)
                    fail(QStringLiteral("%1.status: unknown status \"%2\" (expected inactive, "
                                        "active, needs_rollback or closed)")
                             .arg(where(), name));
            } else if (key == "cause") {
                cause(where() + QStringLiteral(".cause"), &causeKind, &causeMessage);
            } else {
                cursor.skipValue();
            }
        }
        // Traces written before `status` existed say only whether a transaction is open.
        if (!status)
            status = active ? TransactionStatus::Active : TransactionStatus::Inactive;
        if (!causeKind.isEmpty() && *status != TransactionStatus::NeedsRollback)
            fail(QStringLiteral("%1.cause is given, but the status is not needs_rollback")
                     .arg(where()));
        m_state.m_active = active;
        m_state.m_nestedDepth = depth;
        m_state.m_status = *status;
        m_state.m_causeKind = causeKind;
        m_state.m_causeMessage = causeMessage;
    }

    // {"kind": "integrity", "message": "..."}, as an `end` event's error.
    void cause(const QString &where, QString *kind, QString *message)
    {
        JsonCursor &cursor = m_cursor;
        if (cursor.peek() != JsonCursor::Kind::Object)
            fail(QStringLiteral("%1 must be an object").arg(where));
        cursor.enterObject();
        QByteArrayView key;
        QByteArray storage;
        QByteArray text;
        while (cursor.nextMember(&key, &storage)) {
            if (key == "kind") {
                *kind = QString::fromUtf8(
                    readString(&text, [&] { return where + QStringLiteral(".kind"); }));
            } else if (key == "message") {
                *message = QString::fromUtf8(
                    readString(&text, [&] { return where + QStringLiteral(".message"); }));
            } else {
                cursor.skipValue();
            }
        }
        if (kind->isEmpty())
            fail(QStringLiteral("%1.kind must be a non-empty string").arg(where));
    }

    void objects()
    {
        JsonCursor &cursor = m_cursor;
        if (cursor.peek() != JsonCursor::Kind::Object)
            fail(QStringLiteral("%1.objects must be an object").arg(QLatin1String(m_path)));
        cursor.enterObject();
        QByteArrayView key;
        QByteArray storage;
        while (cursor.nextMember(&key, &storage)) {
            const qint64 id = parseObjectId(key);
            if (id < 0)
                fail(QStringLiteral("%1.objects: object ids are positive integers, not \"%2\"")
                         .arg(QLatin1String(m_path), QString::fromUtf8(key)));
            object(id);
        }
    }

    void object(qint64 id)
    {
        JsonCursor &cursor = m_cursor;
        const auto where = [&] {
            return QStringLiteral("%1.objects.%2").arg(QLatin1String(m_path)).arg(id);
        };
        const auto field = [&](QByteArrayView key) -> QString {
            return where() + u'.' + QString::fromUtf8(key);
        };
        if (cursor.peek() != JsonCursor::Kind::Object)
            fail(QStringLiteral("%1 must be an object").arg(where()));
        cursor.enterObject();

        const int slot = m_ids.slotOf(id);
        const TraceObject *existing = m_state.object(slot);
        int entity = -1;
        std::optional<TraceLifecycle> lifecycle;
        std::optional<QStringList> aliases;
        std::optional<TraceSpan> keySpan;
        std::optional<TraceSpan> expired;
        std::optional<bool> modified;
        std::optional<quint8> sets;
        m_attrs.clear();
        quint16 seen = 0; // fields read, to refuse one given twice

        QByteArrayView key;
        QByteArray storage;
        QByteArray text;
        while (cursor.nextMember(&key, &storage)) {
            const int known = fieldIndex(key);
            if (known >= 0) {
                if (seen & (1U << known))
                    fail(QStringLiteral("%1: \"%2\" appears twice")
                             .arg(where(), QString::fromUtf8(key)));
                seen |= quint16(1U << known);
            }
            switch (known) {
            case kEntity: {
                const QByteArrayView name = readString(&text, [&] { return field(key); });
                entity = m_schema.entityIndex(name);
                if (entity < 0)
                    fail(QStringLiteral("%1: \"%2\" is not an entity of the header's mapping")
                             .arg(field(key), QString::fromUtf8(name)));
                break;
            }
            case kState: {
                const QByteArrayView name = readString(&text, [&] { return field(key); });
                for (int i = 0; i < int(std::size(kLifecycleNames)); ++i) {
                    if (name == QByteArrayView(kLifecycleNames[i]))
                        lifecycle = TraceLifecycle(i);
                }
                if (!lifecycle)
                    fail(QStringLiteral("%1: unknown state \"%2\"")
                             .arg(field(key), QString::fromUtf8(name)));
                break;
            }
            case kAliases: {
                if (cursor.peek() != JsonCursor::Kind::Array)
                    fail(QStringLiteral("%1 must be an array of strings").arg(field(key)));
                cursor.enterArray();
                QStringList list;
                while (cursor.nextElement())
                    list.append(QString::fromUtf8(readString(&text, [&]() -> QString {
                        return field(key) + QStringLiteral(" entries");
                    })));
                aliases = list;
                break;
            }
            case kKey:
                if (cursor.readNullIf()) {
                    keySpan = TraceSpan();
                } else {
                    if (cursor.peek() != JsonCursor::Kind::Array)
                        fail(QStringLiteral("%1 must be null or an array").arg(field(key)));
                    const qsizetype start = cursor.position();
                    cursor.skipValue();
                    keySpan = spanFrom(start);
                }
                break;
            case kModified:
                modified = readBool([&] { return field(key); });
                break;
            case kExpired: {
                if (cursor.peek() != JsonCursor::Kind::Array)
                    fail(QStringLiteral("%1 must be an array of strings").arg(field(key)));
                const qsizetype start = cursor.position();
                cursor.enterArray();
                bool any = false;
                while (cursor.nextElement()) {
                    readString(&text, [&]() -> QString {
                        return field(key) + QStringLiteral(" entries");
                    });
                    any = true;
                }
                expired = any ? spanFrom(start) : TraceSpan();
                break;
            }
            case kSets: {
                if (cursor.peek() != JsonCursor::Kind::Array)
                    fail(QStringLiteral("%1 must be an array of strings").arg(field(key)));
                cursor.enterArray();
                quint8 bits = 0;
                while (cursor.nextElement()) {
                    const QByteArrayView name = readString(&text, [&]() -> QString {
                        return field(key) + QStringLiteral(" entries");
                    });
                    quint8 bit = 0;
                    for (const SetName &set : kSetNames) {
                        if (name == QByteArrayView(set.name))
                            bit = set.bit;
                    }
                    if (!bit)
                        fail(QStringLiteral("%1: unknown set \"%2\"")
                                 .arg(field(key), QString::fromUtf8(name)));
                    bits |= bit;
                }
                sets = bits;
                break;
            }
            case kAttrs:
                readAttributes([&] { return field(key); });
                break;
            default:
                cursor.skipValue();
            }
        }

        if (!existing && entity < 0)
            fail(QStringLiteral("%1: object %2 first appears without \"entity\" (an object's "
                                "first patch describes it fully)")
                     .arg(where())
                     .arg(id));
        if (!existing && !lifecycle)
            fail(QStringLiteral("%1: object %2 first appears without \"state\" (an object's "
                                "first patch describes it fully)")
                     .arg(where())
                     .arg(id));
        if (existing && entity >= 0 && entity != existing->entity)
            fail(QStringLiteral("%1.entity: object %2 cannot change its entity from %3 to %4")
                     .arg(where())
                     .arg(id)
                     .arg(m_schema.entity(existing->entity).type->name(),
                          m_schema.entity(entity).type->name()));
        const int entityIndex = existing ? existing->entity : entity;
        const TraceSchema::Entity &schemaEntity = m_schema.entity(entityIndex);
        m_resolved.clear();
        quint64 assigned[4] = {0, 0, 0, 0}; // attributes given, to refuse one given twice
        for (const PendingAttribute &attr : m_attrs) {
            const int attribute = schemaEntity.attributeIndex(attr.name);
            if (attribute < 0)
                fail(QStringLiteral("%1.attrs: %2 has no attribute \"%3\"")
                         .arg(where(), schemaEntity.type->name(), QString::fromUtf8(attr.name)));
            if (attribute < 256) {
                quint64 &word = assigned[attribute / 64];
                if (word & (quint64(1) << (attribute % 64)))
                    fail(QStringLiteral("%1.attrs: \"%2\" appears twice")
                             .arg(where(), QString::fromUtf8(attr.name)));
                word |= quint64(1) << (attribute % 64);
            }
            m_resolved.emplace_back(attribute, attr.span);
            const TraceSchema::SlotKind kind = schemaEntity.attributes[size_t(attribute)].kind;
            if (kind == TraceSchema::SlotKind::Reference ||
                kind == TraceSchema::SlotKind::Collection)
                collectReferences(attr, id, entityIndex, attribute);
        }

        TraceObject &object = m_state.mutableObject(slot);
        if (!object.exists()) {
            object = TraceObject();
            object.entity = entityIndex;
            ++m_state.m_objectCount;
        }
        if (lifecycle)
            object.lifecycle = *lifecycle;
        if (aliases)
            object.aliases = *aliases;
        if (keySpan)
            object.key = *keySpan;
        if (expired)
            object.expired = *expired;
        if (modified)
            object.modified = *modified;
        if (sets)
            object.sets = *sets;
        if (!m_resolved.empty()) {
            if (object.attrs.size() != qsizetype(schemaEntity.attributes.size()))
                object.attrs.resize(qsizetype(schemaEntity.attributes.size()));
            for (const auto &[attribute, span] : m_resolved)
                object.attrs[attribute] = span;
        }
    }

    // Each attribute is {"loaded": false} or {"loaded": true, "value": ..., "history":
    // {"added": [...], "unchanged": [...], "deleted": [...]}}; kept as a span.
    template<typename Where>
    void readAttributes(Where &&where)
    {
        JsonCursor &cursor = m_cursor;
        if (cursor.peek() != JsonCursor::Kind::Object)
            fail(QStringLiteral("%1 must be an object").arg(where()));
        cursor.enterObject();
        QByteArrayView name;
        QByteArray storage;
        while (cursor.nextMember(&name, &storage)) {
            // A name with escapes lives in `storage`, which the next member reuses.
            QByteArray owned;
            if (!storage.isEmpty() && name.data() == storage.constData()) {
                owned = storage;
                name = QByteArrayView(owned);
            }
            const auto attributeWhere = [&]() -> QString {
                return where() + u'.' + QString::fromUtf8(name);
            };
            if (cursor.peek() != JsonCursor::Kind::Object)
                fail(QStringLiteral("%1 must be an object").arg(attributeWhere()));
            const qsizetype start = cursor.position();
            checkAttribute(attributeWhere);
            m_attrs.push_back({name, owned, spanFrom(start)});
            if (!owned.isEmpty())
                m_attrs.back().name = QByteArrayView(m_attrs.back().owned);
        }
    }

    template<typename Where>
    void checkAttribute(Where &&where)
    {
        JsonCursor &cursor = m_cursor;
        cursor.enterObject();
        std::optional<bool> loaded;
        bool value = false;
        bool history = false;
        QByteArrayView key;
        QByteArray storage;
        while (cursor.nextMember(&key, &storage)) {
            if (key == "loaded") {
                loaded = readBool([&]() -> QString { return where() + QStringLiteral(".loaded"); });
            } else if (key == "value") {
                value = true;
                cursor.skipValue();
            } else if (key == "history") {
                history = true;
                checkHistory([&]() -> QString { return where() + QStringLiteral(".history"); });
            } else {
                cursor.skipValue();
            }
        }
        if (!loaded)
            fail(QStringLiteral("%1 has no \"loaded\"").arg(where()));
        if (*loaded && (!value || !history))
            fail(QStringLiteral("%1 is loaded but lacks \"%2\"")
                     .arg(where(), value ? QStringLiteral("history") : QStringLiteral("value")));
    }

    template<typename Where>
    void checkHistory(Where &&where)
    {
        JsonCursor &cursor = m_cursor;
        if (cursor.peek() != JsonCursor::Kind::Object)
            fail(QStringLiteral("%1 must be an object").arg(where()));
        cursor.enterObject();
        int lists = 0; // bits: added, unchanged, deleted
        QByteArrayView key;
        QByteArray storage;
        while (cursor.nextMember(&key, &storage)) {
            const int bit = key == "added" ? 1 : key == "unchanged" ? 2 : key == "deleted" ? 4 : 0;
            if (bit) {
                if (cursor.peek() != JsonCursor::Kind::Array)
                    fail(QStringLiteral("%1.%2 must be an array")
                             .arg(where(), QString::fromUtf8(key)));
                lists |= bit;
            }
            cursor.skipValue();
        }
        if (lists != 7)
            fail(QStringLiteral("%1 needs \"added\", \"unchanged\" and \"deleted\"").arg(where()));
    }

    // The ids a relationship's value and History refer to, checked once the whole delta is read
    // (an object may be described after the one referring to it).
    void collectReferences(const PendingAttribute &attr, qint64 from, int entity, int attribute)
    {
        const QByteArrayView text =
            m_cursor.text().sliced(attr.span.offset - m_lineOffset, attr.span.length);
        JsonCursor cursor(text, m_limits);
        const auto where = [&] {
            return QStringLiteral("%1.objects.%2.attrs.%3")
                .arg(QLatin1String(m_path))
                .arg(from)
                .arg(QString::fromUtf8(attr.name));
        };
        auto reference = [&]() {
            if (cursor.readNullIf())
                return;
            if (cursor.peek() != JsonCursor::Kind::Object)
                throw JsonCursorError(m_cursor.position(),
                                      QStringLiteral("%1: a reference must be {\"object\": id} "
                                                     "or null")
                                          .arg(where()));
            cursor.enterObject();
            QByteArrayView key;
            QByteArray storage;
            qint64 target = -1;
            while (cursor.nextMember(&key, &storage)) {
                if (key == "object" && cursor.peek() == JsonCursor::Kind::Number)
                    target = cursor.readInteger(u"object");
                else
                    cursor.skipValue();
            }
            if (target < 1)
                throw JsonCursorError(m_cursor.position(),
                                      QStringLiteral("%1: a reference must be {\"object\": id} "
                                                     "with a positive id")
                                          .arg(where()));
            m_references.push_back({target, from, attribute, entity});
        };
        auto referenceOrList = [&]() {
            if (cursor.peek() != JsonCursor::Kind::Array)
                return reference();
            cursor.enterArray();
            while (cursor.nextElement())
                reference();
        };
        cursor.enterObject();
        QByteArrayView key;
        QByteArray storage;
        while (cursor.nextMember(&key, &storage)) {
            if (key == "value") {
                referenceOrList();
            } else if (key == "history") {
                cursor.enterObject();
                QByteArrayView list;
                QByteArray listStorage;
                while (cursor.nextMember(&list, &listStorage))
                    referenceOrList();
            } else {
                cursor.skipValue();
            }
        }
    }

    void checkReferences()
    {
        for (const Reference &reference : m_references) {
            const int slot = m_ids.find(reference.target);
            if (slot >= 0 && m_state.object(slot))
                continue;
            fail(QStringLiteral("%1.objects.%2.attrs.%3: object %4 is referenced but the trace "
                                "does not describe it")
                     .arg(QLatin1String(m_path))
                     .arg(reference.from)
                     .arg(m_schema.entity(reference.entity)
                              .attributes[size_t(reference.attribute)]
                              .name)
                     .arg(reference.target));
        }
    }

    TraceState &m_state;
    JsonCursor &m_cursor;
    qint64 m_lineOffset;
    const TraceSchema &m_schema;
    TraceIds &m_ids;
    const char *m_path;
    TraceLimits m_limits; // for the cursors over references: their text was checked already
    std::vector<PendingAttribute> m_attrs;
    std::vector<std::pair<int, TraceSpan>> m_resolved;
    std::vector<Reference> m_references;
};

void TraceState::apply(JsonCursor &cursor, qint64 lineOffset, const TraceSchema &schema,
                       TraceIds &ids)
{
    Patcher(*this, cursor, lineOffset, schema, ids, "delta").run();
}

void TraceState::reset(JsonCursor &cursor, qint64 lineOffset, const TraceSchema &schema,
                       TraceIds &ids)
{
    clear();
    Patcher(*this, cursor, lineOffset, schema, ids, "state").run();
}

} // namespace sessionscope
