#include "sentra/errors/grpc_status.h"

#include "sentra/errors/errors.h"

namespace sentra::errors {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  std::string details;
  if (auto payload = status.GetPayload(kDetailsTypeUrl)) details = std::string(*payload);
  // absl::StatusCode and grpc::StatusCode share their numbering by design.
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::string(status.message()),
                      std::move(details));
}

absl::Status FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  absl::Status result(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
  if (!status.error_details().empty()) {
    result.SetPayload(kDetailsTypeUrl, absl::Cord(status.error_details()));
  }
  return result;
}

}  // namespace sentra::errors
