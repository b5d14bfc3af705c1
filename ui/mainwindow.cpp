#include "mainwindow.h"

#include "lifecyclestyle.h"
#include "models/eventsummary.h"
#include "support/error.h"
#include "tracedocument.h"
#include "views/diffview.h"
#include "views/eventlogview.h"
#include "views/identitymapview.h"
#include "views/objectview.h"
#include "views/pendingview.h"
#include "views/sqlview.h"
#include "views/transactionview.h"
#include "views/welcomepage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSlider>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>

namespace sessionscope {

namespace {

constexpr int kMaxRecentFiles = 8;
const QString kDemoScenario = QStringLiteral(":/sessionscope/scenarios/demo.json");

// A scenario is one JSON document naming its format; a trace is JSON Lines whose first line
// names its own. The extension decides when there is one.
bool looksLikeScenario(const QString &path)
{
    if (path.endsWith(QLatin1String(".jsonl"), Qt::CaseInsensitive))
        return false;
    if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        return true;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    return !file.readLine(64 * 1024).contains("-trace/");
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("SessionScope"));
    setAcceptDrops(true);
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    createViews();
    createActions();
    createToolBar();
    createDocks();
    m_defaultLayout = saveState();

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    m_layoutRestored = restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_speed->setCurrentIndex(std::clamp(settings.value(QStringLiteral("play/speed"), 1).toInt(), 0,
                                        m_speed->count() - 1));
    showDocks(false);
    m_rollbackNotice = new QLabel(this);
    m_rollbackNotice->setObjectName(QStringLiteral("rollbackNotice"));
    m_rollbackNotice->setVisible(false);
    statusBar()->addPermanentWidget(m_rollbackNotice);
    updateRecentFiles();
    updateActions();
    statusBar()->showMessage(tr("Open a trace or a scenario to begin."));
}

MainWindow::~MainWindow()
{
    // Views first: they hold on to the document.
    setDocument(nullptr);
}

void MainWindow::createViews()
{
    m_welcome = new WelcomePage(this);
    setCentralWidget(m_welcome);
    m_identityMap = new IdentityMapView(this);
    m_pending = new PendingView(this);
    m_object = new ObjectView(this);
    m_eventLog = new EventLogView(this);
    m_sql = new SqlView(this);
    m_transaction = new TransactionView(this);
    m_diff = new DiffView(this);

    connect(m_welcome, &WelcomePage::demoRequested, this, &MainWindow::openDemo);
    connect(m_welcome, &WelcomePage::openTraceRequested, this, &MainWindow::chooseTrace);
    connect(m_welcome, &WelcomePage::openScenarioRequested, this, &MainWindow::chooseScenario);
    connect(m_welcome, &WelcomePage::recentFileRequested, this, &MainWindow::openFile);
    connect(m_identityMap, &IdentityMapView::objectSelected, this, &MainWindow::selectObject);
    connect(m_pending, &PendingView::objectSelected, this, &MainWindow::selectObject);
    connect(m_object, &ObjectView::objectLinkActivated, this, &MainWindow::selectObject);
    connect(m_object, &ObjectView::showEventsTouching, this,
            [this](qint64 id, const QString &attribute) {
                m_eventLog->showEventsTouching(id, attribute);
                raiseView(m_eventLog);
            });
    connect(m_eventLog, &EventLogView::stepRequested, this, &MainWindow::stepTo);
    connect(m_sql, &SqlView::stepRequested, this, &MainWindow::stepTo);
    connect(m_diff, &DiffView::stepRequested, this, &MainWindow::stepTo);
}

QDockWidget *MainWindow::addDock(QWidget *widget, const QString &title, const QString &name,
                                 Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(name); // saveState() keys
    dock->setWidget(widget);
    addDockWidget(area, dock);
    m_docks.append(dock);
    return dock;
}

void MainWindow::createDocks()
{
    // The event log down the left like a debugger's source; the state on the right: the
    // identity map beside the pending sets, the selected object below them across the whole
    // width (its History columns need it), and the SQL, transaction and diff below that.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    QDockWidget *log = addDock(m_eventLog, tr("Event Log"), QStringLiteral("eventLogDock"),
                               Qt::LeftDockWidgetArea);
    QDockWidget *identity = addDock(m_identityMap, tr("Identity Map"),
                                    QStringLiteral("identityMapDock"), Qt::RightDockWidgetArea);
    QDockWidget *pending =
        addDock(m_pending, tr("Pending"), QStringLiteral("pendingDock"), Qt::RightDockWidgetArea);
    QDockWidget *object =
        addDock(m_object, tr("Object"), QStringLiteral("objectDock"), Qt::RightDockWidgetArea);
    QDockWidget *sql =
        addDock(m_sql, tr("SQL"), QStringLiteral("sqlDock"), Qt::BottomDockWidgetArea);
    QDockWidget *transaction = addDock(m_transaction, tr("Transaction"),
                                       QStringLiteral("transactionDock"), Qt::BottomDockWidgetArea);
    QDockWidget *diff =
        addDock(m_diff, tr("Diff"), QStringLiteral("diffDock"), Qt::BottomDockWidgetArea);
    splitDockWidget(identity, object, Qt::Vertical);
    splitDockWidget(identity, pending, Qt::Horizontal);
    tabifyDockWidget(sql, transaction);
    tabifyDockWidget(transaction, diff);
    sql->raise();
    m_sizeDocks = [this, log, identity, pending, object, sql] {
        const int width = this->width();
        const int height = this->height();
        resizeDocks({log, identity, pending},
                    {width * 38 / 100, width * 33 / 100, width * 29 / 100}, Qt::Horizontal);
        resizeDocks({identity, object, sql},
                    {height * 26 / 100, height * 34 / 100, height * 26 / 100}, Qt::Vertical);
    };

