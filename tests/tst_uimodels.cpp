// The inspector's item models over real traces: every conformance scenario is recorded on an
// in-memory SQLite database and stepped event by event, and at every step the identity map,
// pending and object models must show exactly what the trace's rendered state says, under
// QAbstractItemModelTester, without resetting while stepping.

#include "itemroles.h"
#include "models/diffmodel.h"
#include "models/eventfilter.h"
#include "models/eventlogmodel.h"
#include "models/eventsummary.h"
#include "models/identitymapmodel.h"
#include "models/objectmodel.h"
#include "models/pendingmodel.h"
#include "models/sqlmodel.h"
#include "scenario/scenario.h"
#include "scenario/scenariotrace.h"
#include "support/error.h"
#include "trace/traceinspection.h"
#include "tracedocument.h"
#include "views/objectfilterproxy.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>

using namespace sessionscope;
using namespace Qt::StringLiterals;

namespace {

const QString kSourceDir = QStringLiteral(SESSIONSCOPE_SOURCE_DIR);

QStringList scenarioFiles()
{
    QStringList files;
    const QDir conformance(kSourceDir + u"/tests/conformance/scenarios"_s);
    for (const QString &name : conformance.entryList({u"*.json"_s}, QDir::Files, QDir::Name))
        files.append(conformance.filePath(name));
    files.append(kSourceDir + u"/resources/scenarios/demo.json"_s);
    return files;
}

std::unique_ptr<TraceDocument> scenarioDocument(const QString &path)
{
    return TraceDocument::fromData(recordScenarioTrace(path), QFileInfo(path).fileName());
}

// The names a group of an object model shows, in row order.
QStringList namesIn(const QAbstractItemModel &model, const QModelIndex &group)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(group); ++row)
        names.append(model.index(row, 0, group).data().toString());
    return names;
}

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

QStringList stringsOf(const QJsonValue &array)
{
    QStringList strings;
    for (const QJsonValue &value : array.toArray())
        strings.append(value.toString());
    return strings;
}

} // namespace

class UiModelsTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void statesMatchTheTrace_data();
    void statesMatchTheTrace();
    void objectModelShowsHistory();
    void steppingTargets();
    void eventLogRowsAndFilters();
    void searchMatchesWhatTheLogShows_data();
    void searchMatchesWhatTheLogShows();
    void searchLeavesJsonAlone();
    void attributeFilterListsWhatChangedIt();
    void sqlModelListsEveryStatement();
    void diffModelShowsChanges();
    void identityMapFilter();
    void malformedTraceIsRefused();
};

void UiModelsTest::initTestCase()
{
    QVERIFY(QFile::exists(kSourceDir + u"/resources/scenarios/demo.json"_s));
}

void UiModelsTest::statesMatchTheTrace_data()
{
    QTest::addColumn<QString>("path");
    for (const QString &path : scenarioFiles())
        QTest::newRow(qPrintable(QFileInfo(path).fileName())) << path;
}

