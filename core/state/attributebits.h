#pragma once

#include <QtGlobal>

#include <memory>

namespace sessionscope {

// A set of attribute indexes. Up to 64 attributes live inline, so the common entity costs one
// word per set; wider entities spill to the heap.
class AttributeBits
{
public:
    explicit AttributeBits(int size = 0)
        : m_size(size)
    {
        if (size > 64)
            m_more = std::make_unique<quint64[]>(size_t(words() - 1));
    }

    AttributeBits(const AttributeBits &other)
        : AttributeBits(other.m_size)
    {
        copyFrom(other);
    }
    AttributeBits &operator=(const AttributeBits &other)
    {
        if (this != &other) {
            if (other.m_size != m_size) {
                m_size = other.m_size;
                m_more = m_size > 64 ? std::make_unique<quint64[]>(size_t(words() - 1)) : nullptr;
            }
            copyFrom(other);
        }
        return *this;
    }
    AttributeBits(AttributeBits &&) noexcept = default;
    AttributeBits &operator=(AttributeBits &&) noexcept = default;

    int size() const { return m_size; }
    bool test(int i) const { return (word(i) >> (i % 64)) & 1u; }
    void set(int i) { word(i) |= quint64(1) << (i % 64); }
    void reset(int i) { word(i) &= ~(quint64(1) << (i % 64)); }
    void assign(int i, bool on) { on ? set(i) : reset(i); }
    void clear()
    {
        m_inline = 0;
        for (int w = 1; w < words(); ++w)
            m_more[size_t(w - 1)] = 0;
    }
    void fill()
    {
        for (int i = 0; i < m_size; ++i)
            set(i);
    }
    bool any() const
    {
        if (m_inline)
            return true;
        for (int w = 1; w < words(); ++w) {
            if (m_more[size_t(w - 1)])
                return true;
        }
        return false;
    }

private:
    int words() const { return m_size <= 64 ? 1 : (m_size + 63) / 64; }
    quint64 &word(int i) { return i < 64 ? m_inline : m_more[size_t(i / 64 - 1)]; }
    quint64 word(int i) const { return i < 64 ? m_inline : m_more[size_t(i / 64 - 1)]; }
    void copyFrom(const AttributeBits &other)
    {
        m_inline = other.m_inline;
        for (int w = 1; w < words(); ++w)
            m_more[size_t(w - 1)] = other.m_more[size_t(w - 1)];
    }

    quint64 m_inline = 0;
    std::unique_ptr<quint64[]> m_more;
    int m_size = 0;
};

} // namespace sessionscope
