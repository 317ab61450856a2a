// Process-wide settings every Sentra process makes before it serves.
#pragma once

namespace sentra::service {

// Debian's Abseil tracks the order in which every absl::Mutex is taken
// (gRPC's locks are absl::Mutex) to report lock-order cycles: a graph update
// on each acquisition, which the profile put at about 5 % of core's CPU
// under load (README, "Performance"). Sentra's code takes no absl::Mutex of
// its own; the ThreadSanitizer build still finds lock cycles.
void StopLockOrderTracking();

}  // namespace sentra::service
