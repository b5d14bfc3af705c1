#pragma once

#include <QWidget>

class QListWidget;

namespace sessionscope {

// What the window shows with nothing open: how to start.
class WelcomePage final : public QWidget
{
    Q_OBJECT

public:
    explicit WelcomePage(QWidget *parent = nullptr);

    void setRecentFiles(const QStringList &paths);

signals:
    void openTraceRequested();
    void openScenarioRequested();
    void demoRequested();
    void recentFileRequested(const QString &path);

private:
    QListWidget *m_recent;
};

} // namespace sessionscope