    QMenu *view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget *dock : std::as_const(m_docks))
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    view->addAction(tr("&Reset Layout"), this, &MainWindow::resetLayout);
    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About SessionScope"), this, [this] {
        QMessageBox::about(
            this, tr("About SessionScope"),
            tr("<h3>SessionScope %1</h3><p>An inspector for ORM session state: the identity "
               "map, the pending sets, each attribute's History and the SQL, at any step of a "
               "recorded session.</p>")
                .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::createActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open Trace…"), this, &MainWindow::chooseTrace);
    open->setShortcut(QKeySequence::Open);
    open->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
    QAction *scenario = file->addAction(tr("Open &Scenario…"), this, &MainWindow::chooseScenario);
    scenario->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    file->addAction(tr("Run the &Demo Scenario"), this, &MainWindow::openDemo);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    m_close = file->addAction(tr("&Close"), this, &MainWindow::closeDocument);
    m_close->setShortcut(QKeySequence::Close);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *go = menuBar()->addMenu(tr("&Step"));
    struct StepSpec
    {
        Step step;
        QString text;
        QKeySequence key;
        QStyle::StandardPixmap icon;
        QString tip;
    };
    const StepSpec specs[] = {
        {Step::Over, tr("Step &Over"), QKeySequence(Qt::Key_F10), QStyle::SP_MediaSeekForward,
         tr("To the state after the next operation")},
        {Step::Back, tr("Step &Back"), QKeySequence(Qt::SHIFT | Qt::Key_F10),
         QStyle::SP_MediaSeekBackward, tr("To the state after the previous operation")},
        {Step::Into, tr("Step &Into"), QKeySequence(Qt::Key_F11), QStyle::SP_ArrowRight,
         tr("To the next event: statement by statement through a flush")},
        {Step::BackInto, tr("Step Back I&nto"), QKeySequence(Qt::CTRL | Qt::Key_F11),
         QStyle::SP_ArrowLeft, tr("To the previous event")},
        {Step::Out, tr("Step O&ut"), QKeySequence(Qt::SHIFT | Qt::Key_F11), QStyle::SP_ArrowUp,
         tr("To the end of the current operation")},
        {Step::First, tr("&First Step"), QKeySequence(Qt::CTRL | Qt::Key_Home),
         QStyle::SP_MediaSkipBackward, tr("Before anything happened")},
        {Step::Last, tr("&Last Step"), QKeySequence(Qt::CTRL | Qt::Key_End),
         QStyle::SP_MediaSkipForward, tr("After everything happened")},
    };
    for (const StepSpec &spec : specs) {
        QAction *action = go->addAction(spec.text);
        action->setShortcut(spec.key);
        action->setIcon(style()->standardIcon(spec.icon));
        action->setToolTip(
            QStringLiteral("%1 (%2)").arg(spec.tip, spec.key.toString(QKeySequence::NativeText)));
        action->setStatusTip(spec.tip);
        const Step which = spec.step;
        connect(action, &QAction::triggered, this, [this, which] { step(which); });
        m_stepActions[int(spec.step)] = action;
        if (spec.step == Step::Out || spec.step == Step::BackInto)
            go->addSeparator();
    }
    go->addSeparator();
    m_play = go->addAction(tr("&Play"), this, &MainWindow::togglePlay);
    m_play->setShortcut(QKeySequence(Qt::Key_F5));
    m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    m_play->setCheckable(true);
    m_play->setToolTip(tr("Play the events one after another (F5)"));
    m_goTo = go->addAction(tr("&Go to Operation…"), this, &MainWindow::goToOperation);
    m_goTo->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    m_find = go->addAction(tr("&Find Events…"), this, [this] {
        revealView(m_eventLog);
        m_eventLog->focusSearch();
    });
    m_find->setShortcut(QKeySequence::Find);

    QMenu *diff = menuBar()->addMenu(tr("&Diff"));
    m_markA = diff->addAction(tr("Mark Step as &A"), this, [this] {
        if (m_document)
            m_document->setMarkA(m_document->cursor());
        showDiffIfMarked();
    });
    m_markA->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_markB = diff->addAction(tr("Mark Step as &B"), this, [this] {
        if (m_document)
            m_document->setMarkB(m_document->cursor());
        showDiffIfMarked();
    });
    m_markB->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B));

    m_playTimer = new QTimer(this);
    connect(m_playTimer, &QTimer::timeout, this, &MainWindow::playStep);
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Stepping"));
    bar->setObjectName(QStringLiteral("steppingToolBar"));
    bar->setMovable(false);
    for (Step which :
         {Step::First, Step::Back, Step::BackInto, Step::Into, Step::Over, Step::Out, Step::Last})
        bar->addAction(stepAction(which));
    bar->addAction(m_play);
    m_speed = new QComboBox(bar);
    m_speed->setAccessibleName(tr("Play speed"));
    m_speed->setToolTip(tr("Events per second when playing"));
    for (int speed : {1, 4, 10, 30, 100})
        m_speed->addItem(tr("%1 events/s").arg(speed), speed);
    bar->addWidget(m_speed);
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] {
        m_playTimer->setInterval(1000 / std::max(1, m_speed->currentData().toInt()));
    });
    m_slider = new QSlider(Qt::Horizontal, bar);
    m_slider->setAccessibleName(tr("Timeline"));
    m_slider->setToolTip(tr("Drag through the whole timeline"));
    m_slider->setMinimumWidth(160);
    bar->addWidget(m_slider);
    connect(m_slider, &QSlider::valueChanged, this, [this](int value) {
        if (!m_movingSlider)
            stepTo(value);
    });
    m_position = new QLabel(bar);
    m_position->setMinimumWidth(fontMetrics().horizontalAdvance(u'x') * 30);
    m_position->setContentsMargins(8, 0, 8, 0);
    bar->addWidget(m_position);
}