// At every event of every scenario: the identity map model lists exactly the identity map of
// the rendered state (names and states), the pending model exactly new / dirty / deleted, and
// the object model one row per attribute with the rendered value's loaded flag.
void UiModelsTest::statesMatchTheTrace()
{
    QFETCH(QString, path);
    auto document = scenarioDocument(path);
    IdentityMapModel identity;
    identity.setAllObjects(false);
    PendingModel pending;
    ObjectModel object;
    identity.setDocument(document.get());
    pending.setDocument(document.get());
    object.setDocument(document.get());
    QAbstractItemModelTester identityTester(&identity,
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester pendingTester(&pending,
                                           QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester objectTester(&object,
                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy identityResets(&identity, &QAbstractItemModel::modelReset);
    QSignalSpy identityChanges(&identity, &QAbstractItemModel::dataChanged);
    QHash<int, QString> shownBefore; // slot -> the row's text at the previous step

    for (qint64 event = -1; event < document->eventCount(); ++event) {
        QVERIFY(document->setCursor(event));
        const QString where = u"%1, event %2"_s.arg(QFileInfo(path).fileName()).arg(event + 1);
        const QJsonObject state = document->renderer().session();

        QStringList expectedIdentity;
        for (const QJsonValue &entry : state.value(u"identity_map"_s).toArray())
            expectedIdentity.append(entry.toObject().value(u"obj"_s).toString());
        QStringList shownIdentity;
        for (int group = 0; group < identity.rowCount(); ++group)
            shownIdentity += namesIn(identity, identity.index(group, 0));
        QVERIFY2(sorted(shownIdentity) == sorted(expectedIdentity), qPrintable(where));

        const QJsonObject objects = state.value(u"objects"_s).toObject();
        for (int group = 0; group < identity.rowCount(); ++group) {
            const QModelIndex groupIndex = identity.index(group, 0);
            for (int row = 0; row < identity.rowCount(groupIndex); ++row) {
                const QString name = identity.index(row, 0, groupIndex).data().toString();
                const QString stateText =
                    identity.index(row, IdentityMapModel::StateColumn, groupIndex)
                        .data()
                        .toString();
                QVERIFY2(stateText == objects.value(name).toObject().value(u"state"_s).toString(),
                         qPrintable(where + u": "_s + name));
            }
        }

        // A row whose text changed was announced by dataChanged, so views repaint it.
        QSet<int> announced;
        for (const QList<QVariant> &signal : std::as_const(identityChanges)) {
            const QModelIndex first = signal.at(0).value<QModelIndex>();
            const QModelIndex last = signal.at(1).value<QModelIndex>();
            for (int row = first.row(); first.parent().isValid() && row <= last.row(); ++row)
                announced.insert(identity.objectSlot(identity.index(row, 0, first.parent())));
        }
        identityChanges.clear();
        QHash<int, QString> shownNow;
        for (int group = 0; group < identity.rowCount(); ++group) {
            const QModelIndex groupIndex = identity.index(group, 0);
            for (int row = 0; row < identity.rowCount(groupIndex); ++row) {
                QString text;
                for (int column = 0; column < IdentityMapModel::ColumnCount; ++column)
                    text += identity.index(row, column, groupIndex).data().toString() + u'|';
                const int slot = identity.objectSlot(identity.index(row, 0, groupIndex));
                shownNow.insert(slot, text);
                if (shownBefore.contains(slot) && shownBefore.value(slot) != text)
                    QVERIFY2(announced.contains(slot), qPrintable(where + u": "_s + text));
            }
        }
        shownBefore = shownNow;

        const char *sets[] = {"new", "dirty", "deleted"};
        for (int group = 0; group < PendingModel::GroupCount; ++group) {
            const QStringList expected = stringsOf(state.value(QLatin1String(sets[group])));
            QVERIFY2(sorted(namesIn(pending, pending.index(group, 0))) == sorted(expected),
                     qPrintable(where + u": "_s + QLatin1String(sets[group])));
        }

        // The object model follows the first object in the identity map, if any.
        if (identity.rowCount() > 0) {
            for (int group = 0; group < identity.rowCount(); ++group) {
                const QModelIndex groupIndex = identity.index(group, 0);
                if (identity.rowCount(groupIndex) == 0)
                    continue;
                const int slot = identity.objectSlot(identity.index(0, 0, groupIndex));
                object.setObjectSlot(slot);
                const QString name = identity.index(0, 0, groupIndex).data().toString();
                const QJsonObject attrs =
                    objects.value(name).toObject().value(u"attrs"_s).toObject();
                QCOMPARE(object.rowCount(), int(attrs.size()));
                for (int row = 0; row < object.rowCount(); ++row) {
                    const QString attribute = object.index(row, 0).data().toString();
                    const bool loaded =
                        attrs.value(attribute).toObject().value(u"loaded"_s).toBool();
                    const QString status =
                        object.index(row, ObjectModel::StatusColumn).data().toString();
                    QVERIFY2(loaded == (status == u"loaded"_s),
                             qPrintable(where + u": "_s + name + u'.' + attribute));
                }
                break;
            }
        }
    }
    // Stepping moves rows in and out; it never resets the model.
    QCOMPARE(identityResets.count(), 0);
}

void UiModelsTest::objectModelShowsHistory()
{
    auto document = scenarioDocument(kSourceDir + u"/resources/scenarios/demo.json"_s);
    ObjectModel model;
    model.setDocument(document.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Operation 13 of the demo: set ann name = "annie", on a loaded, persistent ann.
    const Timeline &timeline = document->timeline();
    QCOMPARE(timeline.operation(13).label, u"set ann name = \"annie\""_s);
    QVERIFY(document->setCursor(timeline.stateEventOf(13)));
    const int ann = timeline.ids().find(timeline.operation(13).object);
    QVERIFY(ann >= 0);
    model.setObjectSlot(ann);
    QVERIFY(model.objectExists());
    int nameRow = -1;
    int idRow = -1;
    int addressesRow = -1;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QString attribute = model.index(row, 0).data().toString();
        if (attribute == u"name")
            nameRow = row;
        else if (attribute == u"id")
            idRow = row;
        else if (attribute == u"addresses")
            addressesRow = row;
    }
    QVERIFY(nameRow >= 0 && idRow >= 0 && addressesRow >= 0);
    auto cell = [&](int row, int column) { return model.index(row, column).data().toString(); };
    QCOMPARE(cell(nameRow, ObjectModel::ValueColumn), u"\"annie\""_s);
    QCOMPARE(cell(nameRow, ObjectModel::CommittedColumn), u"\"ann\""_s);
    QCOMPARE(cell(nameRow, ObjectModel::AddedColumn), u"\"annie\""_s);
    QCOMPARE(cell(nameRow, ObjectModel::DeletedColumn), u"\"ann\""_s);
    QCOMPARE(cell(nameRow, ObjectModel::UnchangedColumn), QString());
    // What this step changed is marked, and only that.
    QVERIFY(model.index(nameRow, 0).data(ChangedAtStepRole).toBool());
    QVERIFY(!model.index(idRow, 0).data(ChangedAtStepRole).toBool());

    // At the end of operation 17 (append ann addresses = work), the collection has two members,
    // one of them added; each member links to its object.
    QVERIFY(document->setCursor(timeline.stateEventOf(17)));
    const QModelIndex addresses = model.index(addressesRow, 0);
    QCOMPARE(model.rowCount(addresses), 2);
    QStringList statuses;
    for (int row = 0; row < 2; ++row) {
        statuses.append(model.index(row, ObjectModel::StatusColumn, addresses).data().toString());
        const int linked =
            model.index(row, ObjectModel::ValueColumn, addresses).data(ObjectSlotRole).toInt();
        QVERIFY(linked >= 0);
        QCOMPARE(document->renderer().nameOf(linked),
                 model.index(row, ObjectModel::ValueColumn, addresses).data().toString());
    }
    QCOMPARE(sorted(statuses), (QStringList{u"added"_s, u"unchanged"_s}));
    // Removing one (operation 19) shows it as removed, still a child row.
    QVERIFY(document->setCursor(timeline.stateEventOf(19)));
    statuses.clear();
    for (int row = 0; row < model.rowCount(addresses); ++row)
        statuses.append(model.index(row, ObjectModel::StatusColumn, addresses).data().toString());
    QCOMPARE(sorted(statuses), (QStringList{u"added"_s, u"removed"_s}));
    // Before ann existed there is nothing to show.
    QVERIFY(document->setCursor(-1));
    QVERIFY(!model.objectExists());
    QCOMPARE(model.rowCount(), 0);
}

void UiModelsTest::steppingTargets()
{
    auto document = scenarioDocument(kSourceDir + u"/resources/scenarios/demo.json"_s);
    const Timeline &timeline = document->timeline();
    // Step over visits the state after every operation, in order, then stays.
    QList<qint64> visited;
    while (document->nextOperationTarget() != document->cursor()) {
        QVERIFY(document->setCursor(document->nextOperationTarget()));
        visited.append(document->cursor());
        QVERIFY(document->atOperationBoundary());
    }
    QList<qint64> expected;
    for (int op = 1; op <= document->operationCount(); ++op)
        expected.append(timeline.stateEventOf(op));
    QCOMPARE(visited, expected);
    // Step back goes through them in reverse down to the start.
    for (int op = document->operationCount() - 1; op >= 0; --op) {
        QVERIFY(document->setCursor(document->previousOperationTarget()));
        QCOMPARE(document->cursor(), timeline.stateEventOf(op));
    }
    // Step into visits every event but keyframes; step out leaves the operation.
    QVERIFY(document->setCursor(-1));
    qint64 steps = 0;
    while (document->nextEventTarget() != document->cursor()) {
        QVERIFY(document->setCursor(document->nextEventTarget()));
        QVERIFY(timeline.eventType(document->cursor()) != TraceEventType::Keyframe);
        ++steps;
    }
    qint64 keyframes = 0;
    for (qint64 event = 0; event < timeline.eventCount(); ++event)
        keyframes += timeline.eventType(event) == TraceEventType::Keyframe;
    QCOMPARE(steps + keyframes, timeline.eventCount());
    QVERIFY(document->setCursor(timeline.firstEventOf(9) + 2)); // inside the flush
    QCOMPARE(document->stepOutTarget(), timeline.stateEventOf(9));
    QVERIFY(!document->atOperationBoundary());
    // The baseline inside an operation is the previous event; at its end, before the operation.
    QVERIFY(document->setCursor(timeline.stateEventOf(9)));
    QCOMPARE(document->currentOperation(), 9);
}

void UiModelsTest::eventLogRowsAndFilters()
{
    auto document = scenarioDocument(kSourceDir + u"/resources/scenarios/demo.json"_s);
    const Timeline &timeline = document->timeline();
    EventLogModel model;
    model.setDocument(document.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), document->operationCount());
    // Every event has a row: its own, or for begin and end events its operation's.
    for (qint64 event = 0; event < timeline.eventCount(); ++event) {
        const QModelIndex index = model.indexOfEvent(event);
        QVERIFY(index.isValid());
        QCOMPARE(model.operationOf(index), timeline.operationOf(event));
        const TraceEventType type = timeline.eventType(event);
        if (type == TraceEventType::Begin || type == TraceEventType::End ||
            type == TraceEventType::Keyframe)
            QVERIFY(!index.parent().isValid());
        else
            QCOMPARE(model.eventOf(index), event);
    }
    // The flush's children include its INSERT statements, in order.
    const QModelIndex flush = model.index(8, 0);
    QCOMPARE(model.index(8, EventLogModel::KindColumn).data().toString(), u"flush"_s);
    QStringList statements;
    for (int row = 0; row < model.rowCount(flush); ++row) {
        if (model.index(row, EventLogModel::KindColumn, flush).data().toString() == u"SQL")
            statements.append(
                model.index(row, EventLogModel::SummaryColumn, flush).data().toString());
    }
    QCOMPARE(statements.size(), 2);
    QVERIFY(statements[0].startsWith(u"INSERT INTO \"users\""_s));
    QVERIFY(statements[1].startsWith(u"INSERT INTO \"addresses\""_s));
    // The row at the cursor is marked; later rows are dimmed.
    QVERIFY(document->setCursor(timeline.stateEventOf(9)));
    QVERIFY(model.index(8, 0).data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(!model.index(8, 0).data(FutureRole).toBool());
    QVERIFY(model.index(9, 0).data(FutureRole).toBool());

    // Filters: only SQL events, under the operations that sent them.
    EventFilter sql;
    sql.kind = u"sql"_s;
    model.setFilter(sql);
    QVERIFY(model.rowCount() > 0 && model.rowCount() < document->operationCount());
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex op = model.index(row, 0);
        QVERIFY(model.rowCount(op) > 0);
        for (int child = 0; child < model.rowCount(op); ++child)
            QCOMPARE(timeline.eventType(model.eventOf(model.index(child, 0, op))),
                     TraceEventType::Sql);
    }
    // An operation kind keeps those operations only.
    EventFilter flushes;
    flushes.kind = u"flush"_s;
    model.setFilter(flushes);
    QCOMPARE(model.rowCount(), 2);
    // Events that touched the address "work": each one names it or changes it.
    int work = -1;
    for (int slot = 0; slot < timeline.ids().size(); ++slot) {
        if (document->objectNameOfSlot(slot) == u"work")
            work = slot;
    }
    QVERIFY(work >= 0);
    EventFilter touching;
    touching.object = timeline.ids().idAt(work);
    model.setFilter(touching);
    QVERIFY(model.rowCount() > 0);
    int touchingEvents = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex op = model.index(row, 0);
        QVERIFY(model.operationOf(op) >= 16); // it did not exist before
        for (int child = 0; child < model.rowCount(op); ++child) {
            const QJsonObject event = timeline.event(model.eventOf(model.index(child, 0, op)));
            const bool names = qint64(event.value(u"object"_s).toDouble()) == touching.object;
            const bool changes = event.value(u"delta"_s)
                                     .toObject()
                                     .value(u"objects"_s)
                                     .toObject()
                                     .contains(QString::number(touching.object));
            QVERIFY(names || changes);
            ++touchingEvents;
        }
    }
    QVERIFY(touchingEvents > 3);
    // Text search is case-insensitive; no match leaves the log empty.
    EventFilter text;
    text.text = u"ANNIE"_s;
    model.setFilter(text);
    QVERIFY(model.rowCount() > 0);
    text.text = u"no such text anywhere"_s;
    model.setFilter(text);
    QCOMPARE(model.rowCount(), 0);
    model.setFilter(EventFilter());
    QCOMPARE(model.rowCount(), document->operationCount());
}

void UiModelsTest::searchMatchesWhatTheLogShows_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << QString();
    QTest::newRow("Russian") << u"ru"_s;
    QTest::newRow("German") << u"de"_s;
}

