#include "jsonwriter.h"

#include "mapping/timestamp.h"
#include "mapping/values.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace sessionscope {

void JsonWriter::separate()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_depth > 0) {
        char &first = top();
        if (!first)
            m_out += ',';
        first = 0;
    }
}

void JsonWriter::push()
{
    ++m_depth;
    if (m_depth <= kInlineDepth)
        m_inline[m_depth - 1] = 1;
    else
        m_deeper.push_back(1);
}

void JsonWriter::beginObject()
{
    separate();
    m_out += '{';
    push();
}

void JsonWriter::endObject()
{
    m_out += '}';
    if (m_depth-- > kInlineDepth)
        m_deeper.pop_back();
}

void JsonWriter::beginArray()
{
    separate();
    m_out += '[';
    push();
}

void JsonWriter::endArray()
{
    m_out += ']';
    if (m_depth-- > kInlineDepth)
        m_deeper.pop_back();
}

void JsonWriter::key(std::string_view name)
{
    separate();
    // One growth for `"name":` rather than three appends: keys are most of what is written.
    const size_t at = m_out.size();
    m_out.resize(at + name.size() + 3);
    char *p = m_out.data() + at;
    *p++ = '"';
    std::memcpy(p, name.data(), name.size());
    p += name.size();
    *p++ = '"';
    *p = ':';
    m_afterKey = true;
}

void JsonWriter::key(QStringView name)
{
    separate();
    appendEscaped(name);
    m_out += ':';
    m_afterKey = true;
}

void JsonWriter::rawKey(std::string_view quotedKeyAndColon)
{
    separate();
    m_out += quotedKeyAndColon;
    m_afterKey = true;
}

std::string JsonWriter::quotedKey(QStringView name)
{
    std::string out;
    JsonWriter json(out);
    json.appendEscaped(name);
    out += ':';
    return out;
}

void JsonWriter::appendEscapedUtf8(std::string_view utf8)
{
    static const char hex[] = "0123456789abcdef";
    m_out += '"';
    const char *run = utf8.data();
    const char *end = run + utf8.size();
    for (const char *p = run; p != end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        m_out.append(run, size_t(p - run));
        run = p + 1;
        switch (c) {
        case '"':
            m_out += "\\\"";
            break;
        case '\\':
            m_out += "\\\\";
            break;
        case '\n':
            m_out += "\\n";
            break;
        case '\r':
            m_out += "\\r";
            break;
        case '\t':
            m_out += "\\t";
            break;
        default: {
            const char escape[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
            m_out.append(escape, 6);
        }
        }
    }
    m_out.append(run, size_t(end - run));
    m_out += '"';
}

void JsonWriter::appendEscaped(QStringView text)
{
    // Plain ASCII, the common case, is copied without converting the whole string first.
    const char16_t *data = text.utf16();
    const qsizetype size = text.size();
    qsizetype i = 0;
    while (i < size && data[i] >= 0x20 && data[i] < 0x80 && data[i] != u'"' && data[i] != u'\\')
        ++i;
    if (i == size) {
        m_out += '"';
        const size_t start = m_out.size();
        m_out.resize(start + size_t(size));
        for (qsizetype k = 0; k < size; ++k)
            m_out[start + size_t(k)] = char(data[k]);
        m_out += '"';
        return;
    }
    const QByteArray utf8 = text.toUtf8();
    appendEscapedUtf8(std::string_view(utf8.constData(), size_t(utf8.size())));
}

void JsonWriter::string(QStringView text)
{
    separate();
    appendEscaped(text);
}

void JsonWriter::string(std::string_view ascii)
{
    separate();
    appendEscapedUtf8(ascii);
}

void JsonWriter::integer(qint64 value)
{
    separate();
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    m_out.append(buffer, size_t(result.ptr - buffer));
}

void JsonWriter::number(double value)
{
    separate();
    if (!std::isfinite(value)) {
        m_out += "null"; // JSON has no infinities
        return;
    }
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value); // shortest round trip
    m_out.append(buffer, size_t(result.ptr - buffer));
}

void JsonWriter::boolean(bool value)
{
    separate();
    m_out += value ? "true" : "false";
}

void JsonWriter::null()
{
    separate();
    m_out += "null";
}

void JsonWriter::raw(std::string_view json)
{
    separate();
    m_out += json;
}

void JsonWriter::json(const QJsonValue &value)
{
    raw(values::jsonText(value));
}

void JsonWriter::columnValue(const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return null();
    // The stored value itself for the common types: no conversion, no copy.
    switch (value.typeId()) {
    case QMetaType::LongLong:
        return integer(*static_cast<const qlonglong *>(value.constData()));
    case QMetaType::Double:
        return number(*static_cast<const double *>(value.constData()));
    case QMetaType::Bool:
        return boolean(*static_cast<const bool *>(value.constData()));
    case QMetaType::QString:
        return string(*static_cast<const QString *>(value.constData()));
    case QMetaType::QJsonValue:
        return json(value.toJsonValue());
    case QMetaType::QByteArray:
        return string(QString::fromLatin1(value.toByteArray().toBase64()));
    default:
        if (value.metaType() == QMetaType::fromType<Timestamp>())
            return string(value.value<Timestamp>().toIsoString());
        return json(values::toJson(value));
    }
}

} // namespace sessionscope
