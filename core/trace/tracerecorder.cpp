#include "tracerecorder.h"

#include "jsonwriter.h"
#include "mapping/mappingjson.h"
#include "mapping/values.h"
#include "session/session.h"
#include "state/attributes.h"
#include "state/objectpool.h"

#include <QHashFunctions>
#include <QIODevice>
#include <QJsonDocument>

#include <charconv>

namespace sessionscope {

namespace {

constexpr qsizetype kBlockSize = 1 << 20; // write to the device in blocks of about 1 MiB

const char *redactionName(TraceRecorder::Redaction redaction)
{
    switch (redaction) {
    case TraceRecorder::Redaction::None:
        return "none";
    case TraceRecorder::Redaction::Sensitive:
        return "sensitive";
    case TraceRecorder::Redaction::All:
        return "all";
    }
    return "none";
}

const char *attributeActionName(AttributeOp op)
{
    switch (op) {
    case AttributeOp::Replace:
        return "replace";
    case AttributeOp::Append:
        return "append";
    case AttributeOp::Remove:
        return "remove";
    case AttributeOp::BulkReplace:
        return "bulk_replace";
    case AttributeOp::Modified:
        return "modified";
    }
    return "replace";
}

void writeRedacted(JsonWriter &json)
{
    json.raw(std::string_view("{\"redacted\":true}"));
}

size_t hashOf(const std::string &bytes)
{
    return std::hash<std::string>()(bytes);
}

const char *lifecycleText(Lifecycle lifecycle)
{
    switch (lifecycle) {
    case Lifecycle::Transient:
        return "transient";
    case Lifecycle::Pending:
        return "pending";
    case Lifecycle::Persistent:
        return "persistent";
    case Lifecycle::Deleted:
        return "deleted";
    case Lifecycle::Detached:
        return "detached";
    }
    return "transient";
}

} // namespace

// What was last written about one object, to write only what changed.
struct TraceRecorder::Recorded
{
    bool written = false;
    QStringList aliases;
    bool aliasesChanged = false;
    // The fields as last written, compared as values: cheaper than writing them to compare.
    Lifecycle lifecycle = Lifecycle::Transient;
    QVariantList key;
    bool modified = false;
    quint8 sets = 0;
    size_t expired = 0;             // a hash of what was written
    std::vector<size_t> attributes; // hashes; attributes, then composites
};

TraceRecorder::TraceRecorder(Session &session, QIODevice *device, Options options)
    : m_session(session)
    , m_device(device)
    , m_options(std::move(options))
{
    m_clock.start();
    m_buffer.reserve(kBlockSize + 4096);
    writeHeader();
    // What the session already holds is part of the first event's delta.
    ObjectPool &pool = session.pool();
    pool.setTracking(true);
    pool.forEachState([this](ObjectState *state) {
        if (state->isAttached())
            mention(state);
    });
    // A session that already holds objects or a transaction is described by a `start` event,
    // so that the state before the first operation is exact too.
    pool.takeTouched();
    if (!m_mentioned.empty() || session.transactionStatus() != TransactionStatus::Inactive)
        writeEvent("start", [](JsonWriter &) {});
    flushBuffer(); // a live viewer can open the trace before the first operation
    session.addListener(this);
}

TraceRecorder::~TraceRecorder()
{
    finish();
}

void TraceRecorder::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_sinceKeyframe > 0 || m_seq == 0)
        writeKeyframe(); // readers show the last state from it without replaying
    flushBuffer();
    m_session.removeListener(this);
    m_session.pool().setTracking(false);
}

void TraceRecorder::flushBuffer()
{
    if (m_buffer.empty() || !m_error.isEmpty())
        return;
    if (m_device->write(m_buffer.data(), qint64(m_buffer.size())) != qint64(m_buffer.size()))
        m_error = QStringLiteral("cannot write the trace: %1").arg(m_device->errorString());
    m_buffer.clear();
}

// ---- lines ------------------------------------------------------------------------------------

