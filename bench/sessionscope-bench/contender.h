#pragma once

#include "benchmark.h"

#include <QString>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sessionscope::bench {

// Something that does the work of a benchmark: SessionScope, or one of its baselines.
class Contender
{
public:
    virtual ~Contender() = default;

    // The name results carry: sessionscope, sqlite3_c, qsqlquery, sqlalchemy.
    virtual std::string name() const = 0;
    // Empty when it can run; otherwise why not (the contender is then reported as unavailable).
    virtual QString unavailableReason() const { return {}; }
    virtual bool runs(Benchmark benchmark) const = 0;
    // How many runs to make of each benchmark (the best one counts).
    virtual int repetitions(int requested) const { return requested; }
    // One run on `databasePath`, already prepared for the benchmark (the table, and for update,
    // load and dirty `rows` rows). Returns the measured results: one, or for dirty also the
    // baseline. Throws std::runtime_error when the run fails.
    virtual std::vector<Result> run(Benchmark benchmark, const QString &databasePath,
                                    qint64 rows) = 0;
};

std::unique_ptr<Contender> makeSessionScopeContender();
std::unique_ptr<Contender> makeSqliteContender();
std::unique_ptr<Contender> makeQSqlQueryContender();
std::unique_ptr<Contender> makeSqlAlchemyContender(const QString &python, const QString &script,
                                                   int repetitions);

// How many rows a benchmark's database starts with.
qint64 preparedRows(Benchmark benchmark, qint64 rows);

} // namespace sessionscope::bench
