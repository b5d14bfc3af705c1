// The inspector's window driven as a user would, offscreen: open a trace, step with the
// keyboard and the toolbar, click events and links, mark a diff, open broken files, and check
// what each view shows. Also the `sessionscope` executable's --screenshot, and the Russian
// and German translations, and what it says of a language it does not speak.

#include "itemroles.h"
#include "language.h"
#include "lifecyclestyle.h"
#include "mainwindow.h"
#include "models/diffmodel.h"
#include "models/eventlogmodel.h"
#include "models/identitymapmodel.h"
#include "models/objectmodel.h"
#include "models/pendingmodel.h"
#include "models/sqlmodel.h"
#include "scenario/scenariotrace.h"
#include "tracedocument.h"
#include "views/diffview.h"
#include "views/elidingdelegate.h"
#include "views/eventlogview.h"
#include "views/identitymapview.h"
#include "views/objectview.h"
#include "views/pendingview.h"
#include "views/placeholdertreeview.h"
#include "views/sqlview.h"
#include "views/transactionview.h"
#include "views/welcomepage.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QProcess>
#include <QSettings>
#include <QSlider>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolTip>
#include <QTranslator>
#include <QTreeWidget>
#include <QXmlStreamReader>

using namespace sessionscope;
using namespace Qt::StringLiterals;

namespace {

const QString kSourceDir = QStringLiteral(SESSIONSCOPE_SOURCE_DIR);
const QString kDemo = kSourceDir + u"/resources/scenarios/demo.json"_s;

QDockWidget *dockOf(QWidget *view)
{
    return qobject_cast<QDockWidget *>(view->parentWidget());
}

QStringList namesIn(const QAbstractItemModel &model, const QModelIndex &group)
{
    QStringList names;
    for (int row = 0; row < model.rowCount(group); ++row)
        names.append(model.index(row, 0, group).data().toString());
    return names;
}

QMessageBox *errorDialog(QWidget *window)
{
    return window->findChild<QMessageBox *>(u"errorDialog"_s);
}

// The row of a two-level model whose first column says `name`, under any group.
QModelIndex findRow(const QAbstractItemModel &model, const QString &name)
{
    for (int group = 0; group < model.rowCount(); ++group) {
        const QModelIndex parent = model.index(group, 0);
        for (int row = 0; row < model.rowCount(parent); ++row) {
            if (model.index(row, 0, parent).data().toString() == name)
                return model.index(row, 0, parent);
        }
    }
    return {};
}

// Whether a cell shows less than its text (elided), as the view paints it now.
bool isCut(QAbstractItemView *view, const QModelIndex &index)
{
    auto *delegate = qobject_cast<ElidingDelegate *>(view->itemDelegateForIndex(index));
    if (!delegate)
        return false;
    QStyleOptionViewItem option;
    option.initFrom(view->viewport());
    option.widget = view;
    option.font = view->font();
    option.fontMetrics = view->fontMetrics();
    option.rect = view->visualRect(index);
    const int icon = view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, view);
    option.decorationSize = view->iconSize().isValid() ? view->iconSize() : QSize(icon, icon);
    option.displayAlignment = Qt::AlignLeft | Qt::AlignVCenter;
    option.textElideMode = view->textElideMode();
    return delegate->isElided(option, index);
}

// Headers whose sections are narrower than their titles, as "Header: title".
QStringList clippedHeaders(QHeaderView *header, const QString &where)
{
    QStringList clipped;
    for (int section = 0; section < header->count(); ++section) {
        if (!header->isSectionHidden(section) &&
            header->sectionSize(section) < header->sectionSizeHint(section))
            clipped.append(where + u": "_s +
                           header->model()->headerData(section, Qt::Horizontal).toString());
    }
    return clipped;
}

// Sections reaching past the right edge of their view.
QStringList offscreenColumns(QAbstractItemView *view, QHeaderView *header, const QString &where)
{
    QStringList offscreen;
    for (int section = 0; section < header->count(); ++section) {
        if (header->sectionViewportPosition(section) + header->sectionSize(section) >
            view->viewport()->width())
            offscreen.append(where + u": "_s +
                             header->model()->headerData(section, Qt::Horizontal).toString());
    }
    return offscreen;
}

} // namespace

class InspectorTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void emptyWindowShowsHowToStart();
    void openTraceAndStepWithTheKeyboard();
    void stepIntoAFlushStatementByStatement();
    void clickingAnEventGoesThere();
    void referencesAreLinks();
    void eventsThatTouchedAnObject();
    void diffBetweenTwoMarkedSteps();
    void malformedFileKeepsTheWindowUsable();
    void truncatedTraceOpensWithAWarning();
    void openScenarioAndRecentFiles();
    void sliderAndPlay();
    void dockLayoutIsRemembered();
    void darkPaletteKeepsBadgesReadable();
    void screenshotOption();
    void searchFindsWhatTheLogShows();
    void eventsThatTouchedAnAttribute();
    void layoutFits_data();
    void layoutFits();
    void elidedTextHasATooltip();
    void pendingSaysOnlyWhatIsTrue();
    void diffHasRoomAndNamesItsSteps();
    void translationsAreComplete_data();
    void translationsAreComplete();
    void windowSpeaksTheLanguage_data();
    void windowSpeaksTheLanguage();
    void unknownLanguageWarns();
    void failedFlushMustBeRolledBack();

private:
    QString writeDemoTrace();
    QTemporaryDir m_dir;
};

void InspectorTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Settings (recent files, layout) go to a throw-away place.
    qputenv("XDG_CONFIG_HOME", m_dir.filePath(u"config"_s).toLocal8Bit());
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"SessionScopeTest"_s);
    QCoreApplication::setApplicationName(u"InspectorTest"_s);
    QSettings().clear();
}

void InspectorTest::cleanup()
{
    QSettings().clear();
}

QString InspectorTest::writeDemoTrace()
{
    const QString path = m_dir.filePath(u"demo.jsonl"_s);
    QFile file(path);
    if (!file.exists()) {
        file.open(QIODevice::WriteOnly);
        file.write(recordScenarioTrace(kDemo));
    }
    return path;
}

