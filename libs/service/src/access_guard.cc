#include "sentra/service/access_guard.h"

#include <google/protobuf/descriptor.h>
#include <grpcpp/support/server_interceptor.h>
#include <spdlog/spdlog.h>

#include <map>
#include <shared_mutex>

#include "fmt/format.h"
#include "sentra/common/v1/http.pb.h"
#include "sentra/errors/grpc_status.h"
#include "sentra/log/logging.h"
#include "sentra/service/metadata.h"

namespace sentra::service {

namespace {

using grpc::experimental::InterceptionHookPoints;

constexpr std::string_view kHealthPrefix = "/grpc.health.v1.Health/";

std::optional<std::string> LookUp(std::string_view grpc_method) {
  if (grpc_method.starts_with(kHealthPrefix)) return "public";
  if (!grpc_method.starts_with('/')) return std::nullopt;
  std::string full_name(grpc_method.substr(1));
  const auto slash = full_name.find('/');
  if (slash == std::string::npos) return std::nullopt;
  full_name[slash] = '.';
  const auto* method = google::protobuf::DescriptorPool::generated_pool()->FindMethodByName(full_name);
  if (method == nullptr || !method->options().HasExtension(common::v1::access)) return std::nullopt;
  const std::string& permission = method->options().GetExtension(common::v1::access).permission();
  if (permission.empty()) return std::nullopt;
  return permission;
}

class AccessGuard final : public grpc::experimental::Interceptor {
 public:
  explicit AccessGuard(const char* method) : method_(method) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      auto* metadata = methods->GetRecvInitialMetadata();
      const CallContext call = FromMetadata(*metadata);
      refusal_ = CheckAccess(DeclaredAccess(method_), call);
      if (!refusal_.ok()) {
        for (const char* key : kIdentityKeys) metadata->erase(key);
        log::RequestScope scope(call.request_id, call.org_id);
        spdlog::info("refused {}: {}", method_, std::string(refusal_.message()));
      }
    }
    if (!refusal_.ok() && methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      methods->ModifySendStatus(errors::ToGrpcStatus(refusal_));
    }
    methods->Proceed();
  }

 private:
  std::string_view method_;
  absl::Status refusal_;
};

class AccessGuardFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override {
    return new AccessGuard(info->method());
  }
};

}  // namespace

std::optional<std::string> DeclaredAccess(std::string_view grpc_method) {
  // The set of RPCs is fixed for the life of the process: look each up once.
  static std::shared_mutex mutex;
  static auto* cache = new std::map<std::string, std::optional<std::string>, std::less<>>();
  {
    std::shared_lock lock(mutex);
    if (auto it = cache->find(grpc_method); it != cache->end()) return it->second;
  }
  auto access = LookUp(grpc_method);
  std::unique_lock lock(mutex);
  if (cache->size() < 4096) cache->emplace(grpc_method, access);  // bounded against junk names
  return access;
}

absl::Status CheckAccess(std::optional<std::string_view> declared, const CallContext& call) {
  if (!declared) return absl::PermissionDeniedError("this call declares no permission, so nobody may make it");
  const std::string_view access = *declared;
  if (access == "public" || access == "internal") return absl::OkStatus();
  if (auto tenant = RequireTenant(call); !tenant.ok()) return tenant;
  if (access == "authenticated") {
    // "Any valid token" routes are a person's own session (who am I, log
    // out, verify my address); a key is a machine's credential for records.
    if (!call.api_key_id.empty()) return absl::PermissionDeniedError("API keys cannot use a person's session routes");
    return absl::OkStatus();
  }
  if (call.Has(access)) return absl::OkStatus();
  return absl::PermissionDeniedError(fmt::format("this needs the {} permission", access));
}

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> NewAccessGuardFactory() {
  return std::make_unique<AccessGuardFactory>();
}

}  // namespace sentra::service
