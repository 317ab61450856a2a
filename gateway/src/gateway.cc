#include "gateway.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/support/proto_buffer_reader.h>
#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "fmt/format.h"
#include "http_errors.h"
#include "sentra/errors/errors.h"
#include "sentra/errors/grpc_status.h"
#include "sentra/ids/uuid.h"
#include "sentra/log/logging.h"
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

// Encodes grpc.health.v1.HealthCheckRequest{service} by hand: the gateway
// needs only this one message of the health protocol.
std::string HealthRequest(std::string_view service) {
  std::string out;
  if (!service.empty()) {
    out.push_back(0x0a);
    out.push_back(static_cast<char>(service.size()));
    out.append(service);
  }
  return out;
}

bool IsServing(const grpc::ByteBuffer& buffer) {
  std::vector<grpc::Slice> slices;
  if (!buffer.Dump(&slices).ok()) return false;
  std::string bytes;
  for (const auto& s : slices) bytes.append(reinterpret_cast<const char*>(s.begin()), s.size());
  return bytes.size() == 2 && bytes[0] == 0x08 && bytes[1] == 0x01;  // status = SERVING
}

}  // namespace

HttpResponse MakeResponse(int status, std::string body, const std::string& request_id, bool keep_alive,
                          std::string_view content_type) {
  HttpResponse res{static_cast<http::status>(status), 11};
  res.set("X-Request-Id", request_id);
  res.set("X-Content-Type-Options", "nosniff");
  res.set("Cache-Control", "no-store");
  if (status != 204) {
    res.set(http::field::content_type, content_type);
    res.body() = std::move(body);
  }
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

std::string RequestIdFor(std::string_view value) {
  if (!value.empty() && value.size() <= 128) {
    bool plain = true;
    for (const char c : value) {
      plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                        c == '-' || c == '_' || c == '.');
    }
    if (plain) return std::string(value);
  }
  return ids::NewUuidV7();
}

Gateway::Gateway(GatewayOptions options, RouteTable routes, TokenVerifier& verifier,
                 std::map<std::string, std::shared_ptr<grpc::Channel>> backends)
    : options_(options),
      routes_(std::move(routes)),
      verifier_(verifier),
      channels_(std::move(backends)),
      metrics_(RouteNames(routes_)) {
  for (const auto& [name, channel] : channels_) {
    stubs_[name] = std::make_unique<grpc::GenericStub>(channel);
  }
}

Gateway::~Gateway() { blocking_.join(); }

