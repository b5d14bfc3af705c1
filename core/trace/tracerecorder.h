#pragma once

#include "events/sessionlistener.h"
#include "session/sessiontransaction.h"
#include "state/object.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>

#include <optional>
#include <string>
#include <vector>

class QIODevice;

namespace sessionscope {

class Session;
class JsonWriter;

// Records everything a session does as a trace (docs/trace-format.md) on any QIODevice: one
// JSON line per event, each carrying the changes to the session's visible state it caused, so a
// Timeline can rebuild the state at any moment without the database.
//
// Attach it to a session before the work to record, and keep it alive until finish() (or its
// destruction). One recorder per session at a time.
class TraceRecorder final : public SessionListener
{
public:
    enum class Redaction : quint8 {
        None,      // every parameter and value is written
        Sensitive, // columns marked sensitive (and raw SQL parameters) are written as redacted
        All,       // every bound parameter is written as redacted
    };
    struct Options
    {
        Redaction redaction = Redaction::None;
        QString title;
        QString source;
        // A keyframe (the whole state) is written at least this many events apart, and only
        // after eight times its own size has been written since the last one, so keyframes stay
        // under a ninth of a trace.
        int keyframeInterval = 4096;
        // The "eight times": 0 spaces keyframes by keyframeInterval alone (tests use it).
        int keyframeSpacing = 8;
        // A keyframe longer than this is left out: half a reader's 64 MiB line limit.
        qint64 maxKeyframeBytes = qint64(32) << 20;
        // Write to the device at the end of every operation (for live viewers), else in blocks.
        bool flushEachOperation = true;
    };

    TraceRecorder(Session &session, QIODevice *device, Options options);
    TraceRecorder(Session &session, QIODevice *device)
        : TraceRecorder(session, device, Options())
    {}
    ~TraceRecorder() override;
    TraceRecorder(const TraceRecorder &) = delete;
    TraceRecorder &operator=(const TraceRecorder &) = delete;

    // A scenario named an object (an `alias` event).
    void bindAlias(const Object &object, const QString &alias);
    // Writes a final keyframe, flushes, and stops recording. Called by the destructor too.
    void finish();

    qint64 eventCount() const { return m_seq; }
    // Non-empty once writing to the device failed; the trace stops there.
    const QString &errorString() const { return m_error; }

    // SessionListener
    void operationStarted(Session &, const OperationInfo &info) override;
    void operationFinished(Session &, const OperationInfo &info,
                           const SessionError *error) override;
    void afterBegin(Session &) override;
    void beforeFlush(Session &) override;
    void afterFlush(Session &) override;
    void afterFlushPostexec(Session &) override;
    void beforeCommit(Session &) override;
    void afterCommit(Session &) override;
    void afterRollback(Session &) override;
    void afterSoftRollback(Session &) override;
    void lifecycleChanged(Session &, ObjectState &state, LifecycleTransition transition) override;
    void attributeChanged(Session &, const AttributeEvent &event) override;
    void expired(Session &, ObjectState &state, const QList<int> &attributes) override;
    void identityMapExpired(Session &session, const QList<ObjectState *> &objects) override;
    void statementExecuted(Session &, const StatementEvent &event) override;
    void savepoint(Session &, SavepointAction action, int depth) override;

private:
    struct Recorded; // what was last written about an object

    void writeHeader();
    template<typename Fields>
    void writeEvent(const char *type, Fields &&fields);
    void writeEventHead(JsonWriter &json, const char *type);
    void finishEvent(JsonWriter &json);
    void writeSessionEvent(const char *name);
    bool writeDelta(JsonWriter &json);
    void writeTransaction(JsonWriter &json) const;
    void writeError(JsonWriter &json, const SessionError &error) const;
    void maybeWriteKeyframe();
    void writeKeyframe();
    void writeObject(JsonWriter &json, ObjectState &state, Recorded &recorded, bool full);
    void writeFields(JsonWriter &json, ObjectState &state, Recorded &recorded, bool full);
    void writeAttributes(JsonWriter &json, ObjectState &state, Recorded &recorded, bool full);
    bool attributeMayHaveChanged(const ObjectState &state, int slot) const;
    const std::vector<std::string> &keysOf(const EntityType &entity);
    void writeAttribute(JsonWriter &json, ObjectState &state, int attribute);
    void writeComposite(JsonWriter &json, ObjectState &state, int composite);
    void writeValue(JsonWriter &json, const ObjectState &owner, int attribute,
                    const QVariant &value);
    void writeReference(JsonWriter &json, ObjectState *state);
    bool redacted(const EntityType &entity, int column) const;
    int idOf(ObjectState *state);
    void mention(ObjectState *state);
    void flushBuffer();

    Session &m_session;
    QIODevice *m_device;
    Options m_options;
    QElapsedTimer m_clock;
    std::string m_buffer;
    QString m_error;
    std::vector<ObjectState *> m_byId; // id - 1 -> state
    std::vector<Recorded> m_recorded;  // id - 1 -> what was last written
    std::vector<ObjectState *> m_mentioned;
    // The transaction as last written; a reader's initial state until then.
    bool m_expiring = false; // inside identityMapExpired()
    bool m_transactionActive = false;
    int m_nestedDepth = 0;
    TransactionStatus m_transactionStatus = TransactionStatus::Inactive;
    // Why the session needs a rollback, as last written (a copy: the session's goes away).
    std::optional<SessionError> m_rollbackCause;
    // Scratch buffers, reused so that an event costs no allocation.
    std::string m_delta;
    std::string m_patch;
    std::string m_field;
    // The last statement's text, escaped: a flush sends the same INSERT row after row.
    QString m_lastSql;
    std::string m_lastSqlJson;
    // Per entity, its attributes' and composites' names written as `"name":`.
    QHash<const EntityType *, std::vector<std::string>> m_keys;
    qint64 m_seq = 0;
    int m_op = 0;
    qint64 m_sinceKeyframe = 0;      // events
    qint64 m_bytesSinceKeyframe = 0; // bytes of events
    qint64 m_lastKeyframeBytes = 0;
    bool m_finished = false;
};

} // namespace sessionscope
