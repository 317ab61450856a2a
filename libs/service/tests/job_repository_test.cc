// A job's one write on the real PostgreSQL: in its organization's scope,
// committed with the job's completion and its events, and nothing at all
// from a run whose job another worker has taken.
#include "sentra/service/job_repository.h"

#include <google/protobuf/wrappers.pb.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "sentra/bus/migrations.h"
#include "sentra/db/migrations.h"
#include "sentra/db/query.h"
#include "sentra/db/tenancy.h"
#include "sentra/testing/pg.h"

namespace sentra::service {
namespace {

using namespace std::chrono_literals;

constexpr db::Query kNotesTable{"test.notes_table",
                                "CREATE TABLE notes (org_id uuid NOT NULL, body text NOT NULL); "};
constexpr db::Query kTenantNotes{"test.tenant_notes", "SELECT make_tenant_table('notes')"};
constexpr db::Query kAddNote{"test.add_note", "INSERT INTO notes (org_id, body) VALUES (current_org(), $1)"};
constexpr db::Query kNotes{"test.notes", "SELECT count(*) FROM notes"};
constexpr db::Query kEventsOf{"test.events_of", "SELECT count(*) FROM outbox WHERE event_type = $1"};
// In the job's organization's transaction, which sees its jobs.
constexpr db::Query kJobState{"test.job_state", "SELECT state || '/' || attempt FROM jobs WHERE id = $1"};

// What the job's logic sees: an entity's queries.
class NoteQueries {
 public:
  virtual ~NoteQueries() = default;
  virtual absl::Status Add(const std::string& body) = 0;
  virtual absl::StatusOr<std::int64_t> Count() = 0;
};

class PgNoteQueries final : public NoteQueries {
 public:
  explicit PgNoteQueries(db::Transaction& tx) : tx_(tx) {}
  absl::Status Add(const std::string& body) override { return tx_.Execute(kAddNote, body).status(); }
  absl::StatusOr<std::int64_t> Count() override {
    auto rows = tx_.Execute(kNotes);
    if (!rows.ok()) return rows.status();
    return rows->Int(0, 0);
  }

 private:
  db::Transaction& tx_;
};

using Notes = JobRepository<NoteQueries, PgNoteQueries>;

struct Fixture {
  testing::ScratchSchema schema;
  db::Pool pool{{.url = schema.url(), .size = 4}};
  bus::OutboxWriter outbox{"test"};
  Storage storage{pool, outbox};
  const std::string org = "0190f1c2-3b4a-7def-8123-456789abcd0a";
  const std::string other_org = "0190f1c2-3b4a-7def-8123-456789abcd0b";

  Fixture() {
    auto conn = pool.Acquire();
    REQUIRE(conn.ok());
    REQUIRE(db::ApplyMigrations(**conn, schema.name(), "tenancy", db::TenancyMigrations()).ok());
    REQUIRE(db::ApplyMigrations(**conn, schema.name(), "bus", bus::Migrations()).ok());
    REQUIRE(db::ApplyMigrations(**conn, schema.name(), "jobs", jobs::Migrations()).ok());
    REQUIRE((*conn)->Execute(kNotesTable).ok());
    REQUIRE((*conn)->Execute(kTenantNotes).ok());
  }

  std::int64_t Enqueue(const std::string& for_org) {
    google::protobuf::StringValue args;
    REQUIRE(db::InTransaction(pool, {.org_id = for_org}, [&](db::Transaction& tx) {
              return jobs::Enqueue(tx, "note", args).status();
            }).ok());
    std::int64_t id = 0;
    REQUIRE(db::InTransaction(pool, {.org_id = for_org}, [&](db::Transaction& tx) -> absl::Status {
              constexpr db::Query kLast{"test.last_job", "SELECT max(id) FROM jobs"};
              auto rows = tx.Execute(kLast);
              if (!rows.ok()) return rows.status();
              id = rows->Int(0, 0);
              return absl::OkStatus();
            }).ok());
    return id;
  }

