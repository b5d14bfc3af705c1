#pragma once

#include <QStringList>

// `sessionscope-cli inspect TRACE (--at N | --at-event M | --summary | --diff A B)`
int inspectCommand(const QStringList &arguments);
