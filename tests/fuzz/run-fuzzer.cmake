# Runs a libFuzzer target for a bounded time on a fresh copy of its seed corpus.
#   cmake -DFUZZER=exe -DSEEDS=dir -DWORK_DIR=dir [-DDICTIONARY=file] [-DMAX_TOTAL_TIME=s]
#         -P run-fuzzer.cmake
foreach(required FUZZER SEEDS WORK_DIR)
    if(NOT DEFINED ${required})
        message(FATAL_ERROR "run-fuzzer.cmake: ${required} is not set")
    endif()
endforeach()
if(NOT DEFINED MAX_TOTAL_TIME)
    set(MAX_TOTAL_TIME 60)
endif()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/artifacts)
file(COPY ${SEEDS}/ DESTINATION ${WORK_DIR}/corpus)

set(arguments
    -max_total_time=${MAX_TOTAL_TIME} -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
    -artifact_prefix=${WORK_DIR}/artifacts/)
if(DEFINED DICTIONARY)
    list(APPEND arguments -dict=${DICTIONARY})
endif()
execute_process(
    COMMAND ${FUZZER} ${arguments} ${WORK_DIR}/corpus
    WORKING_DIRECTORY ${WORK_DIR}
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    file(GLOB found ${WORK_DIR}/artifacts/*)
    message(FATAL_ERROR "${FUZZER} failed (${result}); reproducers: ${found}")
endif()