void InspectorTest::emptyWindowShowsHowToStart()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.welcomePage()->isVisible());
    QVERIFY(!dockOf(window.eventLogView())->isVisible());
    QVERIFY(!window.stepAction(MainWindow::Step::Over)->isEnabled());
    QCOMPARE(window.positionText(), u"Nothing open"_s);
    // Every stepping command is in a menu with its shortcut.
    for (auto step : {MainWindow::Step::Over, MainWindow::Step::Into, MainWindow::Step::Out,
                      MainWindow::Step::Back, MainWindow::Step::BackInto})
        QVERIFY(!window.stepAction(step)->shortcut().isEmpty());
    QCOMPARE(window.stepAction(MainWindow::Step::Over)->shortcut(), QKeySequence(Qt::Key_F10));
    QCOMPARE(window.stepAction(MainWindow::Step::Into)->shortcut(), QKeySequence(Qt::Key_F11));
    QCOMPARE(window.stepAction(MainWindow::Step::Out)->shortcut(),
             QKeySequence(Qt::SHIFT | Qt::Key_F11));
    // The demo button opens the bundled scenario.
    QVERIFY(window.openDemo());
    QVERIFY(!window.welcomePage()->isVisible());
    QVERIFY(dockOf(window.eventLogView())->isVisible());
    window.closeDocument();
    QVERIFY(window.welcomePage()->isVisible());
}

void InspectorTest::openTraceAndStepWithTheKeyboard()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(writeDemoTrace()));
    TraceDocument *document = window.document();
    QCOMPARE(document->cursor(), -1);
    const Timeline &timeline = document->timeline();
    QVERIFY(window.windowTitle().startsWith(u"A first session"_s));

    // F10 steps over operations: after 7 (add ann), ann is pending, in "new".
    for (int op = 1; op <= 7; ++op)
        QTest::keyClick(&window, Qt::Key_F10);
    QCOMPARE(document->cursor(), timeline.stateEventOf(7));
    QCOMPARE(window.positionText().left(23), u"After operation 7 of 26"_s);
    PendingModel *pending = window.pendingView()->model();
    QCOMPARE(namesIn(*pending, pending->index(PendingModel::NewGroup, 0)),
             (QStringList{u"ann"_s, u"home"_s}));
    IdentityMapModel *identity = window.identityMapView()->model();
    QCOMPARE(identity->rowCount(identity->index(0, 0)), 0);

    // Two more (note, flush): both are persistent, in the identity map, nothing pending.
    QTest::keyClick(&window, Qt::Key_F10);
    QTest::keyClick(&window, Qt::Key_F10);
    QCOMPARE(document->currentOperation(), 9);
    QCOMPARE(namesIn(*pending, pending->index(PendingModel::NewGroup, 0)), QStringList());
    QStringList inMap;
    for (int group = 0; group < identity->rowCount(); ++group)
        inMap += namesIn(*identity, identity->index(group, 0));
    inMap.sort();
    QCOMPARE(inMap, (QStringList{u"ann"_s, u"home"_s}));
    const QModelIndex annRow = identity->indexOfSlot(timeline.ids().find(1));
    QCOMPARE(annRow.siblingAtColumn(IdentityMapModel::StateColumn).data().toString(),
             u"persistent"_s);
    QVERIFY(annRow.data(ChangedAtStepRole).toBool());
    QVERIFY(window.transactionView()->statusText().contains(u"active"_s));

    // Shift+F10 goes back one operation; Ctrl+Home to the start; Ctrl+End to the end.
    QTest::keyClick(&window, Qt::Key_F10, Qt::ShiftModifier);
    QCOMPARE(document->cursor(), timeline.stateEventOf(8));
    QTest::keyClick(&window, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(document->cursor(), -1);
    QVERIFY(!window.stepAction(MainWindow::Step::Back)->isEnabled());
    QTest::keyClick(&window, Qt::Key_End, Qt::ControlModifier);
    QCOMPARE(document->cursor(), document->eventCount() - 1);
    QVERIFY(!window.stepAction(MainWindow::Step::Over)->isEnabled());
}

void InspectorTest::stepIntoAFlushStatementByStatement()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(writeDemoTrace()));
    TraceDocument *document = window.document();
    const Timeline &timeline = document->timeline();
    QVERIFY(window.stepTo(timeline.stateEventOf(8)));
    SqlModel *sql = window.sqlView()->model();
    QTableView *sqlTable = window.sqlView()->view();
    // F11 into the flush until its first INSERT: the SQL view follows, the transaction view
    // says a flush is under way, and only ann is persistent yet.
    QStringList sqlSeen;
    while (document->cursor() < timeline.stateEventOf(9)) {
        QTest::keyClick(&window, Qt::Key_F11);
        QCOMPARE(document->currentOperation(), 9);
        if (timeline.eventType(document->cursor()) == TraceEventType::Sql) {
            sqlSeen.append(sqlTable->currentIndex().data().toString());
            QCOMPARE(sqlTable->currentIndex().row(), sql->rowAtOrBefore(document->cursor()));
            if (sqlSeen.size() == 1) {
                QVERIFY(window.transactionView()->statusText().contains(u"in progress"_s));
                QVERIFY(!window.stepAction(MainWindow::Step::Out)->text().isEmpty());
            }
        }
    }
    QCOMPARE(sqlSeen.size(), 2);
    QVERIFY(sqlSeen[0].startsWith(u"INSERT INTO \"users\""_s));
    QVERIFY(sqlSeen[1].startsWith(u"INSERT INTO \"addresses\""_s));
    // Ctrl+F11 steps back one event; Shift+F11 steps out to the end of the operation.
    QTest::keyClick(&window, Qt::Key_F11, Qt::ControlModifier);
    QCOMPARE(document->cursor(), timeline.stateEventOf(9) - 1);
    QTest::keyClick(&window, Qt::Key_F11, Qt::ShiftModifier);
    QCOMPARE(document->cursor(), timeline.stateEventOf(9));
    QVERIFY(!window.transactionView()->statusText().contains(u"in progress"_s));
}

void InspectorTest::clickingAnEventGoesThere()
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(writeDemoTrace()));
    TraceDocument *document = window.document();
    QTreeView *log = window.eventLogView()->view();
    EventLogModel *model = window.eventLogView()->model();
    const QModelIndex commit = model->index(9, EventLogModel::SummaryColumn); // operation 10
    QCOMPARE(commit.siblingAtColumn(EventLogModel::KindColumn).data().toString(), u"commit"_s);
    QTest::mouseClick(log->viewport(), Qt::LeftButton, {}, log->visualRect(commit).center());
    QCOMPARE(document->cursor(), document->timeline().stateEventOf(10));
    // The SQL view's rows step too.
    QTableView *sql = window.sqlView()->view();
    const QModelIndex first = window.sqlView()->model()->index(0, SqlModel::StatementColumn);
    QTest::mouseClick(sql->viewport(), Qt::LeftButton, {}, sql->visualRect(first).center());
    QCOMPARE(document->cursor(), window.sqlView()->model()->eventAt(0));
    // Keyboard in the log: Down moves to the next row and steps there.
    log->setFocus();
    const qint64 before = document->cursor();
    QTest::keyClick(log, Qt::Key_Down);
    QVERIFY(document->cursor() > before);
}

