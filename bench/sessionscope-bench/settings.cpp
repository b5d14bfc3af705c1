#include "settings.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace sessionscope::bench {

namespace {

[[noreturn]] void usage(const std::string &problem)
{
    if (!problem.empty())
        fmt::print(stderr, "sessionscope-bench: {}\n", problem);
    fmt::print(problem.empty() ? stdout : stderr,
               "usage: sessionscope-bench [insert|update|load|dirty|recorder]... [--rows N] "
               "[--reps N] [--json]\n"
               "                          [--sqlalchemy-reps N] [--python PATH] "
               "[--sqlalchemy-script PATH] [--contender NAME]...\n"
               "Runs the named benchmarks (all by default) against raw SQLite, QSqlQuery and "
               "SQLAlchemy,\n"
               "and prints a table with ratios and target verdicts (or JSON with --json).\n");
    std::exit(problem.empty() ? 0 : 2);
}

} // namespace

Settings parseSettings(const QStringList &arguments)
{
    Settings settings;
    auto value = [&](qsizetype &i) -> const QString & {
        if (i + 1 >= arguments.size())
            usage(fmt::format("{} needs a value", arguments[i].toStdString()));
        return arguments[++i];
    };
    auto number = [&](qsizetype &i, qint64 minimum) {
        const QString &text = value(i);
        bool ok = false;
        const qint64 n = text.toLongLong(&ok);
        if (!ok || n < minimum)
            usage(fmt::format("{} takes an integer of at least {}, not \"{}\"",
                              arguments[i - 1].toStdString(), minimum, text.toStdString()));
        return n;
    };
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments[i];
        if (argument == u"--rows") {
            settings.rows = number(i, 10);
        } else if (argument == u"--reps") {
            settings.reps = int(number(i, 1));
        } else if (argument == u"--sqlalchemy-reps") {
            settings.sqlalchemyReps = int(number(i, 1));
        } else if (argument == u"--json") {
            settings.json = true;
        } else if (argument == u"--python") {
            settings.python = value(i);
        } else if (argument == u"--sqlalchemy-script") {
            settings.sqlalchemyScript = value(i);
        } else if (argument == u"--contender") {
            settings.contenders.append(value(i));
        } else if (argument == u"--help" || argument == u"-h") {
            usage({});
        } else if (const auto benchmark = benchmarkNamed(argument)) {
            bool seen = false;
            for (Benchmark b : settings.benchmarks)
                seen = seen || b == *benchmark;
            if (!seen)
                settings.benchmarks.push_back(*benchmark);
        } else {
            usage(fmt::format("unknown argument \"{}\"", argument.toStdString()));
        }
    }
    if (settings.benchmarks.empty())
        settings.benchmarks = allBenchmarks();
    return settings;
}

} // namespace sessionscope::bench
