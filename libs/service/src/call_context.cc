#include "sentra/service/call_context.h"
#include "sentra/service/call_scope.h"

#include <grpcpp/client_context.h>
#include <grpcpp/server_context.h>

#include "sentra/ids/uuid.h"
#include "sentra/service/metadata.h"
#include "sentra/text/comma_list.h"

namespace sentra::service {

namespace {

std::string Get(const Metadata& metadata, const char* key) {
  auto it = metadata.find(key);
  if (it == metadata.end()) return {};
  return std::string(it->second.data(), it->second.size());
}

}  // namespace

bool CallContext::Has(std::string_view permission) const { return text::ListContains(permissions, permission); }

CallContext FromMetadata(const Metadata& metadata) {
  return CallContext{.org_id = Get(metadata, kOrgIdKey),
                     .user_id = Get(metadata, kUserIdKey),
                     .role = Get(metadata, kRoleKey),
                     .permissions = Get(metadata, kPermissionsKey),
                     .brand_access = Get(metadata, kBrandAccessKey),
                     .client_id = Get(metadata, kClientIdKey),
                     .api_key_id = Get(metadata, kApiKeyIdKey),
                     .request_id = Get(metadata, kRequestIdKey),
                     .client_ip = Get(metadata, kClientIpKey),
                     .idempotency_key = Get(metadata, kIdempotencyKey),
                     .rpc = Get(metadata, kRpcKey)};
}

CallContext FromServerContext(const grpc::ServerContextBase& context) {
  return FromMetadata(context.client_metadata());
}

void ToMetadata(const CallContext& call, grpc::ClientContext& context) {
  const auto put = [&](const char* key, const std::string& value) {
    if (!value.empty()) context.AddMetadata(key, value);
  };
  put(kOrgIdKey, call.org_id);
  put(kUserIdKey, call.user_id);
  put(kRoleKey, call.role);
  put(kPermissionsKey, call.permissions);
  put(kBrandAccessKey, call.brand_access);
  put(kClientIdKey, call.client_id);
  put(kApiKeyIdKey, call.api_key_id);
  put(kRequestIdKey, call.request_id);
  put(kClientIpKey, call.client_ip);
  put(kIdempotencyKey, call.idempotency_key);
  put(kRpcKey, call.rpc);
}

CallScope::CallScope(const grpc::ServerContextBase& context)
    : call_(FromServerContext(context)), log_scope_(call_.request_id, call_.org_id), deadline_scope_(context.deadline()) {}

absl::Status RequireTenant(const CallContext& call) {
  if (!ids::IsUuid(call.org_id) || !ids::IsUuid(call.user_id)) {
    return absl::UnauthenticatedError("no verified organization on this call");
  }
  return absl::OkStatus();
}

bool CallContext::SeesBrand(std::string_view brand_id) const {
  return brand_id.empty() || brand_access == "*" || text::ListContains(brand_access, brand_id);
}

absl::Status RequireBrand(const CallContext& call, std::string_view brand_id) {
  if (call.SeesBrand(brand_id)) return absl::OkStatus();
  return absl::PermissionDeniedError("you have no access to this brand");
}

absl::Status RequireBrandMove(const CallContext& call, std::string_view new_brand_id) {
  if (auto s = RequireBrand(call, new_brand_id); !s.ok()) return s;
  if (!new_brand_id.empty() || call.brand_access == "*") return absl::OkStatus();
  return absl::PermissionDeniedError("a member limited to brands cannot take a record out of its brand");
}

db::TxOptions TxFor(const CallContext& call, bool read_only) {
  return {.org_id = call.org_id,
          .user_id = call.user_id,
          .brands = call.brand_access,
          .client_id = call.client_id,
          .read_only = read_only};
}

}  // namespace sentra::service