// Search reads a line only when it may match (EventTextSearch): for every event of every
// scenario and a range of texts (words of the SQL, values, object names, translated phrases,
// labels, signs), the log matches an event exactly when what it shows of it holds the text.
void UiModelsTest::searchMatchesWhatTheLogShows()
{
    QFETCH(QString, language);
    QTranslator translator;
    if (!language.isEmpty()) {
        QVERIFY(translator.load(QLocale(language), u"sessionscope"_s, u"_"_s,
                                u":/sessionscope/i18n"_s));
        QCoreApplication::installTranslator(&translator);
    }
    const QStringList texts{
        u"ann"_s,         u"ANN"_s,        u"name"_s,
        u"ann.name"_s,    u"e.n"_s,        u"annie"_s,
        u"INSERT INTO"_s, u"\"users\""_s,  u"into \"users\" (\""_s,
        u"= 1"_s,         u"(1 row)"_s,    u"row"_s,
        u"None"_s,        u"True"_s,       u"→"_s,
        u"[home]"_s,      u"#"_s,          u"theme"_s,
        u":\"dark\"}"_s,  u"09:30"_s,      u":"_s,
        u", "_s,          u"delete"_s,     u"expired"_s,
        u"transaction"_s, u"persistent"_s, u"back-populated"_s,
        u"attribute"_s,   u"sql"_s,        u"удал"_s,
        u"постоян"_s,     u"сброс"_s,      u"Zustand"_s,
        u"gelöscht"_s,    u"e"_s,          u"1"_s,
        u"UNIQUE"_s,      u"failed"_s,     u"savepoint"_s,
    };
    int matched = 0;
    for (const QString &path : scenarioFiles()) {
        auto document = scenarioDocument(path);
        const Timeline &timeline = document->timeline();
        std::vector<QString> shown(size_t(timeline.eventCount()));
        for (qint64 event = 0; event < timeline.eventCount(); ++event)
            shown[size_t(event)] = eventSearchText(*document, timeline.event(event));
        for (const QString &text : texts) {
            EventFilter filter;
            filter.text = text;
            const EventMatcher matcher(*document, filter);
            for (qint64 event = 0; event < timeline.eventCount(); ++event) {
                if (timeline.eventType(event) == TraceEventType::Keyframe)
                    continue;
                const bool expected = shown[size_t(event)].contains(text, Qt::CaseInsensitive);
                QVERIFY2(matcher.matchesEvent(event) == expected,
                         qPrintable(u"%1, event %2, \"%3\" in: %4"_s.arg(QFileInfo(path).fileName())
                                        .arg(event + 1)
                                        .arg(text, shown[size_t(event)])));
                matched += expected;
            }
        }
    }
    QVERIFY(matched > 1000);
    QCoreApplication::removeTranslator(&translator);
}

