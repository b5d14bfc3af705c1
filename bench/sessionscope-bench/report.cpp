#include "report.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <fmt/format.h>

#include <cstdio>
#include <optional>

namespace sessionscope::bench {

namespace {

const char *const kContenders[] = {"sessionscope", "sqlite3_c", "qsqlquery", "sqlalchemy"};

std::optional<double> secondsOf(const Report &report, Benchmark benchmark,
                                const std::string &contender, std::optional<qint64> rows = {})
{
    for (const Result &result : report.results) {
        if (result.benchmark == benchmark && result.contender == contender &&
            (!rows || result.rows == *rows))
            return result.seconds;
    }
    return std::nullopt;
}

std::string formatSeconds(double seconds)
{
    if (seconds >= 1.0)
        return fmt::format("{:.3f} s", seconds);
    if (seconds >= 1e-3)
        return fmt::format("{:.2f} ms", seconds * 1e3);
    return fmt::format("{:.1f} us", seconds * 1e6);
}

std::string formatRate(double perSecond)
{
    if (perSecond >= 1e6)
        return fmt::format("{:.2f} M/s", perSecond / 1e6);
    if (perSecond >= 1e3)
        return fmt::format("{:.0f} k/s", perSecond / 1e3);
    return fmt::format("{:.0f} /s", perSecond);
}

std::string formatRatio(double ratio)
{
    return ratio >= 10 ? fmt::format("{:.1f}x", ratio) : fmt::format("{:.2f}x", ratio);
}

// Throughput of `contender` relative to `baseline` on a benchmark (the inverse time ratio).
std::optional<double> throughputRatio(const Report &report, Benchmark benchmark,
                                      const std::string &contender, const std::string &baseline)
{
    const auto mine = secondsOf(report, benchmark, contender);
    const auto theirs = secondsOf(report, benchmark, baseline);
    if (!mine || !theirs || *mine <= 0)
        return std::nullopt;
    return *theirs / *mine;
}

struct Target
{
    std::string what;
    std::optional<double> measured;
    std::string measuredText;
    std::string goal;
    bool met = false;
};

void printTarget(const Target &target)
{
    const char *verdict = !target.measured ? "n/a" : target.met ? "met" : "MISSED";
    fmt::print("  {:<58} {:>10} {:>10}  {}\n", target.what,
               target.measured ? target.measuredText : std::string("-"), target.goal, verdict);
}

Target atLeast(std::string what, std::optional<double> ratio, double goal, bool strictly = false)
{
    Target target{std::move(what), ratio, ratio ? formatRatio(*ratio) : "", "", false};
    target.goal = fmt::format("{} {}", strictly ? ">" : ">=", formatRatio(goal));
    target.met = ratio && (strictly ? *ratio > goal : *ratio >= goal);
    return target;
}

} // namespace

void printTable(const Settings &settings, const Report &report)
{
    fmt::print("sessionscope-bench: {} rows per benchmark, a SQLite file database and one "
               "transaction per run;\nthe best of {} run(s) counts (SQLAlchemy: {}).\n\n",
               settings.rows, settings.reps, settings.sqlalchemyReps);
    for (const auto &[contender, why] : report.unavailable)
        fmt::print("{} is unavailable: {}\n\n", contender, why.toStdString());

    fmt::print("{:<10} {:<14} {:>9} {:>12} {:>11} {:>13} {:>13} {:>14}\n", "benchmark", "contender",
               "rows", "time", "rows/s", "vs sqlite3_c", "vs qsqlquery", "vs sqlalchemy");
    fmt::print("{}\n", std::string(101, '-'));
    for (Benchmark benchmark : {Benchmark::Insert, Benchmark::Update, Benchmark::Load}) {
        for (const char *contender : kContenders) {
            const auto seconds = secondsOf(report, benchmark, contender);
            if (!seconds)
                continue;
            auto ratio = [&](const char *baseline) {
                if (std::string(baseline) == contender)
                    return std::string("-");
                const auto r = throughputRatio(report, benchmark, contender, baseline);
                return r ? formatRatio(*r) : std::string("-");
            };
            fmt::print("{:<10} {:<14} {:>9} {:>12} {:>11} {:>13} {:>13} {:>14}\n",
                       benchmarkName(benchmark), contender, settings.rows, formatSeconds(*seconds),
                       formatRate(double(settings.rows) / *seconds), ratio("sqlite3_c"),
                       ratio("qsqlquery"), ratio("sqlalchemy"));
            for (const Result &result : report.results) {
                if (result.benchmark != benchmark || result.contender != contender)
                    continue;
                for (const auto &[what, partSeconds] : result.parts)
                    fmt::print("{:<10} {:<14} {:>9} {:>12}   {}\n", "", "", "",
                               formatSeconds(partSeconds), what);
            }
        }
    }
    if (const auto full = secondsOf(report, Benchmark::Dirty, "sessionscope", settings.rows)) {
        const auto alone = secondsOf(report, Benchmark::Dirty, "sessionscope", 0);
        fmt::print("{:<10} {:<14} {:>9} {:>12}   flush of {} dirty objects among {} clean ones "
                   "(median)\n",
                   "dirty", "sessionscope", settings.rows, formatSeconds(*full), kDirtyObjects,
                   settings.rows);
        if (alone)
            fmt::print("{:<10} {:<14} {:>9} {:>12}   the same flush in an otherwise empty "
                       "session\n",
                       "dirty", "sessionscope", 0, formatSeconds(*alone));
    }
    if (const auto recorded = secondsOf(report, Benchmark::Recorder, "sessionscope")) {
        const auto plain = secondsOf(report, Benchmark::Insert, "sessionscope");
        fmt::print("{:<10} {:<14} {:>9} {:>12} {:>11}   insert with a trace recorder{}\n",
                   "recorder", "sessionscope", settings.rows, formatSeconds(*recorded),
                   formatRate(double(settings.rows) / *recorded),
                   plain ? fmt::format(": {} the time without", formatRatio(*recorded / *plain))
                         : std::string());
    }
    if (report.memory.loaded >= 0 && report.memory.flushed >= 0) {
        fmt::print("\nmemory per tracked object (4 columns, identity map included, SQLite's "
                   "page cache not): {:.0f} B loaded by a query, {:.0f} B inserted and flushed\n",
                   report.memory.loaded, report.memory.flushed);
    } else {
        fmt::print("\nmemory per tracked object: not measured (this build's allocator does not "
                   "report heap use)\n");
    }

    fmt::print("\ntargets\n");
    for (Benchmark benchmark : {Benchmark::Insert, Benchmark::Update}) {
        const std::string name = benchmarkName(benchmark);
        if (!secondsOf(report, benchmark, "sessionscope"))
            continue;
        printTarget(atLeast(name + ": throughput vs sqlite3_c",
                            throughputRatio(report, benchmark, "sessionscope", "sqlite3_c"), 0.5));
        printTarget(atLeast(name + ": throughput vs qsqlquery (beats it)",
                            throughputRatio(report, benchmark, "sessionscope", "qsqlquery"), 1.0,
                            true));
        printTarget(atLeast(name + ": throughput vs sqlalchemy",
                            throughputRatio(report, benchmark, "sessionscope", "sqlalchemy"),
                            25.0));
    }
    if (secondsOf(report, Benchmark::Load, "sessionscope"))
        printTarget(atLeast("load: throughput vs sqlite3_c",
                            throughputRatio(report, Benchmark::Load, "sessionscope", "sqlite3_c"),
                            0.5));
    if (const auto full = secondsOf(report, Benchmark::Dirty, "sessionscope", settings.rows)) {
        const auto alone = secondsOf(report, Benchmark::Dirty, "sessionscope", 0);
        Target target{fmt::format("dirty: flush cost with {} clean objects vs none", settings.rows),
                      std::nullopt, "", "< 2.00x", false};
        if (alone && *alone > 0) {
            target.measured = *full / *alone;
            target.measuredText = formatRatio(*target.measured);
            target.met = *target.measured < 2.0;
        }
        printTarget(target);
    }
    Target memory{"memory: bytes per tracked object (aim)", std::nullopt, "", "< 300 B", false};
    if (report.memory.loaded >= 0 && report.memory.flushed >= 0) {
        const double worst = std::max(report.memory.loaded, report.memory.flushed);
        memory.measured = worst;
        memory.measuredText = fmt::format("{:.0f} B", worst);
        memory.met = worst < 300;
    }
    printTarget(memory);
    std::fflush(stdout);
}

void printJson(const Report &report)
{
    QJsonArray results;
    for (const Result &result : report.results) {
        results.append(QJsonObject{
            {QStringLiteral("benchmark"), QString::fromStdString(benchmarkName(result.benchmark))},
            {QStringLiteral("contender"), QString::fromStdString(result.contender)},
            {QStringLiteral("rows"), result.rows},
            {QStringLiteral("seconds"), result.seconds},
        });
    }
    const QByteArray text =
        QJsonDocument(QJsonObject{{QStringLiteral("results"), results}}).toJson();
    std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
    std::fflush(stdout);
}

} // namespace sessionscope::bench
