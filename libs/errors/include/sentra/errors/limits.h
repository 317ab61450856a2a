#pragma once

// How much of a kind of record one organization may have. Records whose
// lists are read whole (pipelines, brands, custom roles) are capped, so no
// tenant can make another's requests, or a service's memory, pay for its size.

#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace sentra::errors {

// OK while `count` (of the organization's `what`, counted under the lock that
// serializes its creates) is below `most`; else FailedPrecondition with
// CONFLICT naming the limit. A failed count is returned as it is.
absl::Status WithinLimit(const absl::StatusOr<int>& count, int most, std::string_view what);

}  // namespace sentra::errors
