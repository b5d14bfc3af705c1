#include "traceevent.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cstring>
#include <string_view>
#include <unordered_set>

namespace sessionscope {

namespace {

struct TypeName
{
    const char *name;
    TraceEventType type;
};

constexpr TypeName kTypeNames[] = {
    {"start", TraceEventType::Start},
    {"begin", TraceEventType::Begin},
    {"end", TraceEventType::End},
    {"sql", TraceEventType::Sql},
    {"lifecycle", TraceEventType::Lifecycle},
    {"attribute", TraceEventType::Attribute},
    {"session", TraceEventType::Session},
    {"savepoint", TraceEventType::Savepoint},
    {"expire", TraceEventType::Expire},
    {"alias", TraceEventType::Alias},
    {"keyframe", TraceEventType::Keyframe},
};

// Reads `"key":` then a non-negative decimal integer at `*pos`.
template<qsizetype N>
bool fastInteger(const char *data, qsizetype size, qsizetype *pos, const char (&prefix)[N],
                 qint64 *value)
{
    constexpr qsizetype prefixLength = N - 1;
    if (*pos + prefixLength > size || std::memcmp(data + *pos, prefix, size_t(prefixLength)) != 0)
        return false;
    qsizetype p = *pos + prefixLength;
    const qsizetype start = p;
    qint64 v = 0;
    while (p < size && data[p] >= '0' && data[p] <= '9') {
        if (p - start >= 18)
            return false; // leave huge numbers to the full parser
        v = v * 10 + (data[p] - '0');
        ++p;
    }
    if (p == start || (data[start] == '0' && p - start > 1))
        return false;
    *value = v;
    *pos = p;
    return true;
}

} // namespace

TraceEventType traceEventType(QByteArrayView name)
{
    // The common types first, by length: this runs once per line when a trace is opened.
    switch (name.size()) {
    case 3:
        if (name == "sql")
            return TraceEventType::Sql;
        if (name == "end")
            return TraceEventType::End;
        break;
    case 5:
        if (name == "begin")
            return TraceEventType::Begin;
        break;
    case 9:
        if (name == "attribute")
            return TraceEventType::Attribute;
        if (name == "lifecycle")
            return TraceEventType::Lifecycle;
        break;
    default:
        break;
    }
    for (const TypeName &entry : kTypeNames) {
        if (name == QByteArrayView(entry.name))
            return entry.type;
    }
    return TraceEventType::Other;
}

const char *traceEventTypeName(TraceEventType type)
{
    for (const TypeName &entry : kTypeNames) {
        if (entry.type == type)
            return entry.name;
    }
    return "other";
}

bool parseEventHeadFast(QByteArrayView line, TraceEventHead *head)
{
    const char *data = line.data();
    const qsizetype size = line.size();
    qsizetype pos = 0;
    if (!fastInteger(data, size, &pos, "{\"seq\":", &head->seq) ||
        !fastInteger(data, size, &pos, ",\"op\":", &head->op) ||
        !fastInteger(data, size, &pos, ",\"t\":", &head->t))
        return false;
    constexpr char typePrefix[] = ",\"type\":\"";
    constexpr qsizetype typePrefixLength = sizeof typePrefix - 1;
    if (pos + typePrefixLength > size || std::memcmp(data + pos, typePrefix, typePrefixLength) != 0)
        return false;
    pos += typePrefixLength;
    const qsizetype start = pos;
    while (pos < size && ((data[pos] >= 'a' && data[pos] <= 'z') || data[pos] == '_'))
        ++pos;
    if (pos == start || pos + 1 >= size || data[pos] != '"' ||
        (data[pos + 1] != ',' && data[pos + 1] != '}'))
        return false;
    head->type = traceEventType(QByteArrayView(data + start, pos - start));
    return true;
}

TraceEventLine::TraceEventLine(QByteArrayView line, const TraceLimits &limits,
                               const MemberReader &reader)
    : m_line(line)
    , m_limits(limits)
{
    if (!startsJsonObject(line))
        throw JsonCursorError(0, QStringLiteral("an event must be a JSON object"));
    JsonCursor cursor(line, limits);
    // Duplicate members: a scan of the members so far while there are few (as in every event a
    // recorder writes), a hash set past that, so that a line of a million members is not
    // quadratic.
    constexpr size_t kScannedMembers = 16;
    std::unordered_set<std::string_view> names;
    auto isDuplicate = [&](QByteArrayView key) {
        if (m_members.size() < kScannedMembers) {
            return std::any_of(m_members.begin(), m_members.end(),
                               [&](const auto &member) { return member.first == key; });
        }
        auto name = [](QByteArrayView view) {
            return std::string_view(view.data(), size_t(view.size()));
        };
        if (names.empty()) {
            for (const auto &member : m_members)
                names.insert(name(member.first));
        }
        return !names.insert(name(key)).second;
    };
    cursor.enterObject();
    QByteArrayView key;
    QByteArray storage;
    while (cursor.nextMember(&key, &storage)) {
        if (!storage.isEmpty() && key.data() == storage.constData()) {
            m_decodedKeys.push_back(storage);
            key = QByteArrayView(m_decodedKeys.back());
            storage = QByteArray();
        }
        if (isDuplicate(key))
            throw JsonCursorError(
                cursor.position(),
                QStringLiteral("the member \"%1\" appears twice").arg(QString::fromUtf8(key)),
                true);
        cursor.peek();
        const qsizetype start = cursor.position();
        if (reader && reader(key, cursor))
            m_members.emplace_back(key, line.sliced(start, cursor.position() - start));
        else
            m_members.emplace_back(key, cursor.skipValue());
    }
    cursor.expectEnd();

    m_head.seq = integer("seq");
    m_head.op = integer("op");
    m_head.t = integer("t");
    m_head.type = traceEventType(string("type").toUtf8());
    if (m_head.seq < 1)
        fail("seq", QStringLiteral("seq must be 1 or more"));
    if (m_head.op < 0)
        fail("op", QStringLiteral("op must not be negative"));
    if (m_head.t < 0)
        fail("t", QStringLiteral("t must not be negative"));
}

QByteArrayView TraceEventLine::member(QByteArrayView key) const
{
    for (const auto &member : m_members) {
        if (member.first == key)
            return member.second;
    }
    return {};
}

qsizetype TraceEventLine::offsetOf(QByteArrayView key) const
{
    const QByteArrayView value = member(key);
    return value.isNull() ? -1 : qsizetype(value.data() - m_line.data());
}

void TraceEventLine::fail(QByteArrayView key, const QString &message) const
{
    throw JsonCursorError(std::max<qsizetype>(0, offsetOf(key)), message);
}

QString TraceEventLine::string(QByteArrayView key) const
{
    const QByteArrayView value = member(key);
    if (value.isNull())
        fail(key, QStringLiteral("the event has no \"%1\"").arg(QString::fromUtf8(key)));
    JsonCursor cursor(value, m_limits);
    return cursor.readString(QString::fromUtf8(key));
}

QString TraceEventLine::optionalString(QByteArrayView key) const
{
    const QByteArrayView value = member(key);
    if (value.isNull())
        return {};
    JsonCursor cursor(value, m_limits);
    if (cursor.readNullIf())
        return {};
    return cursor.readString(QString::fromUtf8(key));
}

qint64 TraceEventLine::integer(QByteArrayView key) const
{
    const std::optional<qint64> value = optionalInteger(key);
    if (!value)
        fail(key, QStringLiteral("the event has no \"%1\"").arg(QString::fromUtf8(key)));
    return *value;
}

std::optional<qint64> TraceEventLine::optionalInteger(QByteArrayView key) const
{
    const QByteArrayView value = member(key);
    if (value.isNull())
        return std::nullopt;
    JsonCursor cursor(value, m_limits);
    try {
        return cursor.readInteger(QString::fromUtf8(key));
    } catch (const JsonCursorError &error) {
        fail(key, error.message);
    }
}

QJsonValue TraceEventLine::json(QByteArrayView key) const
{
    const QByteArrayView value = member(key);
    if (value.isNull())
        return QJsonValue(QJsonValue::Undefined);
    // Already checked by the cursor; wrap scalars so QJsonDocument accepts them.
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray("[").append(value.data(), value.size()).append(']'));
    return document.array().at(0);
}

} // namespace sessionscope
