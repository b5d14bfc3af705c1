// The sqlite3 C API: one prepared statement, values bound per row. The floor any layer over
// SQLite is measured against.

#include "contender.h"
#include "schema.h"
#include "stopwatch.h"

#include <sqlite3.h>

#include <stdexcept>
#include <string>

namespace sessionscope::bench {

namespace {

struct ItemRow
{
    qint64 id = 0;
    std::string name;
    qint64 quantity = 0;
    double price = 0;
};

class Database
{
public:
    explicit Database(const QString &path)
    {
        if (sqlite3_open(path.toUtf8().constData(), &m_db) != SQLITE_OK)
            fail("open");
    }
    ~Database()
    {
        for (sqlite3_stmt *statement : m_statements)
            sqlite3_finalize(statement);
        sqlite3_close(m_db);
    }
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    sqlite3 *handle() const { return m_db; }
    void exec(const char *sql)
    {
        if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
            fail(sql);
    }
    sqlite3_stmt *prepare(const char *sql)
    {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(m_db, sql, -1, &statement, nullptr) != SQLITE_OK)
            fail(sql);
        m_statements.push_back(statement);
        return statement;
    }
    [[noreturn]] void fail(const char *what) const
    {
        throw std::runtime_error(std::string("sqlite3: ") + what + ": " +
                                 (m_db ? sqlite3_errmsg(m_db) : "out of memory"));
    }

private:
    sqlite3 *m_db = nullptr;
    std::vector<sqlite3_stmt *> m_statements;
};

std::vector<ItemRow> selectAll(Database &db)
{
    std::vector<ItemRow> rows;
    sqlite3_stmt *select = db.prepare(kSelectSql);
    int rc;
    while ((rc = sqlite3_step(select)) == SQLITE_ROW) {
        ItemRow row;
        row.id = sqlite3_column_int64(select, 0);
        row.name.assign(reinterpret_cast<const char *>(sqlite3_column_text(select, 1)),
                        size_t(sqlite3_column_bytes(select, 1)));
        row.quantity = sqlite3_column_int64(select, 2);
        row.price = sqlite3_column_double(select, 3);
        rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE)
        db.fail("select");
    sqlite3_reset(select);
    return rows;
}

class SqliteContender final : public Contender
{
public:
    std::string name() const override { return "sqlite3_c"; }
    bool runs(Benchmark benchmark) const override
    {
        return benchmark == Benchmark::Insert || benchmark == Benchmark::Update ||
               benchmark == Benchmark::Load;
    }

    std::vector<Result> run(Benchmark benchmark, const QString &path, qint64 rows) override
    {
        Database db(path);
        double seconds = 0;
        switch (benchmark) {
        case Benchmark::Insert: {
            std::vector<ItemRow> items(static_cast<size_t>(rows));
            for (qint64 i = 0; i < rows; ++i) {
                items[size_t(i)].name = itemName(i + 1).toStdString();
                items[size_t(i)].quantity = itemQuantity(i + 1);
                items[size_t(i)].price = itemPrice(i + 1);
            }
            const Stopwatch watch;
            db.exec("BEGIN");
            sqlite3_stmt *insert = db.prepare(kInsertSql);
            for (ItemRow &item : items) {
                sqlite3_bind_text(insert, 1, item.name.data(), int(item.name.size()),
                                  SQLITE_STATIC);
                sqlite3_bind_int64(insert, 2, item.quantity);
                sqlite3_bind_double(insert, 3, item.price);
                if (sqlite3_step(insert) != SQLITE_DONE)
                    db.fail("insert");
                sqlite3_reset(insert);
                item.id = sqlite3_last_insert_rowid(db.handle());
            }
            db.exec("COMMIT");
            seconds = watch.seconds();
            if (items.back().id != rows)
                throw std::runtime_error("sqlite3: unexpected generated keys");
            break;
        }
        case Benchmark::Update: {
            db.exec("BEGIN");
            std::vector<ItemRow> items = selectAll(db);
            const Stopwatch watch;
            sqlite3_stmt *update = db.prepare(kUpdateSql);
            for (ItemRow &item : items) {
                item.quantity = updatedQuantity(item.quantity);
                sqlite3_bind_int64(update, 1, item.quantity);
                sqlite3_bind_int64(update, 2, item.id);
                if (sqlite3_step(update) != SQLITE_DONE)
                    db.fail("update");
                sqlite3_reset(update);
                if (sqlite3_changes(db.handle()) != 1)
                    throw std::runtime_error("sqlite3: an UPDATE matched no row");
            }
            db.exec("COMMIT");
            seconds = watch.seconds();
            break;
        }
        case Benchmark::Load: {
            const Stopwatch watch;
            db.exec("BEGIN");
            const std::vector<ItemRow> items = selectAll(db);
            seconds = watch.seconds();
            db.exec("COMMIT");
            if (qint64(items.size()) != rows)
                throw std::runtime_error("sqlite3: the load read the wrong number of rows");
            break;
        }
        default:
            return {};
        }
        return {Result{benchmark, name(), rows, seconds}};
    }
};

} // namespace

std::unique_ptr<Contender> makeSqliteContender()
{
    return std::make_unique<SqliteContender>();
}

} // namespace sessionscope::bench
