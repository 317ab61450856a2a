#include "sentra/jobs/worker.h"

#include <google/protobuf/empty.pb.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <random>
#include <stdexcept>

#include "sentra/db/query.h"
#include "worker_scope.h"

namespace sentra::jobs {

namespace {

using std::chrono::milliseconds;

constexpr db::Query kClaim{
    "jobs.claim",
    "UPDATE jobs SET state = 'running', attempt = attempt + 1, leased_by = $3, "
    "leased_until = now() + $2::bigint * interval '1 millisecond' "
    "WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND kind = $1 AND run_at <= now() "
    "ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) "
    "RETURNING id, kind, org_id::text, args, coalesce(unique_key, ''), attempt, "
    "(extract(epoch from run_at) * 1000000)::bigint"};

// Only while this run holds the job: a later claim bumped the attempt.
constexpr db::Query kComplete{
    "jobs.complete",
    "UPDATE jobs SET state = 'succeeded', finished_at = now(), leased_until = NULL, last_error = '' "
    "WHERE id = $1 AND attempt = $2 AND state = 'running'"};

// The row is locked before its attempt is compared, so a run that lost the
// job to a newer one (a claim after the lease, committed meanwhile) matches
// nothing instead of overwriting the newer run's state.
constexpr db::Query kFail{
    "jobs.fail",
    "WITH outcome AS (SELECT id, ($3 OR now() + $4::bigint * interval '1 millisecond' > "
    "retry_from + $5::bigint * interval '1 millisecond') AS give_up FROM jobs "
    "WHERE id = $1 AND attempt = $2 AND state = 'running' FOR UPDATE) "
    "UPDATE jobs SET state = CASE WHEN give_up THEN 'failed' ELSE 'queued' END, "
    "run_at = now() + $4::bigint * interval '1 millisecond', "
    "finished_at = CASE WHEN give_up THEN now() END, leased_until = NULL, last_error = $6 "
    "FROM outcome WHERE jobs.id = outcome.id RETURNING jobs.state"};

// A run still going when its lease ends loses the job: it is queued again
// after the kind's backoff for its attempt (a job that kills its worker does
// not come back at once), or failed once the retry window has passed.
constexpr db::Query kExpireLeases{
    "jobs.expire_leases",
    "UPDATE jobs SET state = CASE WHEN retry_from + $2::bigint * interval '1 millisecond' < now() "
    "THEN 'failed' ELSE 'queued' END, "
    "finished_at = CASE WHEN retry_from + $2::bigint * interval '1 millisecond' < now() THEN now() END, "
    "run_at = now() + least($4::bigint, $3::bigint * (2 ^ least(greatest(attempt - 1, 0), 30))::bigint) "
    "* interval '1 millisecond', leased_until = NULL, "
    "last_error = 'the run on ' || coalesce(leased_by, '') || ' did not finish within its lease' "
    "WHERE kind = $1 AND state = 'running' AND leased_until < now()"};

constexpr db::Query kPrune{
    "jobs.prune",
    "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE state = 'succeeded' "
    "AND finished_at < now() - $1::bigint * interval '1 second' LIMIT 1000)"};
constexpr db::Query kPruneFailed{
    "jobs.prune_failed",
    "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE state = 'failed' "
    "AND finished_at < now() - $1::bigint * interval '1 second' LIMIT 1000)"};

constexpr db::Query kActAsTenant{"jobs.act_as_tenant", "SELECT set_config('sentra.jobs', '', true)"};

constexpr db::Query kNow{"jobs.now", "SELECT (extract(epoch from now()) * 1000000)::bigint"};
constexpr db::Query kAddSchedule{
    "jobs.add_schedule",
    "INSERT INTO job_schedules (name, last_period) VALUES ($1, " SENTRA_SQL_MICROS("$2") ") "
    "ON CONFLICT (name) DO NOTHING"};
constexpr db::Query kLockSchedule{
    "jobs.lock_schedule",
    "SELECT (extract(epoch from last_period) * 1000000)::bigint FROM job_schedules WHERE name = $1 FOR UPDATE"};
constexpr db::Query kAdvanceSchedule{
    "jobs.advance_schedule", "UPDATE job_schedules SET last_period = " SENTRA_SQL_MICROS("$2") " WHERE name = $1"};

std::int64_t Millis(milliseconds d) { return d.count(); }

// Exponential from backoff_min, capped, jittered to between half and all.
milliseconds RetryDelay(const KindOptions& kind, int attempt) {
  thread_local std::mt19937_64 random{std::random_device{}()};
  double delay = static_cast<double>(kind.backoff_min.count());
  for (int i = 1; i < attempt && delay < static_cast<double>(kind.backoff_max.count()); ++i) delay *= 2;
  delay = std::min(delay, static_cast<double>(kind.backoff_max.count()));
  std::uniform_real_distribution<double> jitter(0.5, 1.0);
  return milliseconds(static_cast<std::int64_t>(delay * jitter(random)));
}

// Running it again would fail again.
bool Permanent(const absl::Status& status) {
  return status.code() == absl::StatusCode::kInvalidArgument ||
         status.code() == absl::StatusCode::kFailedPrecondition;
}

}  // namespace

absl::Status JobRun::Complete(db::Transaction& tx) {
  // In the job's organization's transaction, the job may be the service's own.
  if (auto s = ActAsWorker(tx); !s.ok()) return s;
  auto done = tx.Execute(kComplete, job_.id, job_.attempt);
  if (!done.ok()) return done.status();
  // The rest of the transaction is the job's organization's again.
  if (auto s = tx.Execute(kActAsTenant); !s.ok()) return s.status();
  if (done->affected() == 0) {
    return absl::AbortedError("the job's lease passed and another worker took it: its outcome is not recorded");
  }
  completed_ = true;
  return absl::OkStatus();
}

Worker::Worker(WorkerOptions options, db::Pool& pool) : options_(std::move(options)), pool_(pool) {}

Worker::~Worker() { Stop(); }

void Worker::Register(std::string kind, KindOptions options, JobHandler handler) {
  if (kinds_.contains(kind)) throw std::logic_error("job kind registered twice: " + kind);
  kind_names_.push_back(kind);
  kinds_[std::move(kind)] = Kind{options, std::move(handler)};
}

void Worker::Recur(Schedule schedule) { schedules_.push_back(std::move(schedule)); }

void Worker::Start() {
  if (kinds_.empty()) return;
  for (int i = 0; i < std::max(1, options_.threads); ++i) threads_.emplace_back([this, i] { Loop(i); });
}

void Worker::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

Worker::Counters Worker::counters() const {
  return {.succeeded = succeeded_.load(), .retried = retried_.load(), .failed = failed_.load(),
          .lease_lost = lease_lost_.load()};
}

void Worker::Loop(int thread_index) {
  while (!stopping_) {
    // One thread keeps house: schedules, expired leases, pruning.
    if (thread_index == 0 && std::chrono::steady_clock::now() >= next_housekeeping_) {
      next_housekeeping_ = std::chrono::steady_clock::now() + std::min<milliseconds>(options_.poll, std::chrono::seconds(1));
      if (auto s = EnqueueDuePeriods(); !s.ok()) spdlog::warn("jobs: recurring schedules: {}", s.ToString());
      if (auto s = ExpireLeases(); !s.ok()) spdlog::warn("jobs: expired leases: {}", s.ToString());
      Prune();
    }
    auto job = Claim();
    if (!job.ok()) spdlog::warn("jobs: claiming: {}", job.status().ToString());
    if (job.ok() && *job) {
      Run(**std::move(job));
      continue;
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, options_.poll, [this] { return stopping_.load(); });
  }
}

absl::StatusOr<int> Worker::RunOnce(int max_jobs) {
  if (auto s = EnqueueDuePeriods(); !s.ok()) return s;
  if (auto s = ExpireLeases(); !s.ok()) return s;
  int ran = 0;
  while (ran < max_jobs) {
    auto job = Claim();
    if (!job.ok()) return job.status();
    if (!*job) break;
    Run(**std::move(job));
    ++ran;
  }
  return ran;
}

absl::StatusOr<std::optional<Job>> Worker::Claim() {
  return InWorkerTransactionValue<std::optional<Job>>(
      pool_, [&](db::Transaction& tx) -> absl::StatusOr<std::optional<Job>> {
        // Kinds in turn, so one kind's backlog does not starve the others.
        for (std::size_t tried = 0; tried < kind_names_.size(); ++tried) {
          const std::string& kind = kind_names_[next_kind_++ % kind_names_.size()];
          auto rows = tx.Execute(kClaim, kind, Millis(kinds_.at(kind).options.lease), options_.worker_id);
          if (!rows.ok()) return rows.status();
          if (rows->rows() == 0) continue;
          return Job{.id = rows->Int(0, 0),
                     .kind = rows->String(0, 1),
                     .org_id = rows->String(0, 2),
                     .args = rows->Bytes(0, 3),
                     .unique_key = rows->String(0, 4),
                     .attempt = static_cast<int>(rows->Int(0, 5)),
                     .due = Clock::time_point(std::chrono::microseconds(rows->Int(0, 6)))};
        }
        return std::optional<Job>();
      });
}

void Worker::Run(Job job) {
  const Kind& kind = kinds_.at(job.kind);
  JobRun run(job);
  absl::Status status;
  try {
    status = kind.handler(run);
  } catch (const std::exception& e) {
    status = absl::InternalError(std::string("the handler threw: ") + e.what());
  } catch (...) {
    status = absl::InternalError("the handler threw");
  }
  if (status.ok() && !run.completed()) {
    status = InWorkerTransaction(pool_, [&](db::Transaction& tx) { return run.Complete(tx); });
  }
  if (status.ok()) {
    ++succeeded_;
    return;
  }
  const milliseconds delay = RetryDelay(kind.options, job.attempt);
  // "failed", "queued", or "" when another run holds the job.
  const absl::StatusOr<std::string> failed =
      InWorkerTransactionValue<std::string>(pool_, [&](db::Transaction& tx) -> absl::StatusOr<std::string> {
        auto rows = tx.Execute(kFail, job.id, job.attempt, Permanent(status), Millis(delay),
                               Millis(kind.options.retry_for), status.ToString());
        if (!rows.ok()) return rows.status();
        return rows->rows() == 0 ? std::string() : rows->String(0, 0);
      });
  if (!failed.ok()) {
    // The lease runs out and the job is run again.
    spdlog::warn("jobs: {} {} failed ({}) and its failure could not be recorded: {}", job.kind, job.id,
                 status.ToString(), failed.status().ToString());
    return;
  }
  const std::string& outcome = *failed;
  if (outcome.empty()) {
    ++lease_lost_;
    spdlog::warn("jobs: {} {} attempt {} ended after another worker took the job: {}", job.kind, job.id,
                 job.attempt, status.ToString());
    return;
  }
  if (outcome == "failed") {
    ++failed_;
    spdlog::error("jobs: {} {} failed for good after {} attempt(s): {}", job.kind, job.id, job.attempt,
                  status.ToString());
  } else {
    ++retried_;
    spdlog::warn("jobs: {} {} attempt {} failed, retrying in {} ms: {}", job.kind, job.id, job.attempt,
                 delay.count(), status.ToString());
  }
}

absl::Status Worker::ExpireLeases() {
  return InWorkerTransaction(pool_, [&](db::Transaction& tx) -> absl::Status {
    for (const auto& [name, kind] : kinds_) {
      auto expired = tx.Execute(kExpireLeases, name, Millis(kind.options.retry_for), Millis(kind.options.backoff_min),
                                Millis(kind.options.backoff_max));
      if (!expired.ok()) return expired.status();
      if (expired->affected() > 0) spdlog::warn("jobs: {} {} job(s) outlived their lease", expired->affected(), name);
    }
    return absl::OkStatus();
  });
}

absl::Status Worker::EnqueueDuePeriods() {
  absl::Status first_error;
  for (const Schedule& schedule : schedules_) {
    const std::int64_t period = std::chrono::duration_cast<std::chrono::microseconds>(schedule.period).count();
    const std::int64_t offset = std::chrono::duration_cast<std::chrono::microseconds>(schedule.offset).count();
    if (period <= 0) {
      if (first_error.ok()) first_error = absl::InvalidArgumentError("schedule " + schedule.name + ": a period must be positive");
      continue;
    }
    auto status = InWorkerTransaction(pool_, [&](db::Transaction& tx) -> absl::Status {
      auto now = tx.Execute(kNow);
      if (!now.ok()) return now.status();
      const std::int64_t since = now->Int(0, 0) - offset;
      const std::int64_t current = (since >= 0 ? since / period : (since - period + 1) / period) * period + offset;
      // A new schedule's first period is the current one.
      if (auto r = tx.Execute(kAddSchedule, schedule.name, current - period); !r.ok()) return r.status();
      auto last = tx.Execute(kLockSchedule, schedule.name);
      if (!last.ok()) return last.status();
      const std::int64_t last_period = last->Int(0, 0);
      if (current <= last_period) return absl::OkStatus();
      std::int64_t first = last_period + period;
      if (schedule.catch_up == CatchUp::kLatestOnly) first = current;
      first = std::max(first, current - static_cast<std::int64_t>(std::max(1, schedule.max_catch_up) - 1) * period);
      // The service's own jobs (the transaction names no organization),
      // one per period by its key.
      for (std::int64_t p = first; p <= current; p += period) {
        const EnqueueOptions once{.unique_key = schedule.name + "@" + std::to_string(p),
                                  .run_at = Clock::time_point(std::chrono::microseconds(p))};
        if (auto r = Enqueue(tx, schedule.kind, google::protobuf::Empty(), once); !r.ok()) return r.status();
      }
      return tx.Execute(kAdvanceSchedule, schedule.name, current).status();
    });
    // One schedule's trouble does not hold the others back.
    if (!status.ok() && first_error.ok()) first_error = status;
  }
  return first_error;
}

void Worker::Prune() {
  const auto now = std::chrono::steady_clock::now();
  if (now < next_prune_) return;
  next_prune_ = now + std::chrono::minutes(10);
  std::int64_t pruned = 0;
  const auto seconds = [](auto d) {
    return static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::seconds>(d).count());
  };
  auto status = InWorkerTransaction(pool_, [&](db::Transaction& tx) -> absl::Status {
    auto succeeded = tx.Execute(kPrune, seconds(options_.keep_succeeded));
    if (!succeeded.ok()) return succeeded.status();
    auto failed = tx.Execute(kPruneFailed, seconds(options_.keep_failed));
    if (!failed.ok()) return failed.status();
    pruned = std::max(succeeded->affected(), failed->affected());
    return absl::OkStatus();
  });
  if (status.ok() && pruned == 1000) next_prune_ = now;  // more to go
}

}  // namespace sentra::jobs
