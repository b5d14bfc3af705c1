#include "welcomepage.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace sessionscope {

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent)
    , m_recent(new QListWidget(this))
{
    auto *title = new QLabel(tr("SessionScope"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.2);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *subtitle = new QLabel(
        tr("See what an ORM session does: its identity map, pending sets, each attribute's "
           "History and the SQL of every flush, stepped through like a debugger."),
        this);
    subtitle->setWordWrap(true);

    auto *demo = new QPushButton(tr("Run the Demo Scenario"), this);
    demo->setToolTip(tr("Runs a bundled scenario on an in-memory SQLite database and opens "
                        "its trace"));
    auto *openTrace = new QPushButton(tr("Open a Trace…"), this);
    openTrace->setToolTip(tr("A .jsonl trace recorded by sessionscope-cli run --trace or by "
                             "an application"));
    auto *openScenario = new QPushButton(tr("Open a Scenario…"), this);
    openScenario->setToolTip(tr("A scenario .json file: it runs on an in-memory SQLite "
                                "database and its timeline opens"));
    demo->setDefault(true);
    auto *hint = new QLabel(tr("Or drop a trace or a scenario on this window."), this);
    hint->setForegroundRole(QPalette::PlaceholderText);

    auto *recentTitle = new QLabel(tr("Recent files"), this);
    QFont bold = recentTitle->font();
    bold.setBold(true);
    recentTitle->setFont(bold);
    m_recent->setAccessibleName(tr("Recent files"));
    m_recent->setMaximumHeight(fontMetrics().height() * 9);

    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(subtitle);
    column->addSpacing(16);
    column->addWidget(demo);
    column->addWidget(openTrace);
    column->addWidget(openScenario);
    column->addWidget(hint);
    column->addSpacing(16);
    column->addWidget(recentTitle);
    column->addWidget(m_recent);
    column->addStretch(1);

    auto *frame = new QWidget(this);
    frame->setLayout(column);
    frame->setMaximumWidth(fontMetrics().horizontalAdvance(u'x') * 80);
    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addWidget(frame, 3);
    outer->addStretch(1);
    outer->setContentsMargins(24, 48, 24, 24);

    connect(demo, &QPushButton::clicked, this, &WelcomePage::demoRequested);
    connect(openTrace, &QPushButton::clicked, this, &WelcomePage::openTraceRequested);
    connect(openScenario, &QPushButton::clicked, this, &WelcomePage::openScenarioRequested);
    connect(m_recent, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        emit recentFileRequested(item->data(Qt::UserRole).toString());
    });
    setRecentFiles({});
}

void WelcomePage::setRecentFiles(const QStringList &paths)
{
    m_recent->clear();
    for (const QString &path : paths) {
        auto *item = new QListWidgetItem(
            tr("%1 — %2").arg(QFileInfo(path).fileName(),
                              QDir::toNativeSeparators(QFileInfo(path).absolutePath())),
            m_recent);
        item->setData(Qt::UserRole, path);
        item->setToolTip(QDir::toNativeSeparators(path));
    }
    if (paths.isEmpty()) {
        auto *item = new QListWidgetItem(tr("Nothing opened yet."), m_recent);
        item->setFlags(Qt::NoItemFlags);
    }
}

} // namespace sessionscope
