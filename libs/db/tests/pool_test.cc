#include "sentra/db/pool.h"

#include <catch2/catch.hpp>
#include <vector>

#include "sentra/db/pg_error.h"
#include "sentra/testing/pg.h"

using namespace sentra::db;

namespace {
constexpr Query kBackendPid{"test.backend_pid", "SELECT pg_backend_pid()"};
constexpr Query kEcho{"test.echo", "SELECT $1::text, $2::bigint, $3::boolean, $4::text IS NULL"};
constexpr Query kBadType{"test.bad_type", "SELECT $1::uuid"};
}  // namespace

TEST_CASE("a pooled connection runs prepared statements and is reused", "[db][pg]") {
  sentra::testing::ScratchSchema schema;
  Pool pool({.url = schema.url(), .size = 2});
  std::int64_t first_pid = 0;
  {
    auto conn = pool.Acquire();
    REQUIRE(conn.ok());
    auto result = (*conn)->Execute(kEcho, "hi", std::int64_t{7}, true, std::optional<std::string>());
    REQUIRE(result.ok());
    CHECK(result->Text(0, 0) == "hi");
    CHECK(result->Int(0, 1) == 7);
    CHECK(result->Bool(0, 2));
    CHECK(result->Bool(0, 3));
    first_pid = (*conn)->Execute(kBackendPid)->Int(0, 0);
  }
  auto again = pool.Acquire();
  REQUIRE(again.ok());
  CHECK((*again)->Execute(kBackendPid)->Int(0, 0) == first_pid);
  CHECK(pool.stats().open == 1);
}

TEST_CASE("a caller waits at most acquire_timeout for a busy pool, then gets Unavailable", "[db][pg]") {
  sentra::testing::ScratchSchema schema;
  Pool pool({.url = schema.url(), .size = 1, .acquire_timeout = std::chrono::milliseconds(100)});
  auto held = pool.Acquire();
  REQUIRE(held.ok());
  const auto start = std::chrono::steady_clock::now();
  auto second = pool.Acquire();
  CHECK(second.status().code() == absl::StatusCode::kUnavailable);
  CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(100));
}

TEST_CASE("bad input to a statement is InvalidArgument and the connection stays usable", "[db][pg]") {
  sentra::testing::ScratchSchema schema;
  Pool pool({.url = schema.url(), .size = 1});
  auto conn = pool.Acquire();
  REQUIRE(conn.ok());
  auto bad = (*conn)->Execute(kBadType, "not-a-uuid");
  CHECK(bad.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(SqlState(bad.status()) == "22P02");
  CHECK(std::string(bad.status().message()).find("not-a-uuid") == std::string::npos);
  CHECK((*conn)->Execute(kBackendPid).ok());
}

TEST_CASE("a connection the server killed is Unavailable and is not returned to the pool", "[db][pg]") {
  sentra::testing::ScratchSchema schema;
  Pool pool({.url = schema.url(), .size = 1});
  {
    auto conn = pool.Acquire();
    REQUIRE(conn.ok());
    const auto pid = (*conn)->Execute(kBackendPid)->Int(0, 0);
    REQUIRE(schema.admin().ExecuteScript("SELECT pg_terminate_backend(" + std::to_string(pid) + ")", "kill").ok());
    auto after = (*conn)->Execute(kBackendPid);
    CHECK(after.status().code() == absl::StatusCode::kUnavailable);
  }
  CHECK(pool.stats().open == 0);
  auto fresh = pool.Acquire();
  REQUIRE(fresh.ok());
  CHECK((*fresh)->Execute(kBackendPid).ok());
}

TEST_CASE("a connection left inside a transaction is closed, not reused", "[db][pg]") {
  sentra::testing::ScratchSchema schema;
  Pool pool({.url = schema.url(), .size = 1});
  {
    auto conn = pool.Acquire();
    REQUIRE(conn.ok());
    REQUIRE((*conn)->ExecuteScript("BEGIN", "begin").ok());
  }
  CHECK(pool.stats().open == 0);
}

TEST_CASE("an unreachable database is Unavailable, with no password in the message", "[db][pg]") {
  Pool pool({.url = "host=127.0.0.1 port=1 user=x password=hunter2 connect_timeout=2", .size = 1});
  auto status = pool.Ping();
  CHECK(status.code() == absl::StatusCode::kUnavailable);
  CHECK(std::string(status.message()).find("hunter2") == std::string::npos);
  CHECK(pool.stats().open == 0);
}

TEST_CASE("when one connection finds the server gone, the idle ones are dropped with it", "[db][pg]") {
  sentra::testing::ScratchSchema schema;
  Pool pool({.url = schema.url(), .size = 4});
  std::vector<std::int64_t> pids;
  {
    std::vector<Pool::Lease> leases;
    for (int i = 0; i < 4; ++i) {
      auto conn = pool.Acquire();
      REQUIRE(conn.ok());
      pids.push_back((*conn)->Execute(kBackendPid)->Int(0, 0));
      leases.push_back(*std::move(conn));
    }
  }
  REQUIRE(pool.stats().idle == 4);
  // As after a database restart: every backend of the pool is gone.
  for (const auto pid : pids) {
    REQUIRE(schema.admin().ExecuteScript("SELECT pg_terminate_backend(" + std::to_string(pid) + ")", "kill").ok());
  }
  {
    auto first = pool.Acquire();
    REQUIRE(first.ok());
    CHECK((*first)->Execute(kBackendPid).status().code() == absl::StatusCode::kUnavailable);
  }
  CHECK(pool.stats().idle == 0);
  CHECK(pool.stats().open == 0);
  auto next = pool.Acquire();
  REQUIRE(next.ok());
  CHECK((*next)->Execute(kBackendPid).ok());
}

TEST_CASE("two different statements of one name are refused, not run as each other", "[db][pg]") {
  sentra::testing::ScratchSchema schema;
  Pool pool({.url = schema.url(), .size = 2});
  static constexpr sentra::db::Query kOne{"t.same_name", "SELECT 1"};
  static constexpr sentra::db::Query kOther{"t.same_name", "SELECT 2"};
  auto conn = pool.Acquire();
  REQUIRE(conn.ok());
  REQUIRE((*conn)->Execute(kOne)->Int(0, 0) == 1);
  // On this connection and on a fresh one alike.
  CHECK((*conn)->Execute(kOther).status().code() == absl::StatusCode::kInternal);
  auto fresh = sentra::db::Connection::Open(schema.url());
  REQUIRE(fresh.ok());
  const auto refused = (*fresh)->Execute(kOther);
  CHECK(refused.status().code() == absl::StatusCode::kInternal);
  CHECK(std::string(refused.status().message()).find("t.same_name") != std::string::npos);
}
