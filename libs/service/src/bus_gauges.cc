#include "sentra/service/bus_gauges.h"

#include "fmt/format.h"
#include "sentra/bus/topology.h"

namespace sentra::service {

namespace {

// Both read the unpublished rows' partial index; the count stops at 100000
// so a huge backlog does not make every round a long scan.
constexpr db::Query kOutboxLag{
    "gauges.outbox_lag",
    "SELECT (SELECT count(*) FROM (SELECT 1 FROM outbox WHERE published_at IS NULL LIMIT 100000) t), "
    "COALESCE((SELECT extract(epoch FROM now() - created_at)::float8 FROM outbox "
    "          WHERE published_at IS NULL ORDER BY seq LIMIT 1), 0)"};

}  // namespace

BusGauges::BusGauges(std::string service, std::string amqp_url, db::Pool& pool)
    : service_(std::move(service)), amqp_url_(std::move(amqp_url)), pool_(pool) {}

BusGauges::~BusGauges() = default;

void BusGauges::Refresh() {
  if (auto conn = pool_.Acquire(); conn.ok()) {
    if (auto lag = (*conn)->Execute(kOutboxLag); lag.ok()) {
      unpublished_ = lag->Int(0, 0);
      oldest_seconds_ = std::stod(lag->String(0, 1));
    }
  }
  if (broker_ && !broker_->KeepAlive().ok()) broker_.reset();
  if (!broker_) {
    auto conn = bus::AmqpConnection::Open(amqp_url_, fmt::format("{}-gauges", service_));
    if (!conn.ok()) return;
    broker_ = *std::move(conn);
  }
  auto parked = broker_->QueueDepth(bus::ParkingQueue(service_));
  if (parked.ok()) {
    parked_ = *parked;
  } else {
    broker_.reset();  // the lookup closed the channel
    if (parked.status().code() == absl::StatusCode::kNotFound) parked_ = 0;  // nothing was ever parked there
  }
}

}  // namespace sentra::service
