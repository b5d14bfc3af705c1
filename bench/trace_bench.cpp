// Benchmarks for traces, against the targets of the issue tracker. Every measurement is printed
// with a baseline taken in the same run, so the ratios mean something on any machine:
//
//   1. Load a 1,000,000-event trace and be ready to show its last state in at most 5x the time
//      `wc -l` takes on the same file (warm cache, best of 3).
//   2. Seek to any operation in under 16 ms (1000 random seeks after verify()).
//   3. Resident memory under 200 bytes per event, snapshots and checkpoints included.
//   4. A 100,000-row flush with a recorder attached in at most 1.3x the time without one.
//
// The trace is written by the real recorder on a real Session running an application-like
// workload. The program reports; it never fails on a missed target (exit code 0 unless the
// benchmark itself cannot run).
//
//     trace_bench [--events N] [--rows N] [--reps N] [--seeks N] [--seed N] [--keep FILE]
//     trace_bench --quick      (20,000 events, 10,000 rows: a smoke test)

#include "mapping/mappingbuilder.h"
#include "session/session.h"
#include "state/objectpool.h"
#include "support/error.h"
#include "trace/timeline.h"
#include "trace/traceerror.h"
#include "trace/tracerecorder.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <fmt/format.h>

#include <unistd.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using namespace sessionscope;

namespace {

// ---- settings -----------------------------------------------------------------------------------

struct Settings
{
    qint64 events = 1'000'000;
    qint64 rows = 100'000;
    int reps = 3;
    int seeks = 1000;
    quint64 seed = 20240601;
    QString keep; // where to keep the generated trace (else a temporary directory)
    bool quick = false;
};

[[noreturn]] void usage(const std::string &problem)
{
    if (!problem.empty())
        fmt::print(stderr, "trace_bench: {}\n", problem);
    fmt::print(stderr, "usage: trace_bench [--quick] [--events N] [--rows N] [--reps N] "
                       "[--seeks N] [--seed N] [--keep FILE]\n");
    std::exit(2);
}

Settings parseArguments(const QStringList &arguments)
{
    Settings settings;
    auto number = [&](qsizetype &i, qint64 minimum) {
        if (i + 1 >= arguments.size())
            usage(fmt::format("{} needs a value", arguments[i].toStdString()));
        bool ok = false;
        const qint64 value = arguments[++i].toLongLong(&ok);
        if (!ok || value < minimum)
            usage(fmt::format("{} takes an integer of at least {}, not \"{}\"",
                              arguments[i - 1].toStdString(), minimum, arguments[i].toStdString()));
        return value;
    };
    // --quick first, so explicit sizes given with it win.
    if (arguments.contains(QStringLiteral("--quick"))) {
        settings.quick = true;
        settings.events = 20'000;
        settings.rows = 10'000;
    }
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments[i];
        if (argument == u"--quick")
            continue;
        if (argument == u"--events")
            settings.events = number(i, 100);
        else if (argument == u"--rows")
            settings.rows = number(i, 1);
        else if (argument == u"--reps")
            settings.reps = int(number(i, 1));
        else if (argument == u"--seeks")
            settings.seeks = int(number(i, 1));
        else if (argument == u"--seed")
            settings.seed = quint64(number(i, 0));
        else if (argument == u"--keep") {
            if (i + 1 >= arguments.size())
                usage("--keep needs a file name");
            settings.keep = arguments[++i];
        } else if (argument == u"--help" || argument == u"-h")
            usage({});
        else
            usage(fmt::format("unknown argument \"{}\"", argument.toStdString()));
    }
    return settings;
}

// ---- measuring ----------------------------------------------------------------------------------

double seconds(qint64 ns)
{
    return double(ns) / 1e9;
}

double millis(qint64 ns)
{
    return double(ns) / 1e6;
}

