#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <exception>

namespace sessionscope {

// What a reader accepts from untrusted input (docs/trace-format.md, "Lines").
struct TraceLimits
{
    qint64 fileSize = qint64(4) << 30;    // 4 GiB
    qint64 lineLength = qint64(64) << 20; // 64 MiB
    int nesting = 64;
    qint64 stringLength = qint64(16) << 20; // 16 MiB
};

// Malformed JSON (or JSON of the wrong shape) at a byte position of the text being read.
// `syntax`: the text is not JSON (rather than JSON of the wrong shape).
struct JsonCursorError : std::exception
{
    JsonCursorError(qsizetype at, QString what, bool isSyntax = false)
        : position(at)
        , message(std::move(what))
        , syntax(isSyntax)
    {}
    const char *what() const noexcept override { return "malformed JSON"; }
    // The message, saying where in the line a syntax error is, for an error of a cursor that
    // reads a whole line.
    QString messageInLine() const
    {
        if (!syntax)
            return message;
        return QStringLiteral("%1 (byte %2 of the line)").arg(message).arg(position + 1);
    }
    qsizetype position;
    QString message;
    bool syntax;
};

// Whether `text` is, after leading whitespace, the start of a JSON object.
bool startsJsonObject(QByteArrayView text);

// A validating pull reader over one JSON text (a trace line): it walks objects and arrays
// member by member, reads scalars, and skips values while checking them, returning the raw text
// of what it skipped so that it can be kept and parsed later. Everything it passes over is
// checked against RFC 8259 (including UTF-8) and the limits, so a span it returns is known to be
// well-formed. Errors throw JsonCursorError with the byte position.
class JsonCursor
{
public:
    enum class Kind : quint8 { Object, Array, String, Number, True, False, Null };

    JsonCursor(QByteArrayView text, const TraceLimits &limits, int depth = 0);

    Kind peek();
    qsizetype position() const { return m_pos; }
    QByteArrayView text() const { return QByteArrayView(m_data, m_size); }

    // Containers: enter, then call next...() until it returns false (which consumes the close).
    void enterObject();
    // The next member's key (unescaped), or false at the end of the object.
    bool nextMember(QString *key);
    // Faster variant for known ASCII keys: the raw key bytes (escapes left as they are; a key
    // with escapes is returned decoded into `storage`).
    bool nextMember(QByteArrayView *key, QByteArray *storage);
    void enterArray();
    bool nextElement();

    // Scalars. Each throws "<what> must be a ..." when the next value is of another kind.
    QString readString(QStringView what);
    // The string's UTF-8 bytes: a view of the text, or of `storage` when it had escapes.
    QByteArrayView readUtf8String(QByteArray *storage, QStringView what);
    qint64 readInteger(QStringView what);
    double readNumber(QStringView what);
    bool readBool(QStringView what);
    bool readNullIf(); // consumes null and returns true, or leaves anything else
    // Skips (and checks) the next value, returning its raw text.
    QByteArrayView skipValue();

    // After the last value: only whitespace may follow.
    void expectEnd();

    [[noreturn]] void fail(const QString &message) const { throw JsonCursorError(m_pos, message); }
    [[noreturn]] void failAt(qsizetype position, const QString &message) const
    {
        throw JsonCursorError(position, message);
    }

private:
    [[noreturn]] void failSyntax(const QString &message) const
    {
        throw JsonCursorError(m_pos, message, true);
    }
    [[noreturn]] void failSyntaxAt(qsizetype position, const QString &message) const
    {
        throw JsonCursorError(position, message, true);
    }
    void skipWhitespace();
    void expect(char c, const char *what);
    void enter();
    // Scans a string starting at the opening quote; appends the decoded text to `out` when given.
    void scanString(QByteArray *out);
    void scanNumber(bool *isInteger);
    void scanLiteral(const char *word, qsizetype length);
    void skipValueAt(Kind kind);
    void leave() { --m_depth; }
    bool needsComma() const { return (m_needComma[m_depth / 64] >> (m_depth % 64)) & 1U; }
    void setNeedsComma(bool on);

    const char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
    const TraceLimits &m_limits;
    int m_depth;
    bool m_escaped = false; // the last string scanned had escapes
    // Per open container (up to the nesting limit): whether an element has been read, so a comma
    // is needed before the next one.
    quint64 m_needComma[2] = {0, 0}; // bit per depth, up to 128
};

} // namespace sessionscope
