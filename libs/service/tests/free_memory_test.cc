#include "sentra/service/free_memory.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <thread>
#include <vector>

namespace {

// Resident bytes of this process (the second field of /proc/self/statm, in pages).
long long ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  long long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * 4096;
}

}  // namespace

TEST_CASE("memory freed after a burst goes back to the system, though the burst's heap stays in use",
          "[free_memory]") {
  // Tests run on glibc's malloc (only the programs get another).
  REQUIRE(sentra::service::AllocatorName() == "glibc");
  constexpr std::size_t kBlock = 64 * 1024;  // below the mmap threshold: from an arena
  constexpr int kBlocks = 2048;              // 128 MiB
  std::vector<void*> pinned;
  long long after_free = 0;
  // On a thread of its own, as a request's would be: its own arena.
  std::thread burst([&] {
    std::vector<void*> blocks;
    for (int i = 0; i < kBlocks; ++i) {
      blocks.push_back(std::malloc(kBlock));
      std::memset(blocks.back(), 1, kBlock);
    }
    // One block in 16 outlives the burst, so the heap cannot shrink from its top.
    for (int i = 0; i < kBlocks; ++i) (i % 16 == 15 ? pinned.push_back(blocks[i]) : std::free(blocks[i]));
    after_free = ResidentBytes();
  });
  burst.join();
  sentra::service::ReleaseFreeMemory();
  const long long released = after_free - ResidentBytes();
  for (void* p : pinned) std::free(p);
  CHECK(released > 64LL * 1024 * 1024);
}
