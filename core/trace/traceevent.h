#pragma once

#include "jsoncursor.h"

#include <QByteArrayView>
#include <QJsonValue>
#include <QString>

#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace sessionscope {

// The event types a reader tells apart (docs/trace-format.md, "Events"). Types it does not know
// are Other: their delta still applies, the rest is ignored.
enum class TraceEventType : quint8 {
    Other,
    Start,
    Begin,
    End,
    Sql,
    Lifecycle,
    Attribute,
    Session,
    Savepoint,
    Expire,
    Alias,
    Keyframe,
};
TraceEventType traceEventType(QByteArrayView name);
const char *traceEventTypeName(TraceEventType type); // "other" for Other

// The fields every event starts with.
struct TraceEventHead
{
    qint64 seq = 0;
    qint64 op = 0;
    qint64 t = 0;
    TraceEventType type = TraceEventType::Other;
};

// Reads the head of a line written the canonical way ({"seq":1,"op":1,"t":5,"type":"begin"...)
// without a JSON parser; false when the line starts any other way (then parse it in full).
// The rest of the line is not looked at.
bool parseEventHeadFast(QByteArrayView line, TraceEventHead *head);

// One event line, checked in full: valid JSON within the limits, an object, with the head
// fields of the right types. Members are kept as raw text to be read on demand.
class TraceEventLine
{
public:
    // Reads a member's value itself instead of skipping it: returns true once it has consumed
    // the value from the cursor (positions are offsets within the line), false to leave it.
    using MemberReader = std::function<bool(QByteArrayView key, JsonCursor &cursor)>;

    // Throws JsonCursorError (its position is a byte offset within `line`; messageInLine()
    // says where), or whatever `reader` throws.
    TraceEventLine(QByteArrayView line, const TraceLimits &limits, const MemberReader &reader = {});

    const TraceEventHead &head() const { return m_head; }
    QByteArrayView line() const { return m_line; }
    bool has(QByteArrayView key) const { return !member(key).isNull(); }
    // The raw text of a member; a null view when the line has none.
    QByteArrayView member(QByteArrayView key) const;
    // Byte offset of a member's value within the line (-1 when absent).
    qsizetype offsetOf(QByteArrayView key) const;

    // Typed members; each throws JsonCursorError naming the member when it has another type.
    QString string(QByteArrayView key) const;         // required
    QString optionalString(QByteArrayView key) const; // absent or null: empty
    qint64 integer(QByteArrayView key) const;         // required
    std::optional<qint64> optionalInteger(QByteArrayView key) const;
    QJsonValue json(QByteArrayView key) const; // any member as a QJsonValue (undefined when absent)

private:
    [[noreturn]] void fail(QByteArrayView key, const QString &message) const;

    QByteArrayView m_line;
    const TraceLimits &m_limits;
    TraceEventHead m_head;
    std::vector<std::pair<QByteArrayView, QByteArrayView>> m_members;
    std::vector<QByteArray> m_decodedKeys; // keys that had escapes
};

} // namespace sessionscope
