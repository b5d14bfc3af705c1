// sessionscope: the inspector's window. Everything it does lives in the ui library.
#include "inspectorapp.h"

int main(int argc, char *argv[])
{
    return sessionscope::runInspector(argc, argv);
}
