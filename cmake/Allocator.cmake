# Which malloc the service and gateway programs run on: SENTRA_MALLOC is
# jemalloc (the default), tcmalloc or glibc. Linked into the programs
# themselves, so the images and every way of starting them get the same one;
# tests and tools keep glibc's. jemalloc because of what the README's
# "Memory" section measured: after a burst of the largest pages it gives the
# most back (with the periodic purge, service/free_memory.h), and other
# tenants' latency during the burst was better than on glibc's.
set(SENTRA_MALLOC "jemalloc" CACHE STRING "malloc of the service and gateway programs: jemalloc, tcmalloc or glibc")
set_property(CACHE SENTRA_MALLOC PROPERTY STRINGS jemalloc tcmalloc glibc)

# One cache variable per library: find_library keeps what it found under
# its variable's name, so a shared one would keep the first choice's.
if(SENTRA_MALLOC STREQUAL "jemalloc")
  find_library(SENTRA_JEMALLOC_LIBRARY NAMES jemalloc REQUIRED)  # Debian: libjemalloc-dev
  set(SENTRA_MALLOC_LIBRARY ${SENTRA_JEMALLOC_LIBRARY})
elseif(SENTRA_MALLOC STREQUAL "tcmalloc")
  find_library(SENTRA_TCMALLOC_LIBRARY NAMES tcmalloc_minimal REQUIRED)  # Debian: libgoogle-perftools-dev
  set(SENTRA_MALLOC_LIBRARY ${SENTRA_TCMALLOC_LIBRARY})
elseif(NOT SENTRA_MALLOC STREQUAL "glibc")
  message(FATAL_ERROR "SENTRA_MALLOC must be jemalloc, tcmalloc or glibc, not '${SENTRA_MALLOC}'")
endif()

# Links the chosen malloc into a program, ahead of libc's.
function(sentra_allocator target)
  if(NOT SENTRA_MALLOC STREQUAL "glibc" AND NOT SENTRA_SANITIZE)
    target_link_libraries(${target} PRIVATE ${SENTRA_MALLOC_LIBRARY})
  endif()
endfunction()
