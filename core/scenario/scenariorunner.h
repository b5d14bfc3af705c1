#pragma once

#include "objectnames.h"
#include "scenario.h"
#include "session/session.h"

#include <QJsonArray>
#include <QJsonObject>

#include <memory>
#include <optional>

namespace sessionscope {

class TraceRecorder;

// What one step did.
struct StepOutcome
{
    int step = 0;
    QString op;
    std::optional<ErrorKind> error;
    QString errorMessage;
    QList<StatementEvent> statements;
};

// Runs a scenario against a database, step by step: one session, the scenario's aliases, and the
// state after each step. A step's SessionError is recorded and the run goes on; problems with the
// scenario itself are ScenarioError and stop it.
class ScenarioRunner
{
public:
    ScenarioRunner(Scenario scenario, QSqlDatabase database);
    ~ScenarioRunner();

    // Creates the scenario's tables, dropping them first when asked. A table that already
    // exists is a ScenarioError that says so.
    void prepare(bool dropExisting);

    const Scenario &scenario() const { return m_scenario; }
    Session &session() { return *m_session; }
    const ObjectNames &names() const { return m_names; }
    int stepCount() const { return int(m_scenario.steps.size()); }

    // Records the run: every step is one operation of the trace, and every alias a step binds
    // is an alias event. Attach before the first step; the recorder must outlive the steps.
    void setTraceRecorder(TraceRecorder *recorder) { m_recorder = recorder; }
    // Whether the runner listens to the session for the statements each step sends (the
    // default). Unobserved, the session takes the paths it takes when nothing listens to it
    // (bulk set changes, deferred expiry), and outcomes carry no statements.
    void setObserved(bool observed);

    // Runs step `index` (0-based) and reports what happened.
    StepOutcome runStep(int index);
    // The state in the --states shape; without an outcome, the state before the first step.
    QJsonObject state(const StepOutcome *outcome = nullptr);
    // prepare() must have run; returns the state before the first step and after each one.
    QJsonArray runAll();

private:
    class StatementCollector;
    void execute(const ScenarioStep &step);
    Object object(const ScenarioStep &step, const QString &field) const;
    int attribute(const ScenarioStep &step, const Object &object) const;
    int compositeNamed(const ScenarioStep &step) const; // -1 unless "attr" names a composite
    void bind(const ScenarioStep &step, const QString &alias, const Object &object);
    QVariant valueFor(const ScenarioStep &step, const Object &object, int attribute,
                      const QJsonValue &value) const;
    // A composite's value from JSON: an object with one member per column, or null.
    QVariant compositeFor(const ScenarioStep &step, const Object &object, int composite,
                          const QJsonValue &value) const;

    Scenario m_scenario;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<StatementCollector> m_collector;
    ObjectNames m_names;
    TraceRecorder *m_recorder = nullptr;
};

} // namespace sessionscope
