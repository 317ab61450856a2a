// One HTTP request → one gRPC call: request id, authentication, permission,
// transcoding, the call with a deadline and the caller's identity in
// metadata, and the response or error envelope. Also /healthz, /readyz and
// /metrics.
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <boost/beast/http.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "credentials.h"
#include "metrics.h"
#include "route_table.h"
#include "token_verifier.h"

#include <grpcpp/generic/generic_stub.h>

namespace sentra::gateway {

using HttpRequest = boost::beast::http::request<boost::beast::http::string_body>;
using HttpResponse = boost::beast::http::response<boost::beast::http::string_body>;
using Respond = std::function<void(HttpResponse)>;

struct GatewayOptions {
  std::chrono::milliseconds call_deadline{10000};
};

class Gateway {
 public:
  Gateway(GatewayOptions options, RouteTable routes, TokenVerifier& verifier, Credentials& credentials,
          std::map<std::string, std::shared_ptr<grpc::Channel>> backends);
  ~Gateway();

  // Calls `respond` exactly once, possibly on another thread.
  void Handle(HttpRequest request, const std::string& client_ip, Respond respond);

  // Waits until no request is in flight (their gRPC callbacks refer to this
  // object), or `timeout` passes. For shutdown.
  void WaitIdle(std::chrono::milliseconds timeout) const;

 private:
  struct Exchange;
  // After authentication: body checks, transcoding, the gRPC call.
  void Dispatch(const std::shared_ptr<Exchange>& x);
  void Fail(Exchange& x, const absl::Status& status, int http_status = 0);
  // The access log line and metrics, then the answer.
  void Finish(Exchange& x, HttpResponse res);
  void Readyz(const std::string& request_id, Respond respond);

  GatewayOptions options_;
  RouteTable routes_;
  TokenVerifier& verifier_;
  Credentials& credentials_;
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels_;
  std::map<std::string, std::unique_ptr<grpc::GenericStub>> stubs_;
  Metrics metrics_;
  boost::asio::thread_pool blocking_{2};  // readiness probes only
};

// Every response the gateway sends: status, request id, the headers every
// response carries, and a body (none for 204).
HttpResponse MakeResponse(int status, std::string body, const std::string& request_id, bool keep_alive,
                          std::string_view content_type = "application/json");

// A client's X-Request-Id if it is short and plain, else a new UUIDv7.
std::string RequestIdFor(std::string_view client_value);

}  // namespace sentra::gateway
