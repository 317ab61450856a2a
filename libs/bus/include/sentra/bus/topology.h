// Names and declarations of the bus on RabbitMQ: one durable topic exchange
// for domain events (routing key = event type); per consuming service a
// durable queue, retry queues that hold a message for a delay and then
// dead-letter it back to that queue, and a parking queue for messages that
// kept failing.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "sentra/bus/amqp_connection.h"

namespace sentra::bus {

inline constexpr std::string_view kEventsExchange = "sentra.events";

// Header carrying how many times a message has been tried already.
inline constexpr std::string_view kAttemptHeader = "x-sentra-attempt";
inline constexpr std::string_view kErrorHeader = "x-sentra-error";

std::string EventsQueue(std::string_view consumer);
std::string ParkingQueue(std::string_view consumer);
// The delay is part of the name, so changing a delay declares a new queue
// instead of clashing with the arguments of the old one.
std::string RetryQueue(std::string_view consumer, std::chrono::milliseconds delay);

absl::Status DeclareConsumerTopology(AmqpConnection& conn, std::string_view consumer,
                                     const std::vector<std::string>& routing_keys,
                                     const std::vector<std::chrono::milliseconds>& retry_delays);

}  // namespace sentra::bus
