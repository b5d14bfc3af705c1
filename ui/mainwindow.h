#pragma once

#include <QMainWindow>

#include <functional>
#include <memory>

class QAction;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QSlider;
class QTimer;

namespace sessionscope {

class DiffView;
class EventLogView;
class IdentityMapView;
class ObjectView;
class PendingView;
class SqlView;
class TraceDocument;
class TransactionView;
class WelcomePage;

// The inspector's window: the docks over one open trace, the stepping commands, and opening
// things. With nothing open it shows how to start.
class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    enum class Step { Over, Back, Into, BackInto, Out, First, Last };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a trace (.jsonl) or runs a scenario (.json) and shows it; on failure shows what is
    // wrong (FILE:LINE) and keeps what was open. Returns whether it opened.
    bool openFile(const QString &path);
    bool openDemo();
    void closeDocument();
    TraceDocument *document() const { return m_document.get(); }
    bool stepTo(qint64 event);
    void step(Step step);
    void selectObject(int slot);
    // Opens a view's dock if it was closed and brings it to the front.
    void revealView(QWidget *view);
    // Brings the diff to the front with room to read it.
    void showDiff();

    // Shown in the status bar for as long as the window is open (empty: none).
    void setLanguageWarning(const QString &warning);
    QString languageWarning() const;
    // What the status bar says about the transaction (that it must be rolled back, and why).
    QString transactionNotice() const;

    // The last error shown (for tests and --screenshot), empty if none.
    const QString &lastError() const { return m_lastError; }
    QAction *stepAction(Step step) const;
    QAction *playAction() const { return m_play; }
    QSlider *slider() const { return m_slider; }
    QString positionText() const;

    IdentityMapView *identityMapView() const { return m_identityMap; }
    PendingView *pendingView() const { return m_pending; }
    ObjectView *objectView() const { return m_object; }
    EventLogView *eventLogView() const { return m_eventLog; }
    SqlView *sqlView() const { return m_sql; }
    TransactionView *transactionView() const { return m_transaction; }
    DiffView *diffView() const { return m_diff; }
    WelcomePage *welcomePage() const { return m_welcome; }

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // Brings a view's dock to the front of its tab group without reopening a closed one.
    void raiseView(QWidget *view);
    void showDiffIfMarked();
    void createViews();
    void createDocks();
    void createActions();
    void createToolBar();
    void setDocument(std::unique_ptr<TraceDocument> document);
    void cursorChanged(qint64 event);
    void updateActions();
    void showError(const QString &title, const QString &message);
    void addRecentFile(const QString &path);
    void updateRecentFiles();
    void togglePlay();
    void playStep();
    void chooseTrace();
    void chooseScenario();
    void goToOperation();
    void resetLayout();
    void showDocks(bool show);
    QDockWidget *addDock(QWidget *widget, const QString &title, const QString &name,
                         Qt::DockWidgetArea area);

    std::unique_ptr<TraceDocument> m_document;
    WelcomePage *m_welcome = nullptr;
    IdentityMapView *m_identityMap = nullptr;
    PendingView *m_pending = nullptr;
    ObjectView *m_object = nullptr;
    EventLogView *m_eventLog = nullptr;
    SqlView *m_sql = nullptr;
    TransactionView *m_transaction = nullptr;
    DiffView *m_diff = nullptr;
    QList<QDockWidget *> m_docks;
    QByteArray m_defaultLayout;

    QAction *m_stepActions[7] = {};
    QAction *m_play = nullptr;
    QAction *m_close = nullptr;
    QAction *m_goTo = nullptr;
    QAction *m_markA = nullptr;
    QAction *m_markB = nullptr;
    QAction *m_find = nullptr;
    QMenu *m_recentMenu = nullptr;
    QSlider *m_slider = nullptr;
    QLabel *m_position = nullptr;
    QLabel *m_languageWarning = nullptr;
    QLabel *m_rollbackNotice = nullptr;
    QComboBox *m_speed = nullptr;
    QTimer *m_playTimer = nullptr;
    QString m_lastError;
    bool m_movingSlider = false;
    bool m_docksShown = true;
    bool m_layoutRestored = false;
    std::function<void()> m_sizeDocks;
};

} // namespace sessionscope