void TraceRecorder::writeHeader()
{
    JsonWriter json(m_buffer);
    json.beginObject();
    json.key("format");
    json.string(std::string_view("sessionscope-trace/1"));
    json.key("mapping");
    json.raw(QJsonDocument(mappingToJson(m_session.mapping())).toJson(QJsonDocument::Compact));
    if (!m_options.title.isEmpty()) {
        json.key("title");
        json.string(m_options.title);
    }
    if (!m_options.source.isEmpty()) {
        json.key("source");
        json.string(m_options.source);
    }
    json.key("database");
    json.string(m_session.dialect().name()); // the dialect only: never a connection string
    json.key("recorder");
    json.string(QStringLiteral("sessionscope %1").arg(QStringLiteral(SESSIONSCOPE_VERSION)));
    json.key("redaction");
    json.string(std::string_view(redactionName(m_options.redaction)));
    json.endObject();
    m_buffer += '\n';
}

void TraceRecorder::writeEventHead(JsonWriter &json, const char *type)
{
    // The head every reader looks at first, in the order the format asks for.
    json.beginObject();
    json.rawKey(std::string_view("\"seq\":"));
    json.integer(++m_seq);
    json.rawKey(std::string_view("\"op\":"));
    json.integer(m_op);
    json.rawKey(std::string_view("\"t\":"));
    json.integer(m_clock.nsecsElapsed());
    json.rawKey(std::string_view("\"type\":"));
    json.string(std::string_view(type));
}

template<typename Fields>
void TraceRecorder::writeEvent(const char *type, Fields &&fields)
{
    if (m_finished)
        return;
    const size_t start = m_buffer.size();
    JsonWriter json(m_buffer);
    writeEventHead(json, type);
    fields(json);
    finishEvent(json);
    m_bytesSinceKeyframe += qint64(m_buffer.size() - start);
    maybeWriteKeyframe();
    if (qsizetype(m_buffer.size()) >= kBlockSize)
        flushBuffer();
}

void TraceRecorder::finishEvent(JsonWriter &json)
{
    m_delta.clear();
    JsonWriter deltaJson(m_delta);
    if (writeDelta(deltaJson)) {
        json.key("delta");
        json.raw(m_delta);
    }
    json.endObject();
    m_buffer += '\n';
}

void TraceRecorder::maybeWriteKeyframe()
{
    ++m_sinceKeyframe;
    if (m_expiring)
        return; // objects still to report would show expired ahead of their events
    if (m_sinceKeyframe >= m_options.keyframeInterval &&
        m_bytesSinceKeyframe >= m_options.keyframeSpacing * m_lastKeyframeBytes)
        writeKeyframe();
}

void TraceRecorder::writeKeyframe()
{
    // Right after an event line nothing is pending, so the objects as they are now are the
    // state the trace has described so far.
    const size_t start = m_buffer.size();
    JsonWriter json(m_buffer);
    writeEventHead(json, "keyframe");
    json.key("state");
    json.beginObject();
    json.key("transaction");
    writeTransaction(json);
    json.key("objects");
    json.beginObject();
    char id[24];
    for (size_t i = 0; i < m_byId.size(); ++i) {
        if (!m_recorded[i].written)
            continue;
        const auto end = std::to_chars(id, id + sizeof id, qulonglong(i + 1)).ptr;
        json.key(std::string_view(id, size_t(end - id)));
        json.beginObject();
        writeObject(json, *m_byId[i], m_recorded[i], true);
        json.endObject();
    }
    json.endObject();
    json.endObject();
    json.endObject();
    m_buffer += '\n';
    m_lastKeyframeBytes = qint64(m_buffer.size() - start);
    if (m_lastKeyframeBytes > m_options.maxKeyframeBytes) {
        // Too long a line for readers' limits; keyframes are optional, so leave it out.
        m_buffer.resize(start);
        --m_seq;
    }
    m_sinceKeyframe = 0;
    m_bytesSinceKeyframe = 0;
}

void TraceRecorder::writeTransaction(JsonWriter &json) const
{
    json.beginObject();
    json.key("active");
    json.boolean(m_transactionActive);
    json.key("nested_depth");
    json.integer(m_nestedDepth);
    json.key("status");
    json.string(transactionStatusName(m_transactionStatus));
    if (m_transactionStatus == TransactionStatus::NeedsRollback && m_rollbackCause) {
        json.key("cause");
        writeError(json, *m_rollbackCause);
    }
    json.endObject();
}

