#include "memory.h"

#include "session/sqlitestatement.h"
#include "state/objectpool.h"

#include <sqlite3.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace sessionscope::bench {

qint64 heapBytesInUse()
{
#if defined(__SANITIZE_ADDRESS__)
    return -1; // the sanitizer's allocator leaves glibc's counters at zero
#elif defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks) + qint64(info.hblkhd) + ObjectPool::mappedBytes();
#else
    return -1;
#endif
}

qint64 sqliteCacheBytes(const QSqlDatabase &database)
{
    sqlite3 *handle = nativeSqliteHandle(database);
    int current = 0;
    int highest = 0;
    if (!handle ||
        sqlite3_db_status(handle, SQLITE_DBSTATUS_CACHE_USED, &current, &highest, 0) != SQLITE_OK)
        return 0;
    return current;
}

} // namespace sessionscope::bench