QAction *MainWindow::stepAction(Step which) const
{
    return m_stepActions[int(which)];
}

void MainWindow::showDocks(bool show)
{
    if (show == m_docksShown)
        return;
    for (QDockWidget *dock : std::as_const(m_docks)) {
        if (show) {
            dock->setVisible(dock->property("wasVisible").toBool());
        } else {
            // Remember which were open, to bring back just those.
            dock->setProperty("wasVisible", !dock->isHidden());
            dock->hide();
        }
    }
    m_docksShown = show;
    centralWidget()->setVisible(!show);
}

bool MainWindow::openFile(const QString &path)
{
    std::unique_ptr<TraceDocument> document;
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        document = looksLikeScenario(path) ? TraceDocument::openScenario(path)
                                           : TraceDocument::openTrace(path);
    } catch (const MessageError &error) {
        QGuiApplication::restoreOverrideCursor();
        showError(tr("Cannot open %1").arg(QFileInfo(path).fileName()), error.message());
        return false;
    } catch (const SessionError &error) {
        QGuiApplication::restoreOverrideCursor();
        showError(tr("Cannot open %1").arg(QFileInfo(path).fileName()),
                  QStringLiteral("%1: %2").arg(path, error.message()));
        return false;
    }
    QGuiApplication::restoreOverrideCursor();
    setDocument(std::move(document));
    if (!path.startsWith(u':'))
        addRecentFile(QFileInfo(path).absoluteFilePath());
    return true;
}

