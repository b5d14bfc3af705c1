#pragma once

#include "benchmark.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace sessionscope::bench {

// What to run, from the command line:
//   sessionscope-bench [insert|update|load|dirty|recorder]... [--rows N] [--reps N] [--json]
//                      [--sqlalchemy-reps N] [--python PATH] [--sqlalchemy-script PATH]
//                      [--contender NAME]...
struct Settings
{
    std::vector<Benchmark> benchmarks; // in the order given; every benchmark when none is named
    qint64 rows = 100'000;
    int reps = 3;           // runs per native contender; the best one counts
    int sqlalchemyReps = 1; // SQLAlchemy takes seconds per run: once is enough for a ratio
    bool json = false;
    QString python = QStringLiteral("/usr/bin/python3");
    QString sqlalchemyScript; // empty: looked for next to the executable, then in the sources
    QStringList contenders;   // --contender NAME (repeatable): only these; all when empty
};

// Parses the arguments (argv[0] included); prints usage and exits with status 2 when they are
// wrong, with status 0 for --help.
Settings parseSettings(const QStringList &arguments);

} // namespace sessionscope::bench
