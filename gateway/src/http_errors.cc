#include "http_errors.h"

#include "fmt/format.h"
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

void AppendJsonString(std::string& out, std::string_view text) {
  out.push_back('"');
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

std::string ErrorBody(const absl::Status& status, std::string_view request_id) {
  const int http = HttpStatusFor(status.code());
  std::string message(status.message());
  if (http >= 500) {
    message = http == 503 ? "a service is unavailable; try again"
              : http == 504 ? "the request took too long"
                            : "internal error";
  }
  std::string out = "{\"error\":{\"code\":";
  AppendJsonString(out, errors::AppCode(status));
  out += ",\"message\":";
  AppendJsonString(out, message);
  out += ",\"details\":[";
  bool first = true;
  for (const auto& field : errors::FieldErrors(status)) {
    if (!first) out += ',';
    first = false;
    out += "{\"field\":";
    AppendJsonString(out, field.field);
    out += ",\"message\":";
    AppendJsonString(out, field.message);
    out += '}';
  }
  out += "],\"request_id\":";
  AppendJsonString(out, request_id);
  out += "}}";
  return out;
}

}  // namespace sentra::gateway
