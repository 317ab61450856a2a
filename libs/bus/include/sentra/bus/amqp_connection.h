// One AMQP 0-9-1 connection (rabbitmq-c) with one channel, and the
// declarations the bus needs. Not thread-safe: one owner thread each.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

typedef struct amqp_connection_state_t_* amqp_connection_state_t;

namespace sentra::bus {

// Queue arguments (x-message-ttl, x-dead-letter-*) and message headers.
struct TableEntry {
  static TableEntry Text(std::string key, std::string text) { return {std::move(key), std::move(text), 0, false}; }
  static TableEntry Int(std::string key, std::int64_t number) { return {std::move(key), {}, number, true}; }

  std::string key;
  std::string text;
  std::int64_t number;
  bool is_int;
};
using Table = std::vector<TableEntry>;

class AmqpConnection {
 public:
  // `url`: amqp://user:password@host:port/vhost. `heartbeat` is what we
  // propose; the broker may lower it.
  static absl::StatusOr<std::unique_ptr<AmqpConnection>> Open(
      const std::string& url, std::string_view name,
      std::chrono::seconds heartbeat = kDefaultHeartbeat);
  static constexpr std::chrono::seconds kDefaultHeartbeat{30};
  ~AmqpConnection();
  AmqpConnection(const AmqpConnection&) = delete;
  AmqpConnection& operator=(const AmqpConnection&) = delete;

  absl::Status DeclareExchange(std::string_view name, std::string_view kind,
                               const Table& arguments = {});
  absl::Status DeclareQueue(std::string_view name, const Table& arguments = {});
  // A queue of this connection's own, named by the broker, deleted when the
  // connection closes. Returns its name.
  absl::StatusOr<std::string> DeclarePrivateQueue();
  // Messages ready in an existing queue (NotFound when there is none; the
  // channel is then closed, so the connection is done).
  absl::StatusOr<std::int64_t> QueueDepth(std::string_view name);
  absl::Status BindQueue(std::string_view queue, std::string_view exchange, std::string_view key);
  absl::Status EnableConfirms();
  absl::Status SetPrefetch(std::uint16_t count);

  // For a connection that may sit idle (nothing read or written) for longer
  // than the heartbeat: sends a heartbeat when one is due and reads what the
  // broker sent meanwhile. The broker closes a connection that stayed silent
  // for two heartbeats, and rabbitmq-c only heartbeats inside its own reads
  // and writes. Call it more often than half the heartbeat.
  absl::Status KeepAlive();
  // Whether KeepAlive() has something to do yet.
  bool KeepAliveDue() const;
  // Records traffic that itself counts as a heartbeat (a publish, a confirm).
  void NoteTraffic();

  amqp_connection_state_t state() const { return state_; }
  static constexpr std::uint16_t kChannel = 1;

  // Turns the last RPC reply into a status ("what" names the operation).
  absl::Status ReplyStatus(std::string_view what) const;

 private:
  explicit AmqpConnection(amqp_connection_state_t state) : state_(state) {}
  amqp_connection_state_t state_;
  std::chrono::steady_clock::duration keep_alive_every_{};  // zero: heartbeats off
  std::chrono::steady_clock::time_point last_traffic_ = std::chrono::steady_clock::now();
};

// Errors from rabbitmq-c library calls (negative amqp_status_enum values).
absl::Status AmqpLibraryError(int code, std::string_view what);

}  // namespace sentra::bus
