#include "sentra/bus/publisher.h"

#include <amqp.h>

#include <vector>

#include "amqp_util.h"
#include "fmt/format.h"

namespace sentra::bus {

absl::StatusOr<std::unique_ptr<Publisher>> Publisher::Open(const std::string& url,
                                                           std::string_view name,
                                                           std::chrono::seconds heartbeat) {
  auto conn = AmqpConnection::Open(url, name, heartbeat);
  if (!conn.ok()) return conn.status();
  if (auto s = (*conn)->EnableConfirms(); !s.ok()) return s;
  return std::unique_ptr<Publisher>(new Publisher(*std::move(conn)));
}

namespace {

// The index of the message a basic.return gave back, read from the returned
// content's message id; messages.size() when it names none of them.
std::size_t ReturnedIndex(amqp_connection_state_t state, std::span<const OutgoingMessage> messages) {
  amqp_message_t returned;
  amqp_rpc_reply_t reply = amqp_read_message(state, AmqpConnection::kChannel, &returned, 0);
  if (reply.reply_type != AMQP_RESPONSE_NORMAL) return messages.size();
  std::size_t index = messages.size();
  if (returned.properties._flags & AMQP_BASIC_MESSAGE_ID_FLAG) {
    const std::string_view id = View(returned.properties.message_id);
    for (std::size_t i = 0; i < messages.size(); ++i) {
      if (messages[i].message_id == id) {
        index = i;
        break;
      }
    }
  }
  amqp_destroy_message(&returned);
  return index;
}

}  // namespace

absl::Status Publisher::PublishAndConfirm(std::span<const OutgoingMessage> messages,
                                          std::chrono::milliseconds timeout,
                                          std::vector<std::size_t>* unroutable) {
  if (messages.empty()) return absl::OkStatus();
  amqp_connection_state_t state = conn_->state();
  // Every frame read (each confirm) is allocated from the connection's
  // pool, which librabbitmq frees only when asked: without this, a
  // long-running relay's memory grew with every batch it published.
  struct ReleaseFrames {
    amqp_connection_state_t state;
    ~ReleaseFrames() { amqp_maybe_release_buffers(state); }
  } release_frames{state};
  std::vector<amqp_table_entry_t> entries;
  for (const OutgoingMessage& m : messages) {
    amqp_basic_properties_t props{};
    props._flags = AMQP_BASIC_DELIVERY_MODE_FLAG | AMQP_BASIC_CONTENT_TYPE_FLAG |
                   AMQP_BASIC_MESSAGE_ID_FLAG | AMQP_BASIC_TYPE_FLAG | AMQP_BASIC_HEADERS_FLAG;
    props.delivery_mode = AMQP_DELIVERY_PERSISTENT;
    props.content_type = amqp_cstring_bytes("application/x-protobuf");
    props.message_id = Bytes(m.message_id);
    props.type = Bytes(m.type);
    props.headers = ToAmqpTable(m.headers, entries);
    const int rc = amqp_basic_publish(state, AmqpConnection::kChannel, Bytes(m.exchange),
                                      Bytes(m.routing_key), /*mandatory=*/1, /*immediate=*/0,
                                      &props, Bytes(m.body));
    if (rc != AMQP_STATUS_OK) return AmqpLibraryError(rc, "publish");
  }
  // Tags first+0 … first+n-1 are this batch's; acks may cover several at once
  // (multiple) and, across queues, need not arrive in order.
  const std::uint64_t first = published_ + 1;
  published_ += messages.size();
  std::vector<bool> acked(messages.size(), false);
  std::vector<bool> returned(messages.size(), false);
  std::size_t confirmed = 0;
  auto mark = [&](std::uint64_t tag) {
    if (tag < first || tag >= first + acked.size()) return;
    if (!acked[tag - first]) {
      acked[tag - first] = true;
      ++confirmed;
    }
  };

  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (confirmed < messages.size()) {
    const auto left = std::chrono::duration_cast<std::chrono::microseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      return absl::UnavailableError(fmt::format("broker: {} of {} confirms missing after {} ms",
                                                messages.size() - confirmed, messages.size(),
                                                timeout.count()));
    }
    timeval tv{static_cast<time_t>(left.count() / 1'000'000),
               static_cast<suseconds_t>(left.count() % 1'000'000)};
    amqp_frame_t frame;
    const int rc = amqp_simple_wait_frame_noblock(state, &frame, &tv);
    if (rc == AMQP_STATUS_TIMEOUT) continue;
    if (rc != AMQP_STATUS_OK) return AmqpLibraryError(rc, "wait for confirms");
    if (frame.frame_type != AMQP_FRAME_METHOD) continue;
    switch (frame.payload.method.id) {
      case AMQP_BASIC_ACK_METHOD: {
        auto* ack = static_cast<amqp_basic_ack_t*>(frame.payload.method.decoded);
        if (ack->multiple) {
          for (std::uint64_t tag = first; tag <= ack->delivery_tag; ++tag) mark(tag);
        } else {
          mark(ack->delivery_tag);
        }
        break;
      }
      case AMQP_BASIC_RETURN_METHOD: {
        // Comes before the message's ack, with the message itself after it.
        const std::size_t index = ReturnedIndex(state, messages);
        if (index >= messages.size()) return absl::UnavailableError("broker: returned a message it was not sent");
        returned[index] = true;
        break;
      }
      case AMQP_BASIC_NACK_METHOD:
        return absl::UnavailableError("broker: message refused (nack)");
      case AMQP_CHANNEL_CLOSE_METHOD:
      case AMQP_CONNECTION_CLOSE_METHOD:
        return absl::UnavailableError("broker: closed the channel while publishing");
      default:
        break;
    }
  }
  conn_->NoteTraffic();
  std::size_t count = 0;
  std::string_view example;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    if (!returned[i]) continue;
    if (unroutable != nullptr) unroutable->push_back(i);
    if (count++ == 0) example = messages[i].routing_key;
  }
  if (count == 0) return absl::OkStatus();
  return absl::FailedPreconditionError(fmt::format(
      "broker: {} of {} messages reached no queue (routing key {}, exchange without a binding for it)", count,
      messages.size(), example));
}

}  // namespace sentra::bus
