// The deadline of the request the current thread works for. Transactions
// begun on the thread get a statement timeout that ends with it and wait for
// a pooled connection no longer than it; with none set, the role's own
// statement_timeout (30 s) and the pool's acquire timeout apply. Set per
// call by service::CallScope from the gRPC deadline, which the gateway sets
// from its own call deadline.
#pragma once

#include <chrono>
#include <optional>

namespace sentra::db {

class DeadlineScope {
 public:
  explicit DeadlineScope(std::chrono::system_clock::time_point deadline);
  ~DeadlineScope();
  DeadlineScope(const DeadlineScope&) = delete;
  DeadlineScope& operator=(const DeadlineScope&) = delete;

 private:
  std::optional<std::chrono::system_clock::time_point> previous_;
};

// Time left before this thread's deadline (possibly zero or less); nullopt
// when there is none.
std::optional<std::chrono::milliseconds> TimeLeft();

}  // namespace sentra::db