bool MainWindow::openDemo()
{
    return openFile(kDemoScenario);
}

void MainWindow::closeDocument()
{
    setDocument(nullptr);
}

void MainWindow::setDocument(std::unique_ptr<TraceDocument> document)
{
    if (m_play && m_play->isChecked())
        togglePlay();
    // Views let go of the old document before it goes.
    m_identityMap->setDocument(nullptr);
    m_pending->setDocument(nullptr);
    m_object->setDocument(nullptr);
    m_eventLog->setDocument(nullptr);
    m_sql->setDocument(nullptr);
    m_transaction->setDocument(nullptr);
    m_diff->setDocument(nullptr);
    m_document = std::move(document);
    TraceDocument *current = m_document.get();
    m_identityMap->setDocument(current);
    m_pending->setDocument(current);
    m_object->setDocument(current);
    m_eventLog->setDocument(current);
    m_sql->setDocument(current);
    m_transaction->setDocument(current);
    m_diff->setDocument(current);
    if (current) {
        connect(current, &TraceDocument::cursorChanged, this, &MainWindow::cursorChanged);
        connect(current, &TraceDocument::failed, this,
                [this](const QString &message) { showError(tr("Cannot step there"), message); });
        m_movingSlider = true;
        m_slider->setRange(-1, int(std::min<qint64>(current->eventCount() - 1, INT_MAX)));
        m_slider->setValue(int(current->cursor()));
        m_movingSlider = false;
        setWindowTitle(tr("%1 — SessionScope").arg(current->title()));
        showDocks(true);
        if (!m_layoutRestored) {
            // Docks get their proportions once they are shown in a window of its real size.
            m_layoutRestored = true;
            m_sizeDocks();
        }
        if (const auto truncated = current->timeline().truncation())
            showError(tr("The trace is incomplete"),
                      tr("%1\n\nThe program that wrote it probably stopped while writing; "
                         "everything before that line is shown.")
                          .arg(*truncated));
    } else {
        setWindowTitle(tr("SessionScope"));
        showDocks(false);
    }
    updateActions();
}

bool MainWindow::stepTo(qint64 event)
{
    return m_document && m_document->setCursor(event);
}

void MainWindow::step(Step which)
{
    if (!m_document)
        return;
    switch (which) {
    case Step::Over:
        stepTo(m_document->nextOperationTarget());
        break;
    case Step::Back:
        stepTo(m_document->previousOperationTarget());
        break;
    case Step::Into:
        stepTo(m_document->nextEventTarget());
        break;
    case Step::BackInto:
        stepTo(m_document->previousEventTarget());
        break;
    case Step::Out:
        stepTo(m_document->stepOutTarget());
        break;
    case Step::First:
        stepTo(-1);
        break;
    case Step::Last:
        stepTo(m_document->eventCount() - 1);
        break;
    }
}

