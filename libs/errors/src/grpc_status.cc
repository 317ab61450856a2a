#include "sentra/errors/grpc_status.h"

#include "sentra/common/v1/errors.pb.h"
#include "sentra/errors/errors.h"

namespace sentra::errors {

namespace {

// gRPC refuses trailers past 8 KiB (its max_metadata_size) and the caller
// then gets INTERNAL instead of the error. The message is percent-encoded
// on the wire (up to three times its size) and the details base64-encoded
// (four thirds), so both stay well inside the limit together.
constexpr std::size_t kMaxDetailsBytes = 3072;

// The details, their field names and messages shortened and the last
// violations dropped until they fit; the code always stays.
std::string FittedDetails(std::string details) {
  if (details.size() <= kMaxDetailsBytes) return details;
  common::v1::ErrorDetails parsed;
  if (!parsed.ParseFromString(details)) return {};
  for (auto& violation : *parsed.mutable_violations()) {
    violation.set_field(CutText(violation.field(), kMaxFieldTextBytes));
    violation.set_message(CutText(violation.message(), kMaxFieldTextBytes));
  }
  while (parsed.ByteSizeLong() > kMaxDetailsBytes && parsed.violations_size() > 0) {
    parsed.mutable_violations()->RemoveLast();
  }
  return parsed.SerializeAsString();
}

}  // namespace

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  std::string message = ShortMessage(status);
  std::string details;
  if (auto payload = status.GetPayload(kDetailsTypeUrl)) details = FittedDetails(std::string(*payload));
  // absl::StatusCode and grpc::StatusCode share their numbering by design.
  return grpc::Status(static_cast<grpc::StatusCode>(status.code()), std::move(message), std::move(details));
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
