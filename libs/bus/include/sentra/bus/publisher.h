// Publishes persistent messages with publisher confirms, many in flight at
// once: a batch is written in one go and then the confirms are collected, so
// a batch of N costs about one round trip, not N.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "sentra/bus/amqp_connection.h"

namespace sentra::bus {

struct OutgoingMessage {
  std::string_view exchange;     // "" is the default exchange (routes by queue name)
  std::string_view routing_key;
  std::string_view body;
  std::string_view message_id;
  std::string_view type;
  Table headers;
};

class Publisher {
 public:
  static absl::StatusOr<std::unique_ptr<Publisher>> Open(
      const std::string& url, std::string_view name,
      std::chrono::seconds heartbeat = AmqpConnection::kDefaultHeartbeat);

  // Messages are mandatory: one the broker cannot route to any queue comes
  // back (basic.return) instead of being confirmed into nothing.
  //
  // OK only when the broker confirmed every message before `timeout` and
  // returned none. When some came back (and every other was confirmed) the
  // answer is FailedPrecondition, their indexes are in `unroutable`, and the
  // connection stays usable. After any other error the connection is
  // unusable: drop the publisher and open another.
  absl::Status PublishAndConfirm(std::span<const OutgoingMessage> messages,
                                 std::chrono::milliseconds timeout,
                                 std::vector<std::size_t>* unroutable = nullptr);

  AmqpConnection& connection() { return *conn_; }

 private:
  explicit Publisher(std::unique_ptr<AmqpConnection> conn) : conn_(std::move(conn)) {}
  std::unique_ptr<AmqpConnection> conn_;
  std::uint64_t published_ = 0;  // delivery tags are 1, 2, … per channel
};

}  // namespace sentra::bus
