// The job queue on the real PostgreSQL: a job exists only if its cause
// committed, is enqueued once per unique key, is retried then kept as
// failed, never runs on two workers at once, is run again after its worker
// was killed mid-run with its effect recorded once, and a recurring job gets
// one job per period across workers and catches up after downtime.
#include <google/protobuf/wrappers.pb.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <set>

#include "sentra/db/migrations.h"
#include "sentra/db/pool.h"
#include "sentra/db/query.h"
#include "sentra/db/tenancy.h"
#include "sentra/jobs/queue.h"
#include "sentra/jobs/worker.h"
#include "sentra/testing/pg.h"
#include "sentra/testing/wait.h"

namespace sentra::jobs {
namespace {

using namespace std::chrono_literals;
using google::protobuf::StringValue;

constexpr db::Query kSeeEveryJob{"test.see_every_job", "SELECT set_config('sentra.jobs', 'worker', true)"};
constexpr db::Query kEffects{"test.effects", "CREATE TABLE effects (job_id bigint NOT NULL, note text NOT NULL)"};
constexpr db::Query kRecordEffect{"test.record_effect", "INSERT INTO effects (job_id, note) VALUES ($1, $2)"};
constexpr db::Query kCountEffects{"test.count_effects", "SELECT count(*) FROM effects WHERE job_id = $1"};
constexpr db::Query kState{"test.job_state", "SELECT state, attempt FROM jobs WHERE id = $1"};
constexpr db::Query kJobIds{"test.job_ids", "SELECT id FROM jobs WHERE kind = $1 ORDER BY id"};
constexpr db::Query kPeriods{"test.periods", "SELECT unique_key FROM jobs WHERE kind = $1 ORDER BY run_at"};
constexpr db::Query kForget{"test.forget_jobs", "DELETE FROM jobs WHERE kind = $1"};
constexpr db::Query kRewind{
    "test.rewind_schedule",
    "UPDATE job_schedules SET last_period = last_period - $2::bigint * interval '1 second' WHERE name = $1"};

struct Fixture {
  testing::ScratchSchema schema;
  db::Pool pool{{.url = schema.url(), .size = 8}};

  Fixture() {
    auto conn = pool.Acquire();
    REQUIRE(conn.ok());
    REQUIRE(db::ApplyMigrations(**conn, schema.name(), "tenancy", db::TenancyMigrations()).ok());
    REQUIRE(db::ApplyMigrations(**conn, schema.name(), "jobs", Migrations()).ok());
    REQUIRE((*conn)->Execute(kEffects).ok());
  }

  std::int64_t Add(const std::string& kind, const std::string& text, EnqueueOptions options = {}) {
    StringValue args;
    args.set_value(text);
    bool added = false;
    REQUIRE(db::InTransaction(pool, {}, [&](db::Transaction& tx) -> absl::Status {
              auto r = Enqueue(tx, kind, args, options);
              if (!r.ok()) return r.status();
              added = *r;
              return absl::OkStatus();
            }).ok());
    auto ids = Ids(kind);
    return added && !ids.empty() ? ids.back() : 0;
  }

  // `query` in a transaction that sees every organization's jobs, as the
  // workers' do.
  template <typename... Args>
  db::Result Read(const db::Query& query, const Args&... args) {
    std::optional<db::Result> result;
    const auto status = db::InTransaction(pool, {}, [&](db::Transaction& tx) -> absl::Status {
      if (auto r = tx.Execute(kSeeEveryJob); !r.ok()) return r.status();
      auto rows = tx.Execute(query, args...);
      if (!rows.ok()) return rows.status();
      result.emplace(*std::move(rows));
      return absl::OkStatus();
    });
    INFO(status.ToString());
    REQUIRE(status.ok());
    return *std::move(result);
  }

  std::vector<std::int64_t> Ids(const std::string& kind) {
    auto rows = Read(kJobIds, kind);
    std::vector<std::int64_t> ids;
    for (int i = 0; i < rows.rows(); ++i) ids.push_back(rows.Int(i, 0));
    return ids;
  }

  std::string State(std::int64_t id) {
    auto rows = Read(kState, id);
    REQUIRE(rows.rows() == 1);
    return rows.String(0, 0) + "/" + rows.String(0, 1);
  }

  std::int64_t Effects(std::int64_t id) { return Read(kCountEffects, id).Int(0, 0); }

