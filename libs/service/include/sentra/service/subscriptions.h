// Which service consumes which events, in one place. Every relay declares all
// of it before it publishes, so an event committed before its consumer first
// ran (a first deploy, a consumer that keeps crashing) waits in that
// consumer's queue instead of being routed nowhere. A service's consumer must
// register handlers for exactly the types listed for it: the host refuses to
// start otherwise, so the list cannot fall behind the code.
#pragma once

#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "sentra/bus/topology.h"

namespace sentra::service {

const std::vector<bus::Subscription>& Subscriptions();

// OK when `handled` (a consumer's registered types) matches the catalogue's
// entry for `service`; a service with no handlers needs no entry.
absl::Status CheckSubscription(std::string_view service, std::vector<std::string> handled);

}  // namespace sentra::service
