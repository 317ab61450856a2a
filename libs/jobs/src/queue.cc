#include "sentra/jobs/queue.h"

#include <google/protobuf/message.h>

#include <algorithm>

#include "sentra/db/query.h"
#include "worker_scope.h"

namespace sentra::jobs {

namespace {

std::int64_t Micros(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
}

constexpr db::Query kActAsWorker{"jobs.act_as_worker", "SELECT set_config('sentra.jobs', 'worker', true)"};

constexpr db::Query kEnqueue{
    "jobs.enqueue",
    "INSERT INTO jobs (kind, org_id, args, unique_key, run_at, retry_from) "
    "SELECT $1, coalesce(NULLIF($2, '')::uuid, '00000000-0000-0000-0000-000000000000'), $3, NULLIF($4, ''), t, "
    "greatest(t, now()) FROM (SELECT coalesce(" SENTRA_SQL_MICROS("$5") ", now()) AS t) due "
    "ON CONFLICT (org_id, kind, unique_key) WHERE unique_key IS NOT NULL DO NOTHING"};

constexpr db::Query kListFailed{
    "jobs.list_failed",
    "SELECT id, kind, org_id::text, attempt, last_error, "
    "(extract(epoch from finished_at) * 1000000)::bigint "
    "FROM jobs WHERE state = 'failed' AND id > $1 ORDER BY id LIMIT $2"};

constexpr db::Query kRetryFailed{
    "jobs.retry_failed",
    "UPDATE jobs SET state = 'queued', run_at = now(), retry_from = now(), finished_at = NULL, attempt = 0 "
    "WHERE id = $1 AND state = 'failed'"};

constexpr db::Query kStats{
    "jobs.stats",
    "SELECT kind, count(*) FILTER (WHERE state = 'queued'), count(*) FILTER (WHERE state = 'running'), "
    "count(*) FILTER (WHERE state = 'failed'), "
    "coalesce(extract(epoch from now() - min(run_at) FILTER (WHERE state = 'queued' AND run_at <= now())), 0)::text "
    "FROM jobs WHERE state <> 'succeeded' GROUP BY kind ORDER BY kind"};

}  // namespace

absl::Status ActAsWorker(db::Transaction& tx) { return tx.Execute(kActAsWorker).status(); }

absl::Status InWorkerTransaction(db::Pool& pool, const std::function<absl::Status(db::Transaction&)>& body) {
  return db::InTransaction(pool, {}, [&](db::Transaction& tx) {
    if (auto s = ActAsWorker(tx); !s.ok()) return s;
    return body(tx);
  });
}

absl::StatusOr<bool> Enqueue(db::Transaction& tx, std::string_view kind, const google::protobuf::Message& args,
                             const EnqueueOptions& options) {
  const std::string bytes = args.SerializeAsString();
  std::optional<std::int64_t> run_at;
  if (options.run_at) run_at = Micros(*options.run_at);
  // The service's own work, enqueued outside any organization.
  if (tx.org_id().empty()) {
    if (auto s = ActAsWorker(tx); !s.ok()) return s;
  }
  auto inserted = tx.Execute(kEnqueue, kind, tx.org_id(), db::Bytes{bytes}, options.unique_key, run_at);
  if (!inserted.ok()) return inserted.status();
  return inserted->affected() == 1;
}

absl::StatusOr<std::vector<FailedJob>> ListFailed(db::Pool& pool, std::int64_t after_id, int limit) {
  return InWorkerTransactionValue<std::vector<FailedJob>>(
      pool, [&](db::Transaction& tx) -> absl::StatusOr<std::vector<FailedJob>> {
        auto rows = tx.Execute(kListFailed, after_id, std::clamp(limit, 1, 500));
        if (!rows.ok()) return rows.status();
        std::vector<FailedJob> failed;
        for (int i = 0; i < rows->rows(); ++i) {
          failed.push_back({.id = rows->Int(i, 0),
                            .kind = rows->String(i, 1),
                            .org_id = rows->String(i, 2),
                            .attempts = static_cast<int>(rows->Int(i, 3)),
                            .last_error = rows->String(i, 4),
                            .failed_at = Clock::time_point(std::chrono::microseconds(rows->Int(i, 5)))});
        }
        return failed;
      });
}

absl::StatusOr<bool> RetryFailed(db::Pool& pool, std::int64_t id) {
  return InWorkerTransactionValue<bool>(pool, [&](db::Transaction& tx) -> absl::StatusOr<bool> {
    auto updated = tx.Execute(kRetryFailed, id);
    if (!updated.ok()) return updated.status();
    return updated->affected() == 1;
  });
}

absl::StatusOr<std::vector<KindStats>> Stats(db::Pool& pool) {
  return InWorkerTransactionValue<std::vector<KindStats>>(
      pool, [&](db::Transaction& tx) -> absl::StatusOr<std::vector<KindStats>> {
        auto rows = tx.Execute(kStats);
        if (!rows.ok()) return rows.status();
        std::vector<KindStats> stats;
        for (int i = 0; i < rows->rows(); ++i) {
          stats.push_back({.kind = rows->String(i, 0),
                           .queued = rows->Int(i, 1),
                           .running = rows->Int(i, 2),
                           .failed = rows->Int(i, 3),
                           .oldest_due_seconds = std::stod(rows->String(i, 4))});
        }
        return stats;
      });
}

}  // namespace sentra::jobs