  // The job's effect, recorded with its completion.
  absl::Status Record(JobRun& run, const std::string& note) {
    return db::InTransaction(pool, {}, [&](db::Transaction& tx) -> absl::Status {
      if (auto s = run.Complete(tx); !s.ok()) return s;
      return tx.Execute(kRecordEffect, run.job().id, note).status();
    });
  }
};

WorkerOptions Fast(std::string id) { return {.worker_id = std::move(id), .threads = 2, .poll = 20ms}; }

TEST_CASE("a job exists only if its cause committed, and runs once", "[pg][jobs]") {
  Fixture f;
  StringValue args;
  args.set_value("rolled back");
  CHECK_FALSE(db::InTransaction(f.pool, {}, [&](db::Transaction& tx) -> absl::Status {
                if (auto r = Enqueue(tx, "mail", args); !r.ok()) return r.status();
                return absl::AbortedError("the cause failed");
              }).ok());
  const std::int64_t id = f.Add("mail", "committed");
  REQUIRE(id > 0);
  std::vector<std::string> seen;
  Worker worker(Fast("w1"), f.pool);
  worker.Register("mail", {}, [&](JobRun& run) {
    StringValue got;
    REQUIRE(run.job().ArgsAs(&got));
    seen.push_back(got.value());
    return absl::OkStatus();
  });
  auto ran = worker.RunOnce(10);
  REQUIRE(ran.ok());
  CHECK(*ran == 1);
  CHECK(seen == std::vector<std::string>{"committed"});
  CHECK(f.State(id) == "succeeded/1");
  CHECK(*worker.RunOnce(10) == 0);
}

TEST_CASE("an organization's transaction enqueues its own jobs and sees no other's", "[pg][jobs]") {
  Fixture f;
  const std::string org_a = "0190f1c2-3b4a-7def-8123-456789abcd0a";
  const std::string org_b = "0190f1c2-3b4a-7def-8123-456789abcd0b";
  StringValue args;
  for (const std::string& org : {org_a, org_b}) {
    REQUIRE(db::InTransaction(f.pool, {.org_id = org}, [&](db::Transaction& tx) {
              return Enqueue(tx, "mail", args, {.unique_key = "welcome"}).status();
            }).ok());
  }
  f.Add("mail", "own", {.unique_key = "welcome"});  // the service's own: another organization
  CHECK(f.Ids("mail").size() == 3);
  constexpr db::Query kVisible{"test.visible_jobs", "SELECT org_id::text FROM jobs"};
  REQUIRE(db::InTransaction(f.pool, {.org_id = org_a}, [&](db::Transaction& tx) -> absl::Status {
            auto rows = tx.Execute(kVisible);
            REQUIRE(rows.ok());
            REQUIRE(rows->rows() == 1);
            CHECK(rows->String(0, 0) == org_a);
            return absl::OkStatus();
          }).ok());
  // Another organization's job cannot be written from this one's transaction.
  constexpr db::Query kForeign{"test.foreign_job",
                               "INSERT INTO jobs (org_id, kind) VALUES ('0190f1c2-3b4a-7def-8123-456789abcd0b', 'x')"};
  CHECK_FALSE(db::InTransaction(f.pool, {.org_id = org_a}, [&](db::Transaction& tx) {
                return tx.Execute(kForeign).status();
              }).ok());
  Worker worker(Fast("w1"), f.pool);
  std::set<std::string> orgs;
  worker.Register("mail", {}, [&](JobRun& run) {
    orgs.insert(run.job().org_id);
    return absl::OkStatus();
  });
  CHECK(*worker.RunOnce(10) == 3);
  CHECK(orgs == std::set<std::string>{org_a, org_b, kServiceOwnJobs});
}

TEST_CASE("a unique key enqueues a job once, and a job due later waits", "[pg][jobs]") {
  Fixture f;
  CHECK(f.Add("invoice", "a", {.unique_key = "order-1"}) > 0);
  CHECK(f.Add("invoice", "b", {.unique_key = "order-1"}) == 0);
  CHECK(f.Add("receipt", "c", {.unique_key = "order-1"}) > 0);  // another kind's key
  const std::int64_t later = f.Add("invoice", "d", {.run_at = Clock::now() + 1h});
  CHECK(f.Ids("invoice").size() == 2);
  Worker worker(Fast("w1"), f.pool);
  int runs = 0;
  worker.Register("invoice", {}, [&](JobRun&) {
    ++runs;
    return absl::OkStatus();
  });
  CHECK(*worker.RunOnce(10) == 1);
  CHECK(runs == 1);
  CHECK(f.State(later) == "queued/0");
}

TEST_CASE("a failing job is retried with growing delays until its window ends, then kept, listed and retried",
          "[pg][jobs]") {
  Fixture f;
  const std::int64_t id = f.Add("webhook", "x");
  Worker worker(Fast("w1"), f.pool);
  std::vector<std::chrono::steady_clock::time_point> attempts;
  bool answer = false;
  worker.Register("webhook", {.lease = 5s, .retry_for = 700ms, .backoff_min = 40ms, .backoff_max = 10s},
                  [&](JobRun&) {
                    attempts.push_back(std::chrono::steady_clock::now());
                    return answer ? absl::OkStatus() : absl::UnavailableError("the receiver did not answer");
                  });
  REQUIRE(testing::WaitFor([&] {
    REQUIRE(worker.RunOnce(1).ok());
    return f.State(id).starts_with("failed/");
  }));
  REQUIRE(attempts.size() >= 3);
  // Each wait at least half the doubled delay: 20, 40, 80 ms …
  for (std::size_t i = 1; i < attempts.size(); ++i) {
    CHECK(attempts[i] - attempts[i - 1] >= std::chrono::milliseconds(20 << (i - 1)));
  }
  CHECK(worker.counters().failed == 1);

  auto failed = ListFailed(f.pool, 0, 10);
  REQUIRE(failed.ok());
  REQUIRE(failed->size() == 1);
  CHECK((*failed)[0].id == id);
  CHECK((*failed)[0].last_error.find("the receiver did not answer") != std::string::npos);
  auto stats = Stats(f.pool);
  REQUIRE(stats.ok());
  REQUIRE(stats->size() == 1);
  CHECK((*stats)[0].failed == 1);

  answer = true;
  CHECK(*RetryFailed(f.pool, id));
  CHECK_FALSE(*RetryFailed(f.pool, id));  // no longer failed
  CHECK(*worker.RunOnce(1) == 1);
  CHECK(f.State(id).starts_with("succeeded/"));
}

TEST_CASE("a job that cannot succeed fails at once", "[pg][jobs]") {
  Fixture f;
  const std::int64_t id = f.Add("mail", "to nobody");
  Worker worker(Fast("w1"), f.pool);
  worker.Register("mail", {}, [](JobRun&) { return absl::InvalidArgumentError("no address"); });
  CHECK(*worker.RunOnce(5) == 1);
  CHECK(f.State(id) == "failed/1");
}

TEST_CASE("two workers never run one job at the same time, and every job runs once", "[pg][jobs]") {
  Fixture f;
  constexpr int kJobs = 60;
  for (int i = 0; i < kJobs; ++i) f.Add("sync", std::to_string(i));
  std::mutex mutex;
  std::map<std::int64_t, int> runs;
  std::set<std::int64_t> running;
  std::atomic<int> overlaps{0};
  const auto handler = [&](JobRun& run) {
    {
      std::lock_guard lock(mutex);
      if (!running.insert(run.job().id).second) ++overlaps;
      ++runs[run.job().id];
    }
    std::this_thread::sleep_for(2ms);
    {
      std::lock_guard lock(mutex);
      running.erase(run.job().id);
    }
    return absl::OkStatus();
  };
  Worker a(Fast("a"), f.pool), b(Fast("b"), f.pool);
  a.Register("sync", {}, handler);
  b.Register("sync", {}, handler);
  a.Start();
  b.Start();
  REQUIRE(testing::WaitFor([&] { return a.counters().succeeded + b.counters().succeeded == kJobs; }, 20s));
  a.Stop();
  b.Stop();
  CHECK(overlaps == 0);
  CHECK(runs.size() == kJobs);
  for (const auto& [id, n] : runs) CHECK(n == 1);
  CHECK(a.counters().succeeded > 0);
  CHECK(b.counters().succeeded > 0);
}

TEST_CASE("a run that outlives its lease loses the job: its outcome is not recorded, the new run's is", "[pg][jobs]") {
  Fixture f;
  const std::int64_t id = f.Add("slow", "x");
  Worker slow(Fast("slow"), f.pool), quick(Fast("quick"), f.pool);
  std::atomic<bool> release{false};
  absl::Status slow_outcome;
  slow.Register("slow", {.lease = 200ms}, [&](JobRun& run) {
    testing::WaitFor([&] { return release.load(); }, 10s);
    slow_outcome = f.Record(run, "slow");
    return slow_outcome;
  });
  quick.Register("slow", {.lease = 5s, .backoff_min = 0ms}, [&](JobRun& run) { return f.Record(run, "quick"); });
  std::thread first([&] { REQUIRE(slow.RunOnce(1).ok()); });
  REQUIRE(testing::WaitFor([&] { return f.State(id) == "running/1"; }));
  std::this_thread::sleep_for(300ms);  // past the lease
  REQUIRE(*quick.RunOnce(1) == 1);
  release = true;
  first.join();
  CHECK(slow_outcome.code() == absl::StatusCode::kAborted);
  CHECK(slow.counters().lease_lost == 1);
  CHECK(f.Effects(id) == 1);
  CHECK(f.State(id) == "succeeded/2");
}

TEST_CASE("a worker killed mid-job: the job runs again after the lease, its effect recorded once", "[pg][jobs]") {
  Fixture f;
  const std::int64_t id = f.Add("deliver", "x");
  const std::string calls = "/tmp/sentra-jobs-calls-" + std::to_string(::getpid());
  std::remove(calls.c_str());
  const auto external_call = [&] { std::ofstream(calls, std::ios::app) << "called\n"; };
  const auto calls_made = [&] {
    std::ifstream in(calls);
    return static_cast<int>(std::count(std::istreambuf_iterator<char>(in), {}, '\n'));
  };

  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // Its own connections: a worker that makes the call, then hangs before
    // recording it, until killed.
    db::Pool pool{{.url = f.schema.url(), .size = 2}};
    Worker worker(Fast("doomed"), pool);
    worker.Register("deliver", {.lease = 500ms}, [&](JobRun&) {
      external_call();
      ::pause();
      return absl::OkStatus();
    });
    (void)worker.RunOnce(1);
    ::_exit(0);
  }
  const bool called = testing::WaitFor([&] { return calls_made() == 1; });
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  REQUIRE(called);
  CHECK(f.State(id) == "running/1");

