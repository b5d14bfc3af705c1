#pragma once

#include "benchmark.h"
#include "sessionscopecontender.h"
#include "settings.h"

#include <map>
#include <string>
#include <vector>

namespace sessionscope::bench {

// Everything one run of sessionscope-bench measured.
struct Report
{
    std::vector<Result> results;
    std::map<std::string, QString> unavailable; // contender -> why it did not run
    MemoryUse memory;
};

// The readable table: every measurement with its throughput and ratios against the baselines,
// then each of the targets with its verdict.
void printTable(const Settings &settings, const Report &report);
// {"results": [{"benchmark": "insert", "contender": "sessionscope", "rows": N, "seconds": S}, ...]}
void printJson(const Report &report);

} // namespace sessionscope::bench
