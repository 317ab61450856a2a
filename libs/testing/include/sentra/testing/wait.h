// Polls a condition with a deadline instead of sleeping a fixed time.
#pragma once

#include <chrono>
#include <functional>
#include <thread>

namespace sentra::testing {

inline bool WaitFor(const std::function<bool()>& condition,
                    std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

// True if `condition` stays false for the whole `period`: for asserting that
// something does not happen.
inline bool StaysFalse(const std::function<bool()>& condition, std::chrono::milliseconds period) {
  return !WaitFor(condition, period);
}

}  // namespace sentra::testing
