#pragma once

#include "trace/tracerecorder.h"

#include <QByteArray>
#include <QString>

namespace sessionscope {

struct Scenario;

// Runs a scenario on a private in-memory SQLite database and returns the trace of the run: how
// the inspector opens a scenario. A step's SessionError is part of the trace, as in
// `sessionscope-cli run`; a problem with the scenario itself throws ScenarioError.
QByteArray recordScenarioTrace(Scenario scenario, const QString &source,
                               const TraceRecorder::Options &options);
QByteArray recordScenarioTrace(const QString &path);

} // namespace sessionscope
