// sessionscope-bench: SessionScope's unit of work against raw SQLite, QSqlQuery and SQLAlchemy,
// measured side by side in one run on the same schema and rows (see README.md, "Benchmarks").
// It reports; it never fails on a missed target (exit status 0 unless a benchmark cannot run).

#include "benchmark.h"
#include "contender.h"
#include "report.h"
#include "sessionscopecontender.h"
#include "settings.h"

#include "state/objectpool.h"
#include "support/error.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <fmt/format.h>

#include <map>
#include <stdexcept>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

using namespace sessionscope;
using namespace sessionscope::bench;

namespace {

// glibc raises its mmap and trim thresholds to the largest block freed so far, so whether a run
// faults in fresh pages for its allocations depended on what earlier runs had freed: one
// contender's large temporary buffer kept the heap warm for everything after it, and another's
// lack of one let the heap shrink between runs. Fixed thresholds give every contender's runs the
// same heap: large blocks from the heap (up to 32 MiB), freed memory kept (up to 64 MiB), as in
// a process that has been running a while. Object slabs are kept between sessions the same way
// (up to 64 MiB: ObjectPool::setSlabCacheLimit(), which a program opts into).
void steadyHeap()
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
    ObjectPool::setSlabCacheLimit(qint64(64) << 20);
}

void progress(const std::string &message)
{
    fmt::print(stderr, "sessionscope-bench: {}\n", message);
    std::fflush(stderr);
}

// bench/sqlalchemy_bench.py: given, next to the executable, installed, or in the sources.
QString findSqlAlchemyScript(const Settings &settings)
{
    if (!settings.sqlalchemyScript.isEmpty())
        return settings.sqlalchemyScript;
    const QString here = QCoreApplication::applicationDirPath();
    const QStringList candidates{
        here + QStringLiteral("/sqlalchemy_bench.py"),
        here + QStringLiteral("/../share/sessionscope/sqlalchemy_bench.py"),
        QStringLiteral(SESSIONSCOPE_BENCH_SOURCE_DIR "/sqlalchemy_bench.py"),
    };
    for (const QString &candidate : candidates) {
        if (QFileInfo::exists(candidate))
            return QDir::cleanPath(candidate);
    }
    return {};
}

Report run(const Settings &settings)
{
    QTemporaryDir directory;
    if (!directory.isValid())
        throw std::runtime_error("cannot create a temporary directory");

    std::vector<std::unique_ptr<Contender>> contenders;
    contenders.push_back(makeSessionScopeContender());
    contenders.push_back(makeSqliteContender());
    contenders.push_back(makeQSqlQueryContender());
    contenders.push_back(makeSqlAlchemyContender(settings.python, findSqlAlchemyScript(settings),
                                                 settings.sqlalchemyReps));

    if (!settings.contenders.isEmpty()) {
        std::erase_if(contenders, [&](const std::unique_ptr<Contender> &contender) {
            return !settings.contenders.contains(QString::fromStdString(contender->name()));
        });
    }
    Report report;
    for (const auto &contender : contenders) {
        const QString why = contender->unavailableReason();
        if (!why.isEmpty()) {
            report.unavailable[contender->name()] = why;
            progress(fmt::format("{} is unavailable: {}", contender->name(), why.toStdString()));
        }
    }

    // The best run of each measurement; runs of the contenders alternate.
    std::map<std::tuple<Benchmark, std::string, qint64>, size_t> best;
    for (Benchmark benchmark : settings.benchmarks) {
        for (int rep = 0; rep < settings.reps; ++rep) {
            for (const auto &contender : contenders) {
                if (!contender->runs(benchmark) || report.unavailable.count(contender->name()) ||
                    rep >= contender->repetitions(settings.reps))
                    continue;
                const std::string label = benchmarkName(benchmark) + " / " + contender->name();
                progress(fmt::format("{}, run {}", label, rep + 1));
                const QString path = directory.filePath(QString::fromStdString(
                    fmt::format("{}-{}-{}.db", benchmarkName(benchmark), contender->name(), rep)));
                prepareDatabase(path, preparedRows(benchmark, settings.rows));
                const std::vector<Result> results = contender->run(benchmark, path, settings.rows);
                QFile::remove(path);
                for (const Result &result : results) {
                    const auto key =
                        std::make_tuple(result.benchmark, result.contender, result.rows);
                    const auto it = best.find(key);
                    if (it == best.end()) {
                        best.emplace(key, report.results.size());
                        report.results.push_back(result);
                    } else if (result.seconds < report.results[it->second].seconds) {
                        report.results[it->second] = result;
                    }
                }
            }
        }
    }

    progress("memory per tracked object");
    const QString empty = directory.filePath(QStringLiteral("memory-empty.db"));
    const QString filled = directory.filePath(QStringLiteral("memory-filled.db"));
    prepareDatabase(empty, 0);
    prepareDatabase(filled, settings.rows);
    report.memory = measureMemory(empty, filled, settings.rows);
    return report;
}

} // namespace

namespace sessionscope::bench {

qint64 preparedRows(Benchmark benchmark, qint64 rows)
{
    return benchmark == Benchmark::Insert || benchmark == Benchmark::Recorder ? 0 : rows;
}

} // namespace sessionscope::bench

int main(int argc, char *argv[])
{
    steadyHeap();
    QCoreApplication app(argc, argv);
    const Settings settings = parseSettings(QCoreApplication::arguments());
    try {
        const Report report = run(settings);
        if (settings.json)
            printJson(report);
        else
            printTable(settings, report);
        return 0;
    } catch (const SessionError &error) {
        fmt::print(stderr, "sessionscope-bench: session error: {}\n",
                   error.message().toStdString());
    } catch (const std::exception &error) {
        fmt::print(stderr, "sessionscope-bench: {}\n", error.what());
    }
    return 1;
}
