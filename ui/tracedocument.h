#pragma once

#include "trace/timeline.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <memory>
#include <optional>

namespace sessionscope {

// An open trace as the window sees it: its Timeline, the cursor every view shows, the state just
// before the current step (so views can show what the step changed), and the two steps the diff
// view compares. Everything the window shows comes from here; it never sees a Session.
//
// The cursor is an event index as Timeline counts them: the state is the state after that event
// (-1: before the first). A failed seek (a malformed line met while replaying) leaves the cursor
// where it was and reports failed().
class TraceDocument final : public QObject
{
    Q_OBJECT

public:
    // Both throw MessageError ("FILE:LINE: what is wrong") for anything malformed: the trace is
    // checked in full before it is shown.
    static std::unique_ptr<TraceDocument> openTrace(const QString &path);
    // Runs a scenario on an in-memory SQLite database and opens the trace of the run.
    static std::unique_ptr<TraceDocument> openScenario(const QString &path);
    // A trace held in memory; `name` is what messages call it.
    static std::unique_ptr<TraceDocument> fromData(QByteArray data, const QString &name);
    ~TraceDocument() override;

    const QString &path() const { return m_path; } // the file opened
    QString title() const;                         // the header's title, else the file name
    Timeline &timeline() { return *m_timeline; }
    const Timeline &timeline() const { return *m_timeline; }
    qint64 eventCount() const { return m_timeline->eventCount(); }
    int operationCount() const { return m_timeline->operationCount(); }

    // ---- the cursor
    qint64 cursor() const { return m_cursor; }
    int currentOperation() const { return m_cursor < 0 ? 0 : m_timeline->operationOf(m_cursor); }
    // True when the cursor sits where an operation's state is complete (its last event).
    bool atOperationBoundary() const;
    bool setCursor(qint64 event); // clamps to the trace; false (and failed()) when it cannot
    // Where the stepping commands go from the cursor (the cursor itself when nowhere).
    qint64 nextOperationTarget() const;     // the state after the next operation
    qint64 previousOperationTarget() const; // the state after the previous operation
    qint64 nextEventTarget() const;         // keyframes are not steps
    qint64 previousEventTarget() const;
    qint64 stepOutTarget() const; // the end of the operation the cursor is in

    // ---- what the current step changed
    // The state the current step started from: before the cursor's event, or, when the cursor
    // is at the end of an operation, before the whole operation.
    const TraceState &baseline() const { return m_baseline; }
    TraceRenderer renderer() const { return m_timeline->renderer(); }
    TraceRenderer baselineRenderer() const;
    // True when an object differs between the baseline and the cursor.
    bool changedAtStep(int slot) const;
    // Whether two descriptions of an object are the same (null: no object).
    static bool sameObject(const TraceObject *a, const TraceObject *b);

    // ---- names
    // The name of an object id as events show it: its name at the end of the trace (its first
    // alias, else Entity#key), else "#id".
    QString objectName(qint64 id) const;
    QString objectNameOfSlot(int slot) const;
    // The entity (TraceSchema index) of an object, as the trace last describes it; -1 if never.
    int entityOfSlot(int slot) const;

    // ---- the diff view's two steps
    std::optional<qint64> markA() const { return m_markA; }
    std::optional<qint64> markB() const { return m_markB; }
    void setMarkA(qint64 event);
    void setMarkB(qint64 event);
    // What changed between the marks (traceDiffOfEvents); the cursor stays where it is.
    QJsonObject diffBetweenMarks();

signals:
    void cursorChanged(qint64 event);
    void marksChanged();
    void failed(const QString &message);

private:
    TraceDocument(std::unique_ptr<Timeline> timeline, QString path);
    void collectNames();
    qint64 baselineEventOf(qint64 event) const;

    std::unique_ptr<Timeline> m_timeline;
    QString m_path;
    qint64 m_cursor = -1;
    TraceState m_baseline;
    QHash<int, QString> m_finalNames; // by slot
    QHash<int, int> m_entities;       // by slot
    std::optional<qint64> m_markA;
    std::optional<qint64> m_markB;
};

} // namespace sessionscope
