#pragma once

#include "trace/traceevent.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <array>

namespace sessionscope {

class TraceDocument;

// Finds a text in what the event log shows of an event (eventSearchText(): its kind, summary,
// a statement's parameters), in any case, never in the JSON around it: "delete" does not find
// `"deleted":[]`. Reading and summarizing every line would make search slow on a long trace,
// so a line is read only when it may match: when it holds the text's longest plain run itself,
// or when the text overlaps something a summary adds to what the line holds (a translated
// phrase, a label, the name of an object the line refers to).
class EventTextSearch
{
public:
    EventTextSearch(const TraceDocument &document, const QString &text);

    bool isEmpty() const { return m_text.isEmpty(); }
    // False only when an event with this line cannot match; true says "read it".
    bool mayMatch(TraceEventType type, QByteArrayView line) const;
    // Whether what is shown of an event (eventSearchText()) holds the text.
    bool matchesShown(const QString &shown) const;

    // What of an event's line a summary can show: all of it but the delta, when the delta
    // ends it (as recorders write it). The delta holds History lists and attribute names
    // nobody reads in the log, and most of the bytes.
    static QByteArrayView shownPart(QByteArrayView line);
    // That part as a JSON object of its own (the line when the delta does not end it).
    static QByteArray withoutDelta(QByteArrayView line);

    // Whether an occurrence of `text` in a longer string could share a character with an
    // occurrence of `piece` there (one holds the other, or they overlap at an end). A `word`
    // piece has no letter or digit next to it, which rules out some overlaps.
    static bool overlaps(const QString &text, const QString &piece, bool word);

private:
    bool overlapsObjectName(qint64 id) const;
    bool refersToOverlappingObject(QByteArrayView line) const;

    const TraceDocument &m_document;
    QString m_text;          // lower case
    QByteArray m_plainRun;   // the longest run that a line holds as is when it holds the text
    bool m_nonAscii = false; // then the line must hold a non-ASCII character or a \u escape
    // By event type: whether the text may meet what any summary of the type adds, and else
    // what a line must hold for the text to meet what its summary adds.
    std::array<bool, size_t(TraceEventType::Keyframe) + 1> m_typeMayMatch{};
    std::array<QList<QByteArray>, size_t(TraceEventType::Keyframe) + 1> m_mayMatchWith;
    mutable QHash<qint64, bool> m_objectMayMatch;
};

} // namespace sessionscope
