#include "sentra/service/request_log.h"

#include <grpcpp/support/server_interceptor.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <string_view>

#include "sentra/log/logging.h"
#include "sentra/service/call_context.h"
#include "sentra/service/metadata.h"

namespace sentra::service {

namespace {

using grpc::experimental::InterceptionHookPoints;

// What gRPC's codes are called, for a reader of the log.
std::string_view CodeName(grpc::StatusCode code) {
  static constexpr std::string_view kNames[] = {
      "OK",        "CANCELLED",          "UNKNOWN",        "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND",
      "ALREADY_EXISTS", "PERMISSION_DENIED", "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED",
      "OUT_OF_RANGE", "UNIMPLEMENTED",   "INTERNAL",       "UNAVAILABLE",      "DATA_LOSS",         "UNAUTHENTICATED"};
  const auto index = static_cast<std::size_t>(code);
  return index < std::size(kNames) ? kNames[index] : "UNKNOWN";
}

class RequestLog final : public grpc::experimental::Interceptor {
 public:
  explicit RequestLog(const char* method) : method_(method) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      started_ = std::chrono::steady_clock::now();
      const CallContext call = FromMetadata(*methods->GetRecvInitialMetadata());
      request_id_ = call.request_id;
      org_id_ = call.org_id;
    }
    if (methods->QueryInterceptionHookPoint(InterceptionHookPoints::PRE_SEND_STATUS)) {
      const grpc::Status status = methods->GetSendStatus();
      const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_).count();
      log::RequestScope scope(request_id_, org_id_);
      spdlog::log(log::RequestLevel(), "{} {} {:.1f}ms", method_, CodeName(status.error_code()), ms);
    }
    methods->Proceed();
  }

 private:
  std::string_view method_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::string request_id_, org_id_;
};

class RequestLogFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(grpc::experimental::ServerRpcInfo* info) override {
    const std::string_view method = info->method();
    // Asked every few seconds by the gateway and the kubelet: not requests.
    if (method.starts_with("/grpc.health.v1.Health/") || method.ends_with("/GetServiceInfo")) return nullptr;
    // Below the level, no interceptor at all: nothing to pay per call.
    if (!spdlog::should_log(log::RequestLevel())) return nullptr;
    return new RequestLog(info->method());
  }
};

}  // namespace

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> NewRequestLogFactory() {
  return std::make_unique<RequestLogFactory>();
}

}  // namespace sentra::service
