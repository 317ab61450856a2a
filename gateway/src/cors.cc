#include "cors.h"

#include "fmt/format.h"
#include "http_messages.h"

namespace sentra::gateway {

namespace http = boost::beast::http;

namespace {

// What a browser script may read besides the CORS-safelisted headers.
constexpr std::string_view kExposed =
    "X-Request-Id, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After, Idempotent-Replayed";
constexpr std::string_view kAllowedRequestHeaders =
    "Authorization, Content-Type, If-Match, Idempotency-Key, X-Request-Id";

bool IsOrigin(std::string_view text) {
  std::string_view rest;
  if (text.starts_with("https://")) {
    rest = text.substr(8);
  } else if (text.starts_with("http://")) {
    rest = text.substr(7);
  } else {
    return false;
  }
  if (rest.empty() || rest.size() > 253) return false;
  for (const char c : rest) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':';
    if (!ok) return false;  // no path, no upper case: browsers send origins lower-cased
  }
  return true;
}

}  // namespace

absl::StatusOr<CorsPolicy> CorsPolicy::Parse(std::string_view origins) {
  CorsPolicy policy;
  while (!origins.empty()) {
    const auto comma = origins.find(',');
    const std::string_view item = TrimSpaces(origins.substr(0, comma));
    origins = comma == std::string_view::npos ? std::string_view() : origins.substr(comma + 1);
    if (item.empty()) continue;
    if (item == "*") {
      policy.any_origin_ = true;
    } else if (IsOrigin(item)) {
      policy.origins_.emplace(item);
    } else {
      return absl::InvalidArgumentError(
          fmt::format("'{}' is not an origin such as https://app.example.com (lower case, no path) or *", item));
    }
  }
  return policy;
}

bool CorsPolicy::Admits(std::string_view origin) const {
  return any_origin_ || origins_.find(origin) != origins_.end();
}

void CorsPolicy::Decorate(std::string_view origin, http::fields& headers) const {
  if (!enabled()) return;
  // The answer depends on Origin, so caches must keep one per origin.
  headers.set(http::field::vary, "Origin");
  if (origin.empty()) return;
  if (origins_.find(origin) != origins_.end()) {
    headers.set(http::field::access_control_allow_origin, origin);
    headers.set(http::field::access_control_allow_credentials, "true");
  } else if (any_origin_) {
    headers.set(http::field::access_control_allow_origin, "*");
  } else {
    return;
  }
  headers.set(http::field::access_control_expose_headers, kExposed);
}

void CorsPolicy::DecoratePreflight(std::string_view methods, http::fields& headers) const {
  headers.set(http::field::access_control_allow_methods, methods);
  headers.set(http::field::access_control_allow_headers, kAllowedRequestHeaders);
  headers.set(http::field::access_control_max_age, "600");
}

}  // namespace sentra::gateway
