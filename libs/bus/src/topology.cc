#include "sentra/bus/topology.h"

#include "fmt/format.h"

namespace sentra::bus {

std::string EventsQueue(std::string_view consumer) { return fmt::format("{}.events", consumer); }
std::string ParkingQueue(std::string_view consumer) { return fmt::format("{}.parking", consumer); }
std::string RetryQueue(std::string_view consumer, std::chrono::milliseconds delay) {
  return fmt::format("{}.retry.{}ms", consumer, delay.count());
}

std::vector<std::chrono::milliseconds> DefaultRetryDelays() {
  return {std::chrono::seconds(1), std::chrono::seconds(10), std::chrono::minutes(1), std::chrono::minutes(10)};
}

absl::Status DeclareEventsExchange(AmqpConnection& conn, std::string_view exchange) {
  if (auto s = conn.DeclareExchange(kUnroutedExchange, "fanout"); !s.ok()) return s;
  if (auto s = conn.DeclareQueue(kUnroutedQueue); !s.ok()) return s;
  if (auto s = conn.BindQueue(kUnroutedQueue, kUnroutedExchange, ""); !s.ok()) return s;
  return conn.DeclareExchange(exchange, "topic",
                              {TableEntry::Text("alternate-exchange", std::string(kUnroutedExchange))});
}

absl::Status DeclareSubscription(AmqpConnection& conn, const Subscription& subscription) {
  if (auto s = DeclareEventsExchange(conn); !s.ok()) return s;
  const std::string& consumer = subscription.consumer;
  const std::string events = EventsQueue(consumer);
  if (auto s = conn.DeclareQueue(events); !s.ok()) return s;
  for (const auto& key : subscription.event_types) {
    if (auto s = conn.BindQueue(events, kEventsExchange, key); !s.ok()) return s;
  }
  // Expired messages go through the default exchange, which routes by queue
  // name, straight back to this consumer's queue and no other.
  for (const auto delay : subscription.retry_delays) {
    Table arguments = {
        TableEntry::Int("x-message-ttl", delay.count()),
        TableEntry::Text("x-dead-letter-exchange", ""),
        TableEntry::Text("x-dead-letter-routing-key", events),
    };
    if (auto s = conn.DeclareQueue(RetryQueue(consumer, delay), arguments); !s.ok()) return s;
  }
  return conn.DeclareQueue(ParkingQueue(consumer));
}

}  // namespace sentra::bus
