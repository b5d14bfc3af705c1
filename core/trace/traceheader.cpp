#include "traceheader.h"

#include "mapping/mappingjson.h"
#include "support/jsonfields.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace sessionscope {

TraceHeader parseTraceHeader(QByteArrayView line, const TraceLimits &limits)
{
    JsonCursor cursor(line, limits);
    if (!startsJsonObject(line))
        cursor.failAt(0, QStringLiteral("this is not a SessionScope trace: the first line is not a "
                                        "JSON object"));
    TraceHeader header;
    QString format;
    QByteArrayView mappingText;
    QString key;
    try {
        cursor.enterObject();
        while (cursor.nextMember(&key)) {
            if (key == u"format") {
                format = cursor.readString(key);
            } else if (key == u"mapping") {
                if (cursor.peek() != JsonCursor::Kind::Object)
                    cursor.fail(QStringLiteral("mapping must be an object"));
                mappingText = cursor.skipValue();
            } else if (key == u"title" || key == u"source" || key == u"database" ||
                       key == u"recorder" || key == u"redaction") {
                QString *field = key == u"title"      ? &header.title
                                 : key == u"source"   ? &header.source
                                 : key == u"database" ? &header.database
                                 : key == u"recorder" ? &header.recorder
                                                      : &header.redaction;
                if (!cursor.readNullIf())
                    *field = cursor.readString(key);
            } else {
                cursor.skipValue();
            }
        }
        cursor.expectEnd();
    } catch (const JsonCursorError &error) {
        throw JsonCursorError(error.position, error.messageInLine());
    }

    if (format.isEmpty())
        cursor.failAt(0, QStringLiteral("this is not a SessionScope trace: the first line has no "
                                        "\"format\""));
    if (format != QLatin1String(kTraceFormat)) {
        if (format.startsWith(QStringLiteral("sessionscope-trace/")))
            cursor.failAt(0, QStringLiteral("format %1 is not supported (this reader reads %2)")
                                 .arg(format, QLatin1String(kTraceFormat)));
        cursor.failAt(
            0, QStringLiteral("this is not a SessionScope trace: format is \"%1\"").arg(format));
    }
    if (mappingText.isNull())
        cursor.failAt(0, QStringLiteral("the header has no \"mapping\""));
    if (header.redaction != u"none" && header.redaction != u"sensitive" &&
        header.redaction != u"all")
        cursor.failAt(0, QStringLiteral("redaction must be none, sensitive or all, not \"%1\"")
                             .arg(header.redaction));
    const QJsonObject schema =
        QJsonDocument::fromJson(QByteArray(mappingText.data(), mappingText.size())).object();
    try {
        header.mapping = mappingFromJson(schema, QStringLiteral("mapping"));
    } catch (const InputError &error) {
        cursor.failAt(0, error.message());
    }
    return header;
}

} // namespace sessionscope
