#include "sentra/service/free_memory.h"

#include <malloc.h>

#include <cstddef>

// Present only when the program is linked with that allocator (see
// cmake/Allocator.cmake); weak, so that a program on glibc's malloc links
// without them and sees null.
extern "C" {
void MallocExtension_ReleaseFreeMemory() __attribute__((weak));                             // tcmalloc
int mallctl(const char* name, void* old, std::size_t* old_len, void* value, std::size_t len)  // jemalloc
    __attribute__((weak));
}

namespace sentra::service {

std::string_view AllocatorName() {
  if (MallocExtension_ReleaseFreeMemory != nullptr) return "tcmalloc";
  if (mallctl != nullptr) return "jemalloc";
  return "glibc";
}

void ReleaseFreeMemory() {
  if (MallocExtension_ReleaseFreeMemory != nullptr) {
    MallocExtension_ReleaseFreeMemory();
  } else if (mallctl != nullptr) {
    // MALLCTL_ARENAS_ALL (4096): every arena at once.
    mallctl("arena.4096.purge", nullptr, nullptr, nullptr, 0);
  } else {
    malloc_trim(0);
  }
}

}  // namespace sentra::service
