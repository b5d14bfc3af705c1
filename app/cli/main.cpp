// sessionscope-cli: headless access to SessionScope (run scenarios; inspect traces).

#include "inspectcommand.h"
#include "runcommand.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {

int usage(QTextStream &stream)
{
    stream << "usage: sessionscope-cli COMMAND [options]\n\n"
              "commands:\n"
              "  run SCENARIO [--states] [--database URL] [--drop-existing]\n"
              "      run a scenario; --states prints the session state after every step as JSON\n"
              "  run SCENARIO --trace FILE [--redact none|sensitive|all]\n"
              "      record the run as a trace\n"
              "  inspect TRACE --at N | --at-event M | --summary | --diff A B [--json]\n"
              "      the state after an operation or event, counts, or what changed\n\n"
              "`sessionscope-cli COMMAND --help` describes a command's options.\n";
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sessionscope-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));

    QStringList arguments = QCoreApplication::arguments();
    QTextStream err(stderr);
    if (arguments.size() < 2)
        return usage(err);
    const QString command = arguments.at(1);
    arguments.removeAt(1); // the command's parser sees "sessionscope-cli [options]"
    if (command == u"run")
        return runCommand(arguments);
    if (command == u"inspect")
        return inspectCommand(arguments);
    if (command == u"--help" || command == u"-h" || command == u"help") {
        QTextStream out(stdout);
        usage(out);
        return 0;
    }
    err << "sessionscope-cli: unknown command \"" << command << "\"\n";
    return usage(err);
}
