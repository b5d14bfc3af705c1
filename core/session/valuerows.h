#pragma once

#include <QList>
#include <QVariant>

#include <algorithm>
#include <span>

namespace sessionscope {

// Rows of values of equal width in one flat list: the parameters of a statement run once per
// row (or of a multi-row INSERT), the columns a SELECT read. A flush of many rows fills one per
// batch and reuses its capacity for the next, and a load keeps every row it read in one,
// instead of allocating a list per row; observers get per-row lists from toLists() only when
// someone listens.
class ValueRows
{
public:
    // Forgets the rows (keeping the memory) and starts over with rows of `width` values.
    void reset(qsizetype width)
    {
        m_values.clear();
        m_width = width;
        m_rowCount = 0;
    }

    // Appends a row of width() null values, for the caller to fill.
    std::span<QVariant> addRow()
    {
        const qsizetype first = m_values.size();
        m_values.resize(first + m_width);
        ++m_rowCount;
        return {m_values.data() + first, size_t(m_width)};
    }

    qsizetype width() const { return m_width; }
    qsizetype rowCount() const { return m_rowCount; }
    bool isEmpty() const { return m_rowCount == 0; }
    std::span<const QVariant> row(qsizetype i) const
    {
        return {m_values.constData() + i * m_width, size_t(m_width)};
    }
    std::span<QVariant> mutableRow(qsizetype i)
    {
        return {m_values.data() + i * m_width, size_t(m_width)};
    }
    // Starts over with `count` rows moved out of `from`, from its row `first` on (those rows
    // are left null): one statement's share of a batch.
    void takeRows(ValueRows &from, qsizetype first, qsizetype count)
    {
        reset(from.width());
        for (qsizetype i = first; i < first + count; ++i)
            std::ranges::swap_ranges(addRow(), from.mutableRow(i));
    }
    // Every value, row after row (the parameters of a multi-row INSERT).
    const QVariantList &values() const { return m_values; }

    // The first `count` rows (all when negative) as separate lists, as observers see them.
    QList<QVariantList> toLists(qsizetype count = -1) const
    {
        const qsizetype n = count < 0 ? m_rowCount : std::min(count, m_rowCount);
        QList<QVariantList> lists;
        lists.reserve(n);
        for (qsizetype i = 0; i < n; ++i) {
            const std::span<const QVariant> r = row(i);
            lists.append(QVariantList(r.begin(), r.end()));
        }
        return lists;
    }

private:
    QVariantList m_values;
    qsizetype m_width = 0;
    qsizetype m_rowCount = 0;
};

} // namespace sessionscope
