// Memory a process has freed, given back to the operating system.
//
// A burst of large pages (one tenant listing its largest rows on many
// connections) raises a process's resident set by the page budget times the
// calls at once. When the burst ends, glibc's malloc keeps most of those
// pages in its per-thread arenas, where only an allocation from the same
// arena reuses them, and tcmalloc keeps them in its page heap: the resident
// set stays at the burst's peak until the process restarts. Every process
// hands them back on a timer instead.
#pragma once

#include <string_view>

namespace sentra::service {

// The malloc this program runs on: "glibc", "jemalloc" or "tcmalloc" (see
// SENTRA_MALLOC in the build).
std::string_view AllocatorName();

// Gives what the allocator holds free back to the system: malloc_trim(0)
// on glibc, ReleaseFreeMemory on tcmalloc, a purge of every arena on
// jemalloc. Costs a walk of the free lists: milliseconds for a heap of
// a few hundred MiB, nothing when little is free.
void ReleaseFreeMemory();

// How often the services and the gateway call ReleaseFreeMemory.
inline constexpr int kReleaseFreeMemorySeconds = 10;

}  // namespace sentra::service
