// Publishes a service's outbox to the broker. One relay per service is active
// at a time (a PostgreSQL advisory lock; the others wait as standbys). It is
// woken by NOTIFY when a transaction adds events, polls as a fallback, sends
// each batch in outbox order with publisher confirms, and marks rows
// published only after the broker confirmed them: a crash in between
// re-publishes, and consumers' inboxes drop the duplicates.
//
// Order: one aggregate's events are published in the order their
// transactions committed (a writer appends an event after writing the
// aggregate's row, which stays locked until commit, so a later writer's row
// gets a higher seq). Nothing is promised across aggregates, and delivery
// order is weaker still: a retried event comes back after later ones.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "sentra/bus/topology.h"

namespace sentra::db {
class Connection;
}

namespace sentra::bus {

class Publisher;

struct RelayOptions {
  std::string db_url;
  std::string amqp_url;
  std::string schema;  // the service's schema: names the lock and the NOTIFY channel
  int batch_size = 1024;
  std::chrono::milliseconds poll_interval{1000};
  std::chrono::milliseconds confirm_timeout{5000};
  std::chrono::milliseconds reconnect_backoff{500};
  // Published rows are deleted after this long, at most `purge_batch` per
  // statement, between batches of publishing.
  std::chrono::hours retention{24 * 7};
  int purge_batch = 1000;
  // Declared before the first publish (see topology.h).
  std::vector<Subscription> subscriptions;
  std::chrono::seconds heartbeat = AmqpConnection::kDefaultHeartbeat;
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
  // Broker connections opened so far: one, unless one was lost.
  std::int64_t broker_connections() const { return broker_connections_.load(); }
  std::int64_t purged() const { return purged_.load(); }

  // Test hook: runs after the broker confirmed a batch, before the rows are
  // marked. Returning false makes the relay drop everything as if the process
  // died there.
  std::function<bool()> after_confirm_for_test;

 private:
  void Run();
  absl::Status EnsureConnected();
  // Publishes up to one batch (batch_size rows, and no more than a page's
  // byte budget of envelopes); whether another batch is ready at once:
  // rows were left over and none of this one came back.
  absl::StatusOr<bool> PublishBatch();
  void WaitForWork(std::chrono::milliseconds timeout);
  // Deletes one batch of old published rows when one is due; true when more
  // are left.
  bool PurgeOld();
  void Disconnect();

  const RelayOptions options_;
  std::unique_ptr<db::Connection> db_;
  std::unique_ptr<Publisher> publisher_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> leader_{false};
  std::atomic<std::int64_t> published_{0};
  std::atomic<std::int64_t> broker_connections_{0};
  std::atomic<std::int64_t> purged_{0};
  std::chrono::steady_clock::time_point next_purge_{};
  std::set<std::string> refused_subscriptions_;  // consumers whose queues the broker refused
  int wake_pipe_[2] = {-1, -1};
  std::thread thread_;
};

}  // namespace sentra::bus
