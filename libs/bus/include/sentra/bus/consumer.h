// Consumes a service's queue: each event is applied in one transaction that
// also records its id in the inbox, so a redelivered event has no second
// effect; the message is acked only after that commit. A failing event is
// retried after growing delays (retry queues) and finally parked.
//
// A transient failure (database or a dependency unavailable, a deadline) is
// no fault of the event and costs it no attempt: consumption pauses instead.
// The session closes (the broker keeps the unacked messages), the consumer
// waits until the database answers and a growing pause has passed, then
// consumes again from the same message. While the database answers, one
// event gets only a few such pauses before it is retried and parked like
// any failure, so a statement that always times out cannot block the queue.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "sentra/bus/topology.h"
#include "sentra/db/pool.h"
#include "sentra/db/transaction.h"

typedef struct amqp_envelope_t_ amqp_envelope_t;

namespace sentra::events::v1 {
class Envelope;
}

namespace sentra::bus {

class Publisher;

using Handler = std::function<absl::Status(db::Transaction&, const events::v1::Envelope&)>;

struct ConsumerOptions {
  std::string consumer;  // names the queues and the inbox rows, e.g. "core"
  std::string amqp_url;
  // Delay before each retry; after the last one the message is parked.
  std::vector<std::chrono::milliseconds> retry_delays = DefaultRetryDelays();
  std::uint16_t prefetch = 32;
  std::chrono::seconds heartbeat = AmqpConnection::kDefaultHeartbeat;
  // Inbox rows are kept this long, then deleted (`prune_batch` at a time,
  // between messages). It must outlast every way an event can come back:
  // the retries (about 11 minutes) and a replay of parked messages, so
  // parked messages are to be replayed within it.
  std::chrono::seconds inbox_retention = std::chrono::hours(24 * 30);
  int prune_batch = 1000;
  std::chrono::milliseconds reconnect_backoff{500};
  // Pause after a transient failure: doubles each time, up to the maximum,
  // back to the minimum once an event is applied.
  std::chrono::milliseconds pause_min{200};
  std::chrono::milliseconds pause_max{30'000};
};

class Consumer {
 public:
  Consumer(ConsumerOptions options, db::Pool& pool);
  ~Consumer();

  // Registers the handler for one event type ("#" for every type). Call
  // before Start().
  void On(std::string event_type, Handler handler);

  // The event types handlers were registered for.
  std::vector<std::string> event_types() const;

  void Start();
  // Finishes the message in hand, then closes; unacked messages go back to
  // the queue for the next consumer.
  void Stop();

  struct Stats {
    std::int64_t applied = 0;
    std::int64_t duplicates = 0;
    std::int64_t retried = 0;
    std::int64_t parked = 0;
    std::int64_t sessions = 0;  // broker sessions begun: one, unless one was lost
    std::int64_t pruned = 0;    // inbox rows deleted
    std::int64_t pauses = 0;    // transient failures that paused consumption
  };
  Stats stats() const;
  bool connected() const { return connected_.load(); }
  // Disconnected on purpose, waiting out a database or dependency outage.
  bool paused() const { return paused_.load(); }

 private:
  enum class Outcome { kApplied, kDuplicate, kFailed };
  void Run();
  void RunSession();
  // After a transient failure: whether to pause (else it is handled like any
  // failure).
  bool PauseFor(const std::string& event_id);
  // After a pause began: waits until it has passed and the database
  // answers (or we stop).
  void WaitOutOutage();
  static constexpr int kPausesPerEvent = 3;
  Outcome Apply(const events::v1::Envelope& event, absl::Status& error);
  void PruneInbox();
  const Handler* Find(const std::string& type) const;
  // Sends a failed delivery to its next retry queue, or to parking; true
  // once the broker has it (then the original may be acked).
  bool Requeue(Publisher& publisher, const amqp_envelope_t& delivery, const std::string& event_id,
               std::int64_t attempt, const absl::Status& error);
  static constexpr std::int64_t kPoison = -1;  // attempt value for undecodable messages

  const ConsumerOptions options_;
  db::Pool& pool_;
  std::map<std::string, Handler, std::less<>> handlers_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> connected_{false};
  std::atomic<bool> paused_{false};
  // Consumer thread only.
  std::chrono::milliseconds pause_{0};
  std::string transient_event_id_;
  int transient_failures_of_event_ = 0;
  std::atomic<std::int64_t> applied_{0}, duplicates_{0}, retried_{0}, parked_{0}, sessions_{0}, pruned_{0}, pauses_{0};
  std::chrono::steady_clock::time_point next_prune_{};
  std::thread thread_;
};

}  // namespace sentra::bus
