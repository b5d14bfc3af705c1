#include "benchmark.h"

#include "schema.h"

#include "session/ddl.h"
#include "session/sqldialect.h"

#include <sqlite3.h>

#include <stdexcept>

namespace sessionscope::bench {

std::vector<Benchmark> allBenchmarks()
{
    return {Benchmark::Insert, Benchmark::Update, Benchmark::Load, Benchmark::Dirty,
            Benchmark::Recorder};
}

std::string benchmarkName(Benchmark benchmark)
{
    switch (benchmark) {
    case Benchmark::Insert:
        return "insert";
    case Benchmark::Update:
        return "update";
    case Benchmark::Load:
        return "load";
    case Benchmark::Dirty:
        return "dirty";
    case Benchmark::Recorder:
        return "recorder";
    }
    return {};
}

std::optional<Benchmark> benchmarkNamed(const QString &name)
{
    for (Benchmark benchmark : allBenchmarks()) {
        if (name.toStdString() == benchmarkName(benchmark))
            return benchmark;
    }
    return std::nullopt;
}

QString itemName(qint64 i)
{
    return QStringLiteral("item%1").arg(i);
}

qint64 itemQuantity(qint64 i)
{
    return i % 1000;
}

double itemPrice(qint64 i)
{
    return double(i % 10000) * 0.25;
}

namespace {

void check(int rc, sqlite3 *db, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

} // namespace

void prepareDatabase(const QString &path, qint64 rows)
{
    sqlite3 *db = nullptr;
    const QByteArray file = path.toUtf8();
    if (sqlite3_open(file.constData(), &db) != SQLITE_OK) {
        const std::string message = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close(db);
        throw std::runtime_error("cannot create " + path.toStdString() + ": " + message);
    }
    try {
        const SqlDialect dialect(SqlFlavor::SQLite);
        for (const QString &sql : createTableStatements(*itemMapping(), dialect))
            check(sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, nullptr), db,
                  "create table");
        check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
        sqlite3_stmt *insert = nullptr;
        check(sqlite3_prepare_v2(db, kInsertSql, -1, &insert, nullptr), db, "prepare");
        for (qint64 i = 1; i <= rows; ++i) {
            const QByteArray name = itemName(i).toUtf8();
            sqlite3_bind_text(insert, 1, name.constData(), int(name.size()), SQLITE_STATIC);
            sqlite3_bind_int64(insert, 2, itemQuantity(i));
            sqlite3_bind_double(insert, 3, itemPrice(i));
            const int rc = sqlite3_step(insert);
            sqlite3_reset(insert);
            if (rc != SQLITE_DONE) {
                sqlite3_finalize(insert);
                check(rc, db, "insert");
            }
        }
        sqlite3_finalize(insert);
        check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    } catch (...) {
        sqlite3_close(db);
        throw;
    }
    sqlite3_close(db);
}

} // namespace sessionscope::bench