void Gateway::WaitIdle(std::chrono::milliseconds timeout) const {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (metrics_.in_flight() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

void Gateway::Handle(HttpRequest request, const std::string& client_ip, Respond respond) {
  const auto started = std::chrono::steady_clock::now();
  metrics_.Started();
  const std::string request_id = RequestIdFor(request["X-Request-Id"]);
  const bool keep_alive = request.keep_alive();
  const std::string method(request.method_string());
  const std::string_view target = request.target();
  const auto question = target.find('?');
  const std::string path(target.substr(0, question));
  const std::string query(question == std::string_view::npos ? std::string_view() : target.substr(question + 1));

  // Wraps `respond` with the access log line and metrics.
  auto finish = [this, respond = std::move(respond), started, request_id, method, path](
                    std::size_t route_index, HttpResponse res) {
    const auto elapsed = std::chrono::steady_clock::now() - started;
    metrics_.Finished(route_index, res.result_int(), elapsed);
    {
      log::RequestScope scope(request_id, "");
      spdlog::info("{} {} {} {:.1f}ms", method, path, res.result_int(),
                   std::chrono::duration<double, std::milli>(elapsed).count());
    }
    respond(std::move(res));
  };
  const std::size_t unmatched = metrics_.unmatched_route();
  // `http_status` overrides the table for the few answers that are about
  // HTTP itself (405, 415) rather than about the call.
  auto fail = [&](const absl::Status& status, std::size_t route_index, int http_status = 0) {
    HttpResponse res = MakeResponse(http_status != 0 ? http_status : HttpStatusFor(status.code()),
                                    ErrorBody(status, request_id), request_id, keep_alive);
    if (status.code() == absl::StatusCode::kUnauthenticated) res.set(http::field::www_authenticate, "Bearer");
    finish(route_index, std::move(res));
  };

  if (path == "/healthz") return finish(unmatched, MakeResponse(200, R"({"status":"ok"})", request_id, keep_alive));
  if (path == "/metrics") {
    return finish(unmatched, MakeResponse(200, metrics_.Render(), request_id, keep_alive,
                                          "text/plain; version=0.0.4"));
  }
  if (path == "/readyz") {
    return Readyz(request_id, [finish, unmatched, keep_alive](HttpResponse res) {
      res.keep_alive(keep_alive);
      finish(unmatched, std::move(res));
    });
  }

  RouteMatch match = routes_.Find(method, path);
  if (match.route == nullptr) {
    if (match.path_known) {
      return fail(errors::WithCode(absl::InvalidArgumentError(fmt::format("{} is not allowed here", method)),
                                   "METHOD_NOT_ALLOWED"),
                  unmatched, 405);
    }
    return fail(errors::NotFound("route"), unmatched);
  }
  const Route& route = *match.route;
  const std::size_t route_index = static_cast<std::size_t>(&route - routes_.routes().data());

  // Authentication and the declared permission.
  auth::v1::AccessClaims claims;
  if (route.permission != "public") {
    const std::string_view header = request[http::field::authorization];
    if (!header.starts_with("Bearer ") || header.size() <= 7) {
      return fail(absl::UnauthenticatedError("missing bearer token"), route_index);
    }
    auto verified = verifier_.Verify(header.substr(7));
    if (!verified.ok()) return fail(verified.status(), route_index);
    claims = *std::move(verified);
    if (route.permission != "authenticated" &&
        std::find(claims.perms().begin(), claims.perms().end(), route.permission) == claims.perms().end()) {
      return fail(absl::PermissionDeniedError(fmt::format("this needs the {} permission", route.permission)),
                  route_index);
    }
  }

  if (!request.body().empty()) {
    const std::string_view type = request[http::field::content_type];
    if (!type.starts_with("application/json")) {
      return fail(errors::WithCode(absl::InvalidArgumentError("send JSON with Content-Type: application/json"),
                                   "UNSUPPORTED_MEDIA_TYPE"),
                  route_index, 415);
    }
  }
  auto message = BuildRequest(match, query, request.body(), request[http::field::if_match]);
  if (!message.ok()) return fail(message.status(), route_index);

  auto stub = stubs_.find(route.backend);
  if (stub == stubs_.end()) return fail(absl::UnimplementedError("no backend for this route"), route_index);

  struct Call {
    grpc::ClientContext context;
    grpc::ByteBuffer request;
    grpc::ByteBuffer response;
  };
  auto call = std::make_shared<Call>();
  call->context.set_deadline(std::chrono::system_clock::now() + options_.call_deadline);
  call->context.AddMetadata(service::kRequestIdKey, request_id);
  call->context.AddMetadata(service::kClientIpKey, client_ip);
  if (!claims.org().empty()) {
    // Identity comes only from the verified token; nothing the client sent
    // in headers or body is forwarded as identity.
    call->context.AddMetadata(service::kOrgIdKey, claims.org());
    call->context.AddMetadata(service::kUserIdKey, claims.sub());
    call->context.AddMetadata(service::kRoleKey, claims.role());
    std::string perms;
    for (const auto& p : claims.perms()) {
      if (!perms.empty()) perms += ',';
      perms += p;
    }
    call->context.AddMetadata(service::kPermissionsKey, perms);
  }
  std::string serialized;
  (*message)->SerializeToString(&serialized);
  grpc::Slice slice(serialized);
  call->request = grpc::ByteBuffer(&slice, 1);

  stub->second->UnaryCall(
      &call->context, route.grpc_method, grpc::StubOptions(), &call->request, &call->response,
      [call, &route, route_index, request_id, keep_alive, finish](grpc::Status status) {
        if (!status.ok()) {
          const absl::Status error = errors::FromGrpcStatus(status);
          if (HttpStatusFor(error.code()) >= 500) {
            log::RequestScope scope(request_id, "");
            spdlog::warn("{} failed: {} {}", route.grpc_method, static_cast<int>(status.error_code()),
                         status.error_message());
          }
          return finish(route_index, MakeResponse(HttpStatusFor(error.code()), ErrorBody(error, request_id),
                                                  request_id, keep_alive));
        }
        auto response = NewResponse(route);
        grpc::ProtoBufferReader reader(&call->response);
        if (!response->ParseFromZeroCopyStream(&reader)) {
          return finish(route_index, MakeResponse(500, ErrorBody(absl::InternalError("bad reply"), request_id),
                                                  request_id, keep_alive));
        }
        finish(route_index, MakeResponse(route.success_status, route.success_status == 204 ? "" : ToJson(*response),
                                         request_id, keep_alive));
      });
}

void Gateway::Readyz(const std::string& request_id, Respond respond) {
  boost::asio::post(blocking_, [this, request_id, respond = std::move(respond)] {
    bool ready = verifier_.has_keys();
    std::string body = "{\"status\":";
    std::string checks = "{";
    for (const auto& [name, stub] : stubs_) {
      if (checks.size() > 1) checks += ',';
      checks += fmt::format("\"{}\":{{", name);
      bool first = true;
      for (const char* part : {"", "db", "broker"}) {
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
        grpc::Slice slice(HealthRequest(part));
        grpc::ByteBuffer req(&slice, 1);
        grpc::ByteBuffer res;
        std::mutex m;
        std::condition_variable cv;
        bool done = false;
        grpc::Status status;
        stub->UnaryCall(&context, "/grpc.health.v1.Health/Check", grpc::StubOptions(), &req, &res,
                        [&](grpc::Status s) {
                          std::lock_guard lock(m);
                          status = s;
                          done = true;
                          cv.notify_one();
                        });
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return done; });
        const bool up = status.ok() && IsServing(res);
        ready = ready && up;
        checks += fmt::format("{}\"{}\":\"{}\"", first ? "" : ",", *part ? part : "service", up ? "up" : "down");
        first = false;
      }
      checks += '}';
    }
    checks += fmt::format(",\"gateway\":{{\"signing_keys\":\"{}\"}}}}", verifier_.has_keys() ? "up" : "down");
    body += ready ? "\"ready\"" : "\"unavailable\"";
    body += ",\"checks\":" + checks + "}";
    respond(MakeResponse(ready ? 200 : 503, body, request_id, true));
  });
}

}  // namespace sentra::gateway
