// SQLAlchemy's ORM, run by bench/sqlalchemy_bench.py in a child process that times itself.

#include "contender.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <stdexcept>

namespace sessionscope::bench {

namespace {

class SqlAlchemyContender final : public Contender
{
public:
    SqlAlchemyContender(QString python, QString script, int repetitions)
        : m_python(std::move(python))
        , m_script(std::move(script))
        , m_repetitions(repetitions)
    {
        m_unavailable = probe();
    }

    std::string name() const override { return "sqlalchemy"; }
    QString unavailableReason() const override { return m_unavailable; }
    bool runs(Benchmark benchmark) const override
    {
        return benchmark == Benchmark::Insert || benchmark == Benchmark::Update ||
               benchmark == Benchmark::Load;
    }
    int repetitions(int) const override { return m_repetitions; }

    std::vector<Result> run(Benchmark benchmark, const QString &path, qint64 rows) override
    {
        const QJsonObject answer = runScript(
            {QString::fromStdString(benchmarkName(benchmark)), path, QString::number(rows)});
        if (!answer.value(u"seconds").isDouble())
            throw std::runtime_error("sqlalchemy_bench.py: " +
                                     answer.value(u"unavailable").toString().toStdString());
        return {Result{benchmark, name(), rows, answer.value(u"seconds").toDouble()}};
    }

private:
    // Why the contender cannot run, or empty.
    QString probe()
    {
        if (m_script.isEmpty())
            return QStringLiteral("bench/sqlalchemy_bench.py was not found");
        try {
            const QJsonObject answer = runScript({QStringLiteral("--probe")});
            return answer.value(u"unavailable").toString();
        } catch (const std::runtime_error &error) {
            return QString::fromStdString(error.what());
        }
    }

    QJsonObject runScript(const QStringList &arguments)
    {
        QProcess process;
        process.setProcessChannelMode(QProcess::SeparateChannels);
        process.start(m_python, QStringList{m_script} + arguments);
        if (!process.waitForStarted(-1))
            throw std::runtime_error(m_python.toStdString() +
                                     " cannot be started: " + process.errorString().toStdString());
        process.waitForFinished(-1);
        const QByteArray output = process.readAllStandardOutput();
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
            throw std::runtime_error(
                "sqlalchemy_bench.py failed: " +
                QString::fromUtf8(process.readAllStandardError()).trimmed().toStdString());
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(output.trimmed(), &error);
        if (!document.isObject())
            throw std::runtime_error("sqlalchemy_bench.py printed no JSON object: " +
                                     output.toStdString());
        return document.object();
    }

    QString m_python;
    QString m_script;
    int m_repetitions;
    QString m_unavailable;
};

} // namespace

std::unique_ptr<Contender> makeSqlAlchemyContender(const QString &python, const QString &script,
                                                   int repetitions)
{
    return std::make_unique<SqlAlchemyContender>(python, script, repetitions);
}

} // namespace sessionscope::bench