// "delete" finds the deletes, not every attribute event whose History has "deleted": [].
void UiModelsTest::searchLeavesJsonAlone()
{
    auto document = scenarioDocument(kSourceDir + u"/resources/scenarios/demo.json"_s);
    const Timeline &timeline = document->timeline();
    EventLogModel model;
    model.setDocument(document.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    qint64 attributeLinesWithDeleted = 0;
    for (qint64 event = 0; event < timeline.eventCount(); ++event)
        attributeLinesWithDeleted += timeline.eventType(event) == TraceEventType::Attribute &&
                                     timeline.eventText(event).contains("\"deleted\":[]");
    QVERIFY(attributeLinesWithDeleted > 5);

    EventFilter filter;
    filter.text = u"delete"_s;
    model.setFilter(filter);
    QStringList operations;
    int events = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex op = model.index(row, EventLogModel::SummaryColumn);
        operations.append(op.data().toString());
        for (int child = 0; child < model.rowCount(op.siblingAtColumn(0)); ++child) {
            const QModelIndex event = model.index(child, 0, op.siblingAtColumn(0));
            const QString kind = event.siblingAtColumn(EventLogModel::KindColumn).data().toString();
            const QString summary =
                event.siblingAtColumn(EventLogModel::SummaryColumn).data().toString();
            QVERIFY2(kind != u"attribute"_s, qPrintable(summary));
            QVERIFY2(QString(kind + summary).contains(u"delete"_s, Qt::CaseInsensitive) ||
                         timeline.eventType(model.eventOf(event)) == TraceEventType::Sql,
                     qPrintable(summary));
            ++events;
        }
    }
    // The delete of ann (operation 24), and the DELETE statements and lifecycle transitions
    // to "deleted" under the flushes and commits that ran them.
    QVERIFY2(operations.contains(u"delete ann"_s), qPrintable(operations.join(u", "_s)));
    QVERIFY(events >= 3);
    // An object's name is found where the log shows it, though lines name objects by id.
    filter.text = u"ann.name"_s;
    model.setFilter(filter);
    QVERIFY(model.rowCount() > 0);
    const QModelIndex set = model.index(0, 0);
    QVERIFY(model.rowCount(set) > 0);
    QVERIFY(model.index(0, EventLogModel::SummaryColumn, set)
                .data()
                .toString()
                .startsWith(u"ann.name = "_s));
}

