#include "sentra/bus/consumer.h"

#include <amqp.h>
#include <spdlog/spdlog.h>

#include "amqp_util.h"
#include "fmt/format.h"
#include "sentra/bus/amqp_connection.h"
#include "sentra/bus/publisher.h"
#include "sentra/bus/topology.h"
#include "sentra/events/v1/envelope.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/log/logging.h"

namespace sentra::bus {

namespace {

constexpr db::Query kRecordInbox{
    "inbox.record",
    "INSERT INTO inbox (consumer, event_id, event_type) VALUES ($1, $2, $3) "
    "ON CONFLICT DO NOTHING"};

constexpr db::Query kPruneInbox{
    "inbox.prune",
    "DELETE FROM inbox WHERE consumer = $1 AND event_id IN (SELECT event_id FROM inbox "
    "WHERE consumer = $1 AND received_at < now() - make_interval(secs => $2::bigint) "
    "ORDER BY received_at LIMIT $3)"};

constexpr auto kConfirmTimeout = std::chrono::seconds(10);

}  // namespace

Consumer::Consumer(ConsumerOptions options, db::Pool& pool)
    : options_(std::move(options)), pool_(pool) {}

Consumer::~Consumer() { Stop(); }

void Consumer::On(std::string event_type, Handler handler) {
  handlers_.insert_or_assign(std::move(event_type), std::move(handler));
}

void Consumer::Start() {
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void Consumer::Stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

Consumer::Stats Consumer::stats() const {
  return Stats{.applied = applied_.load(),
               .duplicates = duplicates_.load(),
               .retried = retried_.load(),
               .parked = parked_.load(),
               .sessions = sessions_.load(),
               .pruned = pruned_.load(),
               .pauses = pauses_.load()};
}

std::vector<std::string> Consumer::event_types() const {
  std::vector<std::string> types;
  for (const auto& [type, handler] : handlers_) types.push_back(type);
  return types;
}

const Handler* Consumer::Find(const std::string& type) const {
  if (auto it = handlers_.find(type); it != handlers_.end()) return &it->second;
  if (auto it = handlers_.find("#"); it != handlers_.end()) return &it->second;
  return nullptr;
}

Consumer::Outcome Consumer::Apply(const events::v1::Envelope& event, absl::Status& error) {
  const Handler* handler = Find(event.type());
  bool duplicate = false;
  // An event is handled for no particular member: every brand is in scope.
  error = db::InTransaction(pool_, {.org_id = event.org_id(), .brands = "*"}, [&](db::Transaction& tx) {
    auto recorded = tx.Execute(kRecordInbox, options_.consumer, event.id(), event.type());
    if (!recorded.ok()) return recorded.status();
    duplicate = recorded->affected() == 0;
    if (duplicate || handler == nullptr) return absl::OkStatus();
    // A handler that throws fails like one that returns an error: retried,
    // then parked. Let through, it would end the process, and the broker
    // would hand the same message to the restarted one, for ever.
    try {
      return (*handler)(tx, event);
    } catch (const std::exception& e) {
      return absl::InternalError(std::string("handler threw: ") + e.what());
    } catch (...) {
      return absl::InternalError("handler threw");
    }
  });
  if (!error.ok()) return Outcome::kFailed;
  return duplicate ? Outcome::kDuplicate : Outcome::kApplied;
}

void Consumer::PruneInbox() {
  const auto now = std::chrono::steady_clock::now();
  if (now < next_prune_) return;
  next_prune_ = now + std::chrono::minutes(10);
  auto conn = pool_.Acquire();
  if (!conn.ok()) return;
  auto pruned = (*conn)->Execute(kPruneInbox, options_.consumer,
                                 static_cast<std::int64_t>(options_.inbox_retention.count()),
                                 static_cast<std::int64_t>(options_.prune_batch));
  if (!pruned.ok()) return;
  pruned_ += pruned->affected();
  // A full batch: there may be more, so the next one after the next message.
  if (pruned->affected() == options_.prune_batch) next_prune_ = now;
}

namespace {

bool IsTransient(const absl::Status& status) {
  return status.code() == absl::StatusCode::kUnavailable || status.code() == absl::StatusCode::kDeadlineExceeded;
}

}  // namespace

bool Consumer::PauseFor(const std::string& event_id) {
  // With the database down nobody is at fault: pause for as long as it takes.
  if (!pool_.Ping().ok()) {
    transient_failures_of_event_ = 0;
    return true;
  }
  // With it up, the same event failing "transiently" again and again (a
  // statement that always times out) is the event's own problem: after a
  // few pauses it goes the way of any failure, to retries and parking, so
  // that it cannot hold up the queue behind it for ever.
  if (event_id != transient_event_id_) {
    transient_event_id_ = event_id;
    transient_failures_of_event_ = 0;
  }
  return ++transient_failures_of_event_ <= kPausesPerEvent;
}

void Consumer::WaitOutOutage() {
  const auto until = std::chrono::steady_clock::now() + pause_;
  const auto step = std::chrono::milliseconds(100);
  while (!stopping_ && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(step);
  while (!stopping_ && !pool_.Ping().ok()) {
    const auto retry_at = std::chrono::steady_clock::now() + pause_;
    while (!stopping_ && std::chrono::steady_clock::now() < retry_at) std::this_thread::sleep_for(step);
  }
  pause_ = std::min(pause_ * 2, options_.pause_max);
}

void Consumer::Run() {
  while (!stopping_) {
    RunSession();
    connected_ = false;
    if (stopping_) break;
    if (paused_) {
      WaitOutOutage();
      paused_ = false;
      spdlog::info("consumer {}: resuming", options_.consumer);
    } else {
      std::this_thread::sleep_for(options_.reconnect_backoff);
    }
  }
}

bool Consumer::Requeue(Publisher& publisher, const amqp_envelope_t& delivery, const std::string& event_id,
                       std::int64_t attempt, const absl::Status& error) {
  // A message that cannot even be decoded (kPoison) will never succeed: park it now.
  const bool park = attempt == kPoison || attempt >= static_cast<std::int64_t>(options_.retry_delays.size());
  const std::string target =
      park ? ParkingQueue(options_.consumer)
           : RetryQueue(options_.consumer, options_.retry_delays[static_cast<std::size_t>(attempt)]);
  const std::string message_id(View(delivery.message.properties.message_id));
  const std::string type(View(delivery.message.properties.type));
  const std::int64_t tried = attempt == kPoison ? 1 : attempt + 1;
  OutgoingMessage copy{.exchange = "",
                       .routing_key = target,
                       .body = View(delivery.message.body),
                       .message_id = message_id,
                       .type = type,
                       .headers = {TableEntry::Int(std::string(kAttemptHeader), tried),
                                   TableEntry::Text(std::string(kErrorHeader), std::string(error.message()))}};
  spdlog::warn("consumer {}: event {} ({}) failed on attempt {}: {}; {}", options_.consumer, event_id, type,
               tried, std::string(error.message()), park ? "parked" : fmt::format("retrying via {}", target));
  if (auto s = publisher.PublishAndConfirm({&copy, 1}, kConfirmTimeout); !s.ok()) {
    spdlog::warn("consumer {}: cannot requeue: {}", options_.consumer, std::string(s.message()));
    return false;
  }
  ++(park ? parked_ : retried_);
  return true;
}

// One connection's life: declare, consume until the connection fails or we stop.
void Consumer::RunSession() {
  auto conn = AmqpConnection::Open(options_.amqp_url, fmt::format("{}-consumer", options_.consumer),
                                   options_.heartbeat);
  if (!conn.ok()) {
    spdlog::warn("consumer {}: {}", options_.consumer, std::string(conn.status().message()));
    return;
  }
  // Retries and parking go out on a second connection: waiting for their
  // confirms must not swallow deliveries arriving on the consuming one.
  auto publisher = Publisher::Open(options_.amqp_url, fmt::format("{}-retry", options_.consumer),
                                   options_.heartbeat);
  if (!publisher.ok()) {
    spdlog::warn("consumer {}: {}", options_.consumer, std::string(publisher.status().message()));
    return;
  }
  ++sessions_;
  AmqpConnection& c = **conn;
  const Subscription subscription{options_.consumer, event_types(), options_.retry_delays};
  if (auto s = DeclareSubscription(c, subscription); !s.ok()) {
    spdlog::error("consumer {}: {}", options_.consumer, std::string(s.message()));
    return;
  }
  if (auto s = c.SetPrefetch(options_.prefetch); !s.ok()) return;
  const std::string queue = EventsQueue(options_.consumer);
  amqp_basic_consume(c.state(), AmqpConnection::kChannel, Bytes(queue), amqp_empty_bytes,
                     0, /*no_ack=*/0, 0, amqp_empty_table);
  if (auto s = c.ReplyStatus("basic.consume"); !s.ok()) return;
  connected_ = true;
  spdlog::info("consumer {} listening on {}", options_.consumer, queue);

  // Handled messages are acked together, by the last one's tag with
  // `multiple`: every few messages and whenever the queue goes quiet or the
  // session ends on purpose. That spares the broker most ack frames, which
  // it has to process in the same queue that takes the relays' publishes.
  // Messages handled but not yet acked when a connection dies are redelivered
  // and dropped by the inbox.
  // At most half the prefetch window, or the broker would stop sending
  // before a batch is full.
  const int ack_every = std::clamp(options_.prefetch / 2, 1, 16);
  std::uint64_t last_handled = 0;
  int unacked = 0;
  auto flush_acks = [&] {
    if (unacked == 0) return true;
    unacked = 0;
    return amqp_basic_ack(c.state(), AmqpConnection::kChannel, last_handled, /*multiple=*/1) == AMQP_STATUS_OK;
  };

  while (!stopping_) {
    PruneInbox();
    // The retry publisher is used only when something fails: it may sit
    // idle through a long busy stretch of the consuming connection.
    if (auto s = (*publisher)->connection().KeepAlive(); !s.ok()) {
      spdlog::warn("consumer {}: {}", options_.consumer, std::string(s.message()));
      flush_acks();
      return;
    }
    amqp_maybe_release_buffers(c.state());
    amqp_envelope_t delivery;
    timeval timeout{0, 200'000};
    amqp_rpc_reply_t reply = amqp_consume_message(c.state(), &delivery, &timeout, 0);
    if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
        reply.library_error == AMQP_STATUS_TIMEOUT) {
      if (!flush_acks()) return;
      continue;
    }
    if (reply.reply_type != AMQP_RESPONSE_NORMAL) {
      spdlog::warn("consumer {}: connection lost, reconnecting", options_.consumer);
      return;
    }

    events::v1::Envelope event;
    const std::string_view body = View(delivery.message.body);
    const bool parsed = event.ParseFromArray(body.data(), static_cast<int>(body.size())) &&
                        ids::IsUuid(event.id()) &&
                        (event.org_id().empty() || ids::IsUuid(event.org_id()));
    // Our own header, but read defensively: a negative count would index
    // before the delays.
    const std::int64_t attempt = std::max<std::int64_t>(
        0, (delivery.message.properties._flags & AMQP_BASIC_HEADERS_FLAG)
               ? IntHeader(delivery.message.properties.headers, kAttemptHeader, 0)
               : 0);

    absl::Status error = absl::InvalidArgumentError("undecodable event");
    Outcome outcome = Outcome::kFailed;
    if (parsed) {
      log::RequestScope scope(event.request_id(), event.org_id());
      outcome = Apply(event, error);
    }

    if (outcome == Outcome::kFailed && IsTransient(error) && PauseFor(event.id())) {
      // Not acked: closing the session gives it, and the prefetched ones,
      // back to the queue, untouched.
      if (pause_ < options_.pause_min) pause_ = options_.pause_min;
      spdlog::warn("consumer {}: pausing consumption for at least {} ms: {}", options_.consumer, pause_.count(),
                   std::string(error.message()));
      ++pauses_;
      paused_ = true;
      amqp_destroy_envelope(&delivery);
      flush_acks();  // the ones before it are done
      return;
    }
    if (outcome != Outcome::kFailed) pause_ = std::chrono::milliseconds(0);
    if (outcome == Outcome::kApplied) ++applied_;
    if (outcome == Outcome::kDuplicate) ++duplicates_;
    if (outcome == Outcome::kFailed &&
        !Requeue(**publisher, delivery, event.id(), parsed ? attempt : kPoison, error)) {
      amqp_destroy_envelope(&delivery);
      flush_acks();
      return;  // not acked: the broker redelivers it once we reconnect
    }
    last_handled = delivery.delivery_tag;
    amqp_destroy_envelope(&delivery);
    ++unacked;
    // A requeued message is acked at once: redelivered after its copy went
    // to a retry queue, it would start a second retry chain (a failed event
    // has no inbox row to stop it).
    if ((outcome == Outcome::kFailed || unacked >= ack_every) && !flush_acks()) return;
  }
  flush_acks();
}

}  // namespace sentra::bus
