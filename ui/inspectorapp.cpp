#include "inspectorapp.h"

#include "language.h"
#include "mainwindow.h"
#include "tracedocument.h"
#include "views/diffview.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

namespace sessionscope {

namespace {

// --lang must be known before any text is translated, the parser's help included. Empty: the
// system's language.
QString requestedLanguage(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--lang" && i + 1 < argc)
            return QString::fromLocal8Bit(argv[i + 1]);
        if (arg.startsWith("--lang="))
            return QString::fromLocal8Bit(arg.mid(7));
    }
    return {};
}

int fail(const QString &message)
{
    std::fprintf(stderr, "sessionscope: %s\n", qPrintable(message));
    return 1;
}

// Selects the object a name (as the views show it) stands for at the cursor.
bool selectObjectNamed(MainWindow &window, const QString &name)
{
    TraceDocument *document = window.document();
    const TraceRenderer renderer = document->renderer();
    const TraceState &state = document->timeline().state();
    for (int slot = 0; slot < state.slotCount(); ++slot) {
        if (state.object(slot) && renderer.nameOf(slot) == name) {
            window.selectObject(slot);
            return true;
        }
    }
    return false;
}

} // namespace

int runInspector(int argc, char *argv[])
{
    QApplication::setOrganizationName(QStringLiteral("SessionScope"));
    QApplication::setApplicationName(QStringLiteral("SessionScope"));
    QApplication::setApplicationVersion(QStringLiteral(SESSIONSCOPE_VERSION));
    QApplication app(argc, argv);
    const QString languageWarning = installLanguage(requestedLanguage(argc, argv), &app);
    if (!languageWarning.isEmpty())
        std::fprintf(stderr, "sessionscope: %s\n", qPrintable(languageWarning));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("Inspector", "Inspects what an ORM session did, step by step."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        QStringLiteral("file"),
        QApplication::translate("Inspector", "A trace (.jsonl) or a scenario (.json) to open."),
        QStringLiteral("[file]"));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QApplication::translate("Inspector", "Open the bundled demo."));
    const QCommandLineOption at(
        QStringLiteral("at"),
        QApplication::translate("Inspector", "Show the state after operation <n>."),
        QStringLiteral("n"));
    const QCommandLineOption atEvent(
        QStringLiteral("at-event"),
        QApplication::translate("Inspector", "Show the state after event <m> (counting from 1)."),
        QStringLiteral("m"));
    const QCommandLineOption object(
        QStringLiteral("object"),
        QApplication::translate("Inspector", "Select the object called <name> (e.g. u1)."),
        QStringLiteral("name"));
    const QCommandLineOption diff(
        QStringLiteral("diff"),
        QApplication::translate("Inspector",
                                "Compare the states after operations <a>,<b> in the diff view "
                                "(the window shows <b> unless --at or --at-event says "
                                "otherwise)."),
        QStringLiteral("a,b"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QApplication::translate("Inspector", "Render the window to the PNG <out> and exit."),
        QStringLiteral("out"));
    const QCommandLineOption size(
        QStringLiteral("size"),
        QApplication::translate("Inspector", "The window size, e.g. 1400x900."),
        QStringLiteral("WxH"));
    const QCommandLineOption lang(
        QStringLiteral("lang"),
        QApplication::translate("Inspector", "The language: %1 (default: the system's).")
            .arg(availableLanguages().join(QStringLiteral(", "))),
        QStringLiteral("code"));
    parser.addOptions({demo, at, atEvent, object, diff, screenshot, size, lang});
    parser.process(app);

    MainWindow window;
    window.setLanguageWarning(languageWarning);
    if (parser.isSet(size)) {
        const QStringList parts = parser.value(size).split(u'x');
        if (parts.size() != 2 || parts[0].toInt() <= 0 || parts[1].toInt() <= 0)
            return fail(
                QApplication::translate("Inspector", "--size takes WIDTHxHEIGHT, not \"%1\"")
                    .arg(parser.value(size)));
        window.resize(parts[0].toInt(), parts[1].toInt());
    } else if (parser.isSet(screenshot)) {
        window.resize(1440, 900);
    }
    window.show();

    const QStringList files = parser.positionalArguments();
    bool opened = false;
    if (!files.isEmpty())
        opened = window.openFile(files.first());
    else if (parser.isSet(demo))
        opened = window.openDemo();
    const bool wantsFile = !files.isEmpty() || parser.isSet(demo);

    if (opened) {
        TraceDocument *document = window.document();
        bool ok = true;
        if (parser.isSet(at)) {
            const int op = parser.value(at).toInt(&ok);
            if (!ok || op < 0 || op > document->operationCount())
                return fail(QApplication::translate("Inspector",
                                                    "--at: there is no operation %1 (the trace "
                                                    "has %2)")
                                .arg(parser.value(at))
                                .arg(document->operationCount()));
            window.stepTo(document->timeline().stateEventOf(op));
        } else if (parser.isSet(atEvent)) {
            const qint64 event = parser.value(atEvent).toLongLong(&ok);
            if (!ok || event < 0 || event > document->eventCount())
                return fail(QApplication::translate("Inspector",
                                                    "--at-event: there is no event %1 (the "
                                                    "trace has %2)")
                                .arg(parser.value(atEvent))
                                .arg(document->eventCount()));
            window.stepTo(event - 1);
        }
        if (parser.isSet(diff)) {
            const QStringList ops = parser.value(diff).split(u',');
            const int a = ops.value(0).toInt(&ok);
            bool okB = false;
            const int b = ops.value(1).toInt(&okB);
            if (ops.size() != 2 || !ok || !okB || a < 0 || b < 0 ||
                a > document->operationCount() || b > document->operationCount())
                return fail(QApplication::translate(
                    "Inspector", "--diff takes two operation numbers, e.g. 3,9"));
            document->setMarkA(document->timeline().stateEventOf(a));
            document->setMarkB(document->timeline().stateEventOf(b));
            // The rest of the window shows B, the state compared to, unless told otherwise.
            if (!parser.isSet(at) && !parser.isSet(atEvent))
                window.stepTo(document->timeline().stateEventOf(b));
            window.showDiff();
        }
        if (parser.isSet(object) && !selectObjectNamed(window, parser.value(object)))
            return fail(
                QApplication::translate("Inspector", "--object: nothing is called %1 at this step")
                    .arg(parser.value(object)));
    }

    if (parser.isSet(screenshot)) {
        // Let layouts settle before rendering.
        QCoreApplication::processEvents();
        QCoreApplication::processEvents();
        const QString out = parser.value(screenshot);
        if (!window.grab().save(out, "PNG"))
            return fail(QApplication::translate("Inspector", "cannot write %1").arg(out));
        if (wantsFile && !opened)
            return fail(window.lastError());
        return 0;
    }
    return QApplication::exec();
}

} // namespace sessionscope
