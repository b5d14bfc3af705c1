// Statements: SQLite's C API path and the QSqlQuery path must bind, read and fail alike, and a
// Connection must take the native path on SQLite unless told not to.

#include "testdatabase.h"

#include "mapping/column.h"
#include "session/connection.h"
#include "session/qtsqlstatement.h"
#include "session/sqldialect.h"
#include "session/sqlitestatement.h"
#include "session/valuerows.h"
#include "support/error.h"

#include <QSqlQuery>
#include <QTest>

#include <sqlite3.h>

#include <memory>

using namespace sessionscope;
using namespace Qt::StringLiterals;

namespace {

enum class Path { Native, QtSql };

std::unique_ptr<Statement> prepare(Path path, const QSqlDatabase &db, const QString &sql)
{
    if (path == Path::Native) {
        sqlite3 *handle = nativeSqliteHandle(db);
        if (!handle)
            return nullptr;
        return std::make_unique<SqliteStatement>(handle, sql);
    }
    return std::make_unique<QtSqlStatement>(db, sql);
}

QVariantList rowOf(const Statement &statement)
{
    QVariantList row;
    for (int i = 0; i < statement.columnCount(); ++i)
        row.append(statement.value(i));
    return row;
}

// Null comes back from either path as "no value"; typed nulls are not part of the contract.
QVariantList normalized(QVariantList row)
{
    for (QVariant &value : row) {
        if (value.isNull())
            value = QVariant();
    }
    return row;
}

} // namespace

class TestStatement : public QObject
{
    Q_OBJECT

private:
    QSqlDatabase m_db;
    int m_connections = 0;

    QSqlDatabase openSqlite()
    {
        const QString name = QStringLiteral("tst_statement_%1").arg(++m_connections);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(QStringLiteral(":memory:"));
        if (!db.open())
            qFatal("cannot open SQLite");
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, "
                                       "qty INTEGER, price REAL, data BLOB)")))
            qFatal("cannot create the table");
        return db;
    }