void TraceRecorder::writeError(JsonWriter &json, const SessionError &error) const
{
    json.beginObject();
    json.key("kind");
    json.string(errorKindName(error.kind()));
    json.key("message");
    // Database messages can quote values ("Key (email)=(...) already exists").
    if (m_options.redaction == Redaction::All)
        json.string(std::string_view("(redacted)"));
    else
        json.string(error.message());
    json.endObject();
}

bool TraceRecorder::writeDelta(JsonWriter &json)
{
    bool any = false;
    json.beginObject();
    const bool active = m_session.inTransaction();
    const int depth = m_session.nestedDepth();
    const TransactionStatus status = m_session.transactionStatus();
    const SessionError *cause = m_session.rollbackCause();
    const bool causeChanged = bool(cause) != m_rollbackCause.has_value() ||
                              (cause && (cause->kind() != m_rollbackCause->kind() ||
                                         cause->message() != m_rollbackCause->message()));
    if (active != m_transactionActive || depth != m_nestedDepth || status != m_transactionStatus ||
        causeChanged) {
        m_transactionActive = active;
        m_nestedDepth = depth;
        m_transactionStatus = status;
        if (cause)
            m_rollbackCause.emplace(cause->kind(), cause->message());
        else
            m_rollbackCause.reset();
        json.key("transaction");
        writeTransaction(json);
        any = true;
    }
    std::vector<ObjectState *> touched = m_session.pool().takeTouched();
    touched.insert(touched.end(), m_mentioned.begin(), m_mentioned.end());
    m_mentioned.clear();
    bool objectsOpen = false;
    char idText[24];
    // Writing an object can mention others (its references); they join the same delta.
    for (size_t i = 0; i < touched.size(); ++i) {
        ObjectState *state = touched[i];
        const int id = idOf(state);
        Recorded &recorded = m_recorded[size_t(id - 1)];
        const bool full = !recorded.written;
        m_patch.clear();
        JsonWriter object(m_patch);
        object.beginObject();
        writeObject(object, *state, recorded, full);
        object.endObject();
        state->clearTouched();
        if (m_patch.size() > 2) {
            if (!objectsOpen) {
                json.key("objects");
                json.beginObject();
                objectsOpen = true;
            }
            const auto end = std::to_chars(idText, idText + sizeof idText, id).ptr;
            json.key(std::string_view(idText, size_t(end - idText)));
            json.raw(m_patch);
        }
        if (!m_mentioned.empty()) {
            touched.insert(touched.end(), m_mentioned.begin(), m_mentioned.end());
            m_mentioned.clear();
        }
    }
    if (objectsOpen) {
        json.endObject();
        any = true;
    }
    json.endObject();
    return any;
}

// ---- objects ----------------------------------------------------------------------------------

int TraceRecorder::idOf(ObjectState *state)
{
    if (const int id = state->traceId())
        return id;
    m_byId.push_back(state);
    m_recorded.emplace_back();
    const int id = int(m_byId.size());
    state->setTraceId(id);
    m_mentioned.push_back(state); // a new object gets its full record in the next delta
    return id;
}

void TraceRecorder::mention(ObjectState *state)
{
    if (!state)
        return;
    const int id = idOf(state);
    if (!m_recorded[size_t(id - 1)].written)
        m_mentioned.push_back(state);
}

const std::vector<std::string> &TraceRecorder::keysOf(const EntityType &entity)
{
    auto it = m_keys.find(&entity);
    if (it == m_keys.end()) {
        std::vector<std::string> keys;
        for (int a = 0; a < entity.attributeCount(); ++a)
            keys.push_back(JsonWriter::quotedKey(entity.attributeName(a)));
        for (const Composite &composite : entity.composites())
            keys.push_back(JsonWriter::quotedKey(composite.name));
        it = m_keys.insert(&entity, std::move(keys));
    }
    return it.value();
}

