// One HTTP request → one gRPC call: request id, authentication, permission,
// transcoding, the call with a deadline and the caller's identity in
// metadata, and the response or error envelope. Also /healthz, /readyz,
// /metrics and the web console's files.
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <boost/beast/http.hpp>
#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "console_files.h"
#include "cors.h"
#include "credentials.h"
#include "http_messages.h"
#include "metrics.h"
#include "rate_limits.h"
#include "route_table.h"
#include "token_verifier.h"

#include <grpcpp/generic/generic_stub.h>

namespace sentra::gateway {

using Respond = std::function<void(HttpResponse)>;

struct GatewayOptions {
  std::chrono::milliseconds call_deadline{10000};
  RateLimitOptions rate_limits;
  CorsPolicy cors;
  // Take the client address from the last X-Forwarded-For entry, which the
  // proxy in front appended. Only behind a proxy that always sets it.
  bool trust_forwarded_for = false;
  // Threads that parse request bodies, apart from the network threads.
  int body_threads = 2;
  // The web console, served at every path outside /v1 and the operations
  // routes; none when null (those paths answer 404).
  const ConsoleFiles* console = nullptr;
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
  // Stops and joins the gateway's own threads; before the event loop that
  // its answers are posted to goes away.
  void Stop();

  Metrics& metrics() { return metrics_; }

 private:
  struct Exchange;
  // After authentication: hands a request with a body to the body threads.
  void Dispatch(const std::shared_ptr<Exchange>& x);
  // Body checks, transcoding, the gRPC call.
  void CallBackend(const std::shared_ptr<Exchange>& x);
  // GET or HEAD of the console's files.
  void ServeConsole(Exchange& x);
  // A CORS preflight (OPTIONS with Origin and Access-Control-Request-Method).
  void Preflight(Exchange& x);
  // Records the decision; false (and the 429 sent) when it refuses.
  bool Admit(Exchange& x, const std::optional<RateDecision>& decision);
  void Fail(Exchange& x, const absl::Status& status, int http_status = 0);
  // 405 with the methods the path takes.
  void NotAllowed(Exchange& x, const std::string& allow);
  // The access log line and metrics, then the answer.
  void Finish(Exchange& x, HttpResponse res);
  void Readyz(const std::string& request_id, Respond respond);

  GatewayOptions options_;
  RouteTable routes_;
  TokenVerifier& verifier_;
  Credentials& credentials_;
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels_;
  std::map<std::string, std::unique_ptr<grpc::GenericStub>> stubs_;
  RateLimits limits_;
  Metrics metrics_;
  static constexpr std::chrono::seconds kReadinessFresh{1};
  // Every backend part is asked at once, all under this one deadline.
  static constexpr std::chrono::seconds kReadinessDeadline{1};
  struct Readiness {
    std::chrono::steady_clock::time_point checked_at;
    int status = 503;
    std::string body;
  };
  std::mutex readiness_mutex_;
  Readiness readiness_;
  bool readiness_running_ = false;
  static constexpr std::size_t kMaxReadinessWaiting = 256;
  std::vector<std::pair<std::string, Respond>> readiness_waiting_;  // request id, answer
  boost::asio::thread_pool blocking_{2};  // readiness probes only
  boost::asio::thread_pool body_threads_;
  static constexpr int kMaxBodiesWaiting = 256;
  std::atomic<int> bodies_waiting_{0};
};

}  // namespace sentra::gateway