private slots:
    void init() { m_db = openSqlite(); }
    void cleanup()
    {
        const QString name = m_db.connectionName();
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
    }

    // The dynamic linker tells whether two objects call the same loaded function: Qt's
    // plugin and this library call the same SQLite (Debian's plugin links the system one).
    void sameLoadedSymbolAsksTheLinker()
    {
        const void *table = *reinterpret_cast<const void *const *>(m_db.driver());
        const auto address = [](auto function) { return reinterpret_cast<const void *>(function); };
        QVERIFY(sameLoadedSymbol(table, "sqlite3_libversion", address(&sqlite3_libversion)));
        QVERIFY(sameLoadedSymbol(table, "qVersion", address(&qVersion))); // the plugin's Qt
        QVERIFY(!sameLoadedSymbol(table, "sqlite3_libversion", address(&sqlite3_sourceid)));
        QVERIFY(!sameLoadedSymbol(table, "no_such_function", address(&sqlite3_libversion)));
        QVERIFY(!sameLoadedSymbol(nullptr, "sqlite3_libversion", address(&sqlite3_libversion)));
        // What lies outside any loaded object (the stack) has no library to ask.
        int local = 0;
        QVERIFY(!sameLoadedSymbol(&local, "sqlite3_libversion", address(&sqlite3_libversion)));
    }

    void nativeHandleOnlyForSqlite()
    {
        QVERIFY(nativeSqliteHandle(m_db) != nullptr);
        qputenv("SESSIONSCOPE_SQLITE_STATEMENTS", "qtsql");
        QCOMPARE(nativeSqliteHandle(m_db), nullptr);
        {
            Connection connection(m_db);
            QVERIFY(!connection.usesNativeStatements());
        }
        qunsetenv("SESSIONSCOPE_SQLITE_STATEMENTS");
        Connection connection(m_db);
        QVERIFY(connection.usesNativeStatements());
    }

    void bothPathsReadWhatTheyWrote_data()
    {
        QTest::addColumn<int>("path");
        QTest::newRow("native") << int(Path::Native);
        QTest::newRow("qtsql") << int(Path::QtSql);
    }
    void bothPathsReadWhatTheyWrote()
    {
        QFETCH(int, path);
        auto insert = prepare(Path(path), m_db,
                              QStringLiteral("INSERT INTO t (name, qty, price, data) VALUES "
                                             "(?, ?, ?, ?) RETURNING id"));
        QVERIFY(insert && !insert->error().isValid());
        const QList<QVariantList> rows = {
            {QStringLiteral("plain"), qlonglong(1), 1.5, QByteArray("\x00\x01\xff", 3)},
            {QStringLiteral("ünïcødé ✓ 𝄞"), qlonglong(-9'007'199'254'740'993), -0.25,
             QByteArray("b")},
            {QString(), QVariant(), QVariant(), QVariant()},
            {QStringLiteral(""), QVariant(true), QVariant(int(7)), QByteArray()},
            // Typed nulls of the types bound first are NULL too.
            {QVariant(QMetaType::fromType<QString>()), QVariant(QMetaType::fromType<qlonglong>()),
             QVariant(QMetaType::fromType<double>()), QVariant(QMetaType::fromType<QByteArray>())},
        };
        QList<qlonglong> ids;
        for (const QVariantList &row : rows) {
            QVERIFY2(insert->execute(row), qPrintable(insert->error().text));
            QVERIFY(insert->returnsRows());
            QVERIFY(insert->next());
            QCOMPARE(insert->columnCount(), 1);
            ids.append(insert->value(0).toLongLong());
            QVERIFY(!insert->next());
            QVERIFY(!insert->error().isValid());
            insert->finish();
        }
        QCOMPARE(ids, (QList<qlonglong>{1, 2, 3, 4, 5}));

        // Read back through both paths: each must see the same values.
        for (Path reader : {Path::Native, Path::QtSql}) {
            auto select = prepare(reader, m_db,
                                  QStringLiteral("SELECT name, qty, price, data FROM t WHERE id "
                                                 ">= ? ORDER BY id"));
            QVERIFY(select->execute({qlonglong(1)}));
            QList<QVariantList> read;
            while (select->next())
                read.append(normalized(rowOf(*select)));
            QVERIFY(!select->error().isValid());
            select->finish();
            QCOMPARE(read.size(), 5);
            QCOMPARE(read[0], (QVariantList{QStringLiteral("plain"), qlonglong(1), 1.5,
                                            QByteArray("\x00\x01\xff", 3)}));
            QCOMPARE(read[1],
                     (QVariantList{QStringLiteral("ünïcødé ✓ 𝄞"), qlonglong(-9'007'199'254'740'993),
                                   -0.25, QByteArray("b")}));
            // A null string binds NULL, as Qt's driver does; an empty one stays a string.
            QCOMPARE(read[2], (QVariantList{QVariant(), QVariant(), QVariant(), QVariant()}));
            QVERIFY(read[3].at(0).toString().isEmpty());
            QVERIFY(!read[3].at(0).isNull());
            QCOMPARE(read[3].at(1), QVariant(qlonglong(1))); // bool as integer
            QCOMPARE(read[3].at(2), QVariant(7.0));          // stored as REAL by affinity
            QVERIFY(read[3].at(3).isNull());                 // a null byte array is NULL
            QCOMPARE(read[4], (QVariantList{QVariant(), QVariant(), QVariant(), QVariant()}));
        }
    }

    // The native path encodes text to UTF-8 itself where it can; what lands in the file must
    // be the bytes Qt's driver stores, lone surrogates and NULs included.
    void textBytesAgreeOnBothPaths()
    {
        const QList<QString> texts = {
            QStringLiteral("ascii"),
            QString(),
            QStringLiteral(""),
            QStringLiteral("é ß ø"),                  // two bytes each
            QStringLiteral("✓ \uE000 \uFFFD \uFFFF"), // three bytes, around the surrogates
            QStringLiteral("𝄞 pair"),
            QString(QChar(0xD800)) + u"lone high",
            u"lone low" + QString(QChar(0xDFFF)),
            QString::fromUtf16(u"nul\u0000inside", 10),
            QString(300, QChar(u'ж')),     // longer than any buffer used before it
            QString(30'000, QChar(u'ж')),  // a buffer too large to keep...
            QStringLiteral("short again"), // ...given up for the next text
            QString(64, u'a'),             // the longest text read back by the ASCII path
            QString(65, u'a'),
            QString(62, u'a') + u'\u00e9', // non-ASCII ending a 64-byte text
        };
        QSqlQuery bytes(m_db);
        QVERIFY(bytes.exec(QStringLiteral("CREATE TABLE texts (id INTEGER PRIMARY KEY, name)")));
        auto native = prepare(Path::Native, m_db,
                              QStringLiteral("INSERT INTO texts (id, name) VALUES (?, ?)"));
        auto qtsql = prepare(Path::QtSql, m_db,
                             QStringLiteral("INSERT INTO texts (id, name) VALUES (?, ?)"));
        QVERIFY(native && qtsql);
        for (qsizetype i = 0; i < texts.size(); ++i) {
            QVERIFY2(native->execute({qlonglong(2 * i + 1), texts[i]}),
                     qPrintable(native->error().text));
            QVERIFY2(qtsql->execute({qlonglong(2 * i + 2), texts[i]}),
                     qPrintable(qtsql->error().text));
        }
        QVERIFY(bytes.exec(QStringLiteral("SELECT id, quote(name), typeof(name) FROM texts "
                                          "ORDER BY id")));
        QStringList stored;
        while (bytes.next())
            stored.append(bytes.value(1).toString() + u' ' + bytes.value(2).toString());
        QCOMPARE(stored.size(), 2 * texts.size());
        QCOMPARE(stored[0], u"'ascii' text"_s);
        QCOMPARE(stored[2], u"NULL null"_s);
        QCOMPARE(stored[4], u"'' text"_s);
        for (qsizetype i = 0; i < texts.size(); ++i)
            QCOMPARE(stored[2 * i], stored[2 * i + 1]);
        QVERIFY(bytes.exec(QStringLiteral("SELECT hex(name), length(CAST(name AS BLOB)) FROM texts "
                                          "WHERE id IN (7, 17, 19)")));
        QVERIFY(bytes.next());
        QCOMPARE(bytes.value(0).toString(), u"C3A920C39F20C3B8"_s);
        QVERIFY(bytes.next());
        QCOMPARE(bytes.value(1).toInt(), 10); // "nul", NUL, "inside": the NUL is stored
        QVERIFY(bytes.next());
        QCOMPARE(bytes.value(1).toInt(), 600);

        // Read back, both paths give the same texts, and an empty text stays a text, not a
        // null. Except where SQLite's own UTF-16 translation (Qt's path) changes a text: it
        // makes U+FFFF (and lone surrogates) U+FFFD, where the native path keeps it.
        QList<QVariantList> reads;
        for (Path reader : {Path::Native, Path::QtSql}) {
            auto select =
                prepare(reader, m_db, QStringLiteral("SELECT name FROM texts ORDER BY id"));
            QVERIFY(select && select->execute({}));
            QVariantList read;
            while (select->next())
                read.append(select->value(0));
            QVERIFY(!select->error().isValid());
            reads.append(normalized(read));
        }
        QCOMPARE(reads[0].size(), 2 * texts.size());
        QCOMPARE(reads[1].size(), 2 * texts.size());
        const QList<qsizetype> translated = {4, 6, 7};
        for (qsizetype i = 0; i < reads[0].size(); ++i) {
            if (!translated.contains(i / 2))
                QCOMPARE(reads[0][i], reads[1][i]);
        }
        for (qsizetype i = 0; i < texts.size(); ++i) {
            const QVariant &read = reads[0][2 * i];
            QCOMPARE(read.isValid(), !texts[i].isNull());
            if (!texts[i].isNull())
                QCOMPARE(read.typeId(), QMetaType::QString);
        }
        for (qsizetype i = 0; i < texts.size(); ++i) {
            if (i != 6 && i != 7) // lone surrogates are stored as SQLite makes them
                QCOMPARE(reads[0][2 * i].toString(), texts[i]);
        }
    }

    // What the native path reads as canonical is what value() and the dialect's conversion
    // make of it; everything else it declines.
    void canonicalValuesMatchTheConversion()
    {
        QSqlQuery seed(m_db);
        QVERIFY(seed.exec(QStringLiteral("INSERT INTO t (name, qty, price, data) VALUES "
                                         "('ünï', 7, 2.5, x'00ff'), (NULL, NULL, NULL, NULL), "
                                         "('', 3, 4.0, 'text in a blob column')")));
        auto select = prepare(Path::Native, m_db,
                              QStringLiteral("SELECT name, qty, price, data FROM t ORDER BY id"));
        QVERIFY(select && select->execute({}));
        const SqlDialect dialect(SqlFlavor::SQLite);
        const QList<ColumnType> types = {ColumnType::Integer,  ColumnType::Text,
                                         ColumnType::Real,     ColumnType::Boolean,
                                         ColumnType::DateTime, ColumnType::Blob};
        int canonical = 0;
        int declined = 0;
        while (select->next()) {
            for (int c = 0; c < select->columnCount(); ++c) {
                for (ColumnType type : types) {
                    Column column;
                    column.type = type;
                    QVariant out; // holds no value, as canonicalValues() requires
                    const ColumnType asked[] = {type};
                    if (select->canonicalValues(c, asked, &out) != 0) {
                        QVERIFY(!out.isValid());
                        ++declined;
                        continue;
                    }
                    ++canonical;
                    QString why;
                    const auto converted = dialect.fromSql(column, select->value(c), &why);
                    QVERIFY2(converted, qPrintable(why));
                    QCOMPARE(out, *converted);
                    QCOMPARE(out.typeId(), converted->typeId());
                }
            }
        }
        QVERIFY(canonical >= 4 * 6 + 3); // the NULL row for every type, a match per typed value
        QVERIFY(declined > 0);
        auto qtsql = prepare(Path::QtSql, m_db, QStringLiteral("SELECT qty FROM t"));
        QVERIFY(qtsql->execute({}) && qtsql->next());
        QVariant out[2];
        const ColumnType twoIntegers[] = {ColumnType::Integer, ColumnType::Integer};
        QCOMPARE(qtsql->canonicalValues(0, twoIntegers, out),
                 quint64(0b11)); // left to the conversion
    }

    // A statement whose rows were left unread runs again from the start.
    void executeAfterUnreadRows_data() { bothPathsReadWhatTheyWrote_data(); }
    // The flat rows a batch fills: each row apart, the memory kept across reset() for rows of
    // another width, rows of no parameters counted too.
    void valueRowsKeepRowsApart()
    {
        ValueRows rows;
        rows.reset(2);
        for (qlonglong i = 0; i < 3; ++i) {
            const std::span<QVariant> row = rows.addRow();
            QCOMPARE(row.size(), size_t(2));
            row[0] = i;
            row[1] = QString::number(i);
        }
        QCOMPARE(rows.rowCount(), 3);
        QCOMPARE(rows.values().size(), 6);
        QCOMPARE(rows.row(1)[0], QVariant(qlonglong(1)));
        QCOMPARE(rows.row(2)[1], QVariant(QStringLiteral("2")));
        const QList<QVariantList> lists = rows.toLists();
        QCOMPARE(lists.size(), 3);
        QCOMPARE(lists[0], (QVariantList{qlonglong(0), QStringLiteral("0")}));
        QCOMPARE(rows.toLists(2).size(), 2);
        QCOMPARE(rows.toLists(7).size(), 3);

        rows.reset(3);
        QVERIFY(rows.isEmpty());
        const std::span<QVariant> fresh = rows.addRow();
        QCOMPARE(fresh.size(), size_t(3));
        for (const QVariant &value : fresh)
            QVERIFY(!value.isValid()); // nothing left over from the earlier rows
        QCOMPARE(rows.toLists(), (QList<QVariantList>{{QVariant(), QVariant(), QVariant()}}));

        rows.reset(0); // INSERT ... DEFAULT VALUES: rows without parameters still count
        rows.addRow();
        rows.addRow();
        QCOMPARE(rows.rowCount(), 2);
        QVERIFY(rows.row(1).empty());
        QCOMPARE(rows.toLists(), (QList<QVariantList>{{}, {}}));
    }

    void executeAfterUnreadRows()
    {
        QFETCH(int, path);
        QSqlQuery seed(m_db);
        QVERIFY(seed.exec(QStringLiteral("INSERT INTO t (name) VALUES ('a'), ('b'), ('c')")));
        auto select = prepare(Path(path), m_db,
                              QStringLiteral("SELECT name FROM t WHERE id >= ? ORDER BY id"));
        QVERIFY(select->execute({qlonglong(3)})); // its row never handed out
        QVERIFY(select->execute({qlonglong(1)}));
        QVERIFY(select->next());
        QCOMPARE(select->value(0).toString(), u"a"_s);
        QVERIFY(select->execute({qlonglong(2)}));
        QVERIFY(select->next());
        QCOMPARE(select->value(0).toString(), u"b"_s);
        QVERIFY(select->next());
        QVERIFY(select->execute({qlonglong(3)})); // mid-result, one row not yet handed out
        QVERIFY(select->next());
        QCOMPARE(select->value(0).toString(), u"c"_s);
        QVERIFY(!select->next());
    }

    void rowsAffectedAndNoRows_data() { bothPathsReadWhatTheyWrote_data(); }
    void rowsAffectedAndNoRows()
    {
        QFETCH(int, path);
        QSqlQuery seed(m_db);
        QVERIFY(seed.exec(QStringLiteral("INSERT INTO t (name, qty) VALUES ('a', 1), ('b', 1), "
                                         "('c', 2)")));
        auto update =
            prepare(Path(path), m_db, QStringLiteral("UPDATE t SET qty = qty + 10 WHERE qty = ?"));
        QVERIFY(update->execute({qlonglong(1)}));
        QVERIFY(!update->returnsRows());
        QCOMPARE(update->rowsAffected(), 2);
        QVERIFY(!update->next());
        QVERIFY(update->execute({qlonglong(42)}));
        QCOMPARE(update->rowsAffected(), 0);
        update->finish();
    }

    void failuresNameTheCause_data() { bothPathsReadWhatTheyWrote_data(); }
    void failuresNameTheCause()
    {
        QFETCH(int, path);
        auto insert = prepare(Path(path), m_db, QStringLiteral("INSERT INTO t (name) VALUES (?)"));
        QVERIFY(insert->execute({QStringLiteral("once")}));
        QVERIFY(!insert->execute({QStringLiteral("once")}));
        QCOMPARE(insert->error().text, QStringLiteral("UNIQUE constraint failed: t.name"));
        QCOMPARE(insert->error().nativeCode, QString::number(2067)); // SQLITE_CONSTRAINT_UNIQUE
        // The statement is usable again after a failure.
        QVERIFY2(insert->execute({QStringLiteral("twice")}), qPrintable(insert->error().text));
        QVERIFY(!insert->error().isValid());

        auto broken = prepare(Path(path), m_db, QStringLiteral("SELEKT 1"));
        QVERIFY(broken->error().isValid());
        QVERIFY2(broken->error().text.contains(u"syntax error"), qPrintable(broken->error().text));
    }

    void nativeRefusesWhatQtRefuses()
    {
        sqlite3 *handle = nativeSqliteHandle(m_db);
        QVERIFY(handle);
        SqliteStatement two(handle, QStringLiteral("SELECT 1; SELECT 2"));
        QVERIFY(two.error().isValid());
        SqliteStatement trailing(handle, QStringLiteral("SELECT 1;  "));
        QVERIFY(!trailing.error().isValid());

        SqliteStatement select(handle, QStringLiteral("SELECT ? + ?"));
        QVERIFY(!select.execute({qlonglong(1)}));
        QVERIFY2(select.error().text.contains(u"Parameter count mismatch"),
                 qPrintable(select.error().text));
        QVERIFY(select.execute({qlonglong(1), qlonglong(2)}));
        QVERIFY(select.next());
        QCOMPARE(select.value(0), QVariant(qlonglong(3)));
        QCOMPARE(select.value(1), QVariant()); // out of range: no value, no crash
        select.finish();
        QCOMPARE(select.value(0), QVariant()); // after finish: no row
    }

    // Only a real rowid lets an INSERT's key be read without RETURNING.
    void rowIdAliasesOnly()
    {
        sqlite3 *handle = nativeSqliteHandle(m_db);
        QVERIFY(handle);
        QSqlQuery ddl(m_db);
        for (const char *sql :
             {"CREATE TABLE lower_case (id integer PRIMARY KEY, v TEXT)",
              "CREATE TABLE int_key (id INT PRIMARY KEY, v TEXT)",
              "CREATE TABLE pair (a INTEGER, b INTEGER, PRIMARY KEY (a, b))",
              "CREATE TABLE descending (id INTEGER PRIMARY KEY DESC, v TEXT)",
              "CREATE TABLE no_rowid (id INTEGER PRIMARY KEY, v TEXT) WITHOUT ROWID"})
            QVERIFY2(ddl.exec(QString::fromLatin1(sql)), sql);
        QVERIFY(isRowIdAlias(handle, QStringLiteral("t"), QStringLiteral("id")));
        QVERIFY(isRowIdAlias(handle, QStringLiteral("lower_case"), QStringLiteral("id")));
        QVERIFY(!isRowIdAlias(handle, QStringLiteral("t"), QStringLiteral("qty")));
        QVERIFY(!isRowIdAlias(handle, QStringLiteral("int_key"), QStringLiteral("id")));
        QVERIFY(!isRowIdAlias(handle, QStringLiteral("pair"), QStringLiteral("a")));
        QVERIFY(!isRowIdAlias(handle, QStringLiteral("descending"), QStringLiteral("id")));
        QVERIFY(!isRowIdAlias(handle, QStringLiteral("no_rowid"), QStringLiteral("id")));
        QVERIFY(!isRowIdAlias(handle, QStringLiteral("missing"), QStringLiteral("id")));

        Connection connection(m_db);
        QVERIFY(connection.isRowIdKey(QStringLiteral("t"), QStringLiteral("id")));
        // DDL through the connection forgets what it knew about tables.
        connection.executeDirect(QStringLiteral("DROP TABLE t"));
        connection.executeDirect(QStringLiteral("CREATE TABLE t (id INT PRIMARY KEY)"));
        QVERIFY(!connection.isRowIdKey(QStringLiteral("t"), QStringLiteral("id")));
    }

    // A connection keeps the statements it used last, up to its limit, and never one whose rows
    // it is handing out: a row handler running many other statements does not pull the rows
    // from under its caller.
    void preparedStatementsAreBounded()
    {
        Connection connection(m_db);
        QSqlQuery seed(m_db);
        QVERIFY(seed.exec(QStringLiteral(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3) "
            "INSERT INTO t (name, qty) SELECT 'row' || i, i FROM n")));
        const qsizetype limit = Connection::kMaxPreparedStatements;
        const QString hot = QStringLiteral("SELECT count(*) FROM t");
        const auto scalar = [&](const QString &sql) {
            qlonglong value = -1;
            connection.execute(sql, {}, {},
                               [&](const Statement &r) { value = r.value(0).toLongLong(); });
            return value;
        };
        for (qsizetype i = 0; i < limit + 100; ++i) {
            QCOMPARE(scalar(QStringLiteral("SELECT %1").arg(i)), qlonglong(i));
            if (i % 10 == 0) {
                QVERIFY(i == 0 || connection.isPrepared(hot)); // used often: never the oldest
                QCOMPARE(scalar(hot), qlonglong(3));
            }
            QVERIFY(connection.preparedCount() <= limit);
        }
        QCOMPARE(connection.preparedCount(), limit);
        QVERIFY(connection.isPrepared(hot));
        QVERIFY(!connection.isPrepared(QStringLiteral("SELECT 0")));
        QVERIFY(connection.isPrepared(QStringLiteral("SELECT %1").arg(limit + 99)));

        // Each row of the outer SELECT runs more new statements than the connection keeps.
        QStringList names;
        qlonglong inner = 0;
        connection.execute(QStringLiteral("SELECT name FROM t ORDER BY id"), {}, {},
                           [&](const Statement &row) {
                               for (qsizetype i = 0; i < limit + 10; ++i)
                                   inner += scalar(QStringLiteral("SELECT %1 + 0").arg(i));
                               names.append(row.value(0).toString());
                           });
        QCOMPARE(names, (QStringList{QStringLiteral("row1"), QStringLiteral("row2"),
                                     QStringLiteral("row3")}));
        QCOMPARE(inner, 3 * (limit + 10) * (limit + 9) / 2);
        QCOMPARE(connection.preparedCount(), limit);
    }

    // A multi-row INSERT's keys are counted back from the last one only while nothing can come
    // between its rows: no trigger, no table hiding the main database's, and room above the
    // largest rowid. Each question is asked again, whoever changed the schema.
    void consecutiveKeysOnlyWhenNothingComesBetween()
    {
        Connection connection(m_db);
        QSqlQuery sql(m_db);
        const QString t = QStringLiteral("t");
        QVERIFY(connection.insertsConsecutiveKeys(t, 10));
        QVERIFY(!connection.insertsConsecutiveKeys(QStringLiteral("missing"), 10));

        QVERIFY(sql.exec(QStringLiteral("CREATE TABLE log (what TEXT)")));
        QVERIFY(sql.exec(QStringLiteral("CREATE TRIGGER logged AFTER INSERT ON log "
                                        "BEGIN INSERT INTO t (name) VALUES (NEW.what); END")));
        QVERIFY(!connection.insertsConsecutiveKeys(t, 10));
        QVERIFY(sql.exec(QStringLiteral("DROP TRIGGER logged")));
        QVERIFY(connection.insertsConsecutiveKeys(t, 10));
        QVERIFY(sql.exec(QStringLiteral("CREATE TEMP TRIGGER logged AFTER INSERT ON log "
                                        "BEGIN SELECT 1; END")));
        QVERIFY(!connection.insertsConsecutiveKeys(t, 10));
        QVERIFY(sql.exec(QStringLiteral("DROP TRIGGER logged")));

        // At the largest rowid SQLite picks keys at random.
        QVERIFY(sql.exec(QStringLiteral("INSERT INTO t (id) VALUES (9223372036854775802)")));
        QVERIFY(connection.insertsConsecutiveKeys(t, 5));
        QVERIFY(!connection.insertsConsecutiveKeys(t, 6));
        QVERIFY(sql.exec(QStringLiteral("DELETE FROM t")));
        QVERIFY(connection.insertsConsecutiveKeys(t, 6));

        // A temporary table of that name takes the INSERT.
        QVERIFY(sql.exec(QStringLiteral("CREATE TEMP TABLE T (id INTEGER PRIMARY KEY)")));
        QVERIFY(!connection.insertsConsecutiveKeys(t, 10));
        QVERIFY(sql.exec(QStringLiteral("DROP TABLE temp.T")));
        QVERIFY(connection.insertsConsecutiveKeys(t, 10));

        // Each statement's keys then run up to the last one, whatever the rowids before.
        connection.begin();
        QVERIFY(sql.exec(QStringLiteral("INSERT INTO t (id) VALUES (41)")));
        connection.execute(QStringLiteral("INSERT INTO t (name) VALUES (?), (?), (?)"),
                           {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")},
                           {QStringLiteral("INSERT"), t});
        QCOMPARE(connection.lastInsertId(), 44);
        QVERIFY(sql.exec(QStringLiteral("SELECT id FROM t WHERE name = 'a'")) && sql.next());
        QCOMPARE(sql.value(0).toLongLong(), 42);
        QVERIFY(connection.transactionSurvived());
        connection.rollback();
        QVERIFY(!connection.transactionSurvived());
    }

    // The native statements share Qt's connection, so they share its transaction.
    void nativeStatementsShareTheTransaction()
    {
        Connection connection(m_db);
        QVERIFY(connection.usesNativeStatements());
        connection.begin();
        connection.execute(QStringLiteral("INSERT INTO t (name) VALUES (?)"),
                           {QStringLiteral("rolled back")}, {QStringLiteral("INSERT"), {}});
        qint64 seen = -1;
        connection.execute(QStringLiteral("SELECT count(*) FROM t"), {}, {},
                           [&](const Statement &row) { seen = row.value(0).toLongLong(); });
        QCOMPARE(seen, 1);
        connection.rollback();
        QSqlQuery count(m_db);
        QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM t")) && count.next());
        QCOMPARE(count.value(0).toLongLong(), 0);

        // A constraint failure is an integrity error naming the statement, and the connection
        // stays usable.
        connection.execute(QStringLiteral("INSERT INTO t (name) VALUES (?)"), {QStringLiteral("x")},
                           {QStringLiteral("INSERT"), {}});
        try {
            connection.execute(QStringLiteral("INSERT INTO t (name) VALUES (?)"),
                               {QStringLiteral("x")}, {QStringLiteral("INSERT"), {}});
            QFAIL("a duplicate name was accepted");
        } catch (const SessionError &error) {
            QCOMPARE(error.kind(), ErrorKind::Integrity);
            QVERIFY2(error.message().contains(u"INSERT INTO t (name) VALUES (?)"),
                     qPrintable(error.message()));
        }
        connection.execute(QStringLiteral("INSERT INTO t (name) VALUES (?)"), {QStringLiteral("y")},
                           {QStringLiteral("INSERT"), {}});
        QVERIFY(count.exec(QStringLiteral("SELECT count(*) FROM t")) && count.next());
        QCOMPARE(count.value(0).toLongLong(), 2);
    }

    // A row handler that throws leaves no statement mid-result holding the table.
    void throwingRowHandlerReleasesTheStatement()
    {
        Connection connection(m_db);
        QSqlQuery seed(m_db);
        QVERIFY(seed.exec(QStringLiteral("INSERT INTO t (name) VALUES ('a'), ('b')")));
        QVERIFY_THROWS_EXCEPTION(
            std::runtime_error,
            connection.execute(QStringLiteral("SELECT name FROM t"), {}, {},
                               [](const Statement &) { throw std::runtime_error("stop"); }));
        connection.begin();
        connection.execute(QStringLiteral("DELETE FROM t"), {}, {QStringLiteral("DELETE"), {}});
        connection.commit();
        QVERIFY(seed.exec(QStringLiteral("SELECT count(*) FROM t")) && seed.next());
        QCOMPARE(seed.value(0).toLongLong(), 0);
    }
};

QTEST_GUILESS_MAIN(TestStatement)
#include "tst_statement.moc"
