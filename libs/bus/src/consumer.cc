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
  return Stats{applied_.load(), duplicates_.load(), retried_.load(), parked_.load()};
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

void Consumer::Run() {
  while (!stopping_) {
    RunSession();
    connected_ = false;
    if (!stopping_) std::this_thread::sleep_for(options_.reconnect_backoff);
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
  auto conn = AmqpConnection::Open(options_.amqp_url, fmt::format("{}-consumer", options_.consumer));
  if (!conn.ok()) {
    spdlog::warn("consumer {}: {}", options_.consumer, std::string(conn.status().message()));
    return;
  }
  // Retries and parking go out on a second connection: waiting for their
  // confirms must not swallow deliveries arriving on the consuming one.
  auto publisher = Publisher::Open(options_.amqp_url, fmt::format("{}-retry", options_.consumer));
  if (!publisher.ok()) {
    spdlog::warn("consumer {}: {}", options_.consumer, std::string(publisher.status().message()));
    return;
  }
  std::vector<std::string> keys;
  for (const auto& [type, handler] : handlers_) keys.push_back(type);
  AmqpConnection& c = **conn;
  if (auto s = DeclareConsumerTopology(c, options_.consumer, keys, options_.retry_delays); !s.ok()) {
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

  while (!stopping_) {
    amqp_maybe_release_buffers(c.state());
    amqp_envelope_t delivery;
    timeval timeout{0, 200'000};
    amqp_rpc_reply_t reply = amqp_consume_message(c.state(), &delivery, &timeout, 0);
    if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION &&
        reply.library_error == AMQP_STATUS_TIMEOUT) {
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

    if (outcome == Outcome::kApplied) ++applied_;
    if (outcome == Outcome::kDuplicate) ++duplicates_;
    if (outcome == Outcome::kFailed &&
        !Requeue(**publisher, delivery, event.id(), parsed ? attempt : kPoison, error)) {
      amqp_destroy_envelope(&delivery);
      return;  // not acked: the broker redelivers it once we reconnect
    }
    const int rc = amqp_basic_ack(c.state(), AmqpConnection::kChannel, delivery.delivery_tag, 0);
    amqp_destroy_envelope(&delivery);
    if (rc != AMQP_STATUS_OK) return;
  }
}

}  // namespace sentra::bus