bool TraceRecorder::attributeMayHaveChanged(const ObjectState &state, int slot) const
{
    if (state.allAttributesTouched() || state.isAttributeTouched(slot))
        return true;
    const EntityType &entity = state.entity();
    if (slot < entity.attributeCount())
        return false;
    // A composite's History is made of its columns'.
    for (int column : entity.composites()[size_t(slot - entity.attributeCount())].columns) {
        if (state.isAttributeTouched(column))
            return true;
    }
    return false;
}

void TraceRecorder::writeObject(JsonWriter &json, ObjectState &state, Recorded &recorded, bool full)
{
    const EntityType &entity = state.entity();
    if (full) {
        json.key("entity");
        json.string(entity.name());
    }
    if (full || recorded.aliasesChanged) {
        json.key("aliases");
        json.beginArray();
        for (const QString &alias : std::as_const(recorded.aliases))
            json.string(alias);
        json.endArray();
        recorded.aliasesChanged = false;
    }
    if (full || state.fieldsTouched())
        writeFields(json, state, recorded, full);
    writeAttributes(json, state, recorded, full);
    recorded.written = true;
}

void TraceRecorder::writeFields(JsonWriter &json, ObjectState &state, Recorded &recorded, bool full)
{
    const EntityType &entity = state.entity();
    const Lifecycle lifecycle = state.lifecycle();
    if (full || lifecycle != recorded.lifecycle) {
        json.key("state");
        json.string(std::string_view(lifecycleText(lifecycle)));
        recorded.lifecycle = lifecycle;
    }
    if (full || state.key().compare(recorded.key) != 0 ||
        state.key().size() != recorded.key.size()) {
        json.key("key");
        if (!state.hasIdentity()) {
            json.null();
        } else {
            json.beginArray();
            for (qsizetype i = 0; i < state.key().size(); ++i) {
                if (redacted(entity, entity.primaryKey()[i]))
                    writeRedacted(json);
                else
                    json.columnValue(state.key()[i]);
            }
            json.endArray();
        }
        recorded.key = state.key().toList();
    }
    if (full || state.isModified() != recorded.modified) {
        json.key("modified");
        json.boolean(state.isModified());
        recorded.modified = state.isModified();
    }
    if (full || state.hasExpiredAttributes() || recorded.expired != 0) {
        m_field.clear();
        JsonWriter w(m_field);
        w.beginArray();
        for (int a = 0; a < entity.attributeCount(); ++a) {
            if (state.isExpired(a))
                w.string(entity.attributeName(a));
        }
        for (int c = 0; c < int(entity.composites().size()); ++c) {
            if (state.isExpired(state.compositeSlot(c)))
                w.string(entity.composites()[size_t(c)].name);
        }
        w.endArray();
        // 0 stands for "none expired", so that the common case skips the list altogether.
        const size_t hash = state.hasExpiredAttributes() ? (hashOf(m_field) | 1U) : 0;
        if (full || hash != recorded.expired) {
            json.key("expired");
            json.raw(m_field);
            recorded.expired = hash;
        }
    }
    const Session::Membership m = m_session.membership(state);
    const quint8 sets = quint8((m.identityMap ? 1 : 0) | (m.isNew ? 2 : 0) | (m.dirty ? 4 : 0) |
                               (m.deleted ? 8 : 0));
    if (full || sets != recorded.sets) {
        json.key("sets");
        json.beginArray();
        if (m.identityMap)
            json.string(std::string_view("identity_map"));
        if (m.isNew)
            json.string(std::string_view("new"));
        if (m.dirty)
            json.string(std::string_view("dirty"));
        if (m.deleted)
            json.string(std::string_view("deleted"));
        json.endArray();
        recorded.sets = sets;
    }
}