qint64 median(std::vector<qint64> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

qint64 best(const std::vector<qint64> &values)
{
    return values.empty() ? 0 : *std::min_element(values.begin(), values.end());
}

// Resident set size from /proc/self/statm, in bytes (0 where unavailable).
qint64 residentBytes()
{
    std::ifstream statm("/proc/self/statm");
    qint64 size = 0;
    qint64 resident = 0;
    if (!(statm >> size >> resident))
        return 0;
    return resident * qint64(sysconf(_SC_PAGESIZE));
}

// Returns freed heap memory to the system, so that RSS before a measurement is what is in use.
void trimHeap()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

std::string formatDuration(qint64 ns)
{
    const double s = seconds(ns);
    if (s >= 1.0)
        return fmt::format("{:.2f} s", s);
    if (s >= 1e-3)
        return fmt::format("{:.2f} ms", s * 1e3);
    return fmt::format("{:.1f} us", s * 1e6);
}

std::string formatBytes(double bytes)
{
    if (bytes >= 1024.0 * 1024 * 1024)
        return fmt::format("{:.2f} GiB", bytes / (1024.0 * 1024 * 1024));
    if (bytes >= 1024.0 * 1024)
        return fmt::format("{:.1f} MiB", bytes / (1024.0 * 1024));
    if (bytes >= 1024.0)
        return fmt::format("{:.1f} KiB", bytes / 1024.0);
    return fmt::format("{:.0f} B", bytes);
}

std::string formatRatio(double ratio)
{
    return fmt::format("{:.2f}x", ratio);
}

// ---- the table ----------------------------------------------------------------------------------

struct Row
{
    std::string what;
    std::string value;
    std::string baseline = "-";
    std::string ratio = "-";
    std::string target = "-";
    std::string status = "info"; // "ok", "MISSED" or "info"
};

void printHeader()
{
    fmt::print("{:<50} {:>13} {:>24} {:>9} {:>12}  {}\n", "what", "value", "baseline", "ratio",
               "target", "status");
    fmt::print("{}\n", std::string(118, '-'));
}

void printRow(const Row &row)
{
    fmt::print("{:<50} {:>13} {:>24} {:>9} {:>12}  {}\n", row.what, row.value, row.baseline,
               row.ratio, row.target, row.status);
    std::fflush(stdout);
}

void printSection(const std::string &title)
{
    fmt::print("{}\n", title);
    std::fflush(stdout);
}

void progress(const std::string &message)
{
    fmt::print(stderr, "trace_bench: {}\n", message);
    std::fflush(stderr);
}

// ---- the database and the mapping ---------------------------------------------------------------

// A fresh in-memory SQLite connection under a unique name, removed with the object. Sessions
// using it must be gone first.
class MemoryDatabase
{
public:
    MemoryDatabase()
        : m_name(QStringLiteral("trace_bench-%1").arg(++s_counter))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(QStringLiteral(":memory:"));
        if (!db.open())
            throw std::runtime_error("cannot open an in-memory SQLite database: " +
                                     db.lastError().text().toStdString());
    }
    ~MemoryDatabase()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    MemoryDatabase(const MemoryDatabase &) = delete;
    MemoryDatabase &operator=(const MemoryDatabase &) = delete;

    QSqlDatabase handle() const { return QSqlDatabase::database(m_name, false); }

private:
    static inline int s_counter = 0;
    QString m_name;
};

// Users and their addresses: what a small application keeps.
MappingPtr benchMapping()
{
    MappingBuilder builder;
    builder.entity(QStringLiteral("User"), QStringLiteral("users"))
        .column(QStringLiteral("id"), ColumnType::Integer)
        .primaryKey()
        .column(QStringLiteral("name"), ColumnType::Text)
        .notNull()
        .unique()
        .column(QStringLiteral("age"), ColumnType::Integer)
        .column(QStringLiteral("status"), ColumnType::Text)
        .oneToMany(QStringLiteral("addresses"), QStringLiteral("Address"))
        .backPopulates(QStringLiteral("user"))
        .cascade(kAllCascade)
        .entity(QStringLiteral("Address"), QStringLiteral("addresses"))
        .column(QStringLiteral("id"), ColumnType::Integer)
        .primaryKey()
        .column(QStringLiteral("email"), ColumnType::Text)
        .notNull()
        .column(QStringLiteral("kind"), ColumnType::Text)
        .column(QStringLiteral("user_id"), ColumnType::Integer)
        .references(QStringLiteral("users.id"))
        .manyToOne(QStringLiteral("user"), QStringLiteral("User"))
        .backPopulates(QStringLiteral("addresses"));
    return builder.build();
}

// ---- the workload -------------------------------------------------------------------------------