void MainWindow::selectObject(int slot)
{
    m_object->setObjectSlot(slot);
    m_identityMap->selectObject(slot);
    m_pending->selectObject(slot);
    raiseView(m_object);
}

void MainWindow::raiseView(QWidget *view)
{
    if (auto *dock = qobject_cast<QDockWidget *>(view->parentWidget()))
        dock->raise();
}

void MainWindow::revealView(QWidget *view)
{
    if (auto *dock = qobject_cast<QDockWidget *>(view->parentWidget()))
        dock->show();
    raiseView(view);
}

void MainWindow::setLanguageWarning(const QString &warning)
{
    if (!m_languageWarning) {
        m_languageWarning = new QLabel(this);
        m_languageWarning->setObjectName(QStringLiteral("languageWarning"));
        m_languageWarning->setWordWrap(false);
        statusBar()->addPermanentWidget(m_languageWarning);
    }
    m_languageWarning->setText(warning);
    m_languageWarning->setToolTip(warning);
    m_languageWarning->setVisible(!warning.isEmpty());
}

QString MainWindow::transactionNotice() const
{
    return m_rollbackNotice->isVisibleTo(this) ? m_rollbackNotice->toolTip() : QString();
}

QString MainWindow::languageWarning() const
{
    return m_languageWarning ? m_languageWarning->text() : QString();
}

void MainWindow::showDiff()
{
    auto *dock = qobject_cast<QDockWidget *>(m_diff->parentWidget());
    revealView(m_diff);
    // The comparison needs room: values at A and at B side by side, and many rows. Below the
    // state it takes most of the height, as much as the docks above can give.
    if (dock && !dock->isFloating() && dockWidgetArea(dock) == Qt::BottomDockWidgetArea)
        resizeDocks({dock}, {height() * 70 / 100}, Qt::Vertical);
}

void MainWindow::showDiffIfMarked()
{
    if (!m_document)
        return;
    if (m_document->markA() && m_document->markB()) {
        showDiff();
        return;
    }
    statusBar()->showMessage(
        m_document->markA()
            ? tr("Step A marked: mark another step as B (Ctrl+Shift+B) to compare them.")
            : tr("Step B marked: mark another step as A (Ctrl+Shift+A) to compare them."),
        8000);
}

QString MainWindow::positionText() const
{
    return m_position->text();
}

void MainWindow::cursorChanged(qint64 event)
{
    m_movingSlider = true;
    m_slider->setValue(int(event));
    m_movingSlider = false;
    updateActions();
}

