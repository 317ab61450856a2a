#include "sentra/bus/listener.h"

#include <spdlog/spdlog.h>

#include "amqp_util.h"
#include "fmt/format.h"
#include "sentra/bus/topology.h"

namespace sentra::bus {

Listener::Listener(ListenerOptions options, Handler on_event, std::function<void()> on_connected)
    : options_(std::move(options)), on_event_(std::move(on_event)), on_connected_(std::move(on_connected)) {}

Listener::~Listener() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void Listener::Start() {
  thread_ = std::thread([this] { Run(); });
}

void Listener::Run() {
  while (!stopping_) {
    RunSession();
    connected_ = false;
    if (!stopping_) std::this_thread::sleep_for(options_.reconnect_backoff);
  }
}

void Listener::RunSession() {
  auto conn = AmqpConnection::Open(options_.amqp_url, fmt::format("{}-listener", options_.name));
  if (!conn.ok()) {
    spdlog::warn("listener {}: {}", options_.name, std::string(conn.status().message()));
    return;
  }
  AmqpConnection& c = **conn;
  if (auto s = DeclareEventsExchange(c); !s.ok()) return;
  auto queue = c.DeclarePrivateQueue();
  if (!queue.ok()) {
    spdlog::warn("listener {}: {}", options_.name, std::string(queue.status().message()));
    return;
  }
  for (const auto& type : options_.event_types) {
    if (auto s = c.BindQueue(*queue, kEventsExchange, type); !s.ok()) return;
  }
  amqp_basic_consume(c.state(), AmqpConnection::kChannel, Bytes(*queue), amqp_empty_bytes, 0, /*no_ack=*/1,
                     /*exclusive=*/1, amqp_empty_table);
  if (auto s = c.ReplyStatus("basic.consume"); !s.ok()) return;
  connected_ = true;
  // Bound first, then resync: a change between the two is both heard and read.
  on_connected_();

  while (!stopping_) {
    amqp_maybe_release_buffers(c.state());
    amqp_envelope_t delivery;
    timeval timeout{0, 200'000};
    amqp_rpc_reply_t reply = amqp_consume_message(c.state(), &delivery, &timeout, 0);
    if (reply.reply_type == AMQP_RESPONSE_LIBRARY_EXCEPTION && reply.library_error == AMQP_STATUS_TIMEOUT) continue;
    if (reply.reply_type != AMQP_RESPONSE_NORMAL) {
      spdlog::warn("listener {}: connection lost, reconnecting", options_.name);
      return;
    }
    events::v1::Envelope event;
    const std::string_view body = View(delivery.message.body);
    if (event.ParseFromArray(body.data(), static_cast<int>(body.size()))) on_event_(event);
    amqp_destroy_envelope(&delivery);
  }
}

}  // namespace sentra::bus
