// The one table from gRPC status to HTTP status, and the JSON error envelope
// of PRODUCT.md §7: {"error":{"code","message","details":[…],"request_id"}}.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace sentra::gateway {

int HttpStatusFor(absl::StatusCode code);

// The envelope for `status`. Messages of internal and unavailable errors are
// replaced by generic text: they may name internals.
std::string ErrorBody(const absl::Status& status, std::string_view request_id);

}  // namespace sentra::gateway
