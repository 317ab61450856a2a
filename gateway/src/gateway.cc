#include "gateway.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/proto_buffer_reader.h>
#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <boost/beast/core/string.hpp>
#include <mutex>
#include <thread>

#include "fmt/format.h"
#include "backend_health.h"
#include "http_errors.h"
#include "openapi_document.h"
#include "sentra/errors/errors.h"
#include "sentra/errors/grpc_status.h"
#include "sentra/log/logging.h"
#include "sentra/service/access_guard.h"
#include "sentra/service/idempotency.h"
#include "sentra/service/metadata.h"
#include "transcoder.h"

namespace sentra::gateway {

namespace http = boost::beast::http;

namespace {

std::vector<std::string> RouteNames(const RouteTable& routes) {
  std::vector<std::string> names;
  for (const auto& r : routes.routes()) names.push_back(r.http_method + " " + r.path.text());
  return names;
}

}  // namespace

Gateway::Gateway(GatewayOptions options, RouteTable routes, TokenVerifier& verifier, Credentials& credentials,
                 std::map<std::string, std::shared_ptr<grpc::Channel>> backends)
    : options_(options),
      routes_(std::move(routes)),
      verifier_(verifier),
      credentials_(credentials),
      channels_(std::move(backends)),
      limits_(options_.rate_limits),
      metrics_(RouteNames(routes_)),
      body_threads_(static_cast<std::size_t>(options_.body_threads)) {
  for (const auto& [name, channel] : channels_) {
    stubs_[name] = std::make_unique<grpc::GenericStub>(channel);
  }
}

Gateway::~Gateway() { Stop(); }

void Gateway::Stop() {
  // Work still queued is dropped: its answers could only go to connections
  // whose event loop has stopped.
  body_threads_.stop();
  body_threads_.join();
  blocking_.stop();
  blocking_.join();
}

void Gateway::WaitIdle(std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (metrics_.in_flight() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

// One request on its way through: what every step needs, kept alive by the
// steps that run later on other threads.
struct Gateway::Exchange {
  HttpRequest request;
  std::string client_ip;
  Respond respond;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  std::string request_id;
  std::string method;
  std::string path;
  std::string query;
  bool keep_alive = false;
  const Route* route = nullptr;
  std::size_t route_index = 0;
  RouteMatch match;
  service::CallContext identity;
  std::string origin;                 // CORS: the Origin header, if any
  std::optional<RateDecision> rate;   // the tightest bucket this request drew from
};

void Gateway::Finish(Exchange& x, HttpResponse res) {
  if (x.rate) {
    res.set("X-RateLimit-Limit", std::to_string(x.rate->limit));
    res.set("X-RateLimit-Remaining", std::to_string(x.rate->remaining));
    res.set("X-RateLimit-Reset", std::to_string(x.rate->reset_seconds));
    if (!x.rate->allowed) res.set(http::field::retry_after, std::to_string(x.rate->retry_after_seconds));
  }
  options_.cors.Decorate(x.origin, res.base());
  // A HEAD answer has the GET's headers and no body (RFC 9110 §9.3.2):
  // bytes after it would be read as the start of the next response.
  if (x.method == "HEAD" && !res.body().empty()) {
    const auto length = res.body().size();
    res.body().clear();
    res.content_length(length);
  }
  const auto elapsed = std::chrono::steady_clock::now() - x.started;
  metrics_.Finished(x.route_index, res.result_int(), elapsed);
  {
    log::RequestScope scope(x.request_id, x.identity.org_id);
    spdlog::log(log::RequestLevel(), "{} {} {} {:.1f}ms", x.method, x.path, res.result_int(),
                std::chrono::duration<double, std::milli>(elapsed).count());
  }
  x.respond(std::move(res));
}

void Gateway::Fail(Exchange& x, const absl::Status& status, int http_status) {
  // `http_status` overrides the table for the few answers that are about
  // HTTP itself (405, 415) rather than about the call.
  HttpResponse res = MakeResponse(http_status != 0 ? http_status : HttpStatusFor(status.code()),
                                  ErrorBody(status, x.request_id), x.request_id, x.keep_alive);
  if (status.code() == absl::StatusCode::kUnauthenticated) res.set(http::field::www_authenticate, "Bearer");
  // Unavailable is for a moment (a backend restarting, a queue full).
  if (res.result_int() == 503) res.set(http::field::retry_after, "1");
  // A service's own quota (invitations a day) is not a bucket here: an hour
  // is a fair hint. The gateway's buckets say exactly, in Finish.
  const bool bucket_refused = x.rate && !x.rate->allowed;
  if (res.result_int() == 429 && !bucket_refused) res.set(http::field::retry_after, "3600");
  Finish(x, std::move(res));
}

void Gateway::Handle(HttpRequest request, const std::string& client_ip, Respond respond) {
  metrics_.Started();
  auto x = std::make_shared<Exchange>();
  x->request_id = RequestIdFor(request["X-Request-Id"]);
  x->keep_alive = request.keep_alive();
  x->method = std::string(request.method_string());
  const std::string_view target = request.target();
  const auto question = target.find('?');
  x->path = std::string(target.substr(0, question));
  x->query = question == std::string_view::npos ? std::string() : std::string(target.substr(question + 1));
  x->client_ip = ClientAddress(client_ip, request["X-Forwarded-For"], options_.trust_forwarded_for);
  x->origin = std::string(request[http::field::origin]);
  x->respond = std::move(respond);
  const bool request_is_preflight = x->method == "OPTIONS" && !x->origin.empty() &&
                                    request.count(http::field::access_control_request_method) > 0;
  x->request = std::move(request);
  x->route_index = metrics_.unmatched_route();

  const bool operations = x->path == "/healthz" || x->path == "/metrics" || x->path == "/readyz";
  if (operations && !Admit(*x, limits_.ForOperations(x->client_ip))) return;
  if (operations && x->method != "GET" && x->method != "HEAD") return NotAllowed(*x, "GET, HEAD");
  if (x->path == "/healthz") return Finish(*x, MakeResponse(200, R"({"status":"ok"})", x->request_id, x->keep_alive));
  if (x->path == "/metrics") {
    return Finish(*x, MakeResponse(200, metrics_.Render(), x->request_id, x->keep_alive, "text/plain; version=0.0.4"));
  }
  if (x->path == "/readyz") {
    return Readyz(x->request_id, [this, x](HttpResponse res) {
      res.keep_alive(x->keep_alive);
      Finish(*x, std::move(res));
    });
  }

  // The API's own description, for anyone: what the build made of the protos.
  if (x->path == "/v1/openapi.json") {
    if (!Admit(*x, limits_.ForAnonymous(x->client_ip))) return;
    if (x->method != "GET" && x->method != "HEAD") return NotAllowed(*x, "GET, HEAD");
    return Finish(*x, MakeResponse(200, std::string(kOpenApiDocument), x->request_id, x->keep_alive));
  }

  // Every route of the API (those under /v1, and the few outside it, like
  // /.well-known/jwks.json) comes before the console's pages.
  // HEAD is a GET without the body (RFC 9110 §9.3.2), which Finish drops.
  x->match = routes_.Find(x->method == "HEAD" ? "GET" : x->method, x->path);
  const bool api = x->match.route != nullptr || x->match.path_known || x->path == "/v1" || x->path.starts_with("/v1/");
  if (!api && options_.console != nullptr) return ServeConsole(*x);

  if (request_is_preflight) return Preflight(*x);

  if (x->match.route == nullptr) {
    if (x->match.path_known) return NotAllowed(*x, routes_.MethodsFor(x->path));
    return Fail(*x, errors::NotFound("route"));
  }
  x->route = x->match.route;
  x->route_index = static_cast<std::size_t>(x->route - routes_.routes().data());
  if (x->route->permission == "public") {
    if (!Admit(*x, x->route->limit_attempts ? limits_.ForAttemptFrom(x->client_ip)
                                            : limits_.ForAnonymous(x->client_ip))) {
      return;
    }
    return Dispatch(x);
  }

  // Authentication, the organization's standing, the declared permission.
  const std::string_view header = x->request[http::field::authorization];
  // The scheme's name is case-insensitive (RFC 9110 §11.1).
  if (header.size() <= 7 || !boost::beast::iequals(header.substr(0, 7), "Bearer ")) {
    if (!Admit(*x, limits_.ForAnonymous(x->client_ip))) return;
    return Fail(*x, absl::UnauthenticatedError("missing bearer token"));
  }
  // An address whose credentials keep failing is turned away before its
  // next one costs a lookup.
  if (const auto spent = limits_.PeekAnonymous(x->client_ip); spent && !spent->allowed) {
    return (void)Admit(*x, spent);
  }
  credentials_.Resolve(header.substr(7), [this, x](absl::StatusOr<service::CallContext> identity) {
    if (!identity.ok()) {
      if (!Admit(*x, limits_.ForAnonymous(x->client_ip))) return;
      return Fail(*x, identity.status());
    }
    x->identity = *std::move(identity);
    if (auto refused = service::CheckAccess(x->route->permission, x->identity); !refused.ok()) {
      return Fail(*x, refused);
    }
    if (!Admit(*x, limits_.ForCaller(x->identity))) return;
    Dispatch(x);
  });
}

void Gateway::ServeConsole(Exchange& x) {
  if (x.method != "GET" && x.method != "HEAD") return NotAllowed(x, "GET, HEAD");
  const ConsoleFiles::File* file = options_.console->Find(x.path);
  if (file == nullptr) return Fail(x, errors::NotFound("file"));
  Finish(x, ConsoleFiles::Serve(*file, x.request[http::field::if_none_match], x.method == "HEAD", x.request_id,
                                x.keep_alive));
}

void Gateway::NotAllowed(Exchange& x, const std::string& allow) {
  const absl::Status status = errors::WithCode(
      absl::InvalidArgumentError(fmt::format("{} is not allowed here", x.method)), "METHOD_NOT_ALLOWED");
  HttpResponse res = MakeResponse(405, ErrorBody(status, x.request_id), x.request_id, x.keep_alive);
  res.set(http::field::allow, allow);
  Finish(x, std::move(res));
}

bool Gateway::Admit(Exchange& x, const std::optional<RateDecision>& decision) {
  x.rate = Combine(x.rate, decision);
  if (!x.rate || x.rate->allowed) return true;
  Fail(x, absl::ResourceExhaustedError(
              fmt::format("too many requests; try again in {} s", x.rate->retry_after_seconds)));
  return false;
}

void Gateway::Preflight(Exchange& x) {
  const std::string methods = routes_.MethodsFor(x.path);
  if (methods.empty()) return Fail(x, errors::NotFound("route"));
  if (!options_.cors.Admits(x.origin)) {
    return Fail(x, absl::PermissionDeniedError(fmt::format("origin {} may not call this API", x.origin)));
  }
  HttpResponse res = MakeResponse(204, "", x.request_id, x.keep_alive);
  options_.cors.DecoratePreflight(methods, res.base());
  Finish(x, std::move(res));
}

void Gateway::Dispatch(const std::shared_ptr<Exchange>& x) {
  // However costly a body is to parse, the threads that accept connections
  // and answer everything else keep going; and at most body_threads bodies
  // are parsed at once, which bounds the memory parsing takes.
  if (x->request.body().empty()) return CallBackend(x);
  // A bounded queue: each waiting body holds up to 1 MiB.
  if (bodies_waiting_.fetch_add(1, std::memory_order_relaxed) >= kMaxBodiesWaiting) {
    bodies_waiting_.fetch_sub(1, std::memory_order_relaxed);
    return Fail(*x, errors::WithCode(absl::UnavailableError("too many requests at once; try again in a moment"),
                                     errors::kUnavailable));
  }
  boost::asio::post(body_threads_, [this, x] {
    bodies_waiting_.fetch_sub(1, std::memory_order_relaxed);
    CallBackend(x);
  });
}

void Gateway::CallBackend(const std::shared_ptr<Exchange>& x) {
  const HttpRequest& request = x->request;
  if (!request.body().empty()) {
    const std::string_view type = request[http::field::content_type];
    if (!type.starts_with("application/json")) {
      return Fail(*x,
                  errors::WithCode(absl::InvalidArgumentError("send JSON with Content-Type: application/json"),
                                   "UNSUPPORTED_MEDIA_TYPE"),
                  415);
    }
  }
  // One If-Match: with several, which one a proxy on the way kept is
  // anyone's guess, and the write must be checked against the one meant.
  if (request.count(http::field::if_match) > 1) {
    return Fail(*x, errors::Validation("If-Match", "send one If-Match, not several"));
  }
  // An empty one is not the same as none: the write would run unchecked.
  if (request.count(http::field::if_match) == 1 && request[http::field::if_match].empty()) {
    return Fail(*x, errors::Validation("If-Match", "must be the record's version"));
  }
  auto message = BuildRequest(x->match, x->query, request.body(), request[http::field::if_match]);
  if (!message.ok()) return Fail(*x, message.status());
  // Only routes that honour it see the key (README, Idempotency-Key);
  // elsewhere it is ignored, as a header the route does not use.
  const std::string_view idempotency_key = request["Idempotency-Key"];
  const bool idempotent = x->route->idempotency_key && request.count("Idempotency-Key") > 0;
  if (idempotent) {
    if (request.count("Idempotency-Key") > 1) {
      return Fail(*x, errors::Validation("Idempotency-Key", "send one Idempotency-Key, not several"));
    }
    if (auto s = service::CheckIdempotencyKey(idempotency_key); !s.ok()) return Fail(*x, s);
  }
  if (x->route->limit_attempts) {
    const auto* email = (*message)->GetDescriptor()->FindFieldByName("email");
    if (email != nullptr && email->type() == google::protobuf::FieldDescriptor::TYPE_STRING &&
        !email->is_repeated()) {
      const std::string address = (*message)->GetReflection()->GetString(**message, email);
      if (!Admit(*x, limits_.ForAttemptOn(address))) return;
    }
  }

  const Route& route = *x->route;
  auto stub = stubs_.find(route.backend);
  if (stub == stubs_.end()) return Fail(*x, absl::UnimplementedError("no backend for this route"));

  struct Call {
    grpc::ClientContext context;
    grpc::ByteBuffer request;
    grpc::ByteBuffer response;
  };
  auto call = std::make_shared<Call>();
  call->context.set_deadline(std::chrono::system_clock::now() + options_.call_deadline);
  // The identity comes only from the verified credential (empty on public
  // routes); nothing the client sent in headers or body is forwarded as
  // identity.
  service::CallContext& forwarded = x->identity;
  forwarded.request_id = x->request_id;
  forwarded.client_ip = x->client_ip;
  if (idempotent) {
    forwarded.idempotency_key = idempotency_key;
    forwarded.rpc = route.grpc_method;
  }
  service::ToMetadata(forwarded, call->context);
  std::string serialized;
  (*message)->SerializeToString(&serialized);
  grpc::Slice slice(serialized);
  call->request = grpc::ByteBuffer(&slice, 1);

  stub->second->UnaryCall(
      &call->context, route.grpc_method, grpc::StubOptions(), &call->request, &call->response,
      [this, call, x](grpc::Status status) {
        const Route& route = *x->route;
        if (!status.ok()) {
          // RESOURCE_EXHAUSTED without the services' error details is
          // gRPC's own (a reply over the size limit): not the caller's
          // rate limit, so not a 429 that tells them to back off.
          const absl::Status error = status.error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED &&
                                             status.error_details().empty()
                                         ? absl::InternalError(status.error_message())
                                         : errors::FromGrpcStatus(status);
          if (HttpStatusFor(error.code()) >= 500) {
            log::RequestScope scope(x->request_id, x->identity.org_id);
            spdlog::warn("{} failed: {} {}", route.grpc_method, static_cast<int>(status.error_code()),
                         status.error_message());
          }
          return Fail(*x, error);
        }
        auto response = NewResponse(route);
        grpc::ProtoBufferReader reader(&call->response);
        if (!response->ParseFromZeroCopyStream(&reader)) return Fail(*x, absl::InternalError("bad reply"));
        HttpResponse res = MakeResponse(route.success_status, route.success_status == 204 ? "" : ToJson(*response),
                                        x->request_id, x->keep_alive);
        if (call->context.GetServerInitialMetadata().count(service::kIdempotentReplayKey) > 0) {
          res.set("Idempotent-Replayed", "true");
        }
        Finish(*x, std::move(res));
      });
}

void Gateway::Readyz(const std::string& request_id, Respond respond) {
  {
    // Probes come from every kubelet and load balancer; one round of
    // backend checks a second is enough for all of them.
    // And one round at a time: probes that come while it runs wait for it.
    std::unique_lock lock(readiness_mutex_);
    const bool known = readiness_.checked_at.time_since_epoch().count() != 0;
    if (known && std::chrono::steady_clock::now() - readiness_.checked_at < kReadinessFresh) {
      const int status = readiness_.status;
      std::string body = readiness_.body;
      lock.unlock();
      return respond(MakeResponse(status, std::move(body), request_id, true));
    }
    if (readiness_running_) {
      if (readiness_waiting_.size() < kMaxReadinessWaiting) {
        readiness_waiting_.push_back({request_id, std::move(respond)});
        return;
      }
      lock.unlock();
      return respond(MakeResponse(503, R"({"status":"unavailable","checks":{}})", request_id, true));
    }
    readiness_running_ = true;
  }
  boost::asio::post(blocking_, [this, request_id, respond = std::move(respond)] {
    bool ready = verifier_.has_keys();
    std::string body = "{\"status\":";
    std::string checks = "{";
    for (const BackendHealth& backend : CheckBackends(stubs_, kReadinessDeadline)) {
      if (checks.size() > 1) checks += ',';
      checks += fmt::format("\"{}\":{{", backend.service);
      bool first = true;
      for (const auto& [part, up] : backend.parts) {
        ready = ready && up;
        checks += fmt::format("{}\"{}\":\"{}\"", first ? "" : ",", part, up ? "up" : "down");
        first = false;
      }
      checks += '}';
    }
    checks += fmt::format(",\"gateway\":{{\"signing_keys\":\"{}\"}}}}", verifier_.has_keys() ? "up" : "down");
    body += ready ? "\"ready\"" : "\"unavailable\"";
    body += ",\"checks\":" + checks + "}";
    metrics_.ReadinessChecked();
    const int code = ready ? 200 : 503;
    std::vector<std::pair<std::string, Respond>> waiting;
    {
      std::lock_guard lock(readiness_mutex_);
      readiness_ = {std::chrono::steady_clock::now(), code, body};
      readiness_running_ = false;
      waiting.swap(readiness_waiting_);
    }
    for (auto& [id, waiter] : waiting) waiter(MakeResponse(code, body, id, true));
    respond(MakeResponse(code, std::move(body), request_id, true));
  });
}

}  // namespace sentra::gateway