  Worker survivor(Fast("survivor"), f.pool);
  survivor.Register("deliver", {.lease = 500ms}, [&](JobRun& run) {
    external_call();
    return f.Record(run, "delivered");
  });
  REQUIRE(testing::WaitFor([&] {
    REQUIRE(survivor.RunOnce(1).ok());
    return f.State(id) == "succeeded/2";
  }));
  CHECK(calls_made() == 2);  // at least once
  CHECK(f.Effects(id) == 1);  // exactly once
  std::remove(calls.c_str());
}

TEST_CASE("a recurring job runs once per period across workers, and catches up after downtime", "[pg][jobs]") {
  Fixture f;
  const auto make = [&](const std::string& id, CatchUp catch_up, const std::string& name) {
    auto w = std::make_unique<Worker>(Fast(id), f.pool);
    w->Register(name, {}, [](JobRun&) { return absl::OkStatus(); });
    w->Recur({.name = name, .kind = name, .period = 1s, .catch_up = catch_up, .max_catch_up = 4});
    return w;
  };
  auto a = make("a", CatchUp::kEveryPeriod, "every");
  auto b = make("b", CatchUp::kEveryPeriod, "every");
  // Both at it for a little over two periods.
  const auto until = std::chrono::steady_clock::now() + 2300ms;
  std::thread other([&] {
    while (std::chrono::steady_clock::now() < until) REQUIRE(b->RunOnce(5).ok());
  });
  while (std::chrono::steady_clock::now() < until) REQUIRE(a->RunOnce(5).ok());
  other.join();
  auto periods = f.Read(kPeriods, "every");
  CHECK(periods.rows() >= 2);
  CHECK(periods.rows() <= 4);
  std::set<std::string> distinct;
  for (int i = 0; i < periods.rows(); ++i) distinct.insert(periods.String(i, 0));
  CHECK(static_cast<int>(distinct.size()) == periods.rows());
  CHECK(a->counters().succeeded + b->counters().succeeded == periods.rows());

  // Down for three periods: each one missed is made up, once; a schedule
  // that wants the latest only gets one job.
  auto latest = make("c", CatchUp::kLatestOnly, "latest");
  REQUIRE(*latest->RunOnce(5) == 1);
  const int before = periods.rows();
  std::this_thread::sleep_for(3200ms);
  REQUIRE(a->RunOnce(0).ok());
  REQUIRE(b->RunOnce(0).ok());
  REQUIRE(latest->RunOnce(0).ok());
  const int after = f.Read(kPeriods, "every").rows();
  CHECK(after >= before + 3);
  CHECK(after <= before + 4);
  CHECK(f.Read(kPeriods, "latest").rows() == 2);

  // Down far longer than the schedule makes up: its newest four periods.
  f.Read(kForget, "every");
  f.Read(kRewind, "every", 100);
  REQUIRE(a->RunOnce(0).ok());
  CHECK(f.Read(kPeriods, "every").rows() == 4);
}

}  // namespace
}  // namespace sentra::jobs
