#pragma once

#include <QString>

namespace sessionscope::bench {

// Heap bytes per object a session tracks (the object, its values, its identity-map entry),
// measured with 4-column items; negative where the heap cannot be measured.
struct MemoryUse
{
    double loaded = -1;  // persistent objects a query loaded
    double flushed = -1; // new objects after their flush (keys fetched back, values kept)
};
MemoryUse measureMemory(const QString &emptyDatabase, const QString &filledDatabase, qint64 rows);

} // namespace sessionscope::bench
