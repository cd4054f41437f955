# Writes the ctest script that labels a doctest program's tests with their
# doctest suite ("plan::planner", "external", ...). With UNIT=case, it sets
# LABELS on the tests doctest_discover_tests found (one run of the program
# per suite, not per test, and test names may hold commas); with UNIT=suite,
# it adds one test per suite, which runs the program once for the whole
# suite, with the ENVIRONMENT given. Run at build time:
#   cmake -DTEST_EXECUTABLE=... -DLABELS_FILE=... [-DUNIT=suite
#         -DENVIRONMENT=...] -P label_tests.cmake
cmake_minimum_required(VERSION 3.25) # quoted strings are never variables (CMP0054)
execute_process(COMMAND "${TEST_EXECUTABLE}" --list-test-suites --no-version=true
                OUTPUT_VARIABLE suites RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${TEST_EXECUTABLE} --list-test-suites failed: ${status}")
endif()
set(script "")
string(REPLACE "|" ";" ENVIRONMENT "${ENVIRONMENT}") # NAME=VALUE|NAME=VALUE, as the build passes it
string(REPLACE "\n" ";" suites "${suites}")
foreach(suite IN LISTS suites)
  if(suite STREQUAL "" OR suite MATCHES "^(\\[doctest\\]|=+$)")
    continue()
  endif()
  if(UNIT STREQUAL "suite")
    string(APPEND script "add_test([==[${suite}]==] \"${TEST_EXECUTABLE}\" [==[--test-suite=${suite}]==])\n"
           "set_tests_properties([==[${suite}]==] PROPERTIES LABELS [==[${suite}]==] "
           "ENVIRONMENT [==[${ENVIRONMENT}]==])\n")
    continue()
  endif()
  execute_process(COMMAND "${TEST_EXECUTABLE}" --list-test-cases "--test-suite=${suite}" --no-version=true
                  OUTPUT_VARIABLE cases RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${TEST_EXECUTABLE} --list-test-cases --test-suite=${suite} failed: ${status}")
  endif()
  string(REPLACE "\n" ";" cases "${cases}")
  foreach(case IN LISTS cases)
    if(case STREQUAL "" OR case MATCHES "^(\\[doctest\\]|=+$)")
      continue()
    endif()
    string(APPEND script "set_tests_properties([==[${case}]==] PROPERTIES LABELS [==[${suite}]==])\n")
  endforeach()
endforeach()
file(WRITE "${LABELS_FILE}" "${script}")