void InspectorTest::referencesAreLinks()
{
    MainWindow window;
    window.resize(1400, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(writeDemoTrace()));
    TraceDocument *document = window.document();
    const Timeline &timeline = document->timeline();
    QVERIFY(window.stepTo(timeline.stateEventOf(9)));
    const int home = timeline.ids().find(2);
    window.selectObject(home);
    ObjectView *objectView = window.objectView();
    QCOMPARE(objectView->objectSlot(), home);
    QVERIFY(objectView->headline().contains(u"home"_s));
    ObjectModel *model = objectView->model();
    QModelIndex user;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data().toString() == u"user")
            user = model->index(row, ObjectModel::ValueColumn);
    }
    QVERIFY(user.isValid());
    QCOMPARE(user.data().toString(), u"ann"_s);
    QTreeView *tree = objectView->view();
    tree->scrollTo(user);
    QVERIFY(tree->viewport()->rect().contains(tree->visualRect(user).center()));
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(user).center());
    QCOMPARE(objectView->objectSlot(), timeline.ids().find(1));
    // The identity map selects the object the object view shows.
    const QModelIndex current = window.identityMapView()->view()->currentIndex();
    QCOMPARE(current.data().toString(), u"ann"_s);
    // Before ann existed, the object view says so instead of showing stale values.
    QVERIFY(window.stepTo(-1));
    QCOMPARE(model->rowCount(), 0);
    QVERIFY(objectView->view()->placeholderText().contains(u"does not exist"_s));
}

void InspectorTest::eventsThatTouchedAnObject()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(writeDemoTrace()));
    TraceDocument *document = window.document();
    QVERIFY(window.stepTo(document->eventCount() - 1));
    const int home = document->timeline().ids().find(2);
    window.selectObject(home);
    emit window.objectView()->showEventsTouching(2, u"user"_s);
    EventLogModel *log = window.eventLogView()->model();
    QCOMPARE(log->filter().object, 2);
    QCOMPARE(log->filter().attribute, u"user"_s);
    QVERIFY(log->rowCount() > 0 && log->rowCount() < document->operationCount());
    // set home user = "ann" is one of them.
    bool found = false;
    for (int row = 0; row < log->rowCount(); ++row)
        found = found || log->index(row, EventLogModel::SummaryColumn).data().toString() ==
                             u"set home user = \"ann\""_s;
    QVERIFY(found);
    window.eventLogView()->clearFilters();
    QCOMPARE(log->rowCount(), document->operationCount());
}

void InspectorTest::diffBetweenTwoMarkedSteps()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(writeDemoTrace()));
    TraceDocument *document = window.document();
    DiffModel *diff = window.diffView()->model();
    QVERIFY(diff->isEmpty());
    QVERIFY(!window.diffView()->view()->placeholderText().isEmpty());
    QTest::keyClick(&window, Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
    for (int op = 1; op <= 9; ++op)
        QTest::keyClick(&window, Qt::Key_F10);
    QTest::keyClick(&window, Qt::Key_B, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(document->markA(), -1);
    QCOMPARE(document->markB(), document->timeline().stateEventOf(9));
    QVERIFY(dockOf(window.diffView())->isVisible());
    QVERIFY(!diff->isEmpty());
    QStringList headings = namesIn(*diff, {});
    QVERIFY2(headings.contains(u"Appeared (2)"_s), qPrintable(headings.join(u", "_s)));
}

void InspectorTest::malformedFileKeepsTheWindowUsable()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(writeDemoTrace()));
    QVERIFY(window.stepTo(10));
    // A trace with a broken third line.
    QFile demo(writeDemoTrace());
    QVERIFY(demo.open(QIODevice::ReadOnly));
    QList<QByteArray> lines = demo.readAll().split('\n');
    lines[2] = "{\"seq\":2,\"op\":1,\"t\":5,\"type\":\"end\",\"error\":nul}";
    const QString broken = m_dir.filePath(u"broken.jsonl"_s);
    QFile out(broken);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(lines.join('\n'));
    out.close();

    QVERIFY(!window.openFile(broken));
    QVERIFY2(window.lastError().startsWith(broken + u":3: "_s), qPrintable(window.lastError()));
    QMessageBox *box = errorDialog(&window);
    QVERIFY(box);
    QVERIFY(box->isVisible());
    QVERIFY(!box->isModal() || box->windowModality() != Qt::ApplicationModal);
    QVERIFY(box->text().contains(u":3: "_s));
    box->close();
    // What was open stays open, at the same step.
    QVERIFY(window.document());
    QCOMPARE(window.document()->cursor(), 10);
    // A scenario with a mistake names the file and the step.
    const QString badScenario = m_dir.filePath(u"bad-scenario.json"_s);
    QFile scenario(badScenario);
    QVERIFY(scenario.open(QIODevice::WriteOnly));
    scenario.write(
        R"({"format": "sessionscope-scenario/1", "title": "t", "schema": {"entities": [{"name": "User", "table": "users", "columns": [{"name": "id", "type": "integer", "primary_key": true}]}]}, "steps": [{"op": "fly"}]})");
    scenario.close();
    QVERIFY(!window.openFile(badScenario));
    QVERIFY2(window.lastError().contains(u"bad-scenario.json"_s), qPrintable(window.lastError()));
    QVERIFY2(window.lastError().contains(u"fly"_s), qPrintable(window.lastError()));
    // And a file that is not there.
    QVERIFY(!window.openFile(m_dir.filePath(u"missing.jsonl"_s)));
    QVERIFY(window.lastError().contains(u"missing.jsonl"_s));
    QVERIFY(window.openFile(writeDemoTrace()));
}

void InspectorTest::truncatedTraceOpensWithAWarning()
{
    QFile demo(writeDemoTrace());
    QVERIFY(demo.open(QIODevice::ReadOnly));
    const QByteArray whole = demo.readAll();
    const QString cut = m_dir.filePath(u"cut.jsonl"_s);
    QFile out(cut);
    QVERIFY(out.open(QIODevice::WriteOnly));
    // Ends inside a line: a few bytes before the end of the line that crosses the middle (the
    // middle itself may fall on a line's end, as times in the trace vary in length).
    out.write(whole.left(whole.indexOf('\n', whole.size() / 2) - 5));
    out.close();
    MainWindow window;
    window.show();
    QVERIFY(window.openFile(cut));
    QVERIFY(window.lastError().contains(u"cut.jsonl:"_s));
    QVERIFY(errorDialog(&window));
    QVERIFY(window.document()->eventCount() > 0);
}

