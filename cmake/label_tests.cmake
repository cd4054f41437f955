# Writes LABELS for the tests doctest_discover_tests found in a doctest
# program: each test is labelled with its doctest suite ("plan::planner",
# "external", ...). One run of the program per suite, not per test, and test
# names may hold commas. Run at build time:
#   cmake -DTEST_EXECUTABLE=... -DLABELS_FILE=... -P label_tests.cmake
execute_process(COMMAND "${TEST_EXECUTABLE}" --list-test-suites --no-version=true
                OUTPUT_VARIABLE suites RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${TEST_EXECUTABLE} --list-test-suites failed: ${status}")
endif()
set(script "")
string(REPLACE "\n" ";" suites "${suites}")
foreach(suite IN LISTS suites)
  if(suite STREQUAL "" OR suite MATCHES "^(\\[doctest\\]|=+$)")
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