void MainWindow::updateActions()
{
    const bool open = m_document != nullptr;
    const qint64 cursor = open ? m_document->cursor() : -1;
    const qint64 last = open ? m_document->eventCount() - 1 : -1;
    stepAction(Step::Over)->setEnabled(open && cursor < last);
    stepAction(Step::Into)->setEnabled(open && cursor < last);
    stepAction(Step::Out)->setEnabled(open && cursor < last);
    stepAction(Step::Last)->setEnabled(open && cursor < last);
    stepAction(Step::Back)->setEnabled(open && cursor >= 0);
    stepAction(Step::BackInto)->setEnabled(open && cursor >= 0);
    stepAction(Step::First)->setEnabled(open && cursor >= 0);
    m_play->setEnabled(open && (cursor < last || m_play->isChecked()));
    m_slider->setEnabled(open);
    m_close->setEnabled(open);
    m_goTo->setEnabled(open && m_document->operationCount() > 0);
    m_markA->setEnabled(open);
    m_markB->setEnabled(open);
    m_find->setEnabled(open);
    // Until a rollback, everything the session is asked fails: say so, and why.
    const QString notice =
        open ? TransactionView::rollbackNotice(m_document->timeline().state()) : QString();
    m_rollbackNotice->setToolTip(notice);
    m_rollbackNotice->setText(
        fontMetrics().elidedText(notice, Qt::ElideRight, fontMetrics().averageCharWidth() * 70));
    QPalette palette = m_rollbackNotice->palette();
    palette.setColor(QPalette::WindowText, errorTextColor(palette));
    m_rollbackNotice->setPalette(palette);
    m_rollbackNotice->setVisible(!notice.isEmpty());
    if (!open) {
        m_position->setText(tr("Nothing open"));
        return;
    }
    const Timeline &timeline = m_document->timeline();
    const int op = m_document->currentOperation();
    QString where;
    if (cursor < 0)
        where = tr("Start: before operation 1");
    else if (m_document->atOperationBoundary())
        where = tr("After operation %1 of %2").arg(op).arg(m_document->operationCount());
    else
        where = tr("In operation %1 of %2").arg(op).arg(m_document->operationCount());
    m_position->setText(
        tr("%1 · event %2 of %3").arg(where).arg(cursor + 1).arg(m_document->eventCount()));
    if (op > 0 && cursor >= 0)
        statusBar()->showMessage(
            tr("Operation %1: %2").arg(op).arg(operationTitle(timeline.operation(op))));
    else
        statusBar()->showMessage(m_document->title());
}

void MainWindow::showError(const QString &title, const QString &message)
{
    m_lastError = message;
    // Not modal: the window stays usable, and scripted runs are not held up.
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->open();
}

void MainWindow::addRecentFile(const QString &path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecentFiles)
        recent.removeLast();
    settings.setValue(QStringLiteral("recentFiles"), recent);
    updateRecentFiles();
}

void MainWindow::updateRecentFiles()
{
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    m_recentMenu->clear();
    for (const QString &path : recent) {
        QAction *action = m_recentMenu->addAction(QFileInfo(path).fileName(), this,
                                                  [this, path] { openFile(path); });
        action->setToolTip(path);
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
    m_welcome->setRecentFiles(recent);
}

void MainWindow::togglePlay()
{
    if (m_playTimer->isActive() || !m_document) {
        m_playTimer->stop();
        m_play->setChecked(false);
        m_play->setText(tr("&Play"));
        m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
    } else {
        m_playTimer->start(1000 / std::max(1, m_speed->currentData().toInt()));
        m_play->setChecked(true);
        m_play->setText(tr("&Pause"));
        m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPause));
    }
    updateActions();
}

void MainWindow::playStep()
{
    if (!m_document || m_document->cursor() >= m_document->eventCount() - 1 ||
        !stepTo(m_document->nextEventTarget())) {
        togglePlay();
    }
}

void MainWindow::chooseTrace()
{
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open Trace"), QString(),
                                     tr("Traces (*.jsonl);;Scenarios (*.json);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::chooseScenario()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Scenario"), QString(),
                                                      tr("Scenarios (*.json);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::goToOperation()
{
    if (!m_document)
        return;
    bool ok = false;
    const int op = QInputDialog::getInt(
        this, tr("Go to Operation"), tr("Show the state after operation:"),
        m_document->currentOperation(), 0, m_document->operationCount(), 1, &ok);
    if (ok)
        stepTo(m_document->timeline().stateEventOf(op));
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultLayout);
    for (QDockWidget *dock : std::as_const(m_docks)) {
        dock->setProperty("wasVisible", true);
        dock->setVisible(m_docksShown);
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    if (m_document)
        settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("play/speed"), m_speed->currentIndex());
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.isEmpty() || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    // Opened after the drop returns: an error dialog must not run inside the drag.
    const QString path = urls.first().toLocalFile();
    QTimer::singleShot(0, this, [this, path] { openFile(path); });
}

void MainWindow::changeEvent(QEvent *event)
{
    // A new palette (a dark theme switched on) recolours badges and highlights.
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        update();
    QMainWindow::changeEvent(event);
}

} // namespace sessionscope