void InspectorTest::openScenarioAndRecentFiles()
{
    MainWindow window;
    window.show();
    const QString scenario =
        kSourceDir + u"/tests/conformance/scenarios/savepoint-nested-depth.json"_s;
    QVERIFY(window.openFile(scenario));
    TraceDocument *document = window.document();
    QVERIFY(document->operationCount() > 3);
    // Somewhere in it two savepoints are open at once, and the transaction view lists both.
    int most = 0;
    for (qint64 event = 0; event < document->eventCount(); ++event) {
        QVERIFY(window.stepTo(event));
        const int open = window.transactionView()->savepoints()->topLevelItemCount();
        QCOMPARE(open, document->timeline().state().nestedDepth());
        most = std::max(most, open);
    }
    QVERIFY(most >= 2);
    const QStringList recent = QSettings().value(u"recentFiles"_s).toStringList();
    QCOMPARE(recent.value(0), QFileInfo(scenario).absoluteFilePath());
}

void InspectorTest::sliderAndPlay()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(writeDemoTrace()));
    TraceDocument *document = window.document();
    QSlider *slider = window.slider();
    QCOMPARE(slider->minimum(), -1);
    QCOMPARE(slider->maximum(), int(document->eventCount() - 1));
    slider->setValue(40);
    QCOMPARE(document->cursor(), 40);
    QVERIFY(window.stepTo(50));
    QCOMPARE(slider->value(), 50);
    // Play steps event by event on its own, and pauses again.
    window.playAction()->trigger();
    QVERIFY(window.playAction()->isChecked());
    QTRY_VERIFY_WITH_TIMEOUT(document->cursor() > 50, 5000);
    window.playAction()->trigger();
    QVERIFY(!window.playAction()->isChecked());
    const qint64 stopped = document->cursor();
    QTest::qWait(600);
    QCOMPARE(document->cursor(), stopped);
}

void InspectorTest::dockLayoutIsRemembered()
{
    {
        MainWindow window;
        window.show();
        QVERIFY(window.openFile(writeDemoTrace()));
        dockOf(window.transactionView())->close();
        QVERIFY(!dockOf(window.transactionView())->isVisible());
        window.close();
    }
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(writeDemoTrace()));
    QVERIFY(!dockOf(window.transactionView())->isVisible());
    QVERIFY(dockOf(window.sqlView())->isVisible());
}

void InspectorTest::darkPaletteKeepsBadgesReadable()
{
    const QPalette light = QApplication::palette();
    QPalette dark = light;
    dark.setColor(QPalette::Window, QColor(40, 40, 44));
    dark.setColor(QPalette::Base, QColor(30, 30, 33));
    dark.setColor(QPalette::AlternateBase, QColor(38, 38, 42));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    dark.setColor(QPalette::Button, QColor(50, 50, 54));
    dark.setColor(QPalette::ButtonText, QColor(230, 230, 230));
    for (TraceLifecycle lifecycle :
         {TraceLifecycle::Transient, TraceLifecycle::Pending, TraceLifecycle::Persistent,
          TraceLifecycle::Deleted, TraceLifecycle::Detached}) {
        // Badges are dark under light text on a dark palette, light under dark text otherwise.
        QVERIFY(lifecycleColor(lifecycle, dark).lightnessF() < 0.45);
        QVERIFY(lifecycleColor(lifecycle, light).lightnessF() > 0.6);
    }
    QVERIFY(changedAtStepColor(dark).lightnessF() < 0.5);
    QVERIFY(changedAtStepColor(light).lightnessF() > 0.5);
    QApplication::setPalette(dark);
    {
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(window.openFile(writeDemoTrace()));
        QVERIFY(window.stepTo(window.document()->timeline().stateEventOf(9)));
        window.selectObject(window.document()->timeline().ids().find(1));
        // Kept for people to look at: a dark-themed step (once layouts have settled).
        QTest::qWait(100);
        window.grab().save(QDir::temp().filePath(u"sessionscope-dark.png"_s));
        const QModelIndex annRow = window.identityMapView()->model()->indexOfSlot(
            window.document()->timeline().ids().find(1));
        const QColor background = annRow.data(Qt::BackgroundRole).value<QColor>();
        QVERIFY(background.lightnessF() < 0.5);
    }
    QApplication::setPalette(light);
}

void InspectorTest::screenshotOption()
{
    const QString png = m_dir.filePath(u"shot.png"_s);
    QProcess gui;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    environment.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
    gui.setProcessEnvironment(environment);
    gui.start(QStringLiteral(SESSIONSCOPE_GUI),
              {writeDemoTrace(), u"--at"_s, u"9"_s, u"--object"_s, u"ann"_s, u"--size"_s,
               u"1200x800"_s, u"--screenshot"_s, png});
    QVERIFY(gui.waitForFinished(60000));
    QCOMPARE(gui.exitCode(), 0);
    QImage image(png);
    QCOMPARE(image.size(), QSize(1200, 800));
    // Not a blank image: the window has text and badges in several colours.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    QVERIFY(colours.size() > 20);

    // A step that does not exist is an error naming it, with exit code 1.
    gui.start(QStringLiteral(SESSIONSCOPE_GUI),
              {writeDemoTrace(), u"--at"_s, u"99"_s, u"--screenshot"_s, png});
    QVERIFY(gui.waitForFinished(60000));
    QCOMPARE(gui.exitCode(), 1);
    QVERIFY(gui.readAllStandardError().contains("no operation 99"));
}

