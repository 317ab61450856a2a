# Warnings apply to our own code only: generated protobuf code is compiled without them.
# -Wno-missing-field-initializers: GCC 12 warns when a designated initializer
# leaves out members that have default initializers, which is exactly how our
# option structs are meant to be used ({.org_id = id}); GCC 13 no longer does.
function(sentra_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror=return-type
                         -Wno-missing-field-initializers)
endfunction()

# A library of ours: sources, public include dir, warnings on.
function(sentra_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
  sentra_warnings(${name})
endfunction()

# A Catch2 test binary registered with CTest, one CTest test per test case.
# LABEL is the ctest label; SERIAL keeps its tests from running alongside
# any other (for tests that stop shared servers).
function(sentra_test name)
  cmake_parse_arguments(ARG "SERIAL" "LABELS" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE Catch2::Catch2WithMain ${ARG_DEPS})
  sentra_warnings(${name})
  # --warn NoTests: a CTest test whose name selects no test case fails
  # instead of passing having run nothing (CMake splits a test name at ';').
  if(ARG_SERIAL)
    catch_discover_tests(${name} EXTRA_ARGS --warn NoTests PROPERTIES LABELS ${ARG_LABELS} RUN_SERIAL TRUE)
  else()
    catch_discover_tests(${name} EXTRA_ARGS --warn NoTests PROPERTIES LABELS ${ARG_LABELS})
  endif()
endfunction()
