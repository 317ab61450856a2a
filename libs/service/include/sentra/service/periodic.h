// Runs a piece of work on a thread of its own, at once and then every
// interval, until stopped; Stop() wakes the thread instead of waiting out
// the interval. For background rounds: health checks, gauges, resyncs.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace sentra::service {

class Periodic {
 public:
  Periodic(std::chrono::milliseconds every, std::function<void()> work);
  ~Periodic();  // stops
  Periodic(const Periodic&) = delete;
  Periodic& operator=(const Periodic&) = delete;

  void Start();
  // Waits for a round in progress to finish; no round starts after.
  void Stop();

 private:
  const std::chrono::milliseconds every_;
  const std::function<void()> work_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace sentra::service
