// Publishes a service's outbox to the broker. One relay per service is active
// at a time (a PostgreSQL advisory lock; the others wait as standbys). It is
// woken by NOTIFY when a transaction adds events, polls as a fallback, sends
// each batch in commit order with publisher confirms, and marks rows
// published only after the broker confirmed them: a crash in between
// re-publishes, and consumers' inboxes drop the duplicates.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"

namespace sentra::db {
class Connection;
}

namespace sentra::bus {

class Publisher;

struct RelayOptions {
  std::string db_url;
  std::string amqp_url;
  std::string schema;  // the service's schema: names the lock and the NOTIFY channel
  int batch_size = 256;
  std::chrono::milliseconds poll_interval{1000};
  std::chrono::milliseconds confirm_timeout{5000};
  std::chrono::milliseconds reconnect_backoff{500};
  // Published rows are deleted after this long.
  std::chrono::hours retention{24 * 7};
};

class OutboxRelay {
 public:
  explicit OutboxRelay(RelayOptions options);
  ~OutboxRelay();

  void Start();
  // Finishes the batch in flight, releases the lock, joins the thread.
  void Stop();

  bool is_leader() const { return leader_.load(); }
  std::int64_t published() const { return published_.load(); }

  // Test hook: runs after the broker confirmed a batch, before the rows are
  // marked. Returning false makes the relay drop everything as if the process
  // died there.
  std::function<bool()> after_confirm_for_test;

 private:
  void Run();
  absl::Status EnsureConnected();
  // Publishes up to one batch; returns how many rows it published.
  absl::StatusOr<int> PublishBatch();
  void WaitForWork(std::chrono::milliseconds timeout);
  void PurgeOld();
  void Disconnect();

  const RelayOptions options_;
  std::unique_ptr<db::Connection> db_;
  std::unique_ptr<Publisher> publisher_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> leader_{false};
  std::atomic<std::int64_t> published_{0};
  std::chrono::steady_clock::time_point last_purge_{};
  int wake_pipe_[2] = {-1, -1};
  std::thread thread_;
};

}  // namespace sentra::bus
