#include "sentra/bus/replay.h"

#include <amqp.h>

#include <chrono>

#include "amqp_util.h"
#include "fmt/format.h"
#include "sentra/bus/publisher.h"
#include "sentra/bus/topology.h"

namespace sentra::bus {

namespace {

constexpr auto kConfirmTimeout = std::chrono::seconds(10);

// Takes the next message off `queue` unacknowledged; false when it is empty.
absl::StatusOr<bool> Get(AmqpConnection& conn, const std::string& queue, amqp_message_t& message,
                         std::uint64_t& tag) {
  amqp_rpc_reply_t reply = amqp_basic_get(conn.state(), AmqpConnection::kChannel, Bytes(queue), /*no_ack=*/0);
  if (reply.reply_type != AMQP_RESPONSE_NORMAL) return conn.ReplyStatus(fmt::format("get from {}", queue));
  if (reply.reply.id == AMQP_BASIC_GET_EMPTY_METHOD) return false;
  tag = static_cast<amqp_basic_get_ok_t*>(reply.reply.decoded)->delivery_tag;
  reply = amqp_read_message(conn.state(), AmqpConnection::kChannel, &message, 0);
  if (reply.reply_type != AMQP_RESPONSE_NORMAL) return conn.ReplyStatus(fmt::format("read from {}", queue));
  return true;
}

std::string_view Property(const amqp_message_t& message, amqp_flags_t flag, amqp_bytes_t value) {
  return (message.properties._flags & flag) ? View(value) : std::string_view();
}

}  // namespace

absl::StatusOr<ReplayResult> ReplayParked(const std::string& amqp_url, std::string_view consumer) {
  auto reader = AmqpConnection::Open(amqp_url, fmt::format("{}-replay", consumer));
  if (!reader.ok()) return reader.status();
  auto publisher = Publisher::Open(amqp_url, fmt::format("{}-replay-publisher", consumer));
  if (!publisher.ok()) return publisher.status();
  const std::string parking = ParkingQueue(consumer);
  const std::string events = EventsQueue(consumer);
  auto parked = (*reader)->QueueDepth(parking);
  if (!parked.ok()) return parked.status();
  // The events queue must exist: a message published to a missing one comes back.
  if (auto depth = (*publisher)->connection().QueueDepth(events); !depth.ok()) return depth.status();

  ReplayResult result;
  for (std::int64_t i = 0; i < *parked; ++i) {
    amqp_message_t message;
    std::uint64_t tag = 0;
    auto got = Get(**reader, parking, message, tag);
    if (!got.ok()) return got.status();
    if (!*got) break;
    const std::string_view id = Property(message, AMQP_BASIC_MESSAGE_ID_FLAG, message.properties.message_id);
    const std::string_view type = Property(message, AMQP_BASIC_TYPE_FLAG, message.properties.type);
    // No attempt header: the consumer starts counting again.
    const OutgoingMessage copy{.exchange = "", .routing_key = events, .body = View(message.body),
                               .message_id = id, .type = type, .headers = {}};
    absl::Status sent = (*publisher)->PublishAndConfirm({&copy, 1}, kConfirmTimeout);
    amqp_destroy_message(&message);
    if (!sent.ok()) return sent;  // not acked: it stays parked
    if (int rc = amqp_basic_ack((*reader)->state(), AmqpConnection::kChannel, tag, 0); rc != AMQP_STATUS_OK) {
      return AmqpLibraryError(rc, "ack parked message");
    }
    ++result.moved;
  }
  auto left = (*reader)->QueueDepth(parking);
  if (left.ok()) result.left = *left;
  return result;
}

}  // namespace sentra::bus
