#include "sentra/db/deadline.h"

namespace sentra::db {

namespace {

thread_local std::optional<std::chrono::system_clock::time_point> current_deadline;

// gRPC reports "no deadline" as a time far in the future.
constexpr auto kNoDeadlineBeyond = std::chrono::hours(24);

}  // namespace

DeadlineScope::DeadlineScope(std::chrono::system_clock::time_point deadline) : previous_(current_deadline) {
  if (deadline - std::chrono::system_clock::now() < kNoDeadlineBeyond) {
    current_deadline = deadline;
  } else {
    current_deadline.reset();
  }
}

DeadlineScope::~DeadlineScope() { current_deadline = previous_; }

std::optional<std::chrono::milliseconds> TimeLeft() {
  if (!current_deadline) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::milliseconds>(*current_deadline - std::chrono::system_clock::now());
}

}  // namespace sentra::db
