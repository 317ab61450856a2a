// Benchmark: authenticated GET /v1/leads/{id} through the gateway under
// concurrent keep-alive load, and the same read made directly over gRPC to
// core, so the gateway's own cost is visible; then PATCH /v1/leads/{id},
// a write whose JSON body is parsed on the gateway's body threads. Prints
// req/s, p50 and p99.
//
// Run: deploy/sentra bench [seconds] [connections]
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include "sentra/core/v1/leads.grpc.pb.h"
#include "sentra/service/metadata.h"

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;

namespace {

struct Target {
  std::string host;
  std::string port;
};

Target GatewayTarget() {
  const char* url = std::getenv("SENTRA_TEST_GATEWAY_URL");
  if (url == nullptr) {
    std::fprintf(stderr, "run through: deploy/sentra bench\n");
    std::exit(2);
  }
  std::string rest = std::string(url).substr(7);
  const auto colon = rest.rfind(':');
  return {rest.substr(0, colon), rest.substr(colon + 1)};
}

// One keep-alive connection used for many requests.
class Connection {
 public:
  explicit Connection(const Target& target) : stream_(io_) {
    net::ip::tcp::resolver resolver(io_);
    stream_.connect(resolver.resolve(target.host, target.port));
    stream_.socket().set_option(net::ip::tcp::no_delay(true));
  }
  http::response<http::string_body> Send(const http::request<http::string_body>& req) {
    http::write(stream_, req);
    http::response<http::string_body> res;
    buffer_.clear();
    http::read(stream_, buffer_, res);
    return res;
  }

