#include "databaseurl.h"

#include "error.h"

#include <QSqlError>
#include <QUrl>

namespace sessionscope {

QString redactedDatabaseUrl(const QString &url)
{
    QUrl parsed(url);
    if (!parsed.isValid() || parsed.password().isEmpty())
        return url;
    parsed.setPassword(QStringLiteral("***"));
    return parsed.toString();
}

QSqlDatabase openDatabase(const QString &url, const QString &connectionName)
{
    QSqlDatabase database;
    if (url.startsWith(QStringLiteral("postgresql://")) ||
        url.startsWith(QStringLiteral("postgres://"))) {
        const QUrl parsed(url);
        if (!parsed.isValid() || parsed.path().size() < 2)
            throw SessionError(ErrorKind::Operational,
                               QStringLiteral("\"%1\" is not a PostgreSQL URL of the form "
                                              "postgresql://user@host:port/dbname")
                                   .arg(redactedDatabaseUrl(url)));
        database = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connectionName);
        database.setHostName(parsed.host().isEmpty() ? QStringLiteral("localhost") : parsed.host());
        if (parsed.port() > 0)
            database.setPort(parsed.port());
        database.setUserName(parsed.userName());
        database.setPassword(parsed.password());
        database.setDatabaseName(parsed.path().mid(1));
    } else {
        QString path = url;
        if (path.startsWith(QStringLiteral("sqlite://")))
            path = path.mid(int(qstrlen("sqlite://")));
        if (path.isEmpty() || path == u"sqlite" || path == u":memory:")
            path = QStringLiteral(":memory:");
        database = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
        database.setDatabaseName(path);
    }
    if (!database.isValid())
        throw SessionError(ErrorKind::Operational,
                           QStringLiteral("the Qt SQL driver for \"%1\" is not installed")
                               .arg(redactedDatabaseUrl(url)));
    if (!database.open()) {
        const QString why = database.lastError().text();
        throw SessionError(ErrorKind::Operational,
                           QStringLiteral("cannot open %1: %2").arg(redactedDatabaseUrl(url), why));
    }
    return database;
}

} // namespace sessionscope
