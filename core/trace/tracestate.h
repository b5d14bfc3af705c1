#pragma once

#include "jsoncursor.h"
#include "session/sessiontransaction.h"
#include "traceschema.h"

#include <QByteArrayView>
#include <QExplicitlySharedDataPointer>
#include <QHash>
#include <QList>
#include <QStringList>

#include <vector>

namespace sessionscope {

// Where a value sits in the trace: a byte range of the file (whose size is limited to 4 GiB).
// The state keeps spans, not values, so that it stays small however much the trace holds; a
// value is read back and parsed only when it is shown.
struct TraceSpan
{
    quint32 offset = 0;
    quint32 length = 0;
    bool isNull() const { return length == 0; }
};

enum class TraceLifecycle : quint8 { Transient, Pending, Persistent, Deleted, Detached };
const char *traceLifecycleName(TraceLifecycle lifecycle);

// Bits of TraceObject::sets.
enum TraceSetBit : quint8 {
    InIdentityMap = 1,
    InNew = 2,
    InDirty = 4,
    InDeleted = 8,
};

// One object as the trace describes it (docs/trace-format.md, "State").
struct TraceObject
{
    QStringList aliases;
    QList<TraceSpan> attrs; // by TraceSchema slot; a null span: not described (not loaded)
    TraceSpan key;          // a null span: no key
    TraceSpan expired;      // a null span: none expired
    qint32 entity = -1;     // TraceSchema entity index; -1: no such object
    TraceLifecycle lifecycle = TraceLifecycle::Transient;
    quint8 sets = 0;
    bool modified = false;

    bool exists() const { return entity >= 0; }
};

// Object ids as a trace gives them (any positive integers), numbered densely in order of first
// appearance. One table serves every state of a Timeline, so a number means the same object in
// all of them.
class TraceIds
{
public:
    int slotOf(qint64 id); // assigns a slot to a new id
    int find(qint64 id) const;
    qint64 idAt(int slot) const { return m_ids[size_t(slot)]; }
    int size() const { return int(m_ids.size()); }

private:
    // Small ids (a recorder's 1, 2, 3, ...) index a vector; others go through a hash.
    std::vector<int> m_dense; // id -> slot + 1
    QHash<qint64, int> m_sparse;
    std::vector<qint64> m_ids;
};

// The state of a session rebuilt from a trace: its transaction and its objects. A copy is cheap
// and shares everything until one side changes (objects live in shared chunks, copied on
// write), which is what lets a Timeline keep many checkpoints in little memory.
class TraceState
{
public:
    TraceState();
    ~TraceState();
    TraceState(const TraceState &);
    TraceState &operator=(const TraceState &);
    TraceState(TraceState &&) noexcept;
    TraceState &operator=(TraceState &&) noexcept;

    bool transactionActive() const { return m_active; }
    int nestedDepth() const { return m_nestedDepth; }
    // The transaction's `status` (derived from `active` in traces written before it existed),
    // and while it needs a rollback, the error that caused it: its kind name and message.
    TransactionStatus transactionStatus() const { return m_status; }
    const QString &rollbackCauseKind() const { return m_causeKind; }
    const QString &rollbackCauseMessage() const { return m_causeMessage; }
    int slotCount() const;                     // every slot below this may hold an object
    const TraceObject *object(int slot) const; // null when there is none
    qsizetype objectCount() const { return m_objectCount; }

    // Applies an event's delta, or replaces everything with a keyframe's state, read from
    // `cursor` (positioned at the value; its text is a line that starts at byte `lineOffset` of
    // the trace). Checks the value as it reads it: throws JsonCursorError for malformed JSON
    // and for JSON of the wrong shape (the message names the path, e.g.
    // "delta.objects.3.state: unknown state ..."); the state is then unspecified.
    void apply(JsonCursor &cursor, qint64 lineOffset, const TraceSchema &schema, TraceIds &ids);
    void reset(JsonCursor &cursor, qint64 lineOffset, const TraceSchema &schema, TraceIds &ids);

private:
    struct Chunk;
    class Patcher;
    TraceObject &mutableObject(int slot);
    void clear();

    std::vector<QExplicitlySharedDataPointer<Chunk>> m_chunks;
    qsizetype m_objectCount = 0;
    int m_nestedDepth = 0;
    bool m_active = false;
    TransactionStatus m_status = TransactionStatus::Inactive;
    QString m_causeKind;
    QString m_causeMessage;
};

} // namespace sessionscope
