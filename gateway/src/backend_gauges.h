// Asks every service for its event-bus gauges (ServiceInfo: outbox lag,
// parked events) every few seconds, on a thread of its own, and hands them
// to the metrics, so that /metrics answers from memory and shows the whole
// bus in one place.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <grpcpp/channel.h>

#include "metrics.h"

namespace sentra::gateway {

class BackendGauges {
 public:
  BackendGauges(const std::map<std::string, std::shared_ptr<grpc::Channel>>& backends, Metrics& metrics,
                std::chrono::milliseconds every = std::chrono::seconds(5));
  ~BackendGauges();
  void Start();
  void Stop();

 private:
  void PollOnce();

  std::map<std::string, std::shared_ptr<grpc::Channel>> backends_;
  Metrics& metrics_;
  const std::chrono::milliseconds every_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sentra::gateway
