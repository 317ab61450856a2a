// Runs the jobs of the kinds registered with it (queue.h): claims due jobs
// under a lease, runs each on one of its threads, and records the outcome.
// A job that fails is retried after exponential, jittered delays until its
// kind's retry window has passed, then kept as failed; one that fails with
// kInvalidArgument or kFailedPrecondition fails at once (running it again
// would fail again). Recurring jobs get one job per period across all
// replicas, with missed periods caught up as their schedule says.
//
// A job's external call (SMTP, a webhook) runs outside any transaction;
// its outcome is recorded in a new one together with the job's completion
// (JobRun::Complete), which commits only while the run still holds the job.
// So the call happens at least once and its effect is recorded exactly once.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sentra/db/pool.h"
#include "sentra/jobs/queue.h"

namespace sentra::jobs {

// One run of one job, as its handler sees it.
class JobRun {
 public:
  explicit JobRun(Job job) : job_(std::move(job)) {}
  const Job& job() const { return job_; }

  // In the transaction that records the job's effect: marks the job done.
  // kAborted when this run no longer holds the job (its lease passed and
  // another worker took it), so the transaction must roll back. The handler
  // returns that transaction's outcome (service::JobRepository does).
  absl::Status Complete(db::Transaction& tx);
  // Whether Complete succeeded (the handler returning OK then means its
  // transaction committed).
  bool completed() const { return completed_; }

 private:
  Job job_;
  bool completed_ = false;
};

using JobHandler = std::function<absl::Status(JobRun&)>;

struct KindOptions {
  // How long a run may take before another worker may run the job again
  // (there is no renewal: a run must finish within it).
  std::chrono::milliseconds lease{std::chrono::minutes(5)};
  // Retries stop once this much time has passed since the job was queued.
  std::chrono::milliseconds retry_for{std::chrono::hours(24)};
  // The first retry's delay, doubling up to backoff_max; each is jittered
  // between half and all of it.
  std::chrono::milliseconds backoff_min{std::chrono::seconds(1)};
  std::chrono::milliseconds backoff_max{std::chrono::hours(1)};
};

enum class CatchUp {
  kEveryPeriod,  // a job for each period missed (up to max_catch_up)
  kLatestOnly,   // one job, for the latest period
};

// A job of `kind` at the start of every `period` (counted from the Unix
// epoch plus `offset`, in UTC), unique per period across replicas.
struct Schedule {
  std::string name;  // the schedule's identity in job_schedules
  std::string kind;
  std::chrono::seconds period{60};
  std::chrono::seconds offset{0};
  CatchUp catch_up = CatchUp::kLatestOnly;
  int max_catch_up = 100;
};

struct WorkerOptions {
  std::string worker_id;  // names this process in leases and logs
  int threads = 2;
  // How often an idle worker looks for due jobs and schedules.
  std::chrono::milliseconds poll{std::chrono::seconds(1)};
  // Succeeded jobs are deleted after this, failed ones (not retried) after
  // keep_failed, a batch at a time.
  std::chrono::hours keep_succeeded{24 * 7};
  std::chrono::hours keep_failed{24 * 30};
};

class Worker {
 public:
  Worker(WorkerOptions options, db::Pool& pool);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Before Start(); a kind once.
  void Register(std::string kind, KindOptions options, JobHandler handler);
  void Recur(Schedule schedule);
  // The kinds registered, in the order they were.
  const std::vector<std::string>& kinds() const { return kind_names_; }

  void Start();
  // Lets the runs in progress finish, then returns; jobs not yet claimed
  // stay queued for another replica.
  void Stop();

  // One round on the calling thread, for tests and tools: the schedules'
  // due periods enqueued, expired leases given up, then up to `max_jobs`
  // due jobs claimed and run one after another. Returns how many ran.
  absl::StatusOr<int> RunOnce(int max_jobs);

  struct Counters {
    std::int64_t succeeded = 0;
    std::int64_t retried = 0;
    std::int64_t failed = 0;
    std::int64_t lease_lost = 0;  // runs whose job another worker had taken
  };
  Counters counters() const;

 private:
  struct Kind {
    KindOptions options;
    JobHandler handler;
  };
  void Loop(int thread_index);
  absl::Status EnqueueDuePeriods();
  absl::Status ExpireLeases();
  absl::StatusOr<std::optional<Job>> Claim();
  void Run(Job job);
  void Prune();

  const WorkerOptions options_;
  db::Pool& pool_;
  std::map<std::string, Kind, std::less<>> kinds_;
  std::vector<std::string> kind_names_;
  std::vector<Schedule> schedules_;
  std::atomic<std::size_t> next_kind_{0};
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<std::thread> threads_;
  std::atomic<std::int64_t> succeeded_{0}, retried_{0}, failed_{0}, lease_lost_{0};
  std::chrono::steady_clock::time_point next_housekeeping_{};
  std::chrono::steady_clock::time_point next_prune_{};
};

}  // namespace sentra::jobs
