#include "sentra/bus/amqp_connection.h"

#include <amqp.h>
#include <amqp_tcp_socket.h>

#include "amqp_util.h"
#include "fmt/format.h"

namespace sentra::bus {

absl::Status AmqpLibraryError(int code, std::string_view what) {
  return absl::UnavailableError(fmt::format("broker: {}: {}", what, amqp_error_string2(code)));
}

absl::StatusOr<std::unique_ptr<AmqpConnection>> AmqpConnection::Open(const std::string& url,
                                                                     std::string_view name,
                                                                     std::chrono::seconds heartbeat) {
  std::string mutable_url = url;  // amqp_parse_url writes into its argument
  amqp_connection_info info;
  amqp_default_connection_info(&info);
  if (amqp_parse_url(mutable_url.data(), &info) != AMQP_STATUS_OK) {
    return absl::InvalidArgumentError("broker: malformed AMQP URL");
  }
  amqp_connection_state_t state = amqp_new_connection();
  auto conn = std::unique_ptr<AmqpConnection>(new AmqpConnection(state));
  amqp_socket_t* socket = amqp_tcp_socket_new(state);
  if (socket == nullptr) return absl::UnavailableError("broker: cannot create socket");
  timeval connect_timeout{5, 0};
  if (int rc = amqp_socket_open_noblock(socket, info.host, info.port, &connect_timeout); rc != AMQP_STATUS_OK) {
    return AmqpLibraryError(rc, fmt::format("connect to {}:{}", info.host, info.port));
  }
  timeval rpc_timeout{10, 0};
  amqp_set_rpc_timeout(state, &rpc_timeout);
  // Heartbeats let both sides notice a dead peer. rabbitmq-c services them
  // only while it reads or writes: a connection that can sit idle needs
  // KeepAlive().
  amqp_table_entry_t property{};
  property.key = amqp_cstring_bytes("connection_name");
  property.value.kind = AMQP_FIELD_KIND_UTF8;
  property.value.value.bytes = Bytes(name);
  amqp_table_t properties{1, &property};
  amqp_rpc_reply_t login = amqp_login_with_properties(state, info.vhost, 0, 131072,
                                                      static_cast<int>(heartbeat.count()),
                                                      &properties, AMQP_SASL_METHOD_PLAIN,
                                                      info.user, info.password);
  if (login.reply_type != AMQP_RESPONSE_NORMAL) return conn->ReplyStatus("login");
  amqp_channel_open(state, kChannel);
  if (auto s = conn->ReplyStatus("open channel"); !s.ok()) return s;
  // What was negotiated; a third of it leaves room for a late caller.
  if (const int negotiated = amqp_get_heartbeat(state); negotiated > 0) {
    conn->keep_alive_every_ = std::chrono::milliseconds(negotiated * 1000) / 3;
  }
  return conn;
}

AmqpConnection::~AmqpConnection() {
  // Best effort: a dead socket just fails these.
  amqp_channel_close(state_, kChannel, AMQP_REPLY_SUCCESS);
  amqp_connection_close(state_, AMQP_REPLY_SUCCESS);
  amqp_destroy_connection(state_);
}

absl::Status AmqpConnection::ReplyStatus(std::string_view what) const {
  amqp_rpc_reply_t reply = amqp_get_rpc_reply(state_);
  switch (reply.reply_type) {
    case AMQP_RESPONSE_NORMAL:
      return absl::OkStatus();
    case AMQP_RESPONSE_NONE:
      return absl::UnavailableError(fmt::format("broker: {}: no reply", what));
    case AMQP_RESPONSE_LIBRARY_EXCEPTION:
      return AmqpLibraryError(reply.library_error, what);
    case AMQP_RESPONSE_SERVER_EXCEPTION:
    default: {
      std::string text;
      if (reply.reply.id == AMQP_CONNECTION_CLOSE_METHOD) {
        auto* m = static_cast<amqp_connection_close_t*>(reply.reply.decoded);
        text = fmt::format("connection closed: {} {}", m->reply_code,
                           std::string_view(static_cast<char*>(m->reply_text.bytes), m->reply_text.len));
      } else if (reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD) {
        auto* m = static_cast<amqp_channel_close_t*>(reply.reply.decoded);
        text = fmt::format("channel closed: {} {}", m->reply_code,
                           std::string_view(static_cast<char*>(m->reply_text.bytes), m->reply_text.len));
      } else {
        text = "server error";
      }
      // A server-side refusal (e.g. a queue redeclared with other arguments)
      // will not fix itself by retrying.
      return absl::FailedPreconditionError(fmt::format("broker: {}: {}", what, text));
    }
  }
}

absl::Status AmqpConnection::DeclareExchange(std::string_view name, std::string_view kind,
                                             const Table& arguments) {
  std::vector<amqp_table_entry_t> entries;
  amqp_exchange_declare(state_, kChannel, Bytes(name), Bytes(kind),
                        /*passive=*/0, /*durable=*/1, /*auto_delete=*/0, /*internal=*/0,
                        ToAmqpTable(arguments, entries));
  return ReplyStatus(fmt::format("declare exchange {}", name));
}

void AmqpConnection::NoteTraffic() { last_traffic_ = std::chrono::steady_clock::now(); }

bool AmqpConnection::KeepAliveDue() const {
  return keep_alive_every_.count() > 0 && std::chrono::steady_clock::now() - last_traffic_ >= keep_alive_every_;
}

absl::Status AmqpConnection::KeepAlive() {
  if (!KeepAliveDue()) return absl::OkStatus();
  amqp_frame_t heartbeat{};
  heartbeat.frame_type = AMQP_FRAME_HEARTBEAT;
  heartbeat.channel = 0;
  if (int rc = amqp_send_frame(state_, &heartbeat); rc != AMQP_STATUS_OK) return AmqpLibraryError(rc, "heartbeat");
  NoteTraffic();
  // Read what arrived meanwhile (the broker's heartbeats, which rabbitmq-c
  // consumes itself, or a close), without waiting.
  for (;;) {
    amqp_frame_t frame;
    timeval no_wait{0, 0};
    const int rc = amqp_simple_wait_frame_noblock(state_, &frame, &no_wait);
    if (rc == AMQP_STATUS_TIMEOUT) return absl::OkStatus();
    if (rc != AMQP_STATUS_OK) return AmqpLibraryError(rc, "read while idle");
    if (frame.frame_type == AMQP_FRAME_METHOD && (frame.payload.method.id == AMQP_CHANNEL_CLOSE_METHOD ||
                                                  frame.payload.method.id == AMQP_CONNECTION_CLOSE_METHOD)) {
      return absl::UnavailableError("broker: closed the connection while it was idle");
    }
  }
}

absl::StatusOr<std::string> AmqpConnection::DeclarePrivateQueue() {
  amqp_queue_declare_ok_t* ok = amqp_queue_declare(state_, kChannel, amqp_empty_bytes, /*passive=*/0, /*durable=*/0,
                                                   /*exclusive=*/1, /*auto_delete=*/1, amqp_empty_table);
  if (auto s = ReplyStatus("declare private queue"); !s.ok()) return s;
  if (ok == nullptr) return absl::UnavailableError("declare private queue: no reply");
  return std::string(View(ok->queue));
}

absl::Status AmqpConnection::DeclareQueue(std::string_view name, const Table& arguments) {
  std::vector<amqp_table_entry_t> entries;
  amqp_queue_declare(state_, kChannel, Bytes(name), /*passive=*/0, /*durable=*/1,
                     /*exclusive=*/0, /*auto_delete=*/0, ToAmqpTable(arguments, entries));
  return ReplyStatus(fmt::format("declare queue {}", name));
}

absl::StatusOr<std::int64_t> AmqpConnection::QueueDepth(std::string_view name) {
  amqp_queue_declare_ok_t* ok = amqp_queue_declare(state_, kChannel, Bytes(name), /*passive=*/1, /*durable=*/0,
                                                   /*exclusive=*/0, /*auto_delete=*/0, amqp_empty_table);
  if (auto s = ReplyStatus(fmt::format("look up queue {}", name)); !s.ok()) {
    // Only 404 means "no such queue"; a refusal (403, …) must not read as
    // an empty queue.
    const amqp_rpc_reply_t reply = amqp_get_rpc_reply(state_);
    const bool not_found = reply.reply_type == AMQP_RESPONSE_SERVER_EXCEPTION &&
                           reply.reply.id == AMQP_CHANNEL_CLOSE_METHOD &&
                           static_cast<amqp_channel_close_t*>(reply.reply.decoded)->reply_code == AMQP_NOT_FOUND;
    return not_found ? absl::NotFoundError(s.message()) : s;
  }
  if (ok == nullptr) return absl::UnavailableError("look up queue: no reply");
  return static_cast<std::int64_t>(ok->message_count);
}

absl::Status AmqpConnection::BindQueue(std::string_view queue, std::string_view exchange,
                                       std::string_view key) {
  amqp_queue_bind(state_, kChannel, Bytes(queue), Bytes(exchange), Bytes(key), amqp_empty_table);
  return ReplyStatus(fmt::format("bind {} to {} with {}", queue, exchange, key));
}

absl::Status AmqpConnection::EnableConfirms() {
  amqp_confirm_select(state_, kChannel);
  return ReplyStatus("confirm.select");
}

absl::Status AmqpConnection::SetPrefetch(std::uint16_t count) {
  amqp_basic_qos(state_, kChannel, 0, count, 0);
  return ReplyStatus("basic.qos");
}

}  // namespace sentra::bus
