#include "sentra/db/deadline.h"

#include <catch2/catch.hpp>

#include "sentra/db/pool.h"
#include "sentra/db/transaction.h"
#include "sentra/testing/pg.h"

using namespace sentra::db;
using Clock = std::chrono::steady_clock;

namespace {

constexpr Query kSleep{"t.sleep", "SELECT pg_sleep(3)"};
constexpr Query kShowTimeout{"t.show_timeout", "SELECT current_setting('statement_timeout')"};

std::chrono::system_clock::time_point In(std::chrono::milliseconds ms) { return std::chrono::system_clock::now() + ms; }

}  // namespace

TEST_CASE("a transaction's statements end with the request's deadline", "[db][pg]") {
  sentra::testing::ScratchSchema schema;
  Pool pool({.url = schema.url(), .size = 2});
  DeadlineScope deadline(In(std::chrono::milliseconds(300)));
  const auto started = Clock::now();
  const auto status = InTransaction(pool, {}, [](Transaction& tx) { return tx.Execute(kSleep).status(); });
  CHECK(status.code() == absl::StatusCode::kDeadlineExceeded);
  CHECK(Clock::now() - started < std::chrono::milliseconds(1500));
}

TEST_CASE("a request whose deadline has passed gets DeadlineExceeded and runs nothing", "[db][pg]") {
  sentra::testing::ScratchSchema schema;
  Pool pool({.url = schema.url(), .size = 2});
  DeadlineScope deadline(In(std::chrono::milliseconds(-5)));
  bool ran = false;
  const auto status = InTransaction(pool, {}, [&](Transaction&) {
    ran = true;
    return absl::OkStatus();
  });
  CHECK(status.code() == absl::StatusCode::kDeadlineExceeded);
  CHECK_FALSE(ran);
}

TEST_CASE("the statement timeout follows the deadline, and without one stays the role's", "[db][pg]") {
  sentra::testing::ScratchSchema schema;
  Pool pool({.url = schema.url(), .size = 1});
  auto setting = [&] {
    std::string value;
    REQUIRE(InTransaction(pool, {}, [&](Transaction& tx) {
              auto row = tx.Execute(kShowTimeout);
              if (!row.ok()) return row.status();
              value = row->String(0, 0);
              return absl::OkStatus();
            }).ok());
    return value;
  };
  const std::string role_default = setting();
  {
    DeadlineScope deadline(In(std::chrono::seconds(5)));
    const std::string bounded = setting();
    REQUIRE(bounded.ends_with("ms"));
    const long ms = std::stol(bounded);
    CHECK(ms > 4000);
    CHECK(ms <= 5000);
  }
  {
    DeadlineScope far(In(std::chrono::minutes(10)));  // never past the longest statement
    CHECK(setting() == "30s");
  }
  CHECK(setting() == role_default);  // the scope ended; the connection keeps nothing
}

TEST_CASE("a busy pool keeps a caller waiting no longer than its deadline", "[db][pg]") {
  sentra::testing::ScratchSchema schema;
  Pool pool({.url = schema.url(), .size = 1, .acquire_timeout = std::chrono::seconds(5)});
  auto held = pool.Acquire();
  REQUIRE(held.ok());
  DeadlineScope deadline(In(std::chrono::milliseconds(150)));
  const auto started = Clock::now();
  auto second = pool.Acquire();
  CHECK(second.status().code() == absl::StatusCode::kUnavailable);
  CHECK(Clock::now() - started < std::chrono::seconds(1));
}
