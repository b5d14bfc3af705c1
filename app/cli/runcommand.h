#pragma once

#include <QStringList>

// `sessionscope-cli run SCENARIO [--states] [--database URL] [--drop-existing]`
int runCommand(const QStringList &arguments);
