#include "jsoncursor.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace sessionscope {

namespace {

constexpr int kMaxTrackedDepth = 127; // two 64-bit words of comma bits

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void appendUtf8(QByteArray *out, char32_t code)
{
    if (code < 0x80) {
        out->append(char(code));
    } else if (code < 0x800) {
        out->append(char(0xC0 | (code >> 6)));
        out->append(char(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
        out->append(char(0xE0 | (code >> 12)));
        out->append(char(0x80 | ((code >> 6) & 0x3F)));
        out->append(char(0x80 | (code & 0x3F)));
    } else {
        out->append(char(0xF0 | (code >> 18)));
        out->append(char(0x80 | ((code >> 12) & 0x3F)));
        out->append(char(0x80 | ((code >> 6) & 0x3F)));
        out->append(char(0x80 | (code & 0x3F)));
    }
}

// Length of the well-formed UTF-8 sequence starting at `p` (a byte >= 0x80), or 0.
qsizetype utf8SequenceLength(const unsigned char *p, const unsigned char *end)
{
    const unsigned char c = p[0];
    auto continuation = [&](qsizetype i) { return p + i < end && (p[i] & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF)
        return continuation(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!continuation(1) || !continuation(2))
            return 0;
        if (c == 0xE0 && p[1] < 0xA0)
            return 0; // overlong
        if (c == 0xED && p[1] >= 0xA0)
            return 0; // a surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!continuation(1) || !continuation(2) || !continuation(3))
            return 0;
        if (c == 0xF0 && p[1] < 0x90)
            return 0; // overlong
        if (c == 0xF4 && p[1] >= 0x90)
            return 0; // beyond U+10FFFF
        return 4;
    }
    return 0;
}

} // namespace

bool startsJsonObject(QByteArrayView text)
{
    for (const char c : text) {
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return c == '{';
    }
    return false;
}

JsonCursor::JsonCursor(QByteArrayView text, const TraceLimits &limits, int depth)
    : m_data(text.data())
    , m_size(text.size())
    , m_limits(limits)
    , m_depth(depth)
{}

void JsonCursor::skipWhitespace()
{
    while (m_pos < m_size) {
        const char c = m_data[m_pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        ++m_pos;
    }
}

void JsonCursor::expect(char c, const char *what)
{
    skipWhitespace();
    if (m_pos >= m_size)
        failSyntax(QStringLiteral("unexpected end of line, expected %1").arg(QLatin1String(what)));
    if (m_data[m_pos] != c)
        failSyntax(QStringLiteral("expected %1").arg(QLatin1String(what)));
    ++m_pos;
}

void JsonCursor::setNeedsComma(bool on)
{
    const quint64 bit = quint64(1) << (m_depth % 64);
    if (on)
        m_needComma[m_depth / 64] |= bit;
    else
        m_needComma[m_depth / 64] &= ~bit;
}

void JsonCursor::enter()
{
    ++m_depth;
    const int limit = std::min(m_limits.nesting, kMaxTrackedDepth);
    if (m_depth > limit)
        failSyntaxAt(m_pos - 1, QStringLiteral("nested deeper than %1 levels").arg(limit));
    setNeedsComma(false);
}

JsonCursor::Kind JsonCursor::peek()
{
    skipWhitespace();
    if (m_pos >= m_size)
        failSyntax(QStringLiteral("unexpected end of line, expected a value"));
    const char c = m_data[m_pos];
    switch (c) {
    case '{':
        return Kind::Object;
    case '[':
        return Kind::Array;
    case '"':
        return Kind::String;
    case 't':
        return Kind::True;
    case 'f':
        return Kind::False;
    case 'n':
        return Kind::Null;
    default:
        if (c == '-' || isDigit(c))
            return Kind::Number;
    }
    if (uchar(c) < 0x20 || uchar(c) >= 0x7F)
        failSyntax(QStringLiteral("unexpected byte 0x%1, expected a value")
                       .arg(uint(uchar(c)), 2, 16, QLatin1Char('0')));
    failSyntax(QStringLiteral("unexpected '%1', expected a value").arg(QLatin1Char(c)));
}

void JsonCursor::enterObject()
{
    if (peek() != Kind::Object)
        fail(QStringLiteral("expected an object"));
    ++m_pos;
    enter();
}

void JsonCursor::enterArray()
{
    if (peek() != Kind::Array)
        fail(QStringLiteral("expected an array"));
    ++m_pos;
    enter();
}

bool JsonCursor::nextMember(QByteArrayView *key, QByteArray *storage)
{
    skipWhitespace();
    if (m_pos < m_size && m_data[m_pos] == '}') {
        ++m_pos;
        leave();
        return false;
    }
    if (needsComma())
        expect(',', "',' or '}'");
    setNeedsComma(true);
    skipWhitespace();
    if (m_pos >= m_size || m_data[m_pos] != '"')
        failSyntax(QStringLiteral("expected a member name in quotes"));
    const qsizetype start = m_pos + 1;
    const qsizetype before = m_pos;
    scanString(nullptr);
    const QByteArrayView raw(m_data + start, m_pos - start - 1);
    if (m_escaped) {
        storage->clear();
        m_pos = before;
        scanString(storage);
        *key = QByteArrayView(*storage);
    } else {
        *key = raw;
    }
    expect(':', "':' after a member name");
    return true;
}

bool JsonCursor::nextMember(QString *key)
{
    QByteArrayView raw;
    QByteArray storage;
    if (!nextMember(&raw, &storage))
        return false;
    *key = QString::fromUtf8(raw);
    return true;
}

bool JsonCursor::nextElement()
{
    skipWhitespace();
    if (m_pos < m_size && m_data[m_pos] == ']') {
        ++m_pos;
        leave();
        return false;
    }
    if (needsComma())
        expect(',', "',' or ']'");
    setNeedsComma(true);
    return true;
}

void JsonCursor::scanString(QByteArray *out)
{
    const qsizetype start = m_pos;
    m_escaped = false;
    ++m_pos; // the opening quote
    const auto *data = reinterpret_cast<const unsigned char *>(m_data);
    const unsigned char *end = data + m_size;
    qsizetype run = m_pos; // start of the plain run not yet copied to `out`
    auto flush = [&] {
        if (out && m_pos > run)
            out->append(m_data + run, m_pos - run);
    };
    while (true) {
        // Plain printable ASCII is the common case.
        while (m_pos < m_size) {
            const unsigned char c = data[m_pos];
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
                break;
            ++m_pos;
        }
        if (m_pos - start > m_limits.stringLength)
            failSyntaxAt(
                start, QStringLiteral("a string longer than %1 bytes").arg(m_limits.stringLength));
        if (m_pos >= m_size)
            failSyntaxAt(start, QStringLiteral("unterminated string"));
        const unsigned char c = data[m_pos];
        if (c == '"') {
            flush();
            ++m_pos;
            return;
        }
        if (c < 0x20)
            failSyntax(QStringLiteral("a control character (0x%1) inside a string")
                           .arg(uint(c), 2, 16, QLatin1Char('0')));
        if (c >= 0x80) {
            const qsizetype length = utf8SequenceLength(data + m_pos, end);
            if (length == 0)
                failSyntax(QStringLiteral("invalid UTF-8 inside a string"));
            m_pos += length;
            continue;
        }
        // An escape.
        m_escaped = true;
        flush();
        if (m_pos + 1 >= m_size)
            failSyntaxAt(start, QStringLiteral("unterminated string"));
        const char e = m_data[m_pos + 1];
        char decoded = 0;
        switch (e) {
        case '"':
        case '\\':
        case '/':
            decoded = e;
            break;
        case 'b':
            decoded = '\b';
            break;
        case 'f':
            decoded = '\f';
            break;
        case 'n':
            decoded = '\n';
            break;
        case 'r':
            decoded = '\r';
            break;
        case 't':
            decoded = '\t';
            break;
        case 'u':
            break;
        default:
            failSyntax(QStringLiteral("invalid escape '\\%1' inside a string")
                           .arg(uchar(e) >= 0x20 && uchar(e) < 0x7F ? QString(QLatin1Char(e))
                                                                    : QStringLiteral("?")));
        }
        if (e != 'u') {
            if (out)
                out->append(decoded);
            m_pos += 2;
            run = m_pos;
            continue;
        }
        auto readHex = [&](qsizetype at) {
            if (at + 4 > m_size)
                failSyntaxAt(at, QStringLiteral("a \\u escape needs four hexadecimal digits"));
            int value = 0;
            for (int i = 0; i < 4; ++i) {
                const int digit = hexValue(m_data[at + i]);
                if (digit < 0)
                    failSyntaxAt(at, QStringLiteral("a \\u escape needs four hexadecimal digits"));
                value = value * 16 + digit;
            }
            return char32_t(value);
        };
        char32_t code = readHex(m_pos + 2);
        qsizetype consumed = 6;
        if (code >= 0xDC00 && code <= 0xDFFF)
            failSyntax(QStringLiteral("a \\u escape holds a lone low surrogate"));
        if (code >= 0xD800 && code <= 0xDBFF) {
            const qsizetype next = m_pos + 6;
            if (next + 1 >= m_size || m_data[next] != '\\' || m_data[next + 1] != 'u')
                failSyntax(QStringLiteral("a \\u escape holds a lone high surrogate"));
            const char32_t low = readHex(next + 2);
            if (low < 0xDC00 || low > 0xDFFF)
                failSyntax(QStringLiteral("a \\u escape holds a lone high surrogate"));
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            consumed = 12;
        }
        if (out)
            appendUtf8(out, code);
        m_pos += consumed;
        run = m_pos;
    }
}

void JsonCursor::scanNumber(bool *isInteger)
{
    const qsizetype start = m_pos;
    auto invalid = [&] { failSyntaxAt(start, QStringLiteral("invalid number")); };
    *isInteger = true;
    if (m_data[m_pos] == '-')
        ++m_pos;
    if (m_pos >= m_size || !isDigit(m_data[m_pos]))
        invalid();
    if (m_data[m_pos] == '0') {
        ++m_pos;
        if (m_pos < m_size && isDigit(m_data[m_pos]))
            failSyntaxAt(start, QStringLiteral("invalid number: a leading zero"));
    } else {
        while (m_pos < m_size && isDigit(m_data[m_pos]))
            ++m_pos;
    }
    if (m_pos < m_size && m_data[m_pos] == '.') {
        *isInteger = false;
        ++m_pos;
        if (m_pos >= m_size || !isDigit(m_data[m_pos]))
            invalid();
        while (m_pos < m_size && isDigit(m_data[m_pos]))
            ++m_pos;
    }
    const bool exponent = m_pos < m_size && (m_data[m_pos] == 'e' || m_data[m_pos] == 'E');
    if (exponent) {
        *isInteger = false;
        ++m_pos;
        if (m_pos < m_size && (m_data[m_pos] == '+' || m_data[m_pos] == '-'))
            ++m_pos;
        if (m_pos >= m_size || !isDigit(m_data[m_pos]))
            invalid();
        while (m_pos < m_size && isDigit(m_data[m_pos]))
            ++m_pos;
    }
    // Values kept as text are parsed again by Qt, which refuses a number a double cannot hold (it
    // overflows, or is not zero but rounds to zero); so the cursor refuses it too. Only an
    // exponent or some 300 digits take a number there.
    if (exponent || m_pos - start > 300) {
        bool ok = false;
        (void)QByteArrayView(m_data + start, m_pos - start).toDouble(&ok);
        if (!ok)
            failSyntaxAt(start, QStringLiteral("a number beyond the range of a double"));
    }
}

void JsonCursor::scanLiteral(const char *word, qsizetype length)
{
    if (m_pos + length > m_size || std::memcmp(m_data + m_pos, word, size_t(length)) != 0)
        failSyntax(QStringLiteral("invalid literal, expected %1").arg(QLatin1String(word)));
    m_pos += length;
}

QString JsonCursor::readString(QStringView what)
{
    QByteArray storage;
    return QString::fromUtf8(readUtf8String(&storage, what));
}

QByteArrayView JsonCursor::readUtf8String(QByteArray *storage, QStringView what)
{
    if (peek() != Kind::String)
        fail(QStringLiteral("%1 must be a string").arg(what));
    const qsizetype start = m_pos + 1;
    scanString(nullptr);
    if (!m_escaped)
        return QByteArrayView(m_data + start, m_pos - start - 1);
    storage->clear();
    m_pos = start - 1;
    scanString(storage);
    return QByteArrayView(*storage);
}

qint64 JsonCursor::readInteger(QStringView what)
{
    if (peek() != Kind::Number)
        fail(QStringLiteral("%1 must be an integer").arg(what));
    const qsizetype start = m_pos;
    bool isInteger = false;
    scanNumber(&isInteger);
    qint64 value = 0;
    const auto result = std::from_chars(m_data + start, m_data + m_pos, value);
    if (!isInteger || result.ec != std::errc() || result.ptr != m_data + m_pos)
        failAt(start, QStringLiteral("%1 must be an integer (of at most 63 bits)").arg(what));
    return value;
}

double JsonCursor::readNumber(QStringView what)
{
    if (peek() != Kind::Number)
        fail(QStringLiteral("%1 must be a number").arg(what));
    const qsizetype start = m_pos;
    bool isInteger = false;
    scanNumber(&isInteger);
    double value = 0;
    const auto result = std::from_chars(m_data + start, m_data + m_pos, value);
    if (result.ec != std::errc())
        failAt(start, QStringLiteral("%1 is out of range").arg(what));
    return value;
}

bool JsonCursor::readBool(QStringView what)
{
    const Kind kind = peek();
    if (kind == Kind::True) {
        scanLiteral("true", 4);
        return true;
    }
    if (kind == Kind::False) {
        scanLiteral("false", 5);
        return false;
    }
    fail(QStringLiteral("%1 must be true or false").arg(what));
}

bool JsonCursor::readNullIf()
{
    if (peek() != Kind::Null)
        return false;
    scanLiteral("null", 4);
    return true;
}

void JsonCursor::skipValueAt(Kind kind)
{
    switch (kind) {
    case Kind::Object: {
        enterObject();
        QByteArrayView key;
        QByteArray storage;
        while (nextMember(&key, &storage))
            skipValueAt(peek());
        return;
    }
    case Kind::Array:
        enterArray();
        while (nextElement())
            skipValueAt(peek());
        return;
    case Kind::String:
        scanString(nullptr);
        return;
    case Kind::Number: {
        bool isInteger = false;
        scanNumber(&isInteger);
        return;
    }
    case Kind::True:
        scanLiteral("true", 4);
        return;
    case Kind::False:
        scanLiteral("false", 5);
        return;
    case Kind::Null:
        scanLiteral("null", 4);
        return;
    }
}

QByteArrayView JsonCursor::skipValue()
{
    const Kind kind = peek();
    const qsizetype start = m_pos;
    skipValueAt(kind);
    return QByteArrayView(m_data + start, m_pos - start);
}

void JsonCursor::expectEnd()
{
    skipWhitespace();
    if (m_pos != m_size)
        failSyntax(QStringLiteral("unexpected text after the end of the JSON object"));
}

} // namespace sessionscope
