#pragma once

#include <QtGlobal>

namespace sessionscope {

// A set of attribute indexes over words someone else owns: an object keeps its sets in the
// block it is allocated in (ObjectState::create()), so a set costs one word per 64 attributes
// and no pointer, size or allocation of its own.
class AttributeBits
{
public:
    static constexpr int wordsFor(int size) { return (size + 63) / 64; }

    AttributeBits(quint64 *words, int wordCount)
        : m_words(words)
        , m_wordCount(wordCount)
    {}

    bool test(int i) const { return (m_words[i / 64] >> (i % 64)) & 1u; }
    void set(int i) const { m_words[i / 64] |= quint64(1) << (i % 64); }
    void reset(int i) const { m_words[i / 64] &= ~(quint64(1) << (i % 64)); }
    void clear() const
    {
        for (int w = 0; w < m_wordCount; ++w)
            m_words[w] = 0;
    }
    // Removes the members of `other` (a set of the same word count).
    void subtract(const AttributeBits &other) const
    {
        for (int w = 0; w < m_wordCount; ++w)
            m_words[w] &= ~other.m_words[w];
    }
    // Adds members 0 to size - 1.
    void fill(int size) const
    {
        int w = 0;
        for (; size >= 64; size -= 64)
            m_words[w++] = ~quint64(0);
        if (size > 0)
            m_words[w] |= (quint64(1) << size) - 1;
    }
    bool any() const
    {
        for (int w = 0; w < m_wordCount; ++w) {
            if (m_words[w])
                return true;
        }
        return false;
    }

private:
    quint64 *m_words;
    int m_wordCount;
};

} // namespace sessionscope