// Ctrl+F and a word: the log keeps what shows the word, not what holds it in its JSON.
void InspectorTest::searchFindsWhatTheLogShows()
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.openFile(writeDemoTrace()));
    const Timeline &timeline = window.document()->timeline();
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    auto *search = qobject_cast<QLineEdit *>(QApplication::focusWidget());
    QVERIFY(search);
    QCOMPARE(search->objectName(), u"eventSearch"_s);
    EventLogModel *log = window.eventLogView()->model();
    QTreeView *view = window.eventLogView()->view();
    QCOMPARE(view->model(), log);

    QTest::keyClicks(search, u"delete"_s);
    QTRY_COMPARE(log->filter().text, u"delete"_s);
    QVERIFY(log->rowCount() > 0 && log->rowCount() < 10);
    int events = 0;
    for (int row = 0; row < log->rowCount(); ++row) {
        const QModelIndex op = log->index(row, 0);
        const QString opText = op.siblingAtColumn(EventLogModel::SummaryColumn).data().toString();
        QVERIFY2(opText.contains(u"delete"_s, Qt::CaseInsensitive) || log->rowCount(op) > 0,
                 qPrintable(opText));
        for (int child = 0; child < log->rowCount(op); ++child) {
            const QModelIndex event = log->index(child, 0, op);
            const QString kind = event.siblingAtColumn(EventLogModel::KindColumn).data().toString();
            const QString summary =
                event.siblingAtColumn(EventLogModel::SummaryColumn).data().toString();
            // Attribute events hold "deleted":[] in their History; none is about deleting.
            QVERIFY2(kind != u"attribute"_s, qPrintable(summary));
            QVERIFY2(summary.contains(u"delete"_s, Qt::CaseInsensitive),
                     qPrintable(kind + u": "_s + summary));
            QVERIFY(view->isExpanded(op));
            ++events;
        }
    }
    QVERIFY(events >= 2);

    // Objects are named by id in the lines and by name in the log: the log finds the name.
    search->selectAll();
    QTest::keyClicks(search, u"ann.name ="_s);
    QTRY_COMPARE(log->filter().text, u"ann.name ="_s);
    QStringList found;
    for (int row = 0; row < log->rowCount(); ++row) {
        const QModelIndex op = log->index(row, 0);
        for (int child = 0; child < log->rowCount(op); ++child)
            found.append(log->index(child, EventLogModel::SummaryColumn, op).data().toString());
    }
    QCOMPARE(found, (QStringList{u"ann.name = \"ann\""_s, u"ann.name = \"annie\""_s}));
    // Clicking what was found steps there.
    const QModelIndex annie = log->index(0, EventLogModel::SummaryColumn, log->index(1, 0));
    view->scrollTo(annie);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(annie).center());
    QCOMPARE(window.document()->cursor(), log->eventOf(annie));
    QCOMPARE(timeline.operationOf(window.document()->cursor()), 13);
}

// The object view's context menu on ann.name lists the events that named or changed her
// name, not the one that set ann.joined when she was made.
void InspectorTest::eventsThatTouchedAnAttribute()
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.openFile(writeDemoTrace()));
    TraceDocument *document = window.document();
    for (int op = 1; op <= 13; ++op) // to "set ann name = annie"
        QTest::keyClick(&window, Qt::Key_F10);
    QTreeView *identity = window.identityMapView()->view();
    const QModelIndex annRow = findRow(*identity->model(), u"ann"_s);
    QVERIFY(annRow.isValid());
    QTest::mouseClick(identity->viewport(), Qt::LeftButton, {},
                      identity->visualRect(annRow).center());
    ObjectView *objectView = window.objectView();
    const int ann = objectView->objectSlot();
    QCOMPARE(document->objectNameOfSlot(ann), u"ann"_s);

    QTreeView *attributes = objectView->view();
    QModelIndex name;
    for (int row = 0; row < attributes->model()->rowCount(); ++row) {
        if (attributes->model()->index(row, 0).data().toString() == u"name")
            name = attributes->model()->index(row, ObjectModel::ValueColumn);
    }
    QVERIFY(name.isValid());
    bool clicked = false;
    // The menu runs its own event loop: choose from it once it is up.
    std::function<void()> choose = [&] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu) {
            QTimer::singleShot(10, choose);
            return;
        }
        for (QAction *action : menu->actions()) {
            if (action->text() == u"Events That Touched ann.name") {
                QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(action).center());
                clicked = true;
                return;
            }
        }
        menu->close();
    };
    QTimer::singleShot(0, choose);
    const QPoint at = attributes->visualRect(name).center();
    QContextMenuEvent menuEvent(QContextMenuEvent::Mouse, at,
                                attributes->viewport()->mapToGlobal(at));
    QApplication::sendEvent(attributes->viewport(), &menuEvent);
    QVERIFY(clicked);

    EventLogModel *log = window.eventLogView()->model();
    QCOMPARE(log->filter().object, document->timeline().ids().idAt(ann));
    QCOMPARE(log->filter().attribute, u"name"_s);
    QVERIFY(dockOf(window.eventLogView())->isVisible());
    QStringList operations;
    QStringList events;
    for (int row = 0; row < log->rowCount(); ++row) {
        const QModelIndex op = log->index(row, 0);
        operations.append(op.siblingAtColumn(EventLogModel::SummaryColumn).data().toString());
        for (int child = 0; child < log->rowCount(op); ++child)
            events.append(log->index(child, EventLogModel::SummaryColumn, op).data().toString());
    }
    QVERIFY2(operations.contains(u"new User as ann"_s), qPrintable(operations.join(u", "_s)));
    QVERIFY(operations.contains(u"set ann name = \"annie\""_s));
    QVERIFY(events.contains(u"ann.name = \"ann\""_s));
    for (const QString &event : std::as_const(events))
        QVERIFY2(!event.startsWith(u"ann.joined"_s) && !event.startsWith(u"ann.prefs"_s),
                 qPrintable(event));
}

void InspectorTest::layoutFits_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("language");
    for (const QSize size : {QSize(1280, 800), QSize(1440, 900)}) {
        for (const QString &language : {u"en"_s, u"ru"_s, u"de"_s}) {
            const QString name = u"%1x%2 %3"_s.arg(size.width()).arg(size.height()).arg(language);
            QTest::newRow(qPrintable(name)) << size << language;
        }
    }
}

