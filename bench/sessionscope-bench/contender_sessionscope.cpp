// SessionScope's unit of work: objects created, changed and loaded through a Session, flushed and
// committed the way an application does it.

#include "contender.h"
#include "memory.h"
#include "schema.h"
#include "sessionscopecontender.h"
#include "stopwatch.h"

#include "mapping/attribute.h"
#include "session/session.h"
#include "support/databaseurl.h"
#include "trace/tracerecorder.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>

#include <algorithm>
#include <stdexcept>

namespace sessionscope::bench {

namespace {

// A session on a SQLite file, its connection removed once the session is gone.
class BenchSession
{
public:
    explicit BenchSession(const QString &path)
        : m_name(QStringLiteral("sessionscope-bench-%1").arg(++s_counter))
    {
        m_session = std::make_unique<Session>(openDatabase(path, m_name), itemMapping());
    }
    ~BenchSession()
    {
        m_session.reset();
        QSqlDatabase::database(m_name, false).close();
        QSqlDatabase::removeDatabase(m_name);
    }
    BenchSession(const BenchSession &) = delete;
    BenchSession &operator=(const BenchSession &) = delete;

    Session &operator*() const { return *m_session; }
    Session *operator->() const { return m_session.get(); }
    // What the session's objects hold on the heap, SQLite's page cache left out.
    qint64 objectBytes() const
    {
        const qint64 heap = heapBytesInUse();
        return heap < 0 ? -1 : heap - sqliteCacheBytes(QSqlDatabase::database(m_name, false));
    }

private:
    static inline int s_counter = 0;
    QString m_name;
    std::unique_ptr<Session> m_session;
};

const EntityType &itemEntity()
{
    return *itemMapping()->entity(u"Item");
}

// The columns the benchmarks write, resolved once, as an application would.
struct ItemColumns
{
    Attribute<qint64> id = itemMapping()->attribute<qint64>(u"Item", u"id");
    Attribute<QString> name = itemMapping()->attribute<QString>(u"Item", u"name");
    Attribute<qint64> quantity = itemMapping()->attribute<qint64>(u"Item", u"quantity");
    Attribute<double> price = itemMapping()->attribute<double>(u"Item", u"price");
};

const ItemColumns &columns()
{
    static const ItemColumns resolved;
    return resolved;
}

// Creates, fills and adds `rows` new items; returns the handles.
std::vector<Object> addItems(Session &session, const QStringList &names)
{
    const EntityType &entity = itemEntity();
    std::vector<Object> items;
    items.reserve(size_t(names.size()));
    for (qsizetype i = 0; i < names.size(); ++i) {
        Object item = session.create(entity);
        item.set(columns().name, names[i]);
        item.set(columns().quantity, itemQuantity(i + 1));
        item.set(columns().price, itemPrice(i + 1));
        session.add(item);
        items.push_back(std::move(item));
    }
    return items;
}

QStringList itemNames(qint64 rows)
{
    QStringList names;
    names.reserve(rows);
    for (qint64 i = 1; i <= rows; ++i)
        names.append(itemName(i));
    return names;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// Flushes `dirty` objects changed `repetitions` times over; the median flush.
double timeDirtyFlushes(Session &session, const std::vector<Object> &dirty, int repetitions)
{
    std::vector<double> times;
    for (int rep = 0; rep < repetitions; ++rep) {
        for (const Object &item : dirty)
            item.set(columns().quantity, qint64(100'000 + rep));
        const Stopwatch watch;
        session.flush();
        times.push_back(watch.seconds());
        if (!session.dirtyObjects().isEmpty())
            throw std::runtime_error("sessionscope: the flush left dirty objects");
    }
    return median(times);
}

class SessionScopeContender final : public Contender
{
public:
    std::string name() const override { return "sessionscope"; }
    bool runs(Benchmark) const override { return true; }

    std::vector<Result> run(Benchmark benchmark, const QString &path, qint64 rows) override
    {
        switch (benchmark) {
        case Benchmark::Insert:
        case Benchmark::Recorder:
            return {insert(path, rows, benchmark)};
        case Benchmark::Update:
            return {update(path, rows)};
        case Benchmark::Load:
            return {Result{benchmark, name(), rows, load(path, rows)}};
        case Benchmark::Dirty:
            return dirtyCheck(path, rows);
        }
        return {};
    }

private:
    Result insert(const QString &path, qint64 rows, Benchmark benchmark)
    {
        const QStringList names = itemNames(rows);
        BenchSession session(path);
        QFile trace(QFileInfo(path).absolutePath() + QStringLiteral("/insert-trace.jsonl"));
        std::unique_ptr<TraceRecorder> recorder;
        if (benchmark == Benchmark::Recorder) {
            if (!trace.open(QIODevice::WriteOnly | QIODevice::Truncate))
                throw std::runtime_error("cannot write " + trace.fileName().toStdString());
            recorder = std::make_unique<TraceRecorder>(*session, &trace);
        }
        const Stopwatch watch;
        const std::vector<Object> items = addItems(*session, names);
        const double added = watch.seconds();
        session->flush();
        const double flushed = watch.seconds();
        session->commit();
        const double seconds = watch.seconds();
        if (recorder) {
            recorder->finish();
            if (!recorder->errorString().isEmpty())
                throw std::runtime_error(recorder->errorString().toStdString());
            recorder.reset();
            trace.close();
            trace.remove();
        }
        if (items.back().get(columns().id) != rows)
            throw std::runtime_error("sessionscope: unexpected generated keys");
        return Result{benchmark,
                      name(),
                      rows,
                      seconds,
                      {{"create, set, add", added},
                       {"flush", flushed - added},
                       {"commit (expires all)", seconds - flushed}}};
    }

    Result update(const QString &path, qint64 rows)
    {
        BenchSession session(path);
        const QList<Object> items = session->query(u"Item");
        if (items.size() != rows)
            throw std::runtime_error("sessionscope: the load read the wrong number of rows");
        const Stopwatch watch;
        for (const Object &item : items)
            item.set(columns().quantity, updatedQuantity(item.get(columns().quantity)));
        const double changed = watch.seconds();
        session->flush();
        const double flushed = watch.seconds();
        session->commit();
        const double seconds = watch.seconds();
        return Result{Benchmark::Update,
                      name(),
                      rows,
                      seconds,
                      {{"get, set", changed},
                       {"flush", flushed - changed},
                       {"commit (expires all)", seconds - flushed}}};
    }

    double load(const QString &path, qint64 rows)
    {
        BenchSession session(path);
        const Stopwatch watch;
        const QList<Object> items = session->query(u"Item");
        const double seconds = watch.seconds();
        if (items.size() != rows)
            throw std::runtime_error("sessionscope: the load read the wrong number of rows");
        return seconds;
    }

    std::vector<Result> dirtyCheck(const QString &path, qint64 rows)
    {
        constexpr int kRepetitions = 21;
        double full = 0;
        {
            BenchSession session(path);
            const QList<Object> items = session->query(u"Item");
            std::vector<Object> dirty;
            for (int i = 0; i < kDirtyObjects; ++i)
                dirty.push_back(items[qsizetype(i * (rows / kDirtyObjects))]);
            full = timeDirtyFlushes(*session, dirty, kRepetitions);
        }
        double alone = 0;
        {
            BenchSession session(path);
            std::vector<Object> dirty;
            for (int i = 0; i < kDirtyObjects; ++i)
                dirty.push_back(session->get(u"Item", {qint64(i * (rows / kDirtyObjects) + 1)}));
            alone = timeDirtyFlushes(*session, dirty, kRepetitions);
        }
        return {Result{Benchmark::Dirty, name(), rows, full},
                Result{Benchmark::Dirty, name(), 0, alone}};
    }
};

} // namespace

std::unique_ptr<Contender> makeSessionScopeContender()
{
    return std::make_unique<SessionScopeContender>();
}

MemoryUse measureMemory(const QString &emptyDatabase, const QString &filledDatabase, qint64 rows)
{
    MemoryUse use;
    {
        BenchSession session(filledDatabase);
        const qint64 before = session.objectBytes();
        (void)session->query(u"Item");
        const qint64 after = session.objectBytes();
        if (before >= 0 && after >= 0 && session->identityMapObjects().size() == rows)
            use.loaded = double(after - before) / double(rows);
    }
    {
        const QStringList names = itemNames(rows);
        BenchSession session(emptyDatabase);
        const qint64 before = session.objectBytes();
        (void)addItems(*session, names);
        session->flush();
        const qint64 after = session.objectBytes();
        if (before >= 0 && after >= 0)
            use.flushed = double(after - before) / double(rows);
    }
    return use;
}

} // namespace sessionscope::bench
