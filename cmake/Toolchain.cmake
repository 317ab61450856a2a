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