// At common laptop sizes, in every language: the Object dock's columns are all in view, no
// header is cut, state badges are whole, and the cursor's row in the log shows its number.
void InspectorTest::layoutFits()
{
    QFETCH(QSize, size);
    QFETCH(QString, language);
    QObject translations;
    QCOMPARE(installLanguage(language, &translations), QString());
    MainWindow window;
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(writeDemoTrace()));
    TraceDocument *document = window.document();
    const Timeline &timeline = document->timeline();
    // Into the first flush, statement by statement, to its second INSERT: ann is pending.
    for (int op = 1; op <= 8; ++op)
        QTest::keyClick(&window, Qt::Key_F10);
    int statements = 0;
    while (statements < 2) {
        QTest::keyClick(&window, Qt::Key_F11);
        statements += timeline.eventType(document->cursor()) == TraceEventType::Sql;
    }
    QCOMPARE(document->cursor() + 1, 33);
    // Before an object is chosen, the Object dock's headers fit too.
    QStringList problems =
        clippedHeaders(window.objectView()->view()->header(), u"Object, none chosen"_s);
    QTreeView *pending = window.pendingView()->view();
    const QModelIndex annPending = findRow(*pending->model(), u"ann"_s);
    QVERIFY(annPending.isValid());
    QTest::mouseClick(pending->viewport(), Qt::LeftButton, {},
                      pending->visualRect(annPending).center());
    QCOMPARE(document->objectNameOfSlot(window.objectView()->objectSlot()), u"ann"_s);
    QCoreApplication::processEvents();

    QTreeView *object = window.objectView()->view();
    problems += offscreenColumns(object, object->header(), u"Object"_s);
    problems += offscreenColumns(pending, pending->header(), u"Pending"_s);
    QTreeView *identity = window.identityMapView()->view();
    problems += offscreenColumns(identity, identity->header(), u"Identity Map"_s);
    problems += clippedHeaders(object->header(), u"Object"_s);
    problems += clippedHeaders(pending->header(), u"Pending"_s);
    problems += clippedHeaders(identity->header(), u"Identity Map"_s);
    problems += clippedHeaders(window.eventLogView()->view()->header(), u"Event Log"_s);
    problems += clippedHeaders(window.sqlView()->view()->horizontalHeader(), u"SQL"_s);
    problems += clippedHeaders(window.transactionView()->savepoints()->header(), u"Transaction"_s);
    // Badges and numbers are never cut.
    for (int row = 0; row < pending->model()->rowCount(pending->model()->index(0, 0)); ++row) {
        const QModelIndex state =
            pending->model()->index(row, PendingModel::StateColumn, pending->model()->index(0, 0));
        if (isCut(pending, state))
            problems.append(u"Pending badge: "_s + state.data().toString());
    }
    QTreeView *log = window.eventLogView()->view();
    const QModelIndex current = window.eventLogView()->model()->indexOfEvent(document->cursor());
    QVERIFY(current.parent().isValid());
    QVERIFY(current.data(Qt::DecorationRole).isValid()); // the cursor's marker
    if (isCut(log, current))
        problems.append(u"Event Log: the cursor's number "_s + current.data().toString());
    for (int row = 0; row < log->model()->rowCount(); ++row) {
        const QModelIndex kind = log->model()->index(row, EventLogModel::KindColumn);
        if (isCut(log, kind))
            problems.append(u"Event Log kind: "_s + kind.data().toString());
        const QModelIndex op = kind.siblingAtColumn(0);
        for (int child = 0; log->isExpanded(op) && child < log->model()->rowCount(op); ++child) {
            const QModelIndex eventKind = log->model()->index(child, EventLogModel::KindColumn, op);
            if (isCut(log, eventKind))
                problems.append(u"Event Log kind: "_s + eventKind.data().toString());
        }
    }
    QTableView *sql = window.sqlView()->view();
    const QModelIndex statement = sql->currentIndex();
    for (int column : {SqlModel::StepColumn, SqlModel::OperationColumn, SqlModel::RowsColumn,
                       SqlModel::DurationColumn}) {
        if (isCut(sql, statement.siblingAtColumn(column)))
            problems.append(u"SQL: "_s + statement.siblingAtColumn(column).data().toString());
    }
    // A diff from the start to here.
    QTest::keyClick(&window, Qt::Key_B, Qt::ControlModifier | Qt::ShiftModifier);
    QTest::keyClick(&window, Qt::Key_Home, Qt::ControlModifier);
    QTest::keyClick(&window, Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
    QCoreApplication::processEvents();
    QTreeView *diff = window.diffView()->view();
    QVERIFY(!diff->visibleRegion().isEmpty());
    problems += offscreenColumns(diff, diff->header(), u"Diff"_s);
    problems += clippedHeaders(diff->header(), u"Diff"_s);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
}

// A cell too narrow for its text shows the whole of it in its tooltip.
void InspectorTest::elidedTextHasATooltip()
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.openFile(writeDemoTrace()));
    const Timeline &timeline = window.document()->timeline();
    QVERIFY(window.stepTo(timeline.stateEventOf(9)));
    window.selectObject(timeline.ids().find(1)); // ann
    QTreeView *object = window.objectView()->view();
    QModelIndex joined;
    for (int row = 0; row < object->model()->rowCount(); ++row) {
        if (object->model()->index(row, 0).data().toString() == u"joined")
            joined = object->model()->index(row, ObjectModel::ValueColumn);
    }
    QVERIFY(joined.isValid());
    const QString whole = joined.data().toString();
    QCOMPARE(whole, u"\"2024-03-01T09:30:00\""_s);
    auto tooltipAt = [&](const QModelIndex &index) {
        QToolTip::hideText();
        const QPoint at = object->visualRect(index).center();
        QHelpEvent help(QEvent::ToolTip, at, object->viewport()->mapToGlobal(at));
        QApplication::sendEvent(object->viewport(), &help);
        return QToolTip::isVisible() ? QToolTip::text() : QString();
    };
    QVERIFY(!isCut(object, joined));
    QCOMPARE(tooltipAt(joined), QString()); // nothing hidden, nothing to tell
    // Narrow the column as a user would, dragging its right edge.
    QHeaderView *header = object->header();
    const int edge = header->sectionViewportPosition(ObjectModel::ValueColumn) +
                     header->sectionSize(ObjectModel::ValueColumn) - 1;
    const int y = header->height() / 2;
    QTest::mousePress(header->viewport(), Qt::LeftButton, {}, QPoint(edge, y));
    QMouseEvent move(QEvent::MouseMove, QPointF(edge - 90, y),
                     header->viewport()->mapToGlobal(QPointF(edge - 90, y)), Qt::NoButton,
                     Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(header->viewport(), &move);
    QTest::mouseRelease(header->viewport(), Qt::LeftButton, {}, QPoint(edge - 90, y));
    QVERIFY(header->sectionSize(ObjectModel::ValueColumn) < 100);
    QVERIFY(isCut(object, joined));
    QCOMPARE(tooltipAt(joined), whole);
    QToolTip::hideText();
}

