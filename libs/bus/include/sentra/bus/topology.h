// Names and declarations of the bus on RabbitMQ: one durable topic exchange
// for domain events (routing key = event type), whose alternate exchange
// keeps any event no queue is bound for in the durable `sentra.unrouted`
// queue; per consuming service a durable queue, retry queues that hold a
// message for a delay and then dead-letter it back to that queue, and a
// parking queue for messages that kept failing.
//
// Declarations are idempotent. Relays declare every subscription before they
// publish anything, so an event committed before its consumer ever ran waits
// in that consumer's queue.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "sentra/bus/amqp_connection.h"

namespace sentra::bus {

// ".v2": the first events exchange had no alternate exchange, and a broker
// refuses to redeclare an exchange with other arguments. Under a new name
// old and new relays can run side by side during an upgrade (queues are
// bound to both); a broker upgraded from v1 keeps an idle `sentra.events`,
// which may be deleted.
inline constexpr std::string_view kEventsExchange = "sentra.events.v2";
inline constexpr std::string_view kUnroutedExchange = "sentra.unrouted";
inline constexpr std::string_view kUnroutedQueue = "sentra.unrouted";

// Header carrying how many times a message has been tried already.
inline constexpr std::string_view kAttemptHeader = "x-sentra-attempt";
inline constexpr std::string_view kErrorHeader = "x-sentra-error";

std::string EventsQueue(std::string_view consumer);
std::string ParkingQueue(std::string_view consumer);
// The delay is part of the name, so changing a delay declares a new queue
// instead of clashing with the arguments of the old one.
std::string RetryQueue(std::string_view consumer, std::chrono::milliseconds delay);

// Delay before each retry; after the last one a message is parked.
std::vector<std::chrono::milliseconds> DefaultRetryDelays();

// One consuming service's queues and the event types bound to its queue
// ("#" for every type).
struct Subscription {
  std::string consumer;
  std::vector<std::string> event_types;
  std::vector<std::chrono::milliseconds> retry_delays = DefaultRetryDelays();
};

// The events exchange, its alternate exchange and the unrouted queue. Tests
// name an exchange of their own, since on a shared broker the events
// exchange routes every type to analytics.
absl::Status DeclareEventsExchange(AmqpConnection& conn, std::string_view exchange = kEventsExchange);
// The events exchange and one subscription's queues and bindings.
absl::Status DeclareSubscription(AmqpConnection& conn, const Subscription& subscription);

}  // namespace sentra::bus
