// The one table between absl::Status and grpc::Status. The codes are the same
// numbers on both sides (1:1); the error code and field violations ride in
// the status details as a serialized sentra.common.v1.ErrorDetails.
#pragma once

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace sentra::errors {

grpc::Status ToGrpcStatus(const absl::Status& status);
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace sentra::errors
