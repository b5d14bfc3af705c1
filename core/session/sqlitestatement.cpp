#include "sqlitestatement.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlQuery>

#include <sqlite3.h>

#if defined(Q_OS_UNIX)
#include <dlfcn.h>
#endif

namespace sessionscope {

namespace {

// Qt's driver binds a null string or byte array as NULL; so do we, so both paths store the same.
bool isNullValue(const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return true;
    switch (value.typeId()) {
    case QMetaType::QString:
        return static_cast<const QString *>(value.constData())->isNull();
    case QMetaType::QByteArray:
        return static_cast<const QByteArray *>(value.constData())->isNull();
    default:
        return false;
    }
}

// `text` as UTF-8 into `out`, unless it holds a surrogate (then false). Without surrogates
// every encoder agrees on the bytes, SQLite's UTF-16 translation included.
bool encodeUtf8WithoutSurrogates(QStringView text, std::string &out)
{
    out.resize(size_t(text.size()) * 3);
    char *p = out.data();
    for (const QChar qc : text) {
        const char16_t c = qc.unicode();
        if (c < 0x80) {
            *p++ = char(c);
        } else if (c < 0x800) {
            *p++ = char(0xC0 | (c >> 6));
            *p++ = char(0x80 | (c & 0x3F));
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            return false;
        } else {
            *p++ = char(0xE0 | (c >> 12));
            *p++ = char(0x80 | ((c >> 6) & 0x3F));
            *p++ = char(0x80 | (c & 0x3F));
        }
    }
    out.resize(size_t(p - out.data()));
    return true;
}

// UTF-8 from SQLite as a QString. Short ASCII texts (names, codes: most of what a table holds)
// are widened in one pass, without the set-up of the general decoder, which takes the rest.
QString decodeUtf8(const char *text, int size)
{
    constexpr int kShort = 64;
    if (size > kShort)
        return QString::fromUtf8(text, size);
    QString out(size, Qt::Uninitialized);
    char16_t *wide = reinterpret_cast<char16_t *>(out.data());
    for (int i = 0; i < size; ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte >= 0x80)
            return QString::fromUtf8(text, size);
        wide[i] = byte;
    }
    return out;
}

// Makes `value`, which holds nothing, hold `text`, moved in. QVariant(const QString &) would
// copy it: two atomic reference-count changes per value read.
void storeText(QVariant &value, QString &&text)
{
    new (&value) QVariant(QString()); // a null string has no count to change
    value.setValue(std::move(text));  // the same type: move-assigned in place
}

bool sharesOurSqlite(const QSqlDatabase &database)
{
    // A plugin with its own copy of SQLite hands out a handle our library must not touch, even
    // a copy of the same version (its memory allocator and mutexes are its own). The driver's
    // virtual table lives in the plugin: SQLite as the plugin sees it must be ours. (Debian's
    // plugin links the system library, which this library links too.) The version is checked
    // as well, for a plugin built into the program with SQLite's symbols hidden.
    const QSqlDriver *driver = database.driver();
    const void *table = *reinterpret_cast<const void *const *>(driver);
    if (!sameLoadedSymbol(table, "sqlite3_libversion",
                          reinterpret_cast<const void *>(&sqlite3_libversion)))
        return false;
    QSqlQuery query(database);
    if (!query.exec(QStringLiteral("SELECT sqlite_version()")) || !query.next())
        return false;
    return query.value(0).toString() == QLatin1String(sqlite3_libversion());
}

} // namespace

bool sameLoadedSymbol(const void *inObject, const char *symbol, const void *ours)
{
#if defined(Q_OS_UNIX) && defined(RTLD_NOLOAD)
    Dl_info info{};
    if (!inObject || !dladdr(inObject, &info) || !info.dli_fname)
        return false;
    void *object = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD); // already loaded: no load
    if (!object)
        return false;
    const void *theirs = dlsym(object, symbol);
    dlclose(object);
    return theirs && theirs == ours;
#else
    Q_UNUSED(inObject);
    Q_UNUSED(symbol);
    Q_UNUSED(ours);
    return false;
#endif
}

sqlite3 *nativeSqliteHandle(const QSqlDatabase &database)
{
    if (qEnvironmentVariable("SESSIONSCOPE_SQLITE_STATEMENTS") == u"qtsql")
        return nullptr;
    const QSqlDriver *driver = database.driver();
    if (!driver || database.driverName() != u"QSQLITE" || !database.isOpen())
        return nullptr;
    const QVariant handle = driver->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    sqlite3 *native = *static_cast<sqlite3 *const *>(handle.constData());
    if (!native || !sharesOurSqlite(database))
        return nullptr;
    return native;
}

