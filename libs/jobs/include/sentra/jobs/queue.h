// Durable background jobs on PostgreSQL, in the service's own schema (the
// "jobs" migration component), after Oban, River and graphile-worker. A job
// is enqueued in the transaction of the change that causes it, so it exists
// if and only if that change committed; any replica's Worker (worker.h)
// claims it with FOR UPDATE SKIP LOCKED under a lease, and a job whose
// worker died is run again once the lease has passed.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "sentra/db/pool.h"
#include "sentra/db/migrations.h"
#include "sentra/db/transaction.h"

namespace google::protobuf {
class Message;
}

namespace sentra::jobs {

// The jobs tables, applied into each service's schema as the "jobs" component.
std::span<const db::Migration> Migrations();

using Clock = std::chrono::system_clock;

// The organization of the service's own jobs (a recurring check).
inline constexpr char kServiceOwnJobs[] = "00000000-0000-0000-0000-000000000000";

struct EnqueueOptions {
  // At most one job of a kind per key, whatever its state, until it is
  // pruned: the same cause enqueued twice runs once.
  std::string unique_key;
  // When it is due; now when unset.
  std::optional<Clock::time_point> run_at;
};

// Adds a job of `kind` for the transaction's organization (the service's
// own, the nil UUID, for a transaction without one) with `args` serialized.
// False when a job of this organization and kind with the same unique key
// exists already.
absl::StatusOr<bool> Enqueue(db::Transaction& tx, std::string_view kind, const google::protobuf::Message& args,
                             const EnqueueOptions& options = {});

struct Job {
  std::int64_t id = 0;
  std::string kind;
  std::string org_id;  // the nil UUID: the service's own work
  std::string args;    // serialized
  std::string unique_key;
  int attempt = 0;         // this run's number, from 1
  Clock::time_point due;  // when it was due: a recurring job's period

  template <typename Message>
  bool ArgsAs(Message* out) const {
    return out->ParseFromString(args);
  }
};

// A failed job: it ran out of retries (or failed for good), and stays until
// someone retries it.
struct FailedJob {
  std::int64_t id = 0;
  std::string kind;
  std::string org_id;
  int attempts = 0;
  std::string last_error;
  Clock::time_point failed_at;
};

// Failed jobs in id order after `after_id`, at most `limit` (1–500).
absl::StatusOr<std::vector<FailedJob>> ListFailed(db::Pool& pool, std::int64_t after_id, int limit);
// Queues a failed job again, due now, with a new retry window; false when
// no failed job has this id.
absl::StatusOr<bool> RetryFailed(db::Pool& pool, std::int64_t id);

// What the queue holds, per kind, for the metrics.
struct KindStats {
  std::string kind;
  std::int64_t queued = 0;   // due or not
  std::int64_t running = 0;
  std::int64_t failed = 0;
  double oldest_due_seconds = 0;  // how long the longest-waiting due job has waited
};
absl::StatusOr<std::vector<KindStats>> Stats(db::Pool& pool);

}  // namespace sentra::jobs
