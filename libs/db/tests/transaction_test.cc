#include "sentra/db/transaction.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <latch>
#include <thread>

#include "sentra/db/pg_error.h"
#include "sentra/db/tenancy.h"
#include "sentra/errors/errors.h"
#include "sentra/testing/pg.h"

using namespace sentra::db;

namespace {

constexpr char kOrgA[] = "0190f1c2-0000-7000-8000-00000000000a";
constexpr char kOrgB[] = "0190f1c2-0000-7000-8000-00000000000b";

// A tenant table made the way every service makes them (make_tenant_table
// from the tenancy migrations).
constexpr std::string_view kSchema = R"sql(
  CREATE TABLE notes (id bigserial PRIMARY KEY, org_id uuid NOT NULL, body text NOT NULL);
  CREATE INDEX notes_org_idx ON notes (org_id, id);
  SELECT make_tenant_table('notes');
  CREATE TABLE counters (id int PRIMARY KEY, value int NOT NULL);
  INSERT INTO counters VALUES (1, 0), (2, 0);
)sql";

constexpr Query kInsertNote{"test.insert_note", "INSERT INTO notes (org_id, body) VALUES ($1, $2)"};
constexpr Query kCountNotes{"test.count_notes", "SELECT count(*) FROM notes"};
constexpr Query kReadCounter{"test.read_counter", "SELECT value FROM counters WHERE id = $1"};
constexpr Query kBumpCounter{"test.bump_counter",
                             "UPDATE counters SET value = value + 1 WHERE id = $1"};

struct Fixture {
  sentra::testing::ScratchSchema schema;
  Pool pool{{.url = schema.url(), .size = 4}};
  Fixture() {
    auto conn = pool.Acquire();
    REQUIRE(conn.ok());
    REQUIRE(ApplyMigrations(**conn, schema.name(), "tenancy", TenancyMigrations()).ok());
    REQUIRE((*conn)->ExecuteScript(kSchema, "schema").ok());
  }
  std::int64_t CountAs(const std::string& org) {
    return *InTransactionValue<std::int64_t>(pool, {.org_id = org}, [](Transaction& tx) -> absl::StatusOr<std::int64_t> {
      auto r = tx.Execute(kCountNotes);
      if (!r.ok()) return r.status();
      return r->Int(0, 0);
    });
  }
};

}  // namespace

TEST_CASE("a committed transaction is visible, a failed one leaves nothing behind", "[db][pg]") {
  Fixture f;
  REQUIRE(InTransaction(f.pool, {.org_id = kOrgA}, [](Transaction& tx) {
            return tx.Execute(kInsertNote, kOrgA, "kept").status();
          }).ok());
  auto failed = InTransaction(f.pool, {.org_id = kOrgA}, [](Transaction& tx) {
    if (auto s = tx.Execute(kInsertNote, kOrgA, "dropped"); !s.ok()) return s.status();
    return sentra::errors::Validation("body", "rejected after the insert");
  });
  CHECK(failed.code() == absl::StatusCode::kInvalidArgument);
  CHECK(f.CountAs(kOrgA) == 1);
}

TEST_CASE("a COMMIT that PostgreSQL turned into a ROLLBACK is a failure, not a success", "[db][pg]") {
  Fixture f;
  auto committed = InTransaction(f.pool, {.org_id = kOrgA}, [](Transaction& tx) {
    if (auto s = tx.Execute(kInsertNote, kOrgA, "lost"); !s.ok()) return s.status();
    // A body that swallows an error: the transaction is aborted from here.
    (void)tx.Execute(kInsertNote, kOrgB, "refused by the policy");
    return absl::OkStatus();
  });
  CHECK_FALSE(committed.ok());
  CHECK(f.CountAs(kOrgA) == 0);
}

TEST_CASE("row-level security shows each organization only its own rows", "[db][pg]") {
  Fixture f;
  REQUIRE(InTransaction(f.pool, {.org_id = kOrgA}, [](Transaction& tx) {
            return tx.Execute(kInsertNote, kOrgA, "a").status();
          }).ok());
  REQUIRE(InTransaction(f.pool, {.org_id = kOrgB}, [](Transaction& tx) {
            return tx.Execute(kInsertNote, kOrgB, "b").status();
          }).ok());
  CHECK(f.CountAs(kOrgA) == 1);
  CHECK(f.CountAs(kOrgB) == 1);
  // No organization set: fails closed.
  CHECK(f.CountAs("") == 0);
}

TEST_CASE("writing a row for another organization is refused by the policy", "[db][pg]") {
  Fixture f;
  auto status = InTransaction(f.pool, {.org_id = kOrgA}, [](Transaction& tx) {
    return tx.Execute(kInsertNote, kOrgB, "smuggled").status();
  });
  CHECK(status.code() == absl::StatusCode::kPermissionDenied);
  CHECK(f.CountAs(kOrgB) == 0);
}

TEST_CASE("the organization setting does not leak into the next transaction on a connection", "[db][pg]") {
  Fixture f;
  Pool single{{.url = f.schema.url(), .size = 1}};
  REQUIRE(InTransaction(single, {.org_id = kOrgA}, [](Transaction& tx) {
            return tx.Execute(kInsertNote, kOrgA, "a").status();
          }).ok());
  constexpr Query kSetting{"test.setting", "SELECT coalesce(current_setting('sentra.org_id', true), '')"};
  auto conn = single.Acquire();
  REQUIRE(conn.ok());
  CHECK((*conn)->Execute(kSetting)->Text(0, 0).empty());
}