SqliteStatement::SqliteStatement(sqlite3 *database, const QString &sql)
    : m_database(database)
{
    const void *tail = nullptr;
    const int rc = sqlite3_prepare16_v2(m_database, sql.utf16(), int(sql.size() * sizeof(char16_t)),
                                        &m_statement, &tail);
    if (rc != SQLITE_OK) {
        takeError(rc);
        return;
    }
    // Like Qt's driver: one statement per text, rather than silently ignoring the rest.
    const auto *rest = static_cast<const char16_t *>(tail);
    const auto *end = reinterpret_cast<const char16_t *>(sql.utf16()) + sql.size();
    if (rest && !QStringView(rest, end).trimmed().isEmpty()) {
        m_error.text = QStringLiteral("Unable to execute multiple statements at a time");
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
        return;
    }
    m_columnCount = sqlite3_column_count(m_statement);
    m_parameterCount = sqlite3_bind_parameter_count(m_statement);
    m_utf8.resize(size_t(m_parameterCount));
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_statement);
}

bool SqliteStatement::run(std::span<const QVariant> parameters)
{
    m_error = {};
    // Reaching the end, an error and finish() reset the statement; only rows left unread
    // still hold it.
    if (m_rowWaiting || m_onRow)
        sqlite3_reset(m_statement);
    m_rowWaiting = m_onRow = false;
    m_rowsAffected = -1;
    const int expected = m_parameterCount;
    if (size_t(expected) != parameters.size()) {
        m_error.text = QStringLiteral("Parameter count mismatch: the statement takes %1, %2 given")
                           .arg(expected)
                           .arg(qsizetype(parameters.size()));
        return false;
    }
    for (int i = 0; i < expected; ++i) {
        if (!bind(i + 1, parameters[size_t(i)]))
            return false;
    }
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW) {
        m_rowWaiting = true;
        return true;
    }
    if (rc == SQLITE_DONE) {
        m_rowsAffected = sqlite3_changes(m_database);
        sqlite3_reset(m_statement);
        return true;
    }
    takeError(rc);
    sqlite3_reset(m_statement);
    return false;
}

bool SqliteStatement::bind(int position, const QVariant &value)
{
    const int rc = bindValue(position, value);
    if (rc == SQLITE_OK)
        return true;
    takeError(rc);
    return false;
}

int SqliteStatement::bindValue(int position, const QVariant &value)
{
    // What a flush sends most, an integer, a real or a text that is not null, goes first and
    // without the general null check's calls.
    if (!value.data_ptr().is_null) {
        switch (value.typeId()) {
        case QMetaType::LongLong:
            return sqlite3_bind_int64(m_statement, position,
                                      *static_cast<const qlonglong *>(value.constData()));
        case QMetaType::Double:
            return sqlite3_bind_double(m_statement, position,
                                       *static_cast<const double *>(value.constData()));
        case QMetaType::QString:
            if (const auto *text = static_cast<const QString *>(value.constData()); !text->isNull())
                return bindText(position, *text);
            break;
        default:
            break;
        }
    }
    if (isNullValue(value))
        return sqlite3_bind_null(m_statement, position);
    switch (value.typeId()) { // every other type, not null
    case QMetaType::Float:
        return sqlite3_bind_double(m_statement, position, value.toDouble());
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::UChar:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::ULongLong:
        return sqlite3_bind_int64(m_statement, position, value.toLongLong());
    case QMetaType::QByteArray: {
        const auto *bytes = static_cast<const QByteArray *>(value.constData());
        return sqlite3_bind_blob(m_statement, position, bytes->constData(), int(bytes->size()),
                                 SQLITE_STATIC);
    }
    default: {
        // Anything else travels as its text, which SQLite copies.
        const QString text = value.toString();
        return sqlite3_bind_text16(m_statement, position, text.utf16(),
                                   int(text.size() * sizeof(char16_t)), SQLITE_TRANSIENT);
    }
    }
}

int SqliteStatement::bindText(int position, const QString &text)
{
    std::string &utf8 = m_utf8[size_t(position - 1)];
    // One huge text must not pin its buffer for the statement's lifetime.
    constexpr size_t kKeptCapacity = 64 * 1024;
    if (utf8.capacity() > kKeptCapacity && size_t(text.size()) * 3 <= kKeptCapacity)
        std::string().swap(utf8);
    if (encodeUtf8WithoutSurrogates(text, utf8))
        return sqlite3_bind_text(m_statement, position, utf8.data(), int(utf8.size()),
                                 SQLITE_STATIC);
    // Surrogates: SQLite's own translation decides what a lone one becomes, as it does for
    // Qt's driver, so both paths store the same bytes.
    return sqlite3_bind_text16(m_statement, position, text.utf16(),
                               int(text.size() * sizeof(char16_t)), SQLITE_STATIC);
}

bool SqliteStatement::next()
{
    if (m_rowWaiting) {
        m_rowWaiting = false;
        m_onRow = true;
        return true;
    }
    if (!m_onRow)
        return false;
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    m_onRow = false;
    if (rc != SQLITE_DONE)
        takeError(rc);
    sqlite3_reset(m_statement);
    return false;
}

QVariant SqliteStatement::value(int column) const
{
    if (!m_onRow || column < 0 || column >= m_columnCount)
        return {};
    sqlite3_value *stored = sqlite3_column_value(m_statement, column);
    return read(stored, sqlite3_value_type(stored));
}

