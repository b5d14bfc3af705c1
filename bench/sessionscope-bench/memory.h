#pragma once

#include <QtGlobal>

class QSqlDatabase;

namespace sessionscope::bench {

// Bytes the heap has handed out and not taken back (glibc's mallinfo2), plus the object pools'
// slabs mapped outside it (ObjectPool::mappedBytes()); -1 where unknown (another C library, or
// a sanitizer's allocator).
qint64 heapBytesInUse();
// Heap bytes SQLite's page cache holds for this connection (SQLITE_DBSTATUS_CACHE_USED): memory
// bounded by the cache size whatever the number of rows, so not part of a per-object cost.
qint64 sqliteCacheBytes(const QSqlDatabase &database);

} // namespace sessionscope::bench