// "Events that touched ann.name": the events that name the attribute or change it, which
// the states before and after each event tell; never one that only set another attribute.
void UiModelsTest::attributeFilterListsWhatChangedIt()
{
    auto document = scenarioDocument(kSourceDir + u"/resources/scenarios/demo.json"_s);
    const Timeline &timeline = document->timeline();
    const qint64 annId = timeline.operation(2).object >= 0 ? timeline.operation(2).object : 1;
    const int ann = timeline.ids().find(annId);
    QCOMPARE(document->objectNameOfSlot(ann), u"ann"_s);
    for (const QString &attribute : {u"name"_s, u"joined"_s, u"addresses"_s}) {
        EventFilter filter;
        filter.object = annId;
        filter.attribute = attribute;
        const EventMatcher matcher(*document, filter);
        auto attributeAt = [&](qint64 event) -> QJsonValue {
            if (!document->setCursor(event))
                return u"cannot seek"_s;
            // Before the object exists its attribute reads as not loaded, as a trace says.
            const TraceObject *object = document->timeline().state().object(ann);
            if (!object || !object->exists())
                return QJsonObject{{u"loaded"_s, false}};
            return document->renderer().object(ann).value(u"attrs"_s).toObject().value(attribute);
        };
        int listed = 0;
        for (qint64 event = 0; event < timeline.eventCount(); ++event) {
            const TraceEventType type = timeline.eventType(event);
            if (type == TraceEventType::Keyframe)
                continue;
            const QJsonObject json = timeline.event(event);
            const bool names = qint64(json.value(u"object"_s).toDouble(-1)) == annId &&
                               (json.value(u"attr"_s).toString() == attribute ||
                                (type == TraceEventType::Expire &&
                                 (json.value(u"attrs"_s).toArray().isEmpty() ||
                                  json.value(u"attrs"_s).toArray().contains(attribute))));
            const QJsonValue before = attributeAt(event - 1);
            const QJsonValue after = attributeAt(event);
            const bool expected = names || before != after;
            QVERIFY2(matcher.matchesEvent(event) == expected,
                     qPrintable(u"ann.%1, event %2: %3"_s.arg(attribute).arg(event + 1).arg(
                         summarizeEvent(*document, json))));
            listed += expected;
        }
        QVERIFY(listed >= 3);
    }
    // The event that set ann.joined, as the object first appeared, is not about her name.
    EventFilter name;
    name.object = annId;
    name.attribute = u"name"_s;
    const EventMatcher matcher(*document, name);
    for (qint64 event = timeline.firstEventOf(2); event <= timeline.stateEventOf(2); ++event) {
        const QJsonObject json = timeline.event(event);
        if (json.value(u"attr"_s).toString() == u"joined")
            QVERIFY(!matcher.matchesEvent(event));
    }
}

