// The workers' view of the jobs table: every organization's jobs, through
// the job_worker policy (migrations/0001_jobs.sql), which only a transaction
// that names itself so gets. A request's transaction never does.
#pragma once

#include <functional>

#include "absl/status/statusor.h"
#include "sentra/db/pool.h"
#include "sentra/db/transaction.h"

namespace sentra::jobs {

// Names `tx` a worker's for the rest of it.
absl::Status ActAsWorker(db::Transaction& tx);

// `body` in a transaction of its own that acts as a worker's.
absl::Status InWorkerTransaction(db::Pool& pool, const std::function<absl::Status(db::Transaction&)>& body);

// The same, for a body that produces a value.
template <typename T>
absl::StatusOr<T> InWorkerTransactionValue(db::Pool& pool,
                                           const std::function<absl::StatusOr<T>(db::Transaction&)>& body) {
  return db::InTransactionValue<T>(pool, {}, [&](db::Transaction& tx) -> absl::StatusOr<T> {
    if (auto s = ActAsWorker(tx); !s.ok()) return s;
    return body(tx);
  });
}

}  // namespace sentra::jobs