  template <typename... Args>
  std::string Scalar(const std::string& in_org, const db::Query& query, const Args&... args) {
    std::string value;
    REQUIRE(db::InTransaction(pool, {.org_id = in_org}, [&](db::Transaction& tx) -> absl::Status {
              auto rows = tx.Execute(query, args...);
              if (!rows.ok()) return rows.status();
              value = rows->String(0, 0);
              return absl::OkStatus();
            }).ok());
    return value;
  }
};

jobs::WorkerOptions Fast(std::string id) { return {.worker_id = std::move(id), .threads = 1, .poll = 20ms}; }

TEST_CASE("a job's write records its outcome in its organization with its completion and its events",
          "[pg][jobs]") {
  Fixture f;
  const std::int64_t id = f.Enqueue(f.org);
  jobs::Worker worker(Fast("w"), f.pool);
  absl::Status second;
  worker.Register("note", {}, [&](jobs::JobRun& run) {
    Notes notes(f.storage, run);
    auto status = notes.Write([](NoteQueries& q, bus::EventSink& events) -> absl::Status {
      if (auto s = q.Add("sent"); !s.ok()) return s;
      google::protobuf::StringValue payload;
      return events.Emit("note.sent", "note", "n-1", payload);
    });
    second = notes.Write([](NoteQueries&, bus::EventSink&) { return absl::OkStatus(); });
    return status;
  });
  REQUIRE(*worker.RunOnce(1) == 1);
  CHECK(f.Scalar(f.org, kNotes) == "1");
  CHECK(f.Scalar(f.other_org, kNotes) == "0");
  CHECK(f.Scalar(f.org, kEventsOf, "note.sent") == "1");
  CHECK(f.Scalar(f.org, kJobState, id) == "succeeded/1");
  CHECK(second.code() == absl::StatusCode::kInternal);
  CHECK(worker.counters().succeeded == 1);
}

TEST_CASE("a job's write that fails records nothing and the job is retried", "[pg][jobs]") {
  Fixture f;
  const std::int64_t id = f.Enqueue(f.org);
  jobs::Worker worker(Fast("w"), f.pool);
  worker.Register("note", {.backoff_min = 10ms}, [&](jobs::JobRun& run) {
    Notes notes(f.storage, run);
    return notes.Write([](NoteQueries& q, bus::EventSink&) -> absl::Status {
      if (auto s = q.Add("half"); !s.ok()) return s;
      return absl::UnavailableError("the receiver hung up");
    });
  });
  REQUIRE(*worker.RunOnce(1) == 1);
  CHECK(f.Scalar(f.org, kNotes) == "0");
  CHECK(f.Scalar(f.org, kJobState, id) == "queued/1");
}

TEST_CASE("a run whose job another worker took records nothing", "[pg][jobs]") {
  Fixture f;
  const std::int64_t id = f.Enqueue(f.org);
  jobs::Worker slow(Fast("slow"), f.pool), quick(Fast("quick"), f.pool);
  absl::Status late;
  slow.Register("note", {.lease = 100ms}, [&](jobs::JobRun& run) {
    std::this_thread::sleep_for(400ms);  // the external call, slower than the lease
    Notes notes(f.storage, run);
    late = notes.Write([](NoteQueries& q, bus::EventSink&) { return q.Add("late"); });
    return late;
  });
  quick.Register("note", {.lease = 5s, .backoff_min = 0ms}, [&](jobs::JobRun& run) {
    Notes notes(f.storage, run);
    return notes.Write([](NoteQueries& q, bus::EventSink&) { return q.Add("on time"); });
  });
  std::thread first([&] { REQUIRE(slow.RunOnce(1).ok()); });
  std::this_thread::sleep_for(200ms);
  REQUIRE(*quick.RunOnce(1) == 1);
  first.join();
  CHECK(late.code() == absl::StatusCode::kAborted);
  CHECK(f.Scalar(f.org, kNotes) == "1");
  CHECK(f.Scalar(f.org, kJobState, id) == "succeeded/2");
}

}  // namespace
}  // namespace sentra::service
