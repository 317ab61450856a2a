# Faster builds on small machines: ccache for compiles, mold for links, when present.
find_program(SENTRA_CCACHE ccache)
if(SENTRA_CCACHE)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${SENTRA_CCACHE}")
endif()

find_program(SENTRA_MOLD mold)
if(SENTRA_MOLD)
  add_link_options(-fuse-ld=mold)
endif()

if(SENTRA_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

if(SENTRA_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "SENTRA_FUZZ needs clang (CMAKE_CXX_COMPILER=clang++)")
  endif()
  # Coverage for libFuzzer in everything; the fuzzer's main only in the targets.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
