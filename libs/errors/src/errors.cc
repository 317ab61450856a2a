#include "sentra/errors/errors.h"

#include <optional>

#include "fmt/format.h"
#include "sentra/common/v1/errors.pb.h"

namespace sentra::errors {

namespace {

std::optional<common::v1::ErrorDetails> ReadDetails(const absl::Status& status) {
  auto payload = status.GetPayload(kDetailsTypeUrl);
  if (!payload) return std::nullopt;
  common::v1::ErrorDetails details;
  if (!details.ParseFromString(std::string(*payload))) return std::nullopt;
  return details;
}

}  // namespace

std::string CutText(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

std::string ShortMessage(const absl::Status& status) {
  // Debian's Abseil has its own string_view, which does not convert.
  return CutText(std::string_view(status.message().data(), status.message().size()), kMaxMessageBytes);
}

absl::Status WithCode(absl::Status status, std::string_view code,
                      const std::vector<FieldError>& fields) {
  common::v1::ErrorDetails details;
  details.set_code(std::string(code));
  for (const auto& field : fields) {
    auto* violation = details.add_violations();
    violation->set_field(field.field);
    violation->set_message(field.message);
  }
  status.SetPayload(kDetailsTypeUrl, absl::Cord(details.SerializeAsString()));
  return status;
}

absl::Status Validation(std::string_view field, std::string_view message) {
  return Validation(std::vector<FieldError>{{std::string(field), std::string(message)}});
}

absl::Status Validation(std::vector<FieldError> fields) {
  if (fields.size() > kMaxFieldErrors) fields.resize(kMaxFieldErrors);
  std::string message = "invalid ";
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) message += ", ";
    message += fields[i].field;
  }
  return WithCode(absl::InvalidArgumentError(message), kValidationError, fields);
}

absl::Status NotFound(std::string_view what) {
  return WithCode(absl::NotFoundError(fmt::format("{} not found", what)), kNotFound);
}

absl::Status VersionConflict(std::string_view what) {
  return WithCode(
      absl::AbortedError(fmt::format("{} was changed by someone else; reload and retry", what)),
      kVersionConflict);
}

absl::Status Conflict(std::string_view field, std::string_view message) {
  return WithCode(absl::AlreadyExistsError(fmt::format("{} {}", field, message)), kConflict,
                  {{std::string(field), std::string(message)}});
}

std::string_view DefaultAppCode(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange: return kValidationError;
    case absl::StatusCode::kUnauthenticated: return kUnauthenticated;
    case absl::StatusCode::kPermissionDenied: return kForbidden;
    case absl::StatusCode::kNotFound: return kNotFound;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kFailedPrecondition: return kConflict;
    case absl::StatusCode::kResourceExhausted: return kRateLimited;
    case absl::StatusCode::kUnavailable: return kUnavailable;
    case absl::StatusCode::kDeadlineExceeded: return kTimeout;
    default: return kInternal;
  }
}

std::string AppCode(const absl::Status& status) {
  if (auto details = ReadDetails(status); details && !details->code().empty()) {
    return details->code();
  }
  return std::string(DefaultAppCode(status.code()));
}

std::vector<FieldError> FieldErrors(const absl::Status& status) {
  std::vector<FieldError> fields;
  if (auto details = ReadDetails(status)) {
    for (const auto& v : details->violations()) fields.push_back({v.field(), v.message()});
  }
  return fields;
}

}  // namespace sentra::errors
