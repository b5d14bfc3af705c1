#pragma once

namespace sessionscope {

// The `sessionscope` executable: the application object, translations (the system language,
// or --lang), the command line (a file to open, a step to show, a screenshot to take), and the
// main window. Returns the process exit code.
int runInspector(int argc, char *argv[]);

} // namespace sessionscope