// The Pending dock tells what it shows, and no more.
void InspectorTest::pendingSaysOnlyWhatIsTrue()
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    PlaceholderTreeView *pending = window.pendingView()->view();
    QVERIFY(!pending->placeholderText().contains(u"flush"_s));
    QVERIFY(pending->placeholderText().contains(u"new, dirty and deleted"_s));
    QVERIFY(window.openFile(writeDemoTrace()));
    const QString empty = u"The new, dirty and deleted sets are empty at this step."_s;
    QCOMPARE(pending->noteText(), empty);
    for (int op = 1; op <= 7; ++op) // add ann: she and her address are new
        QTest::keyClick(&window, Qt::Key_F10);
    QCOMPARE(pending->noteText(), QString());
    QTest::keyClick(&window, Qt::Key_F10);
    QTest::keyClick(&window, Qt::Key_F10); // the flush wrote them
    QCOMPARE(pending->noteText(), empty);
    QTest::keyClick(&window, Qt::Key_F10, Qt::ShiftModifier);
    QCOMPARE(pending->noteText(), QString());
}

// Marking A and B brings the diff up with room to read it, each step named.
void InspectorTest::diffHasRoomAndNamesItsSteps()
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.openFile(writeDemoTrace()));
    TraceDocument *document = window.document();
    QCoreApplication::processEvents();
    window.grab().save(u"/tmp/shots/test-open.png"_s);
    QVERIFY(window.diffView()->visibleRegion().isEmpty()); // behind the SQL tab
    for (int op = 1; op <= 9; ++op)
        QTest::keyClick(&window, Qt::Key_F10);
    QTest::keyClick(&window, Qt::Key_A, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(window.diffView()->visibleRegion().isEmpty()); // one step is no comparison yet
    for (int op = 10; op <= 20; ++op)
        QTest::keyClick(&window, Qt::Key_F10);
    QTest::keyClick(&window, Qt::Key_B, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(document->markA(), document->timeline().stateEventOf(9));
    QCOMPARE(document->markB(), document->timeline().stateEventOf(20));
    QCoreApplication::processEvents();

    DiffView *diff = window.diffView();
    QVERIFY(!diff->visibleRegion().isEmpty());
    QVERIFY2(diff->width() >= window.width() / 2, qPrintable(QString::number(diff->width())));
    QVERIFY2(diff->height() >= window.height() * 2 / 5,
             qPrintable(QString::number(diff->height())));
    // Each step says which it is.
    QCOMPARE(diff->markText(false), u"<b>A:</b> after operation 9: flush"_s);
    QCOMPARE(diff->markText(true), u"<b>B:</b> after operation 20: flush"_s);
    QHeaderView *header = diff->view()->header();
    QCOMPARE(header->model()->headerData(DiffModel::AColumn, Qt::Horizontal).toString(),
             u"At A (after operation 9)"_s);
    QCOMPARE(header->model()->headerData(DiffModel::BColumn, Qt::Horizontal).toString(),
             u"At B (after operation 20)"_s);
    // The values at A and at B side by side, both wide enough to read.
    QCOMPARE(offscreenColumns(diff->view(), header, u"Diff"_s), QStringList());
    QVERIFY(header->sectionSize(DiffModel::AColumn) >= 250);
    QVERIFY(header->sectionSize(DiffModel::BColumn) >= 250);
    QVERIFY(namesIn(*diff->model(), {}).contains(u"Changed (2)"_s));

    // --diff does the same from the command line, and shows B.
    const QString png = m_dir.filePath(u"diff.png"_s);
    QProcess gui;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    environment.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
    gui.setProcessEnvironment(environment);
    gui.start(QStringLiteral(SESSIONSCOPE_GUI), {u"--demo"_s, u"--diff"_s, u"9,20"_s, u"--size"_s,
                                                 u"1280x800"_s, u"--screenshot"_s, png});
    QVERIFY(gui.waitForFinished(60000));
    QCOMPARE(gui.readAllStandardError().contains("sessionscope:"), false);
    QCOMPARE(gui.exitCode(), 0);
    QCOMPARE(QImage(png).size(), QSize(1280, 800));
}

void InspectorTest::translationsAreComplete_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("Russian") << u"ru"_s;
    QTest::newRow("German") << u"de"_s;
}

void InspectorTest::translationsAreComplete()
{
    QFETCH(QString, language);
    // Every message of the .ts is translated...
    QFile ts(kSourceDir + u"/translations/sessionscope_%1.ts"_s.arg(language));
    QVERIFY(ts.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&ts);
    int messages = 0;
    QStringList unfinished;
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == u"message")
            ++messages;
        if (xml.name() == u"source")
            source = xml.readElementText();
        const QStringView type = xml.attributes().value(u"type"_s);
        if (xml.name() == u"translation" &&
            (type == u"unfinished" || type == u"obsolete" || type == u"vanished"))
            unfinished.append(source);
    }
    QVERIFY(!xml.hasError());
    QVERIFY(messages > 300);
    QVERIFY2(unfinished.isEmpty(), qPrintable(unfinished.join(u" | "_s)));
    // ... and built in: the window speaks the language when asked.
    QObject translations;
    QCOMPARE(installLanguage(language, &translations), QString());
    MainWindow window;
    QVERIFY(window.stepAction(MainWindow::Step::Over)->text() != u"Step &Over"_s);
    QVERIFY(!window.stepAction(MainWindow::Step::Over)->text().isEmpty());
    QVERIFY(window.positionText() != u"Nothing open"_s);
}

void InspectorTest::windowSpeaksTheLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("add");       // the kind of operation 7, "add ann"
    QTest::addColumn<QString>("lifecycle"); // the kind of the events it holds
    QTest::addColumn<QString>("persistent");
    QTest::newRow("English") << u"en"_s << u"add"_s << u"lifecycle"_s << u"persistent"_s;
    QTest::newRow("Russian") << u"ru"_s << u"добавление"_s << u"жизненный цикл"_s
                             << u"постоянный"_s;
    QTest::newRow("German") << u"de"_s << u"Hinzufügen"_s << u"Lebenszyklus"_s << u"persistent"_s;
}

