#include "timeline.h"

#include "traceerror.h"
#include "tracesource.h"

#include <QJsonDocument>

#include <algorithm>
#include <cstring>

namespace sessionscope {

namespace {

constexpr quint32 kNoEvent = 0xFFFFFFFFU;
constexpr qint64 kReadBlock = qint64(4) << 20; // index and replay in reads of about 4 MiB

} // namespace

// Reads back spans for renderers, and says which line a span lies in.
class Timeline::Bytes final : public TraceBytes
{
public:
    explicit Bytes(const Timeline &timeline)
        : m_timeline(timeline)
    {}
    QByteArray read(TraceSpan span) const override
    {
        return m_timeline.m_source->read(span.offset, span.length);
    }
    QString location(TraceSpan span) const override
    {
        const auto &offsets = m_timeline.m_offsets;
        const auto it = std::upper_bound(offsets.begin(), offsets.end(), span.offset);
        const qint64 line = it - offsets.begin() + 1; // before the first event: the header
        return QStringLiteral("%1:%2").arg(m_timeline.name()).arg(line);
    }

private:
    const Timeline &m_timeline;
};

Timeline::Timeline(std::unique_ptr<TraceSource> source, const Options &options)
    : m_source(std::move(source))
    , m_bytes(std::make_unique<Bytes>(*this))
    , m_options(options)
{}

Timeline::~Timeline() = default;

std::unique_ptr<Timeline> Timeline::open(const QString &path, const Options &options)
{
    std::unique_ptr<Timeline> timeline(new Timeline(TraceSource::openFile(path), options));
    timeline->index();
    return timeline;
}

std::unique_ptr<Timeline> Timeline::fromData(QByteArray data, const QString &name,
                                             const Options &options)
{
    std::unique_ptr<Timeline> timeline(
        new Timeline(TraceSource::fromData(std::move(data), name), options));
    timeline->index();
    return timeline;
}

const QString &Timeline::name() const
{
    return m_source->name();
}

const TraceBytes &Timeline::bytes() const
{
    return *m_bytes;
}

void Timeline::failAt(qint64 event, const QString &message) const
{
    throw TraceError(QStringLiteral("%1:%2: %3").arg(name()).arg(lineNumber(event)).arg(message));
}

// ---- the index ----------------------------------------------------------------------------------

void Timeline::appendData(QByteArrayView data)
{
    m_source->append(data);
}

qint64 Timeline::refresh()
{
    const qint64 before = eventCount();
    index();
    return eventCount() - before;
}

std::optional<QString> Timeline::truncation() const
{
    if (m_source->size() <= m_indexedEnd)
        return std::nullopt;
    return QStringLiteral("%1:%2: the last line has no newline at its end: the program writing "
                          "the trace stopped in the middle of it (or is still writing it); it "
                          "is ignored")
        .arg(name())
        .arg(m_schema ? eventCount() + 2 : 1);
}

void Timeline::index()
{
    const qint64 size = m_source->size();
    if (size > m_options.limits.fileSize || size > qint64(kNoEvent))
        throw TraceError(QStringLiteral("%1: the trace is %2 bytes, more than the %3 a trace may "
                                        "have")
                             .arg(name())
                             .arg(size)
                             .arg(std::min(m_options.limits.fileSize, qint64(kNoEvent))));
    if (size == 0 && !m_schema)
        throw TraceError(QStringLiteral("%1: the file is empty; a trace starts with its header "
                                        "line")
                             .arg(name()));
    qint64 lineStart = m_indexedEnd;
    qint64 blockSize = kReadBlock;
    while (lineStart < size) {
        const qint64 length = std::min(blockSize, size - lineStart);
        const QByteArrayView block = m_source->view(lineStart, length);
        const char *data = block.data();
        qint64 pos = 0;
        while (pos < length) {
            const void *newline = std::memchr(data + pos, '\n', size_t(length - pos));
            if (!newline)
                break;
            const qint64 end = static_cast<const char *>(newline) - data;
            if (end - pos > m_options.limits.lineLength)
                throw TraceError(QStringLiteral("%1:%2: the line is longer than %3 bytes")
                                     .arg(name())
                                     .arg(m_schema ? eventCount() + 2 : 1)
                                     .arg(m_options.limits.lineLength));
            indexLine(QByteArrayView(data + pos, end - pos), lineStart + pos);
            pos = end + 1;
            m_indexedEnd = lineStart + pos;
        }
        if (pos == 0) {
            // No newline in the whole block: the unterminated last line, or one long line.
            if (lineStart + length == size)
                break;
            if (length > m_options.limits.lineLength)
                throw TraceError(QStringLiteral("%1:%2: the line is longer than %3 bytes")
                                     .arg(name())
                                     .arg(m_schema ? eventCount() + 2 : 1)
                                     .arg(m_options.limits.lineLength));
            blockSize *= 2;
            continue;
        }
        lineStart += pos;
        blockSize = kReadBlock;
    }
    if (m_keyframeBytes.size() != m_keyframes.size() + 1) {
        // Bytes of keyframe lines before each keyframe, for replayCost().
        m_keyframeBytes.resize(1, 0);
        for (const quint32 keyframe : m_keyframes)
            m_keyframeBytes.push_back(m_keyframeBytes.back() + lineEnd(keyframe) + 1 -
                                      m_offsets[keyframe]);
    }
    if (!m_schema)
        throw TraceError(QStringLiteral("%1:1: the header line is cut short (no newline at its "
                                        "end)")
                             .arg(name()));
}

void Timeline::indexLine(QByteArrayView line, qint64 offset)
{
    if (line.endsWith('\r'))
        line.chop(1); // tolerate CRLF line ends
    if (!m_schema) {
        try {
            m_header = parseTraceHeader(line, m_options.limits);
        } catch (const JsonCursorError &error) {
            throw TraceError(QStringLiteral("%1:1: %2").arg(name(), error.message));
        }
        m_schema = std::make_unique<TraceSchema>(m_header.mapping);
        return;
    }
    const qint64 event = eventCount();
    if (line.trimmed().isEmpty())
        failAt(event, QStringLiteral("an empty line (every line after the header is one event)"));
    TraceEventHead head;
    if (!parseEventHeadFast(line, &head)) {
        try {
            head = TraceEventLine(line, m_options.limits).head();
        } catch (const JsonCursorError &error) {
            failAt(event, error.messageInLine());
        }
    }
    if (head.seq != event + 1)
        failAt(event, QStringLiteral("seq is %1, expected %2 (events are numbered 1, 2, 3, ... in "
                                     "file order)")
                          .arg(head.seq)
                          .arg(event + 1));
    if (head.t < m_lastT)
        failAt(event, QStringLiteral("t goes back in time (%1 after %2)").arg(head.t).arg(m_lastT));
    const qint64 current = operationCount();
    switch (head.type) {
    case TraceEventType::Begin:
        if (m_opOpen)
            failAt(event, QStringLiteral("operation %1 begins before operation %2 ended")
                              .arg(head.op)
                              .arg(current));
        if (head.op != current + 1)
            failAt(event,
                   QStringLiteral("a begin with op %1, expected %2").arg(head.op).arg(current + 1));
        m_opBegin.push_back(quint32(event));
        m_opEnd.push_back(kNoEvent);
        m_opOpen = true;
        break;
    case TraceEventType::End:
        if (!m_opOpen)
            failAt(event, QStringLiteral("an end without a begin"));
        if (head.op != current)
            failAt(event,
                   QStringLiteral("an end with op %1, expected %2").arg(head.op).arg(current));
        m_opEnd.back() = quint32(event);
        m_opOpen = false;
        break;
    default:
        if (head.op != current)
            failAt(event, QStringLiteral("op is %1, expected %2 (the operation in progress, or the "
                                         "last one that ended)")
                              .arg(head.op)
                              .arg(current));
    }
    if (head.type == TraceEventType::Keyframe)
        m_keyframes.push_back(quint32(event));
    m_lastT = head.t;
    m_offsets.push_back(quint32(offset));
    m_types.push_back(head.type);
}

qint64 Timeline::lineEnd(qint64 event) const
{
    return (event + 1 < eventCount() ? qint64(m_offsets[size_t(event + 1)]) : m_indexedEnd) - 1;
}

QByteArrayView Timeline::lineView(QByteArrayView block, qint64 blockOffset, qint64 event) const
{
    const qint64 start = m_offsets[size_t(event)] - blockOffset;
    QByteArrayView line(block.data() + start, lineEnd(event) - m_offsets[size_t(event)]);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

int Timeline::operationOf(qint64 event) const
{
    // The last operation that began at or before the event.
    const auto it = std::upper_bound(m_opBegin.begin(), m_opBegin.end(), quint32(event));
    return int(it - m_opBegin.begin());
}

void Timeline::checkOperation(int op, int first) const
{
    if (op < first || op > operationCount())
        throw TraceError(QStringLiteral("%1: there is no operation %2 (the trace has %3)")
                             .arg(name())
                             .arg(op)
                             .arg(operationCount()));
}

qint64 Timeline::stateEventOf(int op) const
{
    checkOperation(op, 0);
    if (op == 0)
        return operationCount() > 0 ? qint64(m_opBegin[0]) - 1 : eventCount() - 1;
    const quint32 end = m_opEnd[size_t(op - 1)];
    if (end != kNoEvent)
        return end;
    return op < operationCount() ? qint64(m_opBegin[size_t(op)]) - 1 : eventCount() - 1;
}

qint64 Timeline::firstEventOf(int op) const
{
    checkOperation(op, 0);
    return op == 0 ? 0 : qint64(m_opBegin[size_t(op - 1)]);
}

QByteArray Timeline::eventText(qint64 event) const
{
    const qint64 offset = m_offsets[size_t(event)];
    QByteArray text = m_source->read(offset, lineEnd(event) - offset);
    if (text.endsWith('\r'))
        text.chop(1);
    return text;
}

QJsonObject Timeline::event(qint64 event) const
{
    const QByteArray text = eventText(event);
    try {
        TraceEventLine line(text, m_options.limits); // checks the limits before Qt parses it
    } catch (const JsonCursorError &error) {
        failAt(event, error.messageInLine());
    }
    return QJsonDocument::fromJson(text).object();
}

TraceOperation Timeline::operation(int op) const
{
    checkOperation(op, 1);
    TraceOperation result;
    result.number = op;
    result.beginEvent = m_opBegin[size_t(op - 1)];
    result.endEvent = m_opEnd[size_t(op - 1)] == kNoEvent ? -1 : qint64(m_opEnd[size_t(op - 1)]);
    try {
        const QByteArray beginText = eventText(result.beginEvent);
        const TraceEventLine begin(beginText, m_options.limits);
        result.kind = begin.string("kind");
        result.label = begin.optionalString("label");
        result.text = begin.optionalString("text");
        result.object = begin.optionalInteger("object").value_or(-1);
        result.attribute = begin.optionalString("attr");
    } catch (const JsonCursorError &error) {
        failAt(result.beginEvent, error.messageInLine());
    }
    if (result.endEvent >= 0) {
        try {
            const QByteArray endText = eventText(result.endEvent);
            const TraceEventLine end(endText, m_options.limits);
            const QJsonValue error = end.json("error");
            if (!error.isNull() && !error.isUndefined()) {
                if (!error.isObject() || !error.toObject().value(QStringLiteral("kind")).isString())
                    throw JsonCursorError(0, QStringLiteral("error must be null or {\"kind\": "
                                                            "..., \"message\": ...}"));
                result.failed = true;
                result.errorKind = error.toObject().value(QStringLiteral("kind")).toString();
                result.errorMessage = error.toObject().value(QStringLiteral("message")).toString();
            }
        } catch (const JsonCursorError &error) {
            failAt(result.endEvent, error.messageInLine());
        }
    }
    return result;
}

TraceStatement Timeline::statement(qint64 event) const
{
    TraceStatement result;
    try {
        const QByteArray text = eventText(event);
        const TraceEventLine line(text, m_options.limits);
        result.sql = line.string("sql");
        result.verb = line.string("verb");
        result.table = line.optionalString("table");
        const QJsonValue params = line.json("params");
        if (!params.isArray())
            throw JsonCursorError(0, QStringLiteral("params must be an array of parameter rows"));
        result.params = params.toArray();
        result.rows = line.optionalInteger("rows").value_or(-1);
        result.durationNs = line.optionalInteger("duration_ns").value_or(0);
        result.error = line.optionalString("error");
        result.object = line.optionalInteger("object").value_or(-1);
    } catch (const JsonCursorError &error) {
        failAt(event, error.messageInLine());
    }
    return result;
}

// ---- checking ----------------------------------------------------------------------------------

void Timeline::checkFields(const TraceEventLine &line) const
{
    // What readers rely on in each type; anything else a line holds is ignored.
    switch (line.head().type) {
    case TraceEventType::Begin:
        line.string("kind");
        line.optionalString("label");
        line.optionalInteger("object");
        break;
    case TraceEventType::End: {
        const QJsonValue error = line.json("error");
        if (!error.isUndefined() && !error.isNull() &&
            (!error.isObject() || !error.toObject().value(QStringLiteral("kind")).isString() ||
             !error.toObject().value(QStringLiteral("message")).isString()))
            throw JsonCursorError(line.offsetOf("error"),
                                  QStringLiteral("error must be null or {\"kind\": \"...\", "
                                                 "\"message\": \"...\"}"));
        break;
    }
    case TraceEventType::Sql: {
        line.string("sql");
        line.string("verb");
        line.optionalString("table");
        line.optionalInteger("rows");
        // An array of arrays, checked without building it: a bulk statement has many rows.
        const QByteArrayView params = line.member("params");
        bool rows = !params.isNull();
        if (rows) {
            JsonCursor cursor(params, m_options.limits);
            rows = cursor.peek() == JsonCursor::Kind::Array;
            if (rows) {
                cursor.enterArray();
                while (rows && cursor.nextElement()) {
                    rows = cursor.peek() == JsonCursor::Kind::Array;
                    cursor.skipValue();
                }
            }
        }
        if (!rows)
            throw JsonCursorError(line.offsetOf("params"),
                                  QStringLiteral("params must be an array of parameter rows "
                                                 "(arrays)"));
        break;
    }
    case TraceEventType::Keyframe:
        if (!line.has("state"))
            throw JsonCursorError(0, QStringLiteral("a keyframe has no \"state\""));
        if (line.has("delta"))
            throw JsonCursorError(line.offsetOf("delta"),
                                  QStringLiteral("a keyframe changes nothing, so it has no "
                                                 "\"delta\""));
        break;
    default:
        break;
    }
}

bool Timeline::verify(qint64 maxEvents)
{
    const qint64 stop =
        maxEvents < 0 ? eventCount() : std::min(eventCount(), m_verified + maxEvents);
    while (m_verified < stop) {
        // A block of whole lines, of about kReadBlock bytes (at least one line).
        qint64 last = m_verified;
        const qint64 blockStart = m_offsets[size_t(m_verified)];
        while (last + 1 < stop && lineEnd(last + 1) - blockStart < kReadBlock)
            ++last;
        const QByteArrayView block = m_source->view(blockStart, lineEnd(last) - blockStart);
        for (qint64 event = m_verified; event <= last; ++event) {
            const QByteArrayView text = lineView(block, blockStart, event);
            const TraceEventType type = m_types[size_t(event)];
            const qint64 lineOffset = m_offsets[size_t(event)];
            try {
                // One pass over the line: the delta is applied as it is checked. A keyframe's
                // state is checked (into a scratch state) but not used: the replayed state is
                // the reference.
                TraceState keyframe;
                const TraceEventLine line(
                    text, m_options.limits, [&](QByteArrayView key, JsonCursor &cursor) {
                        if (type == TraceEventType::Keyframe && key == "state") {
                            keyframe.reset(cursor, lineOffset, *m_schema, m_ids);
                            return true;
                        }
                        if (type != TraceEventType::Keyframe && key == "delta") {
                            m_verifyState.apply(cursor, lineOffset, *m_schema, m_ids);
                            return true;
                        }
                        return false;
                    });
                checkFields(line);
                if (type == TraceEventType::Keyframe) {
                    ++m_stats.keyframes;
                } else {
                    ++m_stats.events;
                }
                if (type == TraceEventType::Sql) {
                    ++m_stats.statements;
                    if (!line.optionalString("error").isEmpty())
                        ++m_stats.failedStatements;
                }
                if (type == TraceEventType::End && line.json("error").isObject())
                    ++m_stats.failedOperations;
            } catch (const JsonCursorError &error) {
                failAt(event, error.messageInLine());
            }
            if (m_options.checkpointInterval > 0 && (event + 1) % m_options.checkpointInterval == 0)
                m_checkpoints.push_back({event, m_verifyState});
            m_verified = event + 1; // a failure leaves the pass resumable where it stopped
        }
    }
    return isVerified();
}

TraceStats Timeline::stats() const
{
    TraceStats stats = m_stats;
    stats.operations = operationCount();
    stats.objects = m_verifyState.objectCount();
    stats.unfinishedOperation = m_opOpen;
    return stats;
}

// ---- seeking -----------------------------------------------------------------------------------

qint64 Timeline::keyframeBytesWithin(qint64 from, qint64 to) const
{
    const auto first = std::lower_bound(m_keyframes.begin(), m_keyframes.end(), quint32(from));
    const auto last = std::upper_bound(m_keyframes.begin(), m_keyframes.end(), quint32(to));
    return m_keyframeBytes[size_t(last - m_keyframes.begin())] -
           m_keyframeBytes[size_t(first - m_keyframes.begin())];
}

qint64 Timeline::replayCost(qint64 from, qint64 to) const
{
    if (from > to)
        return 0;
    // Keyframes on the way are skipped unread.
    return lineEnd(to) - m_offsets[size_t(from)] - keyframeBytesWithin(from, to);
}

void Timeline::seekEvent(qint64 target)
{
    if (target < -1 || target >= eventCount())
        throw TraceError(QStringLiteral("%1: there is no event %2 (the trace has %3)")
                             .arg(name())
                             .arg(target + 1)
                             .arg(eventCount()));
    // Start from whatever leaves the fewest bytes to replay: the beginning, the cursor, the
    // nearest checkpoint or the nearest keyframe (which is itself parsed).
    static const TraceState empty;
    const TraceState *start = &empty;
    qint64 from = 0; // first event to apply
    bool fromKeyframe = false;
    qint64 cost = replayCost(0, target);
    auto consider = [&](const TraceState *state, qint64 first, bool keyframe) {
        const qint64 c = replayCost(first, target) +
                         (keyframe ? lineEnd(first) + 1 - m_offsets[size_t(first)] : 0);
        if (c < cost) {
            start = state;
            from = first;
            fromKeyframe = keyframe;
            cost = c;
        }
    };
    if (m_cursor <= target)
        consider(&m_state, m_cursor + 1, false);
    const auto checkpoint =
        std::upper_bound(m_checkpoints.begin(), m_checkpoints.end(), target,
                         [](qint64 event, const Checkpoint &c) { return event < c.event; });
    if (checkpoint != m_checkpoints.begin())
        consider(&std::prev(checkpoint)->state, std::prev(checkpoint)->event + 1, false);
    const auto keyframe = std::upper_bound(m_keyframes.begin(), m_keyframes.end(), quint32(target));
    if (keyframe != m_keyframes.begin())
        consider(nullptr, *std::prev(keyframe), true);

    TraceState state = start && !fromKeyframe ? *start : TraceState();
    replay(state, from, target, fromKeyframe);
    m_state = std::move(state);
    m_cursor = target;
}

void Timeline::replay(TraceState &state, qint64 from, qint64 to, bool fromKeyframe)
{
    qint64 event = from;
    while (event <= to) {
        qint64 last = event;
        const qint64 blockStart = m_offsets[size_t(event)];
        while (last < to && lineEnd(last + 1) - blockStart < kReadBlock)
            ++last;
        const QByteArrayView block = m_source->view(blockStart, lineEnd(last) - blockStart);
        for (; event <= last; ++event) {
            const bool keyframe = m_types[size_t(event)] == TraceEventType::Keyframe;
            const bool start = keyframe && fromKeyframe && event == from;
            if (keyframe && !start)
                continue; // keyframes change nothing
            const QByteArrayView text = lineView(block, blockStart, event);
            const qint64 lineOffset = m_offsets[size_t(event)];
            bool found = false;
            try {
                const TraceEventLine line(text, m_options.limits,
                                          [&](QByteArrayView key, JsonCursor &cursor) {
                                              if (key != (start ? "state" : "delta"))
                                                  return false;
                                              if (start)
                                                  state.reset(cursor, lineOffset, *m_schema, m_ids);
                                              else
                                                  state.apply(cursor, lineOffset, *m_schema, m_ids);
                                              found = true;
                                              return true;
                                          });
                if (start && !found)
                    throw JsonCursorError(0, QStringLiteral("a keyframe has no \"state\""));
            } catch (const JsonCursorError &error) {
                failAt(event, error.messageInLine());
            }
        }
    }
}

qint64 Timeline::indexBytes() const
{
    return qint64(m_offsets.capacity() * sizeof(quint32) + m_types.capacity() +
                  (m_opBegin.capacity() + m_opEnd.capacity() + m_keyframes.capacity()) *
                      sizeof(quint32));
}

} // namespace sessionscope
