// The HTTP routes, read once at start-up from the http and access options on
// the RPCs of the services the gateway fronts. Adding an RPC with an option
// adds its route; there is no hand-written handler per route.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "path_template.h"

namespace google::protobuf {
class DescriptorPool;
class MethodDescriptor;
}

namespace sentra::gateway {

struct Route {
  std::string http_method;
  PathTemplate path;
  std::string body;             // "*", "" or a field name
  int success_status = 200;
  std::string permission;       // "public", "authenticated" or "resource:action"
  bool limit_attempts = false;  // rate-limited per client address and e-mail
  bool idempotency_key = false;  // honours Idempotency-Key
  std::string backend;          // service name, e.g. "core"
  std::string grpc_method;      // "/sentra.core.v1.LeadService/GetLead"
  const google::protobuf::MethodDescriptor* method = nullptr;
};

struct RouteMatch {
  const Route* route = nullptr;
  std::vector<std::pair<std::string, std::string>> path_vars;
  bool path_known = false;  // the path exists under another method (→ 405)
};

class RouteTable {
 public:
  // `services`: fully qualified gRPC service names, e.g. "sentra.core.v1.LeadService".
  // Fails on an RPC without options or with a malformed template.
  static absl::StatusOr<RouteTable> Build(const std::vector<std::string>& services);
  // The same from another pool (the OpenAPI generator's, which has the
  // protos' comments); the routes point into it.
  static absl::StatusOr<RouteTable> Build(const std::vector<std::string>& services,
                                          const google::protobuf::DescriptorPool& pool);

  RouteMatch Find(std::string_view method, std::string_view path) const;
  // "GET, PATCH, DELETE": the methods `path` is served under ("" if none).
  std::string MethodsFor(std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// "sentra.core.v1.LeadService" → "core".
std::string BackendOf(std::string_view service_full_name);

}  // namespace sentra::gateway
