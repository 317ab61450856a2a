// What an operator watches on a service's event bus: how far its outbox is
// behind (count and age of the oldest unpublished event) and how many events
// wait in its parking queue. Refreshed by the host every few seconds, read
// by ServiceInfo for the gateway's /metrics.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "sentra/bus/amqp_connection.h"
#include "sentra/db/pool.h"

namespace sentra::service {

class BusGauges {
 public:
  BusGauges(std::string service, std::string amqp_url, db::Pool& pool);
  ~BusGauges();

  // One round: a database query and a look at the parking queue. A part
  // that cannot be read keeps its last value (parked: -1 until first read).
  void Refresh();

  std::int64_t outbox_unpublished() const { return unpublished_.load(); }
  double outbox_oldest_unpublished_seconds() const { return oldest_seconds_.load(); }
  std::int64_t parked_events() const { return parked_.load(); }

 private:
  const std::string service_;
  const std::string amqp_url_;
  db::Pool& pool_;
  std::unique_ptr<bus::AmqpConnection> broker_;  // kept between rounds
  std::atomic<std::int64_t> unpublished_{0};
  std::atomic<double> oldest_seconds_{0};
  std::atomic<std::int64_t> parked_{-1};
};

}  // namespace sentra::service
