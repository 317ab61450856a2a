#include "sentra/service/periodic.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <vector>

#include "sentra/testing/wait.h"

using sentra::service::Periodic;
using Clock = std::chrono::steady_clock;

TEST_CASE("periodic work runs at once and then every interval, and stops without waiting one out", "[unit]") {
  std::mutex mutex;
  std::vector<Clock::time_point> rounds;
  const auto count = [&] {
    std::lock_guard lock(mutex);
    return rounds.size();
  };
  constexpr auto kEvery = std::chrono::milliseconds(20);
  Periodic periodic(kEvery, [&] {
    std::lock_guard lock(mutex);
    rounds.push_back(Clock::now());
  });
  const auto started = Clock::now();
  periodic.Start();
  REQUIRE(sentra::testing::WaitFor([&] { return count() >= 4; }));
  periodic.Stop();
  const std::size_t stopped_at = count();
  // No round starts once Stop has returned, however many intervals pass.
  CHECK(sentra::testing::StaysFalse([&] { return count() > stopped_at; }, 5 * kEvery));

  std::lock_guard lock(mutex);
  // The first round does not wait an interval; each later one waits a whole one.
  CHECK(rounds.front() - started < kEvery);
  for (std::size_t i = 1; i < rounds.size(); ++i) CHECK(rounds[i] - rounds[i - 1] >= kEvery);
}

TEST_CASE("stopping periodic work with a long interval does not wait it out", "[unit]") {
  std::atomic<int> rounds{0};
  Periodic slow(std::chrono::hours(1), [&] { ++rounds; });
  slow.Start();
  REQUIRE(sentra::testing::WaitFor([&] { return rounds.load() == 1; }));
  const auto started = Clock::now();
  slow.Stop();
  CHECK(Clock::now() - started < std::chrono::seconds(1));
  CHECK(rounds.load() == 1);
}

TEST_CASE("periodic work never started runs nothing and stops at once", "[unit]") {
  std::atomic<int> rounds{0};
  {
    Periodic never(std::chrono::milliseconds(1), [&] { ++rounds; });
    const auto started = Clock::now();
    never.Stop();
    CHECK(Clock::now() - started < std::chrono::milliseconds(100));
  }  // and its destructor, stopping again, returns too
  CHECK(rounds.load() == 0);
}
