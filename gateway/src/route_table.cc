#include "route_table.h"

#include <google/protobuf/descriptor.h>

#include <algorithm>

#include "fmt/format.h"
#include "sentra/common/v1/http.pb.h"

namespace sentra::gateway {

std::string BackendOf(std::string_view name) {
  // sentra.<backend>.v1.Service
  const auto first = name.find('.');
  const auto second = name.find('.', first + 1);
  if (first == std::string_view::npos || second == std::string_view::npos) return {};
  return std::string(name.substr(first + 1, second - first - 1));
}

absl::StatusOr<RouteTable> RouteTable::Build(const std::vector<std::string>& services) {
  return Build(services, *google::protobuf::DescriptorPool::generated_pool());
}

absl::StatusOr<RouteTable> RouteTable::Build(const std::vector<std::string>& services,
                                             const google::protobuf::DescriptorPool& pool) {
  RouteTable table;
  for (const auto& name : services) {
    const auto* service = pool.FindServiceByName(name);
    if (service == nullptr) return absl::NotFoundError(fmt::format("unknown service {}", name));
    for (int i = 0; i < service->method_count(); ++i) {
      const auto* method = service->method(i);
      const auto& options = method->options();
      if (!options.HasExtension(common::v1::http) || !options.HasExtension(common::v1::access)) {
        return absl::FailedPreconditionError(
            fmt::format("{} lacks an http or access option", method->full_name()));
      }
      const auto& rule = options.GetExtension(common::v1::http);
      const auto& access = options.GetExtension(common::v1::access);
      auto path = PathTemplate::Parse(rule.path());
      if (!path) return absl::InvalidArgumentError(fmt::format("{}: bad path {}", method->full_name(), rule.path()));
      if (access.permission().empty()) {
        return absl::FailedPreconditionError(fmt::format("{} declares no permission", method->full_name()));
      }
      table.routes_.push_back(Route{
          .http_method = rule.method(),
          .path = *std::move(path),
          .body = rule.body(),
          .success_status = rule.success_status() == 0 ? 200 : rule.success_status(),
          .permission = access.permission(),
          .limit_attempts = access.limit_attempts(),
          .idempotency_key = rule.idempotency_key(),
          .backend = BackendOf(name),
          .grpc_method = fmt::format("/{}/{}", service->full_name(), method->name()),
          .method = method,
      });
    }
  }
  // A literal before a variable in the same place, so "/v1/leads/batch"
  // wins over "/v1/leads/{id}".
  std::stable_sort(table.routes_.begin(), table.routes_.end(),
                   [](const Route& a, const Route& b) { return a.path.Precedes(b.path); });
  return table;
}

RouteMatch RouteTable::Find(std::string_view method, std::string_view path) const {
  RouteMatch match;
  for (const Route& route : routes_) {
    auto vars = route.path.Match(path);
    if (!vars) continue;
    if (route.http_method != method) {
      match.path_known = true;
      continue;
    }
    match.route = &route;
    match.path_vars = *std::move(vars);
    return match;
  }
  return match;
}

std::string RouteTable::MethodsFor(std::string_view path) const {
  std::string methods;
  for (const Route& route : routes_) {
    if (!route.path.Match(path)) continue;
    if (!methods.empty()) methods += ", ";
    methods += route.http_method;
    if (route.http_method == "GET") methods += ", HEAD";
  }
  return methods;
}

}  // namespace sentra::gateway
