// Cross-origin access for browser consoles on other origins. Only the
// configured origins get credentials; "*" in the list lets any other origin
// read responses without them (an Authorization header still works, since
// the gateway does not use cookies, but the browser will not send one
// cross-origin without a listed origin's preflight answer).
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include <boost/beast/http.hpp>

namespace sentra::gateway {

class CorsPolicy {
 public:
  CorsPolicy() = default;
  // SENTRA_CORS_ORIGINS: comma-separated "scheme://host[:port]" and/or "*".
  static absl::StatusOr<CorsPolicy> Parse(std::string_view origins);

  bool enabled() const { return any_origin_ || !origins_.empty(); }
  // A request from `origin` may be answered (listed, or "*" configured).
  bool Admits(std::string_view origin) const;

  // The CORS headers of an answer to a request that sent `origin` ("" when
  // it sent none).
  void Decorate(std::string_view origin, boost::beast::http::fields& headers) const;
  // The extra headers of a successful preflight answer; `methods` are those
  // the path allows.
  void DecoratePreflight(std::string_view methods, boost::beast::http::fields& headers) const;

 private:
  std::set<std::string, std::less<>> origins_;
  bool any_origin_ = false;
};

}  // namespace sentra::gateway