void TraceRecorder::writeAttributes(JsonWriter &json, ObjectState &state, Recorded &recorded,
                                    bool full)
{
    const EntityType &entity = state.entity();
    const int attributeCount = entity.attributeCount();
    const int total = attributeCount + int(entity.composites().size());
    recorded.attributes.resize(size_t(total), 0);
    const std::vector<std::string> &keys = keysOf(entity);
    bool attrsOpen = false;
    for (int a = 0; a < total; ++a) {
        if (!full && !attributeMayHaveChanged(state, a))
            continue;
        m_field.clear();
        JsonWriter value(m_field);
        if (a < attributeCount)
            writeAttribute(value, state, a);
        else
            writeComposite(value, state, a - attributeCount);
        const size_t hash = hashOf(m_field);
        if (!full && hash == recorded.attributes[size_t(a)])
            continue;
        recorded.attributes[size_t(a)] = hash;
        if (!attrsOpen) {
            json.key("attrs");
            json.beginObject();
            attrsOpen = true;
        }
        json.rawKey(keys[size_t(a)]);
        json.raw(m_field);
    }
    if (attrsOpen)
        json.endObject();
}

void TraceRecorder::writeReference(JsonWriter &json, ObjectState *state)
{
    if (!state)
        return json.null();
    const int id = idOf(state);
    mention(state);
    json.beginObject();
    json.key("object");
    json.integer(id);
    json.endObject();
}

void TraceRecorder::writeValue(JsonWriter &json, const ObjectState &owner, int attribute,
                               const QVariant &value)
{
    const EntityType &entity = owner.entity();
    if (entity.isColumn(attribute)) {
        if (redacted(entity, attribute))
            return writeRedacted(json);
        return json.columnValue(value);
    }
    if (entity.isCollection(attribute) && value.metaType() == QMetaType::fromType<ObjectList>()) {
        json.beginArray();
        for (ObjectState *member : value.value<ObjectList>())
            writeReference(json, member);
        json.endArray();
        return;
    }
    writeReference(json, value.isValid() ? value.value<ObjectState *>() : nullptr);
}

void TraceRecorder::writeAttribute(JsonWriter &json, ObjectState &state, int attribute)
{
    json.beginObject();
    json.key("loaded");
    if (!state.isLoaded(attribute)) {
        json.boolean(false);
        json.endObject();
        return;
    }
    json.boolean(true);
    json.key("value");
    writeValue(json, state, attribute, state.loadedValue(attribute));
    if (state.entity().isColumn(attribute) && !state.hasOriginal(attribute)) {
        // What attributes::history() says for a loaded column without a change, spelled out:
        // the common case (every object after a flush or a load), and allocation-free.
        json.key("history");
        json.beginObject();
        json.key("added");
        json.beginArray();
        json.endArray();
        json.key("unchanged");
        json.beginArray();
        writeValue(json, state, attribute, state.loadedValue(attribute));
        json.endArray();
        json.key("deleted");
        json.beginArray();
        json.endArray();
        json.endObject();
        json.endObject();
        return;
    }
    const History history = attributes::history(state, attribute);
    json.key("history");
    json.beginObject();
    const std::pair<const char *, const QVariantList *> lists[] = {
        {"added", &history.added},
        {"unchanged", &history.unchanged},
        {"deleted", &history.deleted}};
    for (const auto &[name, entries] : lists) {
        json.key(std::string_view(name));
        json.beginArray();
        for (const QVariant &entry : *entries) {
            if (state.entity().isRelationship(attribute))
                writeReference(json, entry.isValid() ? entry.value<ObjectState *>() : nullptr);
            else
                writeValue(json, state, attribute, entry);
        }
        json.endArray();
    }
    json.endObject();
    json.endObject();
}

void TraceRecorder::writeComposite(JsonWriter &json, ObjectState &state, int composite)
{
    const EntityType &entity = state.entity();
    const Composite &spec = entity.composites()[size_t(composite)];
    const QVariant *cached = state.cachedComposite(composite);
    json.beginObject();
    json.key("loaded");
    json.boolean(cached != nullptr);
    if (!cached) {
        json.endObject();
        return;
    }
    auto fields = [&](const QVariant &value) {
        if (!value.isValid())
            return json.null();
        const QVariantList list = value.toList();
        json.beginObject();
        for (qsizetype i = 0; i < spec.columns.size() && i < list.size(); ++i) {
            json.rawKey(keysOf(entity)[size_t(spec.columns[i])]);
            writeValue(json, state, spec.columns[i], list[i]);
        }
        json.endObject();
    };
    json.key("value");
    fields(*cached);
    const History history = attributes::compositeHistory(state, composite);
    json.key("history");
    json.beginObject();
    const std::pair<const char *, const QVariantList *> lists[] = {
        {"added", &history.added},
        {"unchanged", &history.unchanged},
        {"deleted", &history.deleted}};
    for (const auto &[name, entries] : lists) {
        json.key(std::string_view(name));
        json.beginArray();
        for (const QVariant &entry : *entries)
            fields(entry);
        json.endArray();
    }
    json.endObject();
    json.endObject();
}