void UiModelsTest::sqlModelListsEveryStatement()
{
    auto document = scenarioDocument(kSourceDir + u"/resources/scenarios/demo.json"_s);
    SqlModel model;
    model.setDocument(document.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QJsonObject summary = traceSummary(document->timeline());
    QCOMPARE(model.rowCount(), summary.value(u"statements"_s).toInt());
    QCOMPARE(model.rowAtOrBefore(-1), -1);
    QCOMPARE(model.rowAtOrBefore(document->eventCount()), model.rowCount() - 1);
    for (int row = 0; row < model.rowCount(); ++row) {
        const qint64 event = model.eventAt(row);
        QCOMPARE(model.rowAtOrBefore(event), row);
        QCOMPARE(model.index(row, SqlModel::StatementColumn).data().toString(),
                 document->timeline().statement(event).sql.simplified());
        QCOMPARE(model.index(row, SqlModel::OperationColumn).data().toInt(),
                 document->timeline().operationOf(event));
    }
}

void UiModelsTest::diffModelShowsChanges()
{
    auto document = scenarioDocument(kSourceDir + u"/resources/scenarios/demo.json"_s);
    DiffModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.isEmpty());
    const Timeline &timeline = document->timeline();
    // From the start to after the first flush: ann and home appeared.
    document->setMarkA(-1);
    document->setMarkB(timeline.stateEventOf(9));
    QVERIFY(document->setCursor(timeline.stateEventOf(3)));
    model.setDiff(document->diffBetweenMarks());
    QCOMPARE(document->cursor(), timeline.stateEventOf(3)); // the cursor stays
    QCOMPARE(model.index(0, 0).data().toString(), u"Transaction"_s);
    QCOMPARE(model.index(1, 0).data().toString(), u"Appeared (2)"_s);
    QCOMPARE(sorted(namesIn(model, model.index(1, 0))), (QStringList{u"ann"_s, u"home"_s}));
    // Renaming ann (operations 12 -> 13): one change, her name, with its History.
    document->setMarkA(timeline.stateEventOf(12));
    document->setMarkB(timeline.stateEventOf(13));
    model.setDiff(document->diffBetweenMarks());
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex changed = model.index(0, 0);
    QCOMPARE(changed.data().toString(), u"Changed (1)"_s);
    const QModelIndex ann = model.index(0, 0, changed);
    QCOMPARE(ann.data().toString(), u"ann"_s);
    QStringList fields = namesIn(model, ann);
    QVERIFY2(fields.contains(u".name"_s), qPrintable(fields.join(u", "_s)));
    const int nameRow = int(fields.indexOf(u".name"_s));
    QCOMPARE(model.index(nameRow, DiffModel::AColumn, ann).data().toString(), u"\"ann\""_s);
    QVERIFY(model.index(nameRow, DiffModel::BColumn, ann)
                .data()
                .toString()
                .startsWith(u"\"annie\"  added [\"annie\"]"_s));
    // The same step twice: no differences.
    document->setMarkB(timeline.stateEventOf(12));
    model.setDiff(document->diffBetweenMarks());
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0, 0).data().toString(), u"No differences"_s);
}

