#include "sentra/bus/topology.h"

#include "fmt/format.h"

namespace sentra::bus {

std::string EventsQueue(std::string_view consumer) { return fmt::format("{}.events", consumer); }
std::string ParkingQueue(std::string_view consumer) { return fmt::format("{}.parking", consumer); }
std::string RetryQueue(std::string_view consumer, std::chrono::milliseconds delay) {
  return fmt::format("{}.retry.{}ms", consumer, delay.count());
}

absl::Status DeclareConsumerTopology(AmqpConnection& conn, std::string_view consumer,
                                     const std::vector<std::string>& routing_keys,
                                     const std::vector<std::chrono::milliseconds>& retry_delays) {
  if (auto s = conn.DeclareTopicExchange(kEventsExchange); !s.ok()) return s;
  const std::string events = EventsQueue(consumer);
  if (auto s = conn.DeclareQueue(events); !s.ok()) return s;
  for (const auto& key : routing_keys) {
    if (auto s = conn.BindQueue(events, kEventsExchange, key); !s.ok()) return s;
  }
  // Expired messages go through the default exchange, which routes by queue
  // name, straight back to this consumer's queue and no other.
  for (const auto delay : retry_delays) {
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
