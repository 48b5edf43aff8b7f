# Small helpers so every layer's CMakeLists.txt reads the same way.

set(LOUPE_WARNINGS -Wall -Wextra -Wno-unused-parameter)

if(LOUPE_FUZZ)
  # Coverage instrumentation on every library, or libFuzzer only sees the fuzz target's
  # own few branches; the targets link the libFuzzer runtime themselves.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

if(LOUPE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# loupe_library(NAME SOURCES ... DEPS ...)
# One static library per layer; DEPS states which layers it may use (the layer rule).
function(loupe_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(${name} PRIVATE ${LOUPE_WARNINGS})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# loupe_test(NAME SOURCES ... DEPS ...)
function(loupe_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_compile_options(${name} PRIVATE ${LOUPE_WARNINGS})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} loupe_testing GTest::gtest GTest::gmock GTest::gtest_main)
  target_compile_definitions(${name} PRIVATE
    LOUPE_SHARED_DATA="${LOUPE_SHARED_DATA}" LOUPE_TESTDATA="${LOUPE_TESTDATA}")
  add_test(NAME ${name} COMMAND ${name})
endfunction()

# loupe_fuzzer(NAME SOURCE ... DEPS ... CORPUS dir [DEFINES ...])
# Always builds a replay binary that runs every corpus file through the target under ctest;
# with LOUPE_FUZZ (clang) also a libFuzzer binary NAME_fuzzer.
function(loupe_fuzzer name)
  cmake_parse_arguments(ARG "" "CORPUS" "SOURCES;DEPS;DEFINES" ${ARGN})
  add_executable(${name}_replay ${ARG_SOURCES} ${PROJECT_SOURCE_DIR}/fuzz/replay_main.cc)
  target_link_libraries(${name}_replay PRIVATE ${ARG_DEPS})
  target_compile_definitions(${name}_replay PRIVATE ${ARG_DEFINES})
  add_test(NAME ${name}_replay COMMAND ${name}_replay ${ARG_CORPUS})
  if(LOUPE_FUZZ)
    add_executable(${name}_fuzzer ${ARG_SOURCES})
    target_compile_options(${name}_fuzzer PRIVATE -fsanitize=fuzzer)
    target_link_options(${name}_fuzzer PRIVATE -fsanitize=fuzzer)
    target_link_libraries(${name}_fuzzer PRIVATE ${ARG_DEPS})
    target_compile_definitions(${name}_fuzzer PRIVATE ${ARG_DEFINES})
  endif()
endfunction()
