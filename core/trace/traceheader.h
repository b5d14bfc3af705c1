#pragma once

#include "jsoncursor.h"
#include "mapping/mapping.h"

#include <QByteArrayView>
#include <QString>

namespace sessionscope {

inline constexpr char kTraceFormat[] = "sessionscope-trace/1";

// A trace's first line (docs/trace-format.md, "Header").
struct TraceHeader
{
    MappingPtr mapping;
    QString title;
    QString source;
    QString database;
    QString recorder;
    QString redaction = QStringLiteral("none");
};

// Throws JsonCursorError naming what is wrong with the header.
TraceHeader parseTraceHeader(QByteArrayView line, const TraceLimits &limits);

} // namespace sessionscope