// Operation kinds, event kinds and the other words of the window are translated.
void InspectorTest::windowSpeaksTheLanguage()
{
    QFETCH(QString, language);
    QFETCH(QString, add);
    QFETCH(QString, lifecycle);
    QFETCH(QString, persistent);
    QObject translations;
    QCOMPARE(installLanguage(language, &translations), QString());
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openFile(writeDemoTrace()));
    for (int op = 1; op <= 9; ++op)
        QTest::keyClick(&window, Qt::Key_F10);
    EventLogModel *log = window.eventLogView()->model();
    const QModelIndex addAnn = log->index(6, 0);
    QCOMPARE(addAnn.siblingAtColumn(EventLogModel::KindColumn).data().toString(), add);
    QVERIFY(log->rowCount(addAnn) > 0);
    QCOMPARE(log->index(0, EventLogModel::KindColumn, addAnn).data().toString(), lifecycle);
    const QModelIndex annRow = findRow(*window.identityMapView()->view()->model(), u"ann"_s);
    QCOMPARE(annRow.siblingAtColumn(IdentityMapModel::StateColumn).data().toString(), persistent);
    if (language == u"en")
        return;
    // The filter offers the kinds in the language too, and nothing of the window is English.
    QComboBox *kinds = window.eventLogView()->findChild<QComboBox *>();
    QStringList offered;
    for (int item = 0; item < kinds->count(); ++item)
        offered.append(kinds->itemText(item));
    QVERIFY2(offered.join(u'|').contains(add), qPrintable(offered.join(u", "_s)));
    for (const QString &english : {u"operation: "_s, u"event: "_s, u"All kinds"_s})
        QVERIFY2(!offered.join(u'|').contains(english), qPrintable(offered.join(u", "_s)));
    const QStringList english{u"Time"_s, u"Kind"_s, u"What happened"_s};
    for (int section = EventLogModel::TimeColumn; section < EventLogModel::ColumnCount; ++section)
        QVERIFY(!english.contains(log->headerData(section, Qt::Horizontal).toString()));
}

// A language the inspector does not speak: a warning naming those it does, then English.
void InspectorTest::unknownLanguageWarns()
{
    QCOMPARE(availableLanguages(), (QStringList{u"de"_s, u"en"_s, u"ru"_s}));
    {
        QObject translations;
        QCOMPARE(installLanguage(u"en"_s, &translations), QString());
        QCOMPARE(installLanguage(QString(), &translations), QString()); // the system's
    }
    QObject translations;
    const QString warning = installLanguage(u"fr"_s, &translations);
    QVERIFY2(warning.contains(u"French (fr)"_s), qPrintable(warning));
    for (const QString &name : {u"German (de)"_s, u"English (en)"_s, u"Russian (ru)"_s})
        QVERIFY2(warning.contains(name), qPrintable(warning));
    QVERIFY(installLanguage(u"xx"_s, &translations).contains(u"\"xx\""_s));
    MainWindow window;
    window.setLanguageWarning(warning);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *label = window.statusBar()->findChild<QLabel *>(u"languageWarning"_s);
    QVERIFY(label);
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(), warning);
    QCOMPARE(window.stepAction(MainWindow::Step::Over)->text(), u"Step &Over"_s);

    // The executable says it on stderr, and goes on.
    const QString png = m_dir.filePath(u"french.png"_s);
    QProcess gui;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    environment.insert(u"XDG_CONFIG_HOME"_s, m_dir.filePath(u"config"_s));
    gui.setProcessEnvironment(environment);
    gui.start(QStringLiteral(SESSIONSCOPE_GUI),
              {u"--lang"_s, u"fr"_s, u"--demo"_s, u"--screenshot"_s, png});
    QVERIFY(gui.waitForFinished(60000));
    QCOMPARE(gui.exitCode(), 0);
    const QString err = QString::fromUtf8(gui.readAllStandardError());
    QVERIFY2(err.contains(u"sessionscope: "_s + warning), qPrintable(err));
}

// Through a flush that fails on a UNIQUE constraint: the flush is in progress until it rolls
// back; from then on the Transaction dock and the status bar say that the session must be
// rolled back and why, through the operations it refuses (a flush among them), until the
// rollback.
void InspectorTest::failedFlushMustBeRolledBack()
{
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(window.openFile(kSourceDir +
                            u"/tests/conformance/scenarios/flush-error-pending-rollback.json"_s));
    TraceDocument *document = window.document();
    const Timeline &timeline = document->timeline();
    QCOMPARE(timeline.operation(7).kind, u"flush"_s);
    QVERIFY(timeline.operation(7).failed);
    TransactionView *transaction = window.transactionView();
    for (int op = 1; op <= 6; ++op)
        QTest::keyClick(&window, Qt::Key_F10);
    QVERIFY(transaction->statusText().contains(u"active"_s));
    QCOMPARE(window.transactionNotice(), QString());

    // Event by event through the flush.
    bool sawFlush = false;
    bool sawRollbackNeeded = false;
    while (document->cursor() < timeline.stateEventOf(7)) {
        QTest::keyClick(&window, Qt::Key_F11);
        const QString status = transaction->statusText();
        const bool needsRollback =
            timeline.state().transactionStatus() == TransactionStatus::NeedsRollback;
        QCOMPARE(window.transactionNotice().isEmpty(), !needsRollback);
        if (!needsRollback) {
            sawFlush = sawFlush || status.contains(u"<b>Flush:</b> in progress (operation 7)"_s);
            continue;
        }
        sawRollbackNeeded = true;
        QVERIFY2(!status.contains(u"in progress"_s), qPrintable(status));
        QVERIFY2(status.contains(u"must be rolled back"_s), qPrintable(status));
        QVERIFY2(status.contains(u"integrity: UNIQUE constraint failed: users.name"_s),
                 qPrintable(status));
        QVERIFY(window.transactionNotice().startsWith(
            u"The session must be rolled back: integrity: UNIQUE constraint failed"_s));
    }
    QVERIFY(sawFlush);
    QVERIFY(sawRollbackNeeded);
    // The status bar names the operation; why it failed is the notice's to say.
    QCOMPARE(window.statusBar()->currentMessage(), u"Operation 7: flush"_s);
    QVERIFY(window.findChild<QLabel *>(u"rollbackNotice"_s)->isVisible());

    // Operation 20 is a flush the session refuses: it begins, and is never under way.
    while (document->currentOperation() < 21) {
        QTest::keyClick(&window, Qt::Key_F11);
        QVERIFY2(!transaction->statusText().contains(u"in progress"_s),
                 qPrintable(transaction->statusText()));
        QVERIFY(!window.transactionNotice().isEmpty());
    }
    // The rollback ends it.
    while (document->cursor() < timeline.stateEventOf(22))
        QTest::keyClick(&window, Qt::Key_F10);
    QCOMPARE(window.transactionNotice(), QString());
    QVERIFY(!window.findChild<QLabel *>(u"rollbackNotice"_s)->isVisible());
    QVERIFY2(transaction->statusText().startsWith(u"<b>Transaction:</b> none"_s),
             qPrintable(transaction->statusText()));
    // Back before the failure, nothing of it shows.
    QTest::keyClick(&window, Qt::Key_Home, Qt::ControlModifier);
    QCOMPARE(window.transactionNotice(), QString());
}

QTEST_MAIN(InspectorTest)

#include "tst_inspector.moc"
