#pragma once

#include <QElapsedTimer>

namespace sessionscope::bench {

// Wall time since construction.
class Stopwatch
{
public:
    Stopwatch() { m_timer.start(); }
    double seconds() const { return double(m_timer.nsecsElapsed()) / 1e9; }

private:
    QElapsedTimer m_timer;
};

} // namespace sessionscope::bench