 private:
  net::io_context io_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
};

std::string JsonField(const std::string& body, const std::string& key, const std::string& nested = "") {
  google::protobuf::Struct s;
  if (!google::protobuf::util::JsonStringToMessage(body, &s).ok()) return {};
  auto it = s.fields().find(key);
  if (it == s.fields().end()) return {};
  if (nested.empty()) return it->second.string_value();
  auto inner = it->second.struct_value().fields().find(nested);
  return inner == it->second.struct_value().fields().end() ? "" : inner->second.string_value();
}

http::request<http::string_body> JsonPost(const Target& t, const std::string& target, const std::string& body,
                                          const std::string& token = "") {
  http::request<http::string_body> req{http::verb::post, target, 11};
  req.set(http::field::host, t.host);
  req.set(http::field::content_type, "application/json");
  if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
  req.body() = body;
  req.prepare_payload();
  return req;
}

struct Result {
  std::uint64_t requests = 0;
  std::uint64_t errors = 0;
  std::vector<double> latencies_ms;
};

// Runs `one` in `connections` threads for `seconds`; each thread keeps its latencies.
template <typename MakeWorker>
Result Load(int connections, int seconds, MakeWorker make_worker) {
  std::atomic<bool> stop{false};
  std::vector<Result> per_thread(static_cast<std::size_t>(connections));
  std::vector<std::thread> threads;
  for (int i = 0; i < connections; ++i) {
    threads.emplace_back([&, i] {
      auto one = make_worker();
      Result& r = per_thread[static_cast<std::size_t>(i)];
      r.latencies_ms.reserve(200000);
      while (!stop.load(std::memory_order_relaxed)) {
        const auto start = std::chrono::steady_clock::now();
        const bool ok = one();
        r.latencies_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        ++r.requests;
        if (!ok) ++r.errors;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  Result total;
  for (auto& r : per_thread) {
    total.requests += r.requests;
    total.errors += r.errors;
    total.latencies_ms.insert(total.latencies_ms.end(), r.latencies_ms.begin(), r.latencies_ms.end());
  }
  std::sort(total.latencies_ms.begin(), total.latencies_ms.end());
  return total;
}

// Prints one row; false when any request failed, since the figures of a
// run with errors measure the errors.
bool Print(const char* name, const Result& r, int seconds, int connections) {
  auto pct = [&](double p) {
    if (r.latencies_ms.empty()) return 0.0;
    return r.latencies_ms[static_cast<std::size_t>(p * static_cast<double>(r.latencies_ms.size() - 1))];
  };
  std::printf("%-28s %4d conns %3d s  %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %llu\n", name, connections,
              seconds, static_cast<double>(r.requests) / seconds, pct(0.50), pct(0.99),
              static_cast<unsigned long long>(r.errors));
  return r.errors == 0;
}

}  // namespace

int main(int argc, char** argv) {
  const int seconds = argc > 1 ? std::atoi(argv[1]) : 10;
  const int connections = argc > 2 ? std::atoi(argv[2]) : 32;
  const Target gateway = GatewayTarget();
  const char* core_addr = std::getenv("SENTRA_TEST_CORE_ADDR");

  // Set-up through the API: an organization, a token, one lead.
  Connection setup(gateway);
  const std::string suffix = std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  auto signup = setup.Send(JsonPost(gateway, "/v1/auth/signup",
                                    R"({"organization_name":"Bench )" + suffix + R"(","name":"Bench","email":"bench-)" +
                                        suffix + R"(@example.com","password":"benchmark password"})"));
  const std::string token = JsonField(signup.body(), "access_token");
  const std::string org_id = JsonField(signup.body(), "organization", "id");
  const std::string user_id = JsonField(signup.body(), "user", "id");
  auto lead = setup.Send(JsonPost(gateway, "/v1/leads", R"({"name":"Benchmark Lead","email":"lead@example.com"})", token));
  const std::string lead_id = JsonField(lead.body(), "id");
  if (token.empty() || lead_id.empty()) {
    std::fprintf(stderr, "set-up failed: %s %s\n", signup.body().c_str(), lead.body().c_str());
    return 1;
  }

  std::printf("GET /v1/leads/{id}, %d s per run, on this machine (%u cores, client and server share them)\n",
              seconds, std::thread::hardware_concurrency());
  const Result through_gateway = Load(connections, seconds, [&] {
    auto conn = std::make_shared<Connection>(gateway);
    http::request<http::string_body> req{http::verb::get, "/v1/leads/" + lead_id, 11};
    req.set(http::field::host, gateway.host);
    req.set(http::field::authorization, "Bearer " + token);
    return [conn, req] { return conn->Send(req).result_int() == 200; };
  });
  bool clean = Print("gateway HTTP/1.1 keep-alive", through_gateway, seconds, connections);

  const Result writes = Load(connections, seconds, [&] {
    auto conn = std::make_shared<Connection>(gateway);
    // A lead per connection: the writes measure the path, not one row's lock.
    const std::string own = JsonField(conn->Send(JsonPost(gateway, "/v1/leads", R"({"name":"Written"})", token)).body(), "id");
    http::request<http::string_body> req{http::verb::patch, "/v1/leads/" + own, 11};
    req.set(http::field::host, gateway.host);
    req.set(http::field::authorization, "Bearer " + token);
    req.set(http::field::content_type, "application/json");
    req.body() = R"({"notes":"benchmark write","score":7})";
    req.prepare_payload();
    return [conn, req] { return conn->Send(req).result_int() == 200; };
  });
  clean = Print("gateway PATCH (body thread)", writes, seconds, connections) && clean;

  if (core_addr != nullptr) {
    auto channel = grpc::CreateChannel(core_addr, grpc::InsecureChannelCredentials());
    auto stub = sentra::core::v1::LeadService::NewStub(channel);
    const Result direct = Load(connections, seconds, [&] {
      return [&] {
        grpc::ClientContext context;
        context.AddMetadata(sentra::service::kOrgIdKey, org_id);
        context.AddMetadata(sentra::service::kUserIdKey, user_id);
        context.AddMetadata(sentra::service::kRoleKey, "owner");
        // What the gateway would send: the access guard refuses a call
        // without the permission the RPC declares.
        context.AddMetadata(sentra::service::kPermissionsKey, "leads:read");
        context.AddMetadata(sentra::service::kBrandAccessKey, "*");
        sentra::core::v1::GetLeadRequest request;
        request.set_id(lead_id);
        sentra::core::v1::Lead response;
        return stub->GetLead(&context, request, &response).ok();
      };
    });
    clean = Print("core gRPC direct", direct, seconds, connections) && clean;
  }
  return clean ? 0 : 1;
}
