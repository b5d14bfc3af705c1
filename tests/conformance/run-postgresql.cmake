# Runs the conformance suite against the PostgreSQL test database. Without a configured server
# it is skipped (exit 0 with a message) unless the test command required one.
if(NOT DEFINED ENV{SESSIONSCOPE_TEST_PG_URL} OR "$ENV{SESSIONSCOPE_TEST_PG_URL}" STREQUAL "")
    if("$ENV{SESSIONSCOPE_REQUIRE_PG}" STREQUAL "1")
        message(FATAL_ERROR "SESSIONSCOPE_REQUIRE_PG=1 but SESSIONSCOPE_TEST_PG_URL is not set")
    endif()
    message(STATUS "PostgreSQL not configured; conformance-postgresql skipped")
    return()
endif()
execute_process(
    COMMAND ${PYTHON} ${SCRIPT} --cli ${CLI} --database $ENV{SESSIONSCOPE_TEST_PG_URL}
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "conformance on PostgreSQL failed")
endif()
