// Consumes a service's queue: each event is applied in one transaction that
// also records its id in the inbox, so a redelivered event has no second
// effect; the message is acked only after that commit. A failing event is
// retried after growing delays (retry queues) and finally parked.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
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
  std::vector<std::chrono::milliseconds> retry_delays{
      std::chrono::seconds(1), std::chrono::seconds(10), std::chrono::minutes(1),
      std::chrono::minutes(10)};
  std::uint16_t prefetch = 32;
  std::chrono::milliseconds reconnect_backoff{500};
};

class Consumer {
 public:
  Consumer(ConsumerOptions options, db::Pool& pool);
  ~Consumer();

  // Registers the handler for one event type ("#" for every type). Call
  // before Start().
  void On(std::string event_type, Handler handler);

  void Start();
  // Finishes the message in hand, then closes; unacked messages go back to
  // the queue for the next consumer.
  void Stop();

  struct Stats {
    std::int64_t applied = 0;
    std::int64_t duplicates = 0;
    std::int64_t retried = 0;
    std::int64_t parked = 0;
  };
  Stats stats() const;
  bool connected() const { return connected_.load(); }

 private:
  enum class Outcome { kApplied, kDuplicate, kFailed };
  void Run();
  void RunSession();
  Outcome Apply(const events::v1::Envelope& event, absl::Status& error);
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
  std::atomic<std::int64_t> applied_{0}, duplicates_{0}, retried_{0}, parked_{0};
  std::thread thread_;
};

}  // namespace sentra::bus
