// Asks every service for its event-bus gauges (ServiceInfo: outbox lag,
// parked events) every few seconds, on a thread of its own, and hands them
// to the metrics, so that /metrics answers from memory and shows the whole
// bus in one place.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>

#include <grpcpp/channel.h>

#include "metrics.h"
#include "sentra/service/periodic.h"

namespace sentra::gateway {

class BackendGauges {
 public:
  BackendGauges(const std::map<std::string, std::shared_ptr<grpc::Channel>>& backends, Metrics& metrics,
                std::chrono::milliseconds every = std::chrono::seconds(5));
  void Start() { rounds_.Start(); }
  void Stop() { rounds_.Stop(); }

 private:
  void PollOnce();

  std::map<std::string, std::shared_ptr<grpc::Channel>> backends_;
  Metrics& metrics_;
  service::Periodic rounds_;  // last: stops before the rest goes
};

}  // namespace sentra::gateway