// An application's loop of small units of work on one long-lived session: register a user with
// two addresses, flush, change them, commit; now and then look others up, expire, delete one,
// change its mind and roll back; the session is closed at the end of every "request" (a few
// units), so its identity map stays the size of a request's working set.
class Workload
{
public:
    Workload(Session &session, quint64 seed)
        : m_session(session)
        , m_random(seed)
    {}

    qint64 units() const { return m_units; }
    qint64 failures() const { return m_failures; }

    void runUnit()
    {
        ++m_units;
        try {
            unit();
        } catch (const SessionError &error) {
            // Not expected: counted and reported, and the session is brought back to a clean
            // state like an application's error handler would.
            if (++m_failures <= 3)
                progress(fmt::format("unit {} failed: {}", m_units, error.message().toStdString()));
            m_session.rollback();
        }
    }

private:
    int randomInt(int low, int high)
    {
        return std::uniform_int_distribution<int>(low, high)(m_random);
    }

    QString email(const QString &user, const char *kind)
    {
        return QStringLiteral("%1.%2.%3@example.com")
            .arg(user, QLatin1String(kind))
            .arg(randomInt(1, 999));
    }

    void unit()
    {
        const qint64 n = m_units;
        const QString name = QStringLiteral("user%1").arg(++m_names);

        // Register a user with two addresses.
        Object user = m_session.create(u"User");
        user.set(u"name", name);
        user.set(u"age", randomInt(18, 90));
        user.set(u"status", QStringLiteral("new"));
        const char *kinds[] = {"home", "work"};
        for (const char *kind : kinds) {
            Object address = m_session.create(u"Address");
            address.set(u"email", email(name, kind));
            address.set(u"kind", QString::fromLatin1(kind));
            user.append(u"addresses", address);
        }
        m_session.add(user);
        m_session.flush();

        // Change it within the same transaction.
        user.set(u"status", QStringLiteral("active"));
        user.set(u"age", randomInt(18, 90));
        const QList<Object> addresses = user.collection(u"addresses");
        addresses.first().set(u"email", email(name, "primary"));

        if (n % 9 == 0) {
            // Changes its mind: one more address, then everything is rolled back.
            Object extra = m_session.create(u"Address");
            extra.set(u"email", email(name, "extra"));
            user.append(u"addresses", extra);
            m_session.rollback();
            endOfRequest(n);
            return;
        }
        m_session.commit();
        m_userIds.push_back(user.get(u"id").toLongLong()); // reloads: commit expired it

        if (n % 4 == 0)
            lookUpUser();
        if (n % 5 == 0)
            queryAddresses();
        if (n % 6 == 0) {
            m_session.expireAll();
            (void)user.get(u"age");
            (void)user.collection(u"addresses").size();
        }
        if (n % 7 == 0)
            deleteUser();
        if (n % 11 == 0) {
            // A unit that fails validation half-way and rolls back what it flushed.
            user.set(u"status", QStringLiteral("suspended"));
            m_session.flush();
            m_session.rollback();
        }
        endOfRequest(n);
    }

    qint64 randomUserId() { return m_userIds[size_t(randomInt(0, int(m_userIds.size()) - 1))]; }

    void lookUpUser()
    {
        const Object other = m_session.get(u"User", {randomUserId()});
        if (!other)
            return;
        (void)other.get(u"name");
        for (const Object &address : other.collection(u"addresses"))
            (void)address.get(u"email");
    }

    void queryAddresses()
    {
        const QList<Object> found =
            m_session.query(u"Address", {{QStringLiteral("user_id"), QVariant(randomUserId())}});
        for (const Object &address : found)
            (void)address.get(u"kind");
    }

    void deleteUser()
    {
        if (m_userIds.size() < 10)
            return;
        const size_t index = size_t(randomInt(0, int(m_userIds.size()) - 1));
        const qint64 id = m_userIds[index];
        m_userIds[index] = m_userIds.back();
        m_userIds.pop_back();
        const Object victim = m_session.get(u"User", {id});
        if (!victim)
            return;
        m_session.deleteObject(victim); // the addresses go with it (cascade delete)
        m_session.commit();
    }

    void endOfRequest(qint64 n)
    {
        if (n % 8 == 0)
            m_session.close();
    }

