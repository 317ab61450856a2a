#include "http_errors.h"

#include "json_printer.h"

#include "sentra/errors/errors.h"

namespace sentra::gateway {

int HttpStatusFor(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk: return 200;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange: return 400;
    case absl::StatusCode::kUnauthenticated: return 401;
    case absl::StatusCode::kPermissionDenied: return 403;
    case absl::StatusCode::kNotFound: return 404;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kAborted:
    case absl::StatusCode::kFailedPrecondition: return 409;
    case absl::StatusCode::kResourceExhausted: return 429;
    case absl::StatusCode::kUnimplemented: return 501;
    case absl::StatusCode::kUnavailable:
    case absl::StatusCode::kCancelled: return 503;
    case absl::StatusCode::kDeadlineExceeded: return 504;
    default: return 500;
  }
}

std::string ErrorBody(const absl::Status& status, std::string_view request_id) {
  const int http = HttpStatusFor(status.code());
  // Shortened as on the way through gRPC: the gateway's own errors name
  // fields by the keys the client sent, of any length.
  std::string message = errors::ShortMessage(status);
  if (http >= 500) {
    message = http == 503 ? "a service is unavailable; try again"
              : http == 504 ? "the request took too long"
                            : "internal error";
  }
  std::string out = "{\"error\":{\"code\":";
  AppendJsonText(errors::AppCode(status), out);
  out += ",\"message\":";
  AppendJsonText(message, out);
  out += ",\"details\":[";
  bool first = true;
  for (const auto& field : errors::FieldErrors(status)) {
    if (!first) out += ',';
    first = false;
    out += "{\"field\":";
    AppendJsonText(errors::CutText(field.field, errors::kMaxFieldTextBytes), out);
    out += ",\"message\":";
    AppendJsonText(errors::CutText(field.message, errors::kMaxFieldTextBytes), out);
    out += '}';
  }
  out += "],\"request_id\":";
  AppendJsonText(request_id, out);
  out += "}}";
  return out;
}

}  // namespace sentra::gateway
