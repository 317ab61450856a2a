#include "sentra/service/call_context.h"

#include <grpcpp/server_context.h>

#include "sentra/ids/uuid.h"
#include "sentra/service/metadata.h"

namespace sentra::service {

namespace {

std::string Get(const grpc::ServerContext& context, const char* key) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find(key);
  if (it == metadata.end()) return {};
  return std::string(it->second.data(), it->second.size());
}

}  // namespace

bool CallContext::Has(std::string_view permission) const {
  std::string_view rest = permissions;
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    if (rest.substr(0, comma) == permission) return true;
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return false;
}

CallContext FromServerContext(const grpc::ServerContext& context) {
  return CallContext{Get(context, kOrgIdKey),       Get(context, kUserIdKey),
                     Get(context, kRoleKey),        Get(context, kPermissionsKey),
                     Get(context, kRequestIdKey),   Get(context, kClientIpKey)};
}

CallScope::CallScope(const grpc::ServerContext& context)
    : call_(FromServerContext(context)), log_scope_(call_.request_id, call_.org_id) {}

absl::Status RequireTenant(const CallContext& call) {
  if (!ids::IsUuid(call.org_id) || !ids::IsUuid(call.user_id)) {
    return absl::UnauthenticatedError("no verified organization on this call");
  }
  return absl::OkStatus();
}

}  // namespace sentra::service