    Session &m_session;
    std::mt19937_64 m_random;
    std::vector<qint64> m_userIds; // committed users that still exist
    qint64 m_units = 0;
    qint64 m_names = 0;
    qint64 m_failures = 0;
};

struct Generated
{
    qint64 ns = 0;
    qint64 units = 0;
    qint64 events = 0;
    qint64 failures = 0;
    qint64 poolObjects = 0;
};

// Runs the workload with a recorder writing to `path` until it has written `events` events.
Generated generateTrace(const MappingPtr &mapping, const QString &path, qint64 events, quint64 seed)
{
    Generated result;
    MemoryDatabase database;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        throw std::runtime_error("cannot write " + path.toStdString() + ": " +
                                 file.errorString().toStdString());
    {
        Session session(database.handle(), mapping);
        session.createTables();
        QElapsedTimer timer;
        timer.start();
        {
            TraceRecorder::Options options;
            options.title = QStringLiteral("trace_bench workload");
            options.source = QStringLiteral("trace_bench");
            TraceRecorder recorder(session, &file, options);
            Workload workload(session, seed);
            qint64 nextReport = events / 10;
            while (recorder.eventCount() < events) {
                workload.runUnit();
                if (recorder.eventCount() >= nextReport) {
                    progress(fmt::format("generated {} events ({:.1f} s)", recorder.eventCount(),
                                         seconds(timer.nsecsElapsed())));
                    nextReport += events / 10;
                }
            }
            recorder.finish();
            if (!recorder.errorString().isEmpty())
                throw std::runtime_error(recorder.errorString().toStdString());
            result.events = recorder.eventCount();
            result.units = workload.units();
            result.failures = workload.failures();
        }
        file.close();
        result.ns = timer.nsecsElapsed();
        result.poolObjects = session.pool().size();
    }
    return result;
}

// The same units of work with no recorder: what the workload itself costs.
qint64 runWorkloadUnrecorded(const MappingPtr &mapping, qint64 units, quint64 seed)
{
    MemoryDatabase database;
    Session session(database.handle(), mapping);
    session.createTables();
    QElapsedTimer timer;
    timer.start();
    Workload workload(session, seed);
    while (workload.units() < units)
        workload.runUnit();
    return timer.nsecsElapsed();
}

// ---- target 1: loading --------------------------------------------------------------------------

