#include "scenariotrace.h"

#include "scenario.h"
#include "scenariorunner.h"
#include "support/databaseurl.h"

#include <QBuffer>
#include <QFileInfo>
#include <QSqlDatabase>

#include <atomic>

namespace sessionscope {

QByteArray recordScenarioTrace(Scenario scenario, const QString &source,
                               const TraceRecorder::Options &options)
{
    // Each run gets its own connection (and so its own in-memory database).
    static std::atomic<int> runs = 0;
    const QString connection = QStringLiteral("scenario-trace-%1").arg(++runs);
    // Removed on every way out, after the runner (and its copies of the connection) are gone.
    struct ConnectionGuard
    {
        QString name;
        ~ConnectionGuard() { QSqlDatabase::removeDatabase(name); }
    } guard{connection};
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    {
        ScenarioRunner runner(std::move(scenario), openDatabase(QString(), connection));
        runner.prepare(false);
        TraceRecorder::Options recorded = options;
        if (recorded.title.isEmpty())
            recorded.title = runner.scenario().title;
        if (recorded.source.isEmpty())
            recorded.source = source;
        TraceRecorder recorder(runner.session(), &buffer, recorded);
        runner.setTraceRecorder(&recorder);
        for (int step = 0; step < runner.stepCount(); ++step)
            runner.runStep(step);
        recorder.finish();
    }
    return buffer.data();
}

QByteArray recordScenarioTrace(const QString &path)
{
    return recordScenarioTrace(Scenario::fromFile(path), QFileInfo(path).fileName(),
                               TraceRecorder::Options());
}

} // namespace sessionscope
