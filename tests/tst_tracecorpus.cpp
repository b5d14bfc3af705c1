// Malformed traces and the error a reader gives for each (tests/data/traces/). Every file is read
// the way `sessionscope-cli inspect` reads it (open, verify, the state after every operation, the
// summary), through Timeline and through the real CLI, and the message must be exactly the one
// tests/data/traces/expected.json gives: "FILE:LINE: what is wrong", FILE being the file name
// as passed (the tests run in that directory).
//
// expected.json maps each file name to its expected error message, or to an object:
//   "error":   the message (absent or null: the trace reads without error)
//   "warning": what Timeline::truncation() says (a truncated last line, which is tolerated)
//   "limits":  TraceLimits to read it with ("fileSize", "lineLength", "nesting", "stringLength");
//              the CLI always reads with the defaults, so such files are only read through
//              Timeline
//   "cli":     the inspect arguments after the file name (default: --summary), for errors that
//              only showing a state finds

#include "trace/timeline.h"
#include "trace/traceerror.h"
#include "trace/traceinspection.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace sessionscope;
using namespace Qt::StringLiterals;

namespace {

const QString kCli = QStringLiteral(SESSIONSCOPE_CLI);
const QString kDataDir = QStringLiteral(SESSIONSCOPE_TRACE_DIR);

struct Expectation
{
    QString error;   // empty: no error
    QString warning; // empty: no truncation
    Timeline::Options options;
    bool defaultLimits = true;
    QStringList cliArguments{u"--summary"_s};
};

// Reads a manifest entry; false (and `why`) when it is malformed.
bool readExpectation(const QJsonValue &entry, Expectation *out, QString *why)
{
    if (entry.isString()) {
        out->error = entry.toString();
        return true;
    }
    if (!entry.isObject()) {
        *why = u"an entry is a message or an object"_s;
        return false;
    }
    const QJsonObject object = entry.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!QStringList{u"error"_s, u"warning"_s, u"limits"_s, u"cli"_s}.contains(it.key())) {
            *why = u"unknown field \"%1\""_s.arg(it.key());
            return false;
        }
    }
    out->error = object.value(u"error"_s).toString();
    out->warning = object.value(u"warning"_s).toString();
    const QJsonObject limits = object.value(u"limits"_s).toObject();
    for (auto it = limits.begin(); it != limits.end(); ++it) {
        const qint64 value = it.value().toInteger(-1);
        if (value <= 0) {
            *why = u"limits.%1 must be a positive integer"_s.arg(it.key());
            return false;
        }
        if (it.key() == u"fileSize")
            out->options.limits.fileSize = value;
        else if (it.key() == u"lineLength")
            out->options.limits.lineLength = value;
        else if (it.key() == u"nesting")
            out->options.limits.nesting = int(value);
        else if (it.key() == u"stringLength")
            out->options.limits.stringLength = value;
        else {
            *why = u"unknown limit \"%1\""_s.arg(it.key());
            return false;
        }
        out->defaultLimits = false;
    }
    if (object.contains(u"cli"_s)) {
        out->cliArguments.clear();
        for (const QJsonValue &argument : object.value(u"cli"_s).toArray())
            out->cliArguments.append(argument.toString());
    }
    return true;
}

} // namespace

class TestTraceCorpus : public QObject
{
    Q_OBJECT

private:
    QJsonObject m_manifest;

    // One row per trace file; its manifest entry (undefined when it has none).
    void addRows()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QJsonValue>("entry");
        const QStringList files = QDir(kDataDir).entryList({u"*.jsonl"_s}, QDir::Files, QDir::Name);
        for (const QString &file : files)
            QTest::newRow(qPrintable(file)) << file << m_manifest.value(file);
    }

    Expectation expectation(const QString &file, const QJsonValue &entry)
    {
        Expectation expected;
        QString why;
        if (entry.isUndefined())
            why = u"no entry in expected.json"_s;
        else
            readExpectation(entry, &expected, &why);
        if (!why.isEmpty())
            QTest::qFail(qPrintable(u"%1: %2"_s.arg(file, why)), __FILE__, __LINE__);
        return expected;
    }

private slots:
    void initTestCase()
    {
        QFile manifest(kDataDir + u"/expected.json"_s);
        QVERIFY2(manifest.open(QIODevice::ReadOnly), qPrintable(manifest.errorString()));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(manifest.readAll(), &error);
        QVERIFY2(document.isObject(), qPrintable(error.errorString()));
        m_manifest = document.object();
        // Messages name files as they were passed: by their name, from their directory.
        QVERIFY(QDir::setCurrent(kDataDir));
    }

    void everyManifestEntryHasAFile()
    {
        for (auto it = m_manifest.begin(); it != m_manifest.end(); ++it)
            QVERIFY2(QFile::exists(it.key()), qPrintable(it.key() + u": no such file"_s));
    }

    void timeline_data() { addRows(); }
    void timeline()
    {
        QFETCH(QString, file);
        QFETCH(QJsonValue, entry);
        const Expectation expected = expectation(file, entry);
        if (QTest::currentTestFailed())
            return;

        QString error;
        std::optional<QString> warning;
        try {
            const std::unique_ptr<Timeline> timeline = Timeline::open(file, expected.options);
            timeline->verify();
            warning = timeline->truncation();
            for (int op = 0; op <= timeline->operationCount(); ++op)
                stateAfterOperation(*timeline, op);
            traceSummary(*timeline);
        } catch (const TraceError &e) {
            error = e.message();
        }
        QCOMPARE(error, expected.error);
        if (expected.error.isEmpty())
            QCOMPARE(warning.value_or(QString()), expected.warning);
    }

    void cli_data() { addRows(); }
    void cli()
    {
        QFETCH(QString, file);
        QFETCH(QJsonValue, entry);
        const Expectation expected = expectation(file, entry);
        if (QTest::currentTestFailed())
            return;
        if (!expected.defaultLimits)
            QSKIP("read with other limits than the CLI's");

        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"LC_ALL"_s, u"C"_s);
        process.setProcessEnvironment(environment);
        process.setWorkingDirectory(kDataDir);
        process.start(kCli, QStringList{u"inspect"_s, file} + expected.cliArguments);
        QVERIFY2(process.waitForStarted(10000), qPrintable(process.errorString()));
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        const QString err = QString::fromUtf8(process.readAllStandardError());
        if (!expected.error.isEmpty()) {
            QCOMPARE(err, expected.error + u'\n');
            QCOMPARE(process.readAllStandardOutput(), QByteArray());
            QCOMPARE(process.exitCode(), 1);
        } else {
            QCOMPARE(err, expected.warning.isEmpty() ? QString()
                                                     : u"warning: "_s + expected.warning + u'\n');
            QCOMPARE(process.exitCode(), 0);
        }
    }
};

QTEST_GUILESS_MAIN(TestTraceCorpus)
#include "tst_tracecorpus.moc"