void UiModelsTest::identityMapFilter()
{
    auto document = scenarioDocument(kSourceDir + u"/resources/scenarios/demo.json"_s);
    IdentityMapModel model;
    model.setDocument(document.get());
    ObjectFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(document->setCursor(document->timeline().stateEventOf(9)));
    auto shown = [&] {
        QStringList names;
        for (int group = 0; group < proxy.rowCount(); ++group)
            names += namesIn(proxy, proxy.index(group, 0));
        return sorted(names);
    };
    QCOMPARE(shown(), (QStringList{u"ann"_s, u"home"_s}));
    proxy.setEntity(u"Address"_s);
    QCOMPARE(shown(), QStringList{u"home"_s});
    proxy.setEntity(QString());
    proxy.setText(u"home.example"_s); // an attribute value: home's email
    QCOMPARE(shown(), QStringList{u"home"_s});
    proxy.setText(u"DARK"_s); // inside ann's JSON prefs, any case
    QCOMPARE(shown(), QStringList{u"ann"_s});
    proxy.setText(u"nobody"_s);
    QCOMPARE(shown(), QStringList());
    // Stepping with a filter on keeps the proxy consistent (the tester checks it).
    proxy.setText(QString());
    for (qint64 event = -1; event < document->eventCount(); ++event)
        QVERIFY(document->setCursor(event));
}

void UiModelsTest::malformedTraceIsRefused()
{
    QByteArray trace = recordScenarioTrace(kSourceDir + u"/resources/scenarios/demo.json"_s);
    QList<QByteArray> lines = trace.split('\n');
    lines[5] = "{\"seq\":5,\"op\":2,\"t\":1,\"type\":\"lifecycle\",\"object\":";
    try {
        TraceDocument::fromData(lines.join('\n'), u"broken.jsonl"_s);
        QFAIL("a malformed trace opened");
    } catch (const MessageError &error) {
        QVERIFY2(error.message().startsWith(u"broken.jsonl:6: "_s), qPrintable(error.message()));
    }
}

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    UiModelsTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_uimodels.moc"
