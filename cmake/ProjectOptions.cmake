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

# Fuzzing (SESSIONSCOPE_FUZZ, the fuzz preset; Clang only): every object gets libFuzzer's
# coverage instrumentation, the fuzz targets (tests/fuzz) link libFuzzer itself, and the standard
# library checks its bounds so that a bad index is caught even within a container's capacity.
if(SESSIONSCOPE_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "SESSIONSCOPE_FUZZ needs Clang (use the fuzz preset)")
    endif()
    target_compile_options(sessionscope_options INTERFACE -fsanitize=fuzzer-no-link)
    target_link_options(sessionscope_options INTERFACE -fsanitize=fuzzer-no-link)
    target_compile_definitions(sessionscope_options INTERFACE _GLIBCXX_ASSERTIONS)
endif()
