#pragma once

#include <QJsonObject>
#include <QString>

namespace sessionscope {
class Timeline;
}

// What `inspect --diff A B` prints by default: which two steps, then one line per object that
// appeared (+) or disappeared (-) and per field or attribute that changed (~):
//
//     + User ann [1] persistent
//     ~ ann.name: "ann" -> "anna"
//
// `diff` is traceDiff()'s JSON for operations `from` and `to`; the Timeline is moved.
QString describeDiff(sessionscope::Timeline &timeline, int from, int to, const QJsonObject &diff);