bool TraceRecorder::redacted(const EntityType &entity, int column) const
{
    if (!entity.isColumn(column))
        return false;
    switch (m_options.redaction) {
    case Redaction::None:
        return false;
    case Redaction::Sensitive:
        return entity.column(column).sensitive;
    case Redaction::All:
        // Keys stay: they identify objects, and a trace without them cannot be followed.
        return !entity.isPrimaryKey(column) || entity.column(column).sensitive;
    }
    return false;
}

// ---- what the session reports -----------------------------------------------------------------

void TraceRecorder::bindAlias(const Object &object, const QString &alias)
{
    ObjectState *state = object.state();
    const int id = idOf(state);
    Recorded &recorded = m_recorded[size_t(id - 1)];
    recorded.aliases.append(alias);
    recorded.aliasesChanged = true;
    m_mentioned.push_back(state); // its aliases go out with this event's delta
    writeEvent("alias", [&](JsonWriter &json) {
        json.key("object");
        json.integer(id);
        json.key("alias");
        json.string(alias);
    });
}

void TraceRecorder::operationStarted(Session &, const OperationInfo &info)
{
    ++m_op;
    writeEvent("begin", [&](JsonWriter &json) {
        json.key("kind");
        json.string(operationName(info.kind));
        json.key("label");
        // A caller's label may quote values (`set u1 password = "..."`): with redaction, the
        // label is made from the operation, object and attribute only.
        if (!info.label.isEmpty() && m_options.redaction == Redaction::None) {
            json.string(info.label);
        } else {
            QString label = operationName(info.kind);
            if (info.object)
                label +=
                    u' ' + (m_options.redaction == Redaction::None ? describeObject(*info.object)
                                                                   : info.object->entity().name());
            if (info.attribute >= 0 && info.object)
                label += u'.' + info.object->entity().attributeName(info.attribute);
            json.string(label);
        }
        if (info.object) {
            json.key("object");
            json.integer(idOf(info.object));
        }
        if (info.attribute >= 0 && info.object) {
            json.key("attr");
            json.string(info.object->entity().attributeName(info.attribute));
        }
        if (info.kind == OperationKind::Note) {
            json.key("text");
            json.string(info.detail);
        }
    });
}

void TraceRecorder::operationFinished(Session &, const OperationInfo &, const SessionError *error)
{
    writeEvent("end", [&](JsonWriter &json) {
        json.key("error");
        if (!error)
            return json.null();
        writeError(json, *error);
    });
    if (m_options.flushEachOperation)
        flushBuffer();
}

void TraceRecorder::writeSessionEvent(const char *name)
{
    writeEvent("session", [&](JsonWriter &json) {
        json.key("event");
        json.string(std::string_view(name));
    });
}

void TraceRecorder::afterBegin(Session &)
{
    writeSessionEvent("after_begin");
}

void TraceRecorder::beforeFlush(Session &)
{
    writeSessionEvent("before_flush");
}

void TraceRecorder::afterFlush(Session &)
{
    writeSessionEvent("after_flush");
}

void TraceRecorder::afterFlushPostexec(Session &)
{
    writeSessionEvent("after_flush_postexec");
}

void TraceRecorder::beforeCommit(Session &)
{
    writeSessionEvent("before_commit");
}

void TraceRecorder::afterCommit(Session &)
{
    writeSessionEvent("after_commit");
}

void TraceRecorder::afterRollback(Session &)
{
    writeSessionEvent("after_rollback");
}

