#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringView>
#include <QVariant>

#include <string>
#include <string_view>
#include <vector>

namespace sessionscope {

// Writes compact JSON text straight into a std::string: what the recorder uses for every event,
// where building QJsonObjects (or growing a QByteArray through Qt's generic insert path) would
// cost more than the flush being recorded. Commas are placed automatically; keys and values
// alternate inside objects.
class JsonWriter
{
public:
    explicit JsonWriter(std::string &out)
        : m_out(out)
    {}

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(std::string_view name); // an ASCII name known not to need escaping
    void key(QStringView name);
    // A member name already written as `"name":` (see quotedKey()).
    void rawKey(std::string_view quotedKeyAndColon);

    void string(QStringView text);
    void string(std::string_view ascii);
    void integer(qint64 value);
    void number(double value);
    void boolean(bool value);
    void null();
    // Already-serialised JSON.
    void raw(std::string_view json);
    void raw(const QByteArray &json)
    {
        raw(std::string_view(json.constData(), size_t(json.size())));
    }
    void json(const QJsonValue &value);
    // A canonical column value (see values.h), printed as in docs/scenario-format.md.
    void columnValue(const QVariant &value);

    // `"name":` with the name escaped, for rawKey().
    static std::string quotedKey(QStringView name);

private:
    void separate();
    void appendEscaped(QStringView text);
    void appendEscapedUtf8(std::string_view utf8);

    void push();
    char &top() { return m_depth <= kInlineDepth ? m_inline[m_depth - 1] : m_deeper.back(); }

    // Per open container: no element written yet. Inline up to the depth events reach, so
    // that a writer costs no allocation.
    static constexpr int kInlineDepth = 32;
    std::string &m_out;
    char m_inline[kInlineDepth] = {};
    std::vector<char> m_deeper;
    int m_depth = 0;
    bool m_afterKey = false;
};

} // namespace sessionscope
