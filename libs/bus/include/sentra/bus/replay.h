// Moves a consumer's parked messages back to its queue, with their attempt
// count reset, once whatever made them fail has been fixed. Each message is
// re-published (with a confirm) before it is taken off the parking queue, so
// a crash in between leaves a copy in both places and the inbox applies it
// once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace sentra::bus {

struct ReplayResult {
  std::int64_t moved = 0;
  std::int64_t left = 0;  // still parked (more were parked meanwhile)
};

// Moves at most the messages parked when it starts, so a consumer that parks
// them again at once cannot keep it going for ever.
absl::StatusOr<ReplayResult> ReplayParked(const std::string& amqp_url, std::string_view consumer);

}  // namespace sentra::bus