void TraceRecorder::afterSoftRollback(Session &)
{
    writeSessionEvent("after_soft_rollback");
}

void TraceRecorder::lifecycleChanged(Session &, ObjectState &state, LifecycleTransition transition)
{
    writeEvent("lifecycle", [&](JsonWriter &json) {
        json.key("object");
        json.integer(idOf(&state));
        json.key("transition");
        json.string(transitionName(transition));
    });
}

void TraceRecorder::attributeChanged(Session &, const AttributeEvent &event)
{
    ObjectState &state = *event.object;
    writeEvent("attribute", [&](JsonWriter &json) {
        json.key("object");
        json.integer(idOf(&state));
        json.key("attr");
        json.string(state.entity().attributeName(event.attribute));
        json.key("action");
        json.string(std::string_view(attributeActionName(event.op)));
        json.key("value");
        writeValue(json, state, event.attribute, event.value);
        if (event.oldValueKnown) {
            json.key("old");
            writeValue(json, state, event.attribute, event.oldValue);
        }
        const Initiator &initiator = event.initiator;
        if (initiator.isValid() &&
            (initiator.entity != &state.entity() || initiator.attribute != event.attribute)) {
            json.key("initiator");
            json.beginObject();
            json.key("entity");
            json.string(initiator.entity->name());
            json.key("attr");
            json.string(initiator.entity->attributeName(initiator.attribute));
            json.endObject();
        }
    });
}

void TraceRecorder::identityMapExpired(Session &session, const QList<ObjectState *> &objects)
{
    // The session deferred the expiry; each object takes it as it is reported, so a keyframe
    // (which reads the objects as they are) waits until every one has been.
    m_expiring = true;
    const auto done = qScopeGuard([this] { m_expiring = false; });
    SessionListener::identityMapExpired(session, objects);
}

void TraceRecorder::expired(Session &, ObjectState &state, const QList<int> &attributes)
{
    state.settle(); // a deferred expiry touches the object now, for this event's delta
    writeEvent("expire", [&](JsonWriter &json) {
        json.key("object");
        json.integer(idOf(&state));
        json.key("attrs");
        json.beginArray();
        for (int a : attributes)
            json.string(state.entity().attributeName(a));
        json.endArray();
    });
}

void TraceRecorder::statementExecuted(Session &, const StatementEvent &event)
{
    writeEvent("sql", [&](JsonWriter &json) {
        json.key("sql");
        if (event.sql != m_lastSql) {
            m_lastSql = event.sql;
            m_lastSqlJson.clear();
            JsonWriter(m_lastSqlJson).string(event.sql);
        }
        json.raw(m_lastSqlJson);
        json.key("verb");
        json.string(event.verb);
        json.key("table");
        if (event.table.isEmpty())
            json.null();
        else
            json.string(event.table);
        json.key("params");
        json.beginArray();
        for (const QVariantList &row : event.rows) {
            json.beginArray();
            for (qsizetype i = 0; i < row.size(); ++i) {
                bool hide = m_options.redaction == Redaction::All;
                if (m_options.redaction == Redaction::Sensitive) {
                    const int column =
                        i < event.parameterColumns.size() ? event.parameterColumns[i] : -1;
                    hide = !event.entity || column < 0 || redacted(*event.entity, column);
                }
                if (hide)
                    writeRedacted(json);
                else
                    json.columnValue(row[i]);
            }
            json.endArray();
        }
        json.endArray();
        json.key("rows");
        json.integer(event.rowCount);
        json.key("duration_ns");
        json.integer(event.durationNs);
        json.key("error");
        if (event.error.isEmpty())
            json.null();
        else if (m_options.redaction == Redaction::All)
            json.string(std::string_view("(redacted)"));
        else
            json.string(event.error);
        if (event.object) {
            json.key("object");
            json.integer(idOf(event.object));
        }
    });
}

void TraceRecorder::savepoint(Session &, SavepointAction action, int depth)
{
    writeEvent("savepoint", [&](JsonWriter &json) {
        json.key("action");
        json.string(savepointActionName(action));
        json.key("depth");
        json.integer(depth);
    });
}

} // namespace sessionscope
