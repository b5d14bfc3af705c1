# One INTERFACE target carries the project-wide compile settings, so that nothing is set
# globally and every target opts in explicitly by linking it.
add_library(sessionscope_options INTERFACE)
add_library(SessionScope::options ALIAS sessionscope_options)

target_compile_definitions(sessionscope_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_UP_TO=0x060400)

target_compile_options(sessionscope_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wold-style-cast -Wnon-virtual-dtor
    -Woverloaded-virtual -Wcast-align -Wnull-dereference -Wimplicit-fallthrough)

option(SESSIONSCOPE_WERROR "Treat warnings as errors" OFF)
if(SESSIONSCOPE_WERROR)
    target_compile_options(sessionscope_options INTERFACE -Werror)
endif()

# Sanitizers are a build-wide choice (every object must agree), selected by the asan preset.
set(SESSIONSCOPE_SANITIZE "" CACHE STRING "Sanitizers to build with, e.g. address,undefined")
if(SESSIONSCOPE_SANITIZE)
    target_compile_options(sessionscope_options INTERFACE
        -fsanitize=${SESSIONSCOPE_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(sessionscope_options INTERFACE -fsanitize=${SESSIONSCOPE_SANITIZE})
endif()
