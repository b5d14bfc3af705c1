#pragma once

#include "traceevent.h"
#include "traceheader.h"
#include "tracerender.h"
#include "traceschema.h"
#include "tracestate.h"

#include <QJsonArray>
#include <QJsonObject>

#include <memory>
#include <optional>
#include <vector>

namespace sessionscope {

class TraceSource;

// One operation of a trace: a call the application made on its session.
struct TraceOperation
{
    int number = 0;
    QString kind;       // the scenario op name: "add", "flush", ...
    QString label;      // a summary for people
    QString text;       // a note's text
    qint64 object = -1; // the object id it acts on, if any
    QString attribute;
    qint64 beginEvent = -1; // event indexes
    qint64 endEvent = -1;   // -1: it never ended (the program stopped during it)
    bool failed = false;
    QString errorKind;
    QString errorMessage;
};

// One SQL statement of a trace.
struct TraceStatement
{
    QString sql;
    QString verb;
    QString table;
    QJsonArray params; // one array per parameter row
    qint64 rows = -1;
    qint64 durationNs = 0;
    QString error;
    qint64 object = -1;
};

// Counts over a whole trace, gathered as it is checked.
struct TraceStats
{
    qint64 operations = 0;
    qint64 events = 0; // keyframes not included
    qint64 keyframes = 0;
    qint64 statements = 0;
    qint64 failedStatements = 0;
    qint64 failedOperations = 0;
    qint64 objects = 0;
    bool unfinishedOperation = false;
};

// A trace opened for reading: its operations and events, a cursor, and the state of the session
// at the cursor, rebuilt from the trace alone (docs/trace-format.md).
//
// Opening reads every line's head (seq, op, t, type) without parsing the rest, so a trace of a
// million events opens in about the time it takes to read it. The events are parsed in full
// when they are replayed and by verify(), which checks every line once and keeps a checkpoint of
// the state every so many events; seeking starts from the nearest checkpoint, keyframe or the
// cursor, whichever leaves the fewest bytes to replay. Values stay in the file: the state holds
// byte spans, and rendering reads them back.
//
// Appending is supported (a live trace): refresh() indexes lines written since.
//
// Every malformed line is reported as TraceError "FILE:LINE: what is wrong"; a failed seek
// leaves the cursor where it was.
class Timeline
{
public:
    struct Options
    {
        TraceLimits limits;
        qint64 checkpointInterval = 1024; // events between checkpoints kept by verify() (0: none)
    };

    static std::unique_ptr<Timeline> open(const QString &path, const Options &options);
    static std::unique_ptr<Timeline> open(const QString &path) { return open(path, Options()); }
    // A trace received as bytes (a stream); append more with appendData().
    static std::unique_ptr<Timeline> fromData(QByteArray data, const QString &name,
                                              const Options &options);
    static std::unique_ptr<Timeline> fromData(QByteArray data, const QString &name)
    {
        return fromData(std::move(data), name, Options());
    }
    ~Timeline();
    Timeline(const Timeline &) = delete;
    Timeline &operator=(const Timeline &) = delete;

    // ---- reading more of a live trace
    // Indexes the complete lines appended since the last call; returns how many events arrived.
    qint64 refresh();
    // Stream traces: adds bytes (then call refresh()).
    void appendData(QByteArrayView data);
    // "FILE:LINE: ..." when the trace ends in an unterminated line, which is ignored.
    std::optional<QString> truncation() const;

    // ---- what the trace holds
    const QString &name() const;
    const TraceHeader &header() const { return m_header; }
    const TraceSchema &schema() const { return *m_schema; }
    qint64 eventCount() const { return qint64(m_offsets.size()); }
    int operationCount() const { return int(m_opBegin.size()); }
    TraceEventType eventType(qint64 event) const { return m_types[size_t(event)]; }
    qint64 lineNumber(qint64 event) const { return event + 2; } // line 1 is the header
    // The operation an event belongs to (0: before the first one).
    int operationOf(qint64 event) const;
    // The event after which the state is the state after operation `op` (-1: before any event).
    // It is also the operation's last event: its end, or, when it never ended, the last event
    // before the next operation (or of the trace).
    qint64 stateEventOf(int op) const;
    // The first event of operation `op`: its begin (0 for operation 0, the events before the
    // first operation).
    qint64 firstEventOf(int op) const;
    QByteArray eventText(qint64 event) const;
    QJsonObject event(qint64 event) const;
    TraceOperation operation(int op) const;       // 1-based
    TraceStatement statement(qint64 event) const; // an event of type Sql

    // ---- checking
    // Parses and checks up to `maxEvents` more events in full (all when negative), keeping
    // checkpoints; true once every event is checked.
    bool verify(qint64 maxEvents = -1);
    bool isVerified() const { return m_verified == eventCount(); }
    // Valid once verified.
    TraceStats stats() const;

    // ---- the cursor
    qint64 cursor() const { return m_cursor; } // the state is after this event (-1: before any)
    void seekEvent(qint64 event);
    void seekOperation(int op) { seekEvent(stateEventOf(op)); }
    const TraceState &state() const { return m_state; }
    const TraceIds &ids() const { return m_ids; }
    const TraceBytes &bytes() const;
    TraceRenderer renderer() const { return TraceRenderer(m_state, *m_schema, m_ids, bytes()); }

    // Memory the index and checkpoints take (for benchmarks), in bytes.
    qint64 indexBytes() const;
    qint64 checkpointCount() const { return qint64(m_checkpoints.size()); }

private:
    class Bytes;
    struct Checkpoint
    {
        qint64 event;
        TraceState state;
    };

    Timeline(std::unique_ptr<TraceSource> source, const Options &options);
    void index();
    void indexLine(QByteArrayView line, qint64 offset);
    qint64 lineEnd(qint64 event) const; // offset of the event's '\n'
    QByteArrayView lineView(QByteArrayView block, qint64 blockOffset, qint64 event) const;
    qint64 keyframeBytesWithin(qint64 from, qint64 to) const;
    qint64 replayCost(qint64 from, qint64 to) const; // bytes replaying from..to parses
    // Applies events from..to to `state` (from a keyframe when `fromKeyframe`).
    void replay(TraceState &state, qint64 from, qint64 to, bool fromKeyframe);
    void checkFields(const TraceEventLine &line) const;
    [[noreturn]] void failAt(qint64 event, const QString &message) const;
    void checkOperation(int op, int first) const; // throws unless first <= op <= the last

    std::unique_ptr<TraceSource> m_source;
    std::unique_ptr<Bytes> m_bytes;
    Options m_options;
    TraceHeader m_header;
    std::unique_ptr<TraceSchema> m_schema;

    // The index: per event, where its line starts and its type; per operation, its begin and
    // end events. Line ends follow from the next line's start.
    std::vector<quint32> m_offsets;
    std::vector<TraceEventType> m_types;
    std::vector<quint32> m_opBegin;
    std::vector<quint32> m_opEnd; // kNoEvent while (or if) it has not ended
    std::vector<quint32> m_keyframes;
    std::vector<qint64> m_keyframeBytes{0}; // bytes of the keyframe lines before each keyframe
    qint64 m_indexedEnd = 0;                // just past the last complete line
    qint64 m_lastT = 0;
    bool m_opOpen = false;

    // verify()
    qint64 m_verified = 0;
    TraceState m_verifyState;
    TraceStats m_stats;
    std::vector<Checkpoint> m_checkpoints;

    TraceIds m_ids;
    TraceState m_state;
    qint64 m_cursor = -1;
};

} // namespace sessionscope
