#pragma once

#include <QtGlobal>

namespace sessionscope::bench {

// Bytes the heap has handed out and not taken back (glibc's mallinfo2); -1 where unknown.
qint64 heapBytesInUse();

} // namespace sessionscope::bench
