// A bounded pool of connections to one database. Connections are opened on
// demand up to `size`; a caller that finds none free waits up to
// `acquire_timeout` and then gets kUnavailable instead of queueing forever.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sentra/db/connection.h"

namespace sentra::db {

struct PoolOptions {
  std::string url;
  int size = 8;
  // How long a caller waits for a free connection (never past its request's
  // deadline, see deadline.h) before Unavailable: a saturated pool answers
  // 503 soon rather than piling callers up.
  std::chrono::milliseconds acquire_timeout{1000};
};

class Pool {
 public:
  explicit Pool(PoolOptions options);
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  // Borrowed connection; goes back to the pool when destroyed, or is closed if
  // it is no longer reusable (server gone, or left inside a transaction).
  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Connection> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) noexcept = default;
    ~Lease();
    Connection* operator->() const { return conn_.get(); }
    Connection& operator*() const { return *conn_; }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> conn_;
  };

  absl::StatusOr<Lease> Acquire();

  // Opens one connection and runs `SELECT 1`: for readiness checks.
  absl::Status Ping();

  struct Stats {
    int open = 0;
    int idle = 0;
    int waiting = 0;
  };
  Stats stats() const;

 private:
  void Release(std::unique_ptr<Connection> conn);

  const PoolOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
  int waiting_ = 0;
};

}  // namespace sentra::db
