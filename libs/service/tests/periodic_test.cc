#include "sentra/service/periodic.h"

#include <atomic>
#include <catch2/catch.hpp>

using sentra::service::Periodic;

TEST_CASE("periodic work runs at once and then every interval, and stops without waiting one out", "[unit]") {
  std::atomic<int> rounds{0};
  Periodic periodic(std::chrono::milliseconds(20), [&] { ++rounds; });
  periodic.Start();
  std::this_thread::sleep_for(std::chrono::milliseconds(110));
  CHECK(rounds.load() >= 3);
  CHECK(rounds.load() <= 7);

  Periodic slow(std::chrono::hours(1), [&] {});
  slow.Start();
  const auto started = std::chrono::steady_clock::now();
  slow.Stop();
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(1));
}

TEST_CASE("periodic work never started stops cleanly", "[unit]") {
  Periodic never(std::chrono::seconds(1), [] {});
  never.Stop();
}