quint64 SqliteStatement::canonicalValues(int first, std::span<const ColumnType> types,
                                         QVariant *out) const
{
    Q_ASSERT(types.size() <= size_t(kMaxCanonicalColumns));
    const int count = int(types.size());
    const quint64 all = count >= 64 ? ~quint64(0) : (quint64(1) << count) - 1;
    if (!m_onRow || first < 0 || count > m_columnCount - first)
        return all;
    // SQLite says what it holds, so a loaded row needs no look at the QVariant it becomes.
    // `out` holds nothing to destroy, so each value is constructed in its place.
    quint64 declined = 0;
    for (int i = 0; i < count; ++i) {
        Q_ASSERT(!out[i].isValid());
        sqlite3_value *stored = sqlite3_column_value(m_statement, first + i);
        const ColumnType type = types[size_t(i)];
        switch (sqlite3_value_type(stored)) {
        case SQLITE_NULL:
            continue;
        case SQLITE_INTEGER:
            if (type == ColumnType::Integer) {
                new (out + i) QVariant(qlonglong(sqlite3_value_int64(stored)));
                continue;
            }
            break;
        case SQLITE_FLOAT:
            if (type == ColumnType::Real) {
                new (out + i) QVariant(sqlite3_value_double(stored));
                continue;
            }
            break;
        case SQLITE_TEXT:
            if (type == ColumnType::Text) {
                storeText(out[i], readText(stored));
                continue;
            }
            break;
        default:
            break;
        }
        declined |= quint64(1) << i;
    }
    return declined;
}

QString SqliteStatement::readText(sqlite3_value *stored)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_value_text(stored));
    return decodeUtf8(text, sqlite3_value_bytes(stored));
}

QVariant SqliteStatement::read(sqlite3_value *stored, int storedType)
{
    // A column's value is read through one sqlite3_column_value() call, which takes the
    // connection's lock; the sqlite3_value_*() calls on it take none. SQLite calls that
    // unprotected use "not threadsafe": a statement here belongs to its connection's thread.
    switch (storedType) {
    case SQLITE_INTEGER:
        return QVariant(qlonglong(sqlite3_value_int64(stored)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_value_double(stored));
    case SQLITE_TEXT: {
        QVariant value;
        storeText(value, readText(stored));
        return value;
    }
    case SQLITE_BLOB: {
        const auto *bytes = static_cast<const char *>(sqlite3_value_blob(stored));
        return QVariant(QByteArray(bytes, sqlite3_value_bytes(stored)));
    }
    default:
        return {};
    }
}

qint64 SqliteStatement::lastInsertId() const
{
    return lastInsertRowId(m_database);
}

bool isRowIdAlias(sqlite3 *database, const QString &table, const QString &column)
{
    // A rowid table (WITHOUT ROWID tables have no "rowid") with `column` in its primary key...
    const QByteArray tableName = table.toUtf8();
    if (sqlite3_table_column_metadata(database, nullptr, tableName.constData(), "rowid", nullptr,
                                      nullptr, nullptr, nullptr, nullptr) != SQLITE_OK)
        return false;
    int primaryKey = 0;
    if (sqlite3_table_column_metadata(database, nullptr, tableName.constData(),
                                      column.toUtf8().constData(), nullptr, nullptr, nullptr,
                                      &primaryKey, nullptr) != SQLITE_OK ||
        !primaryKey)
        return false;
    // ...and that key is the rowid. Any other primary key gets an index of its own (origin
    // "pk"): another type than INTEGER, a composite key, the legacy INTEGER PRIMARY KEY DESC.
    sqlite3_stmt *info = nullptr;
    const char *keyIndexes = "SELECT count(*) FROM pragma_index_list(?) WHERE origin = 'pk'";
    if (sqlite3_prepare_v2(database, keyIndexes, -1, &info, nullptr) != SQLITE_OK)
        return false;
    sqlite3_bind_text(info, 1, tableName.constData(), int(tableName.size()), SQLITE_STATIC);
    const bool rowid = sqlite3_step(info) == SQLITE_ROW && sqlite3_column_int(info, 0) == 0;
    sqlite3_finalize(info);
    return rowid;
}

bool isMainRowIdTable(sqlite3 *database, const QString &table)
{
    const QByteArray name = table.toUtf8();
    return sqlite3_table_column_metadata(database, "main", name.constData(), "rowid", nullptr,
                                         nullptr, nullptr, nullptr, nullptr) == SQLITE_OK;
}

qint64 lastInsertRowId(sqlite3 *database)
{
    return sqlite3_last_insert_rowid(database);
}

bool isInTransaction(sqlite3 *database)
{
    return !sqlite3_get_autocommit(database);
}

bool hasUpdateFrom()
{
    return sqlite3_libversion_number() >= 3033000;
}

void SqliteStatement::finish()
{
    m_rowWaiting = m_onRow = false;
    sqlite3_reset(m_statement);
}

void SqliteStatement::takeError(int code)
{
    m_error.nativeCode = QString::number(code == SQLITE_MISUSE || code == SQLITE_RANGE
                                             ? code
                                             : sqlite3_extended_errcode(m_database));
    m_error.text = QString::fromUtf8(sqlite3_errmsg(m_database));
}

} // namespace sessionscope
