#include "sentra/service/runtime.h"

#include "absl/synchronization/mutex.h"

namespace sentra::service {

void StopLockOrderTracking() { absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore); }

}  // namespace sentra::service