// `wc -l FILE` in a child process; returns its wall time, checking the line count.
qint64 timeLineCount(const QString &path, qint64 expectedLines)
{
    QProcess process;
    QElapsedTimer timer;
    timer.start();
    process.start(QStringLiteral("wc"), {QStringLiteral("-l"), path});
    if (!process.waitForFinished(-1) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        throw std::runtime_error("wc -l failed: " + process.errorString().toStdString());
    const qint64 ns = timer.nsecsElapsed();
    const qint64 lines = QString::fromLatin1(process.readAllStandardOutput())
                             .trimmed()
                             .section(u' ', 0, 0)
                             .toLongLong();
    if (lines != expectedLines)
        throw std::runtime_error(
            fmt::format("wc -l counted {} lines, expected {}", lines, expectedLines));
    return ns;
}

struct LoadTiming
{
    qint64 open = 0;
    qint64 seek = 0;
    qint64 render = 0;
    qint64 total() const { return open + seek + render; }
};

LoadTiming loadLastState(const QString &path, qint64 *renderedBytes)
{
    LoadTiming timing;
    QElapsedTimer timer;
    timer.start();
    const std::unique_ptr<Timeline> timeline = Timeline::open(path);
    timing.open = timer.nsecsElapsed();
    timeline->seekEvent(timeline->eventCount() - 1);
    timing.seek = timer.nsecsElapsed() - timing.open;
    const QJsonObject state = timeline->renderer().session();
    timing.render = timer.nsecsElapsed() - timing.open - timing.seek;
    *renderedBytes = state.size();
    return timing;
}

// ---- target 4: a large flush --------------------------------------------------------------------

// One flush of `rows` new users on a fresh session; only the flush is timed.
qint64 timeFlush(const MappingPtr &mapping, qint64 rows, const QString &tracePath,
                 qint64 *traceEvents)
{
    MemoryDatabase database;
    QFile file(tracePath);
    qint64 ns = 0;
    {
        Session session(database.handle(), mapping);
        session.createTables();
        std::unique_ptr<TraceRecorder> recorder;
        if (!tracePath.isEmpty()) {
            if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
                throw std::runtime_error("cannot write " + tracePath.toStdString());
            recorder = std::make_unique<TraceRecorder>(session, &file);
        }
        for (qint64 i = 0; i < rows; ++i) {
            Object user = session.create(u"User");
            user.set(u"name", QStringLiteral("user%1").arg(i));
            user.set(u"age", int(18 + i % 70));
            session.add(user);
        }
        QElapsedTimer timer;
        timer.start();
        session.flush();
        ns = timer.nsecsElapsed();
        if (session.newObjects().size() != 0)
            throw std::runtime_error("the flush left pending objects");
        if (recorder) {
            recorder->finish();
            *traceEvents = recorder->eventCount();
            recorder.reset();
            file.close();
            file.remove();
        }
    }
    return ns;
}

// The same rows with plain QSqlQuery: one prepared INSERT, executed per row in one transaction.
qint64 timeRawInsert(const MappingPtr &mapping, qint64 rows)
{
    MemoryDatabase database;
    {
        Session session(database.handle(), mapping);
        session.createTables(); // the same table
    }
    QSqlDatabase db = database.handle();
    QElapsedTimer timer;
    timer.start();
    if (!db.transaction())
        throw std::runtime_error("cannot begin: " + db.lastError().text().toStdString());
    {
        QSqlQuery query(db);
        if (!query.prepare(
                QStringLiteral("INSERT INTO \"users\" (\"name\", \"age\") VALUES (?, ?)")))
            throw std::runtime_error("cannot prepare: " + query.lastError().text().toStdString());
        for (qint64 i = 0; i < rows; ++i) {
            query.bindValue(0, QStringLiteral("user%1").arg(i));
            query.bindValue(1, int(18 + i % 70));
            if (!query.exec())
                throw std::runtime_error("insert failed: " +
                                         query.lastError().text().toStdString());
        }
    }
    if (!db.commit())
        throw std::runtime_error("cannot commit: " + db.lastError().text().toStdString());
    return timer.nsecsElapsed();
}

// ---- the run ------------------------------------------------------------------------------------

Row targetRow(std::string what, double value, const std::string &valueText, double baseline,
              const std::string &baselineText, double limit, const std::string &targetText)
{
    Row row;
    row.what = std::move(what);
    row.value = valueText;
    row.baseline = baselineText;
    const double ratio = baseline > 0 ? value / baseline : 0;
    row.ratio = formatRatio(ratio);
    row.target = targetText;
    row.status = ratio <= limit ? "ok" : "MISSED";
    return row;
}

int run(const Settings &settings)
{
    const MappingPtr mapping = benchMapping();
    QTemporaryDir temporary;
    if (!temporary.isValid())
        throw std::runtime_error("cannot create a temporary directory");
    const QString tracePath = settings.keep.isEmpty()
                                  ? temporary.filePath(QStringLiteral("workload.jsonl"))
                                  : settings.keep;

    fmt::print("trace_bench: {} events, {}-row flushes, {} repetitions, {} seeks, seed {}{}\n\n",
               settings.events, settings.rows, settings.reps, settings.seeks, settings.seed,
               settings.quick ? " (quick)" : "");
    printHeader();

    // ---- the trace
    printSection("generating the trace (the recorder on a real session)");
    progress(
        fmt::format("generating a {}-event trace in {}", settings.events, tracePath.toStdString()));
    const Generated generated = generateTrace(mapping, tracePath, settings.events, settings.seed);
    const qint64 fileSize = QFileInfo(tracePath).size();
    progress("the same workload without a recorder");
    const qint64 unrecorded = runWorkloadUnrecorded(mapping, generated.units, settings.seed);
    printRow({fmt::format("workload + recorder ({} units)", generated.units),
              formatDuration(generated.ns),
              fmt::format("{} no recorder", formatDuration(unrecorded)),
              formatRatio(double(generated.ns) / double(std::max<qint64>(unrecorded, 1)))});
    printRow({"  events written (keyframes included)", fmt::format("{}", generated.events)});
    printRow({"  events per second (with the workload)",
              fmt::format("{:.0f}", double(generated.events) / seconds(generated.ns))});
    printRow({"  recording cost per event (vs no recorder)",
              formatDuration((generated.ns - unrecorded) / std::max<qint64>(generated.events, 1))});
    printRow({"  objects the session created or loaded", fmt::format("{}", generated.poolObjects)});
    if (generated.failures > 0)
        printRow({"  units that failed (unexpected)", fmt::format("{}", generated.failures)});
    printRow({"  trace file size", formatBytes(double(fileSize))});
    printRow({"  bytes per event on disk",
              fmt::format("{:.0f} B", double(fileSize) / double(generated.events))});

    // ---- target 1
    printSection("1. load and show the last state (best of 3)");
    progress("wc -l");
    (void)timeLineCount(tracePath, generated.events + 1); // warms the cache
    std::vector<qint64> lineScans;
    for (int i = 0; i < 3; ++i)
        lineScans.push_back(timeLineCount(tracePath, generated.events + 1));
    const qint64 lineScan = best(lineScans);
    progress("open + seek to the last event + render");
    std::optional<LoadTiming> bestLoad;
    qint64 renderedMembers = 0;
    for (int i = 0; i < 3; ++i) {
        const LoadTiming load = loadLastState(tracePath, &renderedMembers);
        if (!bestLoad || load.total() < bestLoad->total())
            bestLoad = load;
        trimHeap();
    }
    printRow(targetRow("open + seekEvent(last) + session()", double(bestLoad->total()),
                       formatDuration(bestLoad->total()), double(lineScan),
                       fmt::format("{} wc -l", formatDuration(lineScan)), 5.0, "<= 5x"));
    printRow({"  Timeline::open (index)", formatDuration(bestLoad->open), "vs wc -l",
              formatRatio(double(bestLoad->open) / double(lineScan))});
    printRow({"  seekEvent(eventCount() - 1)", formatDuration(bestLoad->seek), "vs wc -l",
              formatRatio(double(bestLoad->seek) / double(lineScan))});
    printRow({"  renderer().session()", formatDuration(bestLoad->render), "vs wc -l",
              formatRatio(double(bestLoad->render) / double(lineScan))});

    // ---- targets 2 and 3 (one Timeline, measured from before it opens to after the seeks)
    printSection("2. seek to any operation (after verify)");
    trimHeap();
    const qint64 residentBefore = residentBytes();
    std::unique_ptr<Timeline> timeline = Timeline::open(tracePath);
    progress("verify");
    QElapsedTimer timer;
    timer.start();
    timeline->verify();
    const qint64 verifyNs = timer.nsecsElapsed();
    printRow({"verify() (full check, keeps checkpoints)", formatDuration(verifyNs),
              fmt::format("{} wc -l", formatDuration(lineScan)),
              formatRatio(double(verifyNs) / double(lineScan))});

    progress(fmt::format("{} random seeks", settings.seeks));
    std::mt19937_64 random(settings.seed);
    std::uniform_int_distribution<int> anyOperation(0, timeline->operationCount());
    std::vector<int> operations;
    for (int i = 0; i < settings.seeks; ++i)
        operations.push_back(anyOperation(random));
    std::vector<qint64> seekTimes;
    for (const int op : operations) {
        timer.restart();
        timeline->seekOperation(op);
        seekTimes.push_back(timer.nsecsElapsed());
    }
    const double budgetNs = 16e6;
    const qint64 worstSeek = *std::max_element(seekTimes.begin(), seekTimes.end());
    printRow(targetRow(fmt::format("seekOperation worst ({} random)", settings.seeks),
                       double(worstSeek), formatDuration(worstSeek), budgetNs, "16 ms budget", 1.0,
                       "< 16 ms"));
    printRow({"  seekOperation median", formatDuration(median(seekTimes)), "16 ms budget",
              formatRatio(double(median(seekTimes)) / budgetNs)});

    std::vector<qint64> renderedSeekTimes; // the same seeks, each rendered
    for (const int op : operations) {
        timer.restart();
        timeline->seekOperation(op);
        const QJsonObject state = timeline->renderer().session();
        renderedSeekTimes.push_back(timer.nsecsElapsed());
        renderedMembers += state.size(); // keeps the rendering from being optimised away
    }
    const qint64 worstRendered =
        *std::max_element(renderedSeekTimes.begin(), renderedSeekTimes.end());
    printRow({"seekOperation + session() worst", formatDuration(worstRendered), "16 ms budget",
              formatRatio(double(worstRendered) / budgetNs)});
    printRow({"  seekOperation + session() median", formatDuration(median(renderedSeekTimes)),
              "16 ms budget", formatRatio(double(median(renderedSeekTimes)) / budgetNs)});

    printSection("3. resident memory (Timeline open, verified, after the seeks)");
    const qint64 residentAfter = residentBytes();
    const qint64 events = timeline->eventCount();
    const double perEvent = double(residentAfter - residentBefore) / double(events);
    Row memory = targetRow("RSS growth per event", perEvent, fmt::format("{:.1f} B", perEvent),
                           200.0, "200 B budget", 1.0, "< 200 B");
    printRow(memory);
    printRow({"  RSS growth", formatBytes(double(residentAfter - residentBefore)),
              fmt::format("{} file", formatBytes(double(fileSize))),
              formatRatio(double(residentAfter - residentBefore) / double(fileSize))});
    printRow({"  indexBytes()", formatBytes(double(timeline->indexBytes())), "-",
              fmt::format("{:.1f} B/ev", double(timeline->indexBytes()) / double(events))});
    printRow({"  checkpointCount()", fmt::format("{}", timeline->checkpointCount())});
    printRow({"  operations / events", fmt::format("{} / {}", timeline->operationCount(), events)});
    printRow({"  objects in the trace", fmt::format("{}", timeline->stats().objects)});
    timeline.reset();
    trimHeap();

    // ---- target 4
    printSection(fmt::format("4. recorder overhead on a {}-row flush (median of {}, alternating)",
                             settings.rows, settings.reps));
    std::vector<qint64> withRecorder;
    std::vector<qint64> withoutRecorder;
    qint64 flushEvents = 0;
    const QString flushTrace = temporary.filePath(QStringLiteral("flush.jsonl"));
    for (int rep = 0; rep < settings.reps; ++rep) {
        progress(fmt::format("flush repetition {} of {}", rep + 1, settings.reps));
        withoutRecorder.push_back(timeFlush(mapping, settings.rows, {}, nullptr));
        trimHeap();
        withRecorder.push_back(timeFlush(mapping, settings.rows, flushTrace, &flushEvents));
        trimHeap();
    }
    std::vector<qint64> raw;
    for (int rep = 0; rep < settings.reps; ++rep)
        raw.push_back(timeRawInsert(mapping, settings.rows));
    const qint64 on = median(withRecorder);
    const qint64 off = median(withoutRecorder);
    printRow(targetRow("flush with a recorder", double(on), formatDuration(on), double(off),
                       fmt::format("{} without", formatDuration(off)), 1.3, "<= 1.3x"));
    printRow({"  flush without a recorder", formatDuration(off),
              fmt::format("{} raw QSqlQuery", formatDuration(median(raw))),
              formatRatio(double(off) / double(std::max<qint64>(median(raw), 1)))});
    printRow({"  raw QSqlQuery INSERTs, one transaction", formatDuration(median(raw))});
    printRow({"  events recorded per repetition", fmt::format("{}", flushEvents)});
    auto runs = [](const std::vector<qint64> &values) {
        std::string text;
        for (qint64 v : values)
            text += (text.empty() ? "" : " ") + fmt::format("{:.0f}", millis(v));
        return text;
    };
    printRow({"  each run in ms: with / without a recorder", runs(withRecorder),
              runs(withoutRecorder) + " without"});

    if (!settings.keep.isEmpty())
        fmt::print("\nthe trace is kept in {}\n", settings.keep.toStdString());
    (void)renderedMembers;
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const Settings settings = parseArguments(QCoreApplication::arguments());
    try {
        return run(settings);
    } catch (const SessionError &error) {
        fmt::print(stderr, "trace_bench: session error: {}\n", error.message().toStdString());
    } catch (const TraceError &error) {
        fmt::print(stderr, "trace_bench: trace error: {}\n", error.message().toStdString());
    } catch (const std::exception &error) {
        fmt::print(stderr, "trace_bench: {}\n", error.what());
    }
    return 1;
}