TEST_CASE("serialization failures are retried until both writers succeed", "[db][pg]") {
  Fixture f;
  std::atomic<int> runs{0};
  std::latch both_read(2);
  auto writer = [&](int id) {
    return InTransaction(f.pool, {.org_id = "", .user_id = "", .isolation = Isolation::kSerializable}, [&, id](Transaction& tx) {
      const int run = ++runs;
      // Each reads both rows and writes one: a read/write dependency cycle
      // that SERIALIZABLE must break by aborting one of them.
      if (auto r = tx.Execute(kReadCounter, 1); !r.ok()) return r.status();
      if (auto r = tx.Execute(kReadCounter, 2); !r.ok()) return r.status();
      if (run <= 2) both_read.count_down();
      if (run <= 2) both_read.wait();
      return tx.Execute(kBumpCounter, id).status();
    });
  };
  absl::Status s1, s2;
  std::thread t1([&] { s1 = writer(1); });
  std::thread t2([&] { s2 = writer(2); });
  t1.join();
  t2.join();
  CHECK(s1.ok());
  CHECK(s2.ok());
  CHECK(runs.load() >= 3);
  auto conn = f.pool.Acquire();
  CHECK((*conn)->Execute(kReadCounter, 1)->Int(0, 0) == 1);
  CHECK((*conn)->Execute(kReadCounter, 2)->Int(0, 0) == 1);
}

TEST_CASE("a version conflict returned by the body is not retried", "[db][pg]") {
  Fixture f;
  int runs = 0;
  auto status = InTransaction(f.pool, {}, [&](Transaction&) {
    ++runs;
    return sentra::errors::VersionConflict("lead");
  });
  CHECK(status.code() == absl::StatusCode::kAborted);
  CHECK(runs == 1);
}

TEST_CASE("a transaction whose connection died while idle in the pool is rerun on a fresh one", "[db][pg]") {
  Fixture f;
  Pool single{{.url = f.schema.url(), .size = 1}};
  constexpr Query kPid{"test.pid", "SELECT pg_backend_pid()"};
  // A connection that has run a transaction: its statements are prepared,
  // so BEGIN is queued and first fails inside the body.
  const auto kill_the_pooled_connection = [&] {
    std::int64_t pid = 0;
    REQUIRE(InTransaction(single, {.org_id = kOrgA}, [&](Transaction& tx) {
              auto r = tx.Execute(kPid);
              if (r.ok()) pid = r->Int(0, 0);
              return r.status();
            }).ok());
    REQUIRE(f.schema.admin().ExecuteScript("SELECT pg_terminate_backend(" + std::to_string(pid) + ")", "kill").ok());
  };

  kill_the_pooled_connection();
  int runs = 0;
  auto status = InTransaction(single, {.org_id = kOrgA}, [&](Transaction& tx) {
    ++runs;
    auto r = tx.Execute(kInsertNote, kOrgA, "after reconnect");
    // A body that makes its own error of the failure still gets the rerun.
    return r.ok() ? absl::OkStatus() : absl::InternalError("could not write the note");
  });
  CHECK(status.ok());
  CHECK(runs == 2);  // the first run met the dead connection, and wrote nothing
  CHECK(f.CountAs(kOrgA) == 1);

  // A body that runs no statement: COMMIT was never sent, so no "outcome
  // unknown".
  kill_the_pooled_connection();
  CHECK(InTransaction(single, {.org_id = kOrgA}, [](Transaction&) { return absl::OkStatus(); }).ok());
}

// BEGIN and the scope settings go out with the body's first statement
// (pipeline mode): each way that first statement can go must leave the
// connection as a plain one would.
TEST_CASE("a failing first statement reports its own error and leaves the connection usable", "[db][pg]") {
  Fixture f;
  constexpr Query kBroken{"test.broken", "SELECT 1 / (0 * $1::int)"};
  constexpr Query kBackend{"test.backend", "SELECT pg_backend_pid()"};
  const auto backend = [&] {
    return *InTransactionValue<std::int64_t>(f.pool, {.org_id = kOrgA}, [&](Transaction& tx) -> absl::StatusOr<std::int64_t> {
      auto r = tx.Execute(kBackend);
      if (!r.ok()) return r.status();
      return r->Int(0, 0);
    });
  };
  const std::int64_t before = backend();
  // Prepared once, so that the second time it joins the pipeline.
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto failed = InTransaction(f.pool, {.org_id = kOrgA}, [&](Transaction& tx) {
      return tx.Execute(kBroken, 1).status();
    });
    CHECK(SqlState(failed) == "22012");
  }
  // The same connection, kept (one at a time: the pool hands back its
  // only idle one), and scoped afresh.
  CHECK(backend() == before);
  CHECK(f.pool.stats().open == 1);
  CHECK(f.CountAs(kOrgA) == 0);
}

TEST_CASE("a body that runs no statement, or only a new one, still commits", "[db][pg]") {
  Fixture f;
  CHECK(InTransaction(f.pool, {.org_id = kOrgA}, [](Transaction&) { return absl::OkStatus(); }).ok());
  // A statement this connection never prepared is prepared outside the
  // pipeline; what was queued goes first.
  constexpr Query kFresh{"test.fresh_insert", "INSERT INTO notes (org_id, body) VALUES ($1, 'fresh')"};
  CHECK(InTransaction(f.pool, {.org_id = kOrgA}, [&](Transaction& tx) {
          return tx.Execute(kFresh, kOrgA).status();
        }).ok());
  CHECK(f.CountAs(kOrgA) == 1);
  // The scope from the pipelined settings is what row-level security sees.
  CHECK(f.CountAs(kOrgB) == 0);
}
