// QSqlQuery prepared once, values bound per row: what hand-written Qt code does.

#include "contender.h"
#include "schema.h"
#include "stopwatch.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <stdexcept>

namespace sessionscope::bench {

namespace {

struct ItemRow
{
    qint64 id = 0;
    QString name;
    qint64 quantity = 0;
    double price = 0;
};

// A QSQLITE connection under its own name, removed with the object.
class Connection
{
public:
    explicit Connection(const QString &path)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), kName);
        db.setDatabaseName(path);
        if (!db.open())
            throw std::runtime_error("QSQLITE: cannot open " + path.toStdString() + ": " +
                                     db.lastError().text().toStdString());
    }
    ~Connection()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(kName, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(kName);
    }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    QSqlDatabase database() const { return QSqlDatabase::database(kName, false); }

private:
    static inline const QString kName = QStringLiteral("sessionscope-bench-qsqlquery");
};

[[noreturn]] void fail(const char *what, const QSqlError &error)
{
    throw std::runtime_error(std::string("QSqlQuery: ") + what + ": " + error.text().toStdString());
}

QSqlQuery prepare(QSqlDatabase &db, const char *sql)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(QString::fromUtf8(sql)))
        fail("prepare", query.lastError());
    return query;
}

std::vector<ItemRow> selectAll(QSqlDatabase &db)
{
    QSqlQuery query = prepare(db, kSelectSql);
    if (!query.exec())
        fail("select", query.lastError());
    std::vector<ItemRow> rows;
    while (query.next())
        rows.push_back(ItemRow{query.value(0).toLongLong(), query.value(1).toString(),
                               query.value(2).toLongLong(), query.value(3).toDouble()});
    if (query.lastError().isValid())
        fail("select", query.lastError());
    return rows;
}

class QSqlQueryContender final : public Contender
{
public:
    std::string name() const override { return "qsqlquery"; }
    bool runs(Benchmark benchmark) const override
    {
        return benchmark == Benchmark::Insert || benchmark == Benchmark::Update ||
               benchmark == Benchmark::Load;
    }

    std::vector<Result> run(Benchmark benchmark, const QString &path, qint64 rows) override
    {
        Connection connection(path);
        QSqlDatabase db = connection.database();
        double seconds = 0;
        switch (benchmark) {
        case Benchmark::Insert: {
            std::vector<ItemRow> items(static_cast<size_t>(rows));
            for (qint64 i = 0; i < rows; ++i)
                items[size_t(i)] =
                    ItemRow{0, itemName(i + 1), itemQuantity(i + 1), itemPrice(i + 1)};
            const Stopwatch watch;
            if (!db.transaction())
                fail("begin", db.lastError());
            {
                QSqlQuery insert = prepare(db, kInsertSql);
                for (ItemRow &item : items) {
                    insert.bindValue(0, item.name);
                    insert.bindValue(1, item.quantity);
                    insert.bindValue(2, item.price);
                    if (!insert.exec())
                        fail("insert", insert.lastError());
                    item.id = insert.lastInsertId().toLongLong();
                }
            }
            if (!db.commit())
                fail("commit", db.lastError());
            seconds = watch.seconds();
            if (items.back().id != rows)
                throw std::runtime_error("QSqlQuery: unexpected generated keys");
            break;
        }
        case Benchmark::Update: {
            if (!db.transaction())
                fail("begin", db.lastError());
            std::vector<ItemRow> items = selectAll(db);
            const Stopwatch watch;
            {
                QSqlQuery update = prepare(db, kUpdateSql);
                for (ItemRow &item : items) {
                    item.quantity = updatedQuantity(item.quantity);
                    update.bindValue(0, item.quantity);
                    update.bindValue(1, item.id);
                    if (!update.exec())
                        fail("update", update.lastError());
                    if (update.numRowsAffected() != 1)
                        throw std::runtime_error("QSqlQuery: an UPDATE matched no row");
                }
            }
            if (!db.commit())
                fail("commit", db.lastError());
            seconds = watch.seconds();
            break;
        }
        case Benchmark::Load: {
            const Stopwatch watch;
            if (!db.transaction())
                fail("begin", db.lastError());
            const std::vector<ItemRow> items = selectAll(db);
            seconds = watch.seconds();
            db.commit();
            if (qint64(items.size()) != rows)
                throw std::runtime_error("QSqlQuery: the load read the wrong number of rows");
            break;
        }
        default:
            return {};
        }
        return {Result{benchmark, name(), rows, seconds}};
    }
};

} // namespace

std::unique_ptr<Contender> makeQSqlQueryContender()
{
    return std::make_unique<QSqlQueryContender>();
}

} // namespace sessionscope::bench
