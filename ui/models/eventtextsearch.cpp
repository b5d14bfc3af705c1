#include "eventtextsearch.h"

#include "eventsummary.h"
#include "tracedocument.h"

#include <QLatin1StringView>

namespace sessionscope {

namespace {

// Characters a line may hold differently from how they are shown: escaped in JSON strings
// (quotes, backslashes, slashes, controls), or spacing that summaries fold into one space.
bool isPlain(QChar c)
{
    return c.unicode() > 0x20 && c.unicode() < 0x7f && c != u'"' && c != u'\\' && c != u'/';
}

QByteArray longestPlainRun(const QString &text)
{
    qsizetype bestStart = 0;
    qsizetype bestLength = 0;
    for (qsizetype start = 0; start < text.size();) {
        qsizetype end = start;
        while (end < text.size() && isPlain(text.at(end)))
            ++end;
        if (end - start > bestLength) {
            bestStart = start;
            bestLength = end - start;
        }
        start = end + 1;
    }
    return text.mid(bestStart, bestLength).toLatin1();
}

// The end of the JSON object starting at `pos` in a valid JSON line (-1: no object there).
qsizetype endOfObject(QByteArrayView line, qsizetype pos)
{
    if (pos >= line.size() || line[pos] != '{')
        return -1;
    int depth = 0;
    bool inString = false;
    for (; pos < line.size(); ++pos) {
        const char c = line[pos];
        if (inString) {
            if (c == '\\')
                ++pos;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
            return pos + 1;
        }
    }
    return -1;
}

bool holdsNonAscii(QByteArrayView line)
{
    for (const char c : line) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return true;
    }
    return line.contains(QByteArrayView("\\u"));
}

} // namespace

QByteArrayView EventTextSearch::shownPart(QByteArrayView line)
{
    static constexpr QByteArrayView key("\"delta\":");
    // An unescaped "delta": is a member name; the first one is the event's own unless an
    // earlier member's value holds one, and then what follows its value is not the line's end.
    const qsizetype at = line.indexOf(key);
    if (at < 0)
        return line;
    qsizetype pos = at + key.size();
    while (pos < line.size() && line[pos] == ' ')
        ++pos;
    qsizetype end = endOfObject(line, pos);
    if (end < 0)
        return line;
    while (end < line.size() && (line[end] == ' ' || line[end] == '\r' || line[end] == '\n'))
        ++end;
    if (end != line.size() - 1 || line[end] != '}')
        return line;
    return line.first(at);
}

QByteArray EventTextSearch::withoutDelta(QByteArrayView line)
{
    const QByteArrayView shown = shownPart(line);
    if (shown.size() == line.size())
        return line.toByteArray();
    // The members before the delta, closed: `{"seq":1,...,"object":3,` + `}`.
    QByteArray json = shown.trimmed().toByteArray();
    if (json.endsWith(','))
        json.chop(1);
    return json + '}';
}

EventTextSearch::EventTextSearch(const TraceDocument &document, const QString &text)
    : m_document(document)
    , m_text(text.toLower())
    , m_plainRun(longestPlainRun(m_text))
{
    for (const QChar c : std::as_const(m_text))
        m_nonAscii = m_nonAscii || c.unicode() >= 0x80;
    for (size_t type = 0; type < m_typeMayMatch.size(); ++type) {
        for (const AddedText &piece : addedEventTexts(TraceEventType(type))) {
            if (!overlaps(m_text, piece.text.toLower(), piece.word))
                continue;
            if (piece.onlyWith.isEmpty())
                m_typeMayMatch[type] = true;
            else
                m_mayMatchWith[type].append(piece.onlyWith);
        }
    }
}

bool EventTextSearch::overlaps(const QString &text, const QString &piece, bool word)
{
    if (text.isEmpty() || piece.isEmpty())
        return false;
    if (text.contains(piece) || piece.contains(text))
        return true;
    auto isWordCharacter = [](QChar c) { return c.isLetterOrNumber() || c == u'_'; };
    const qsizetype most = std::min(text.size(), piece.size());
    for (qsizetype k = 1; k < most; ++k) {
        // The text starts inside the piece and goes on past its end...
        if (QStringView(text).left(k) == QStringView(piece).right(k) &&
            (!word || !isWordCharacter(text.at(k))))
            return true;
        // ... or starts before it and ends inside it.
        if (QStringView(text).right(k) == QStringView(piece).left(k) &&
            (!word || !isWordCharacter(text.at(text.size() - k - 1))))
            return true;
    }
    return false;
}

bool EventTextSearch::mayMatch(TraceEventType type, QByteArrayView line) const
{
    if (m_text.isEmpty())
        return true;
    line = shownPart(line);
    // The whole match inside what the line holds: the line holds its plain run, as is.
    if (QLatin1StringView(line).contains(QLatin1StringView(m_plainRun), Qt::CaseInsensitive) &&
        (!m_nonAscii || holdsNonAscii(line)))
        return true;
    // Or some of it comes from the summary itself.
    if (m_typeMayMatch[size_t(type)])
        return true;
    for (const QByteArray &text : m_mayMatchWith[size_t(type)]) {
        if (line.contains(text))
            return true;
    }
    return refersToOverlappingObject(line);
}

bool EventTextSearch::matchesShown(const QString &shown) const
{
    return shown.contains(m_text, Qt::CaseInsensitive);
}

bool EventTextSearch::overlapsObjectName(qint64 id) const
{
    const auto known = m_objectMayMatch.constFind(id);
    if (known != m_objectMayMatch.constEnd())
        return *known;
    const bool overlapping = overlaps(m_text, m_document.objectName(id).toLower(), true);
    m_objectMayMatch.insert(id, overlapping);
    return overlapping;
}

// Summaries name the objects a line refers to (`"object": 7`, also inside values).
bool EventTextSearch::refersToOverlappingObject(QByteArrayView line) const
{
    static constexpr QByteArrayView key("\"object\"");
    for (qsizetype at = line.indexOf(key); at >= 0; at = line.indexOf(key, at + 1)) {
        qsizetype pos = at + key.size();
        while (pos < line.size() && (line[pos] == ' ' || line[pos] == ':'))
            ++pos;
        qint64 id = 0;
        qsizetype digits = 0;
        for (; pos < line.size() && line[pos] >= '0' && line[pos] <= '9' && digits < 18;
             ++pos, ++digits)
            id = id * 10 + (line[pos] - '0');
        if (digits > 0 && overlapsObjectName(id))
            return true;
    }
    return false;
}

} // namespace sessionscope
