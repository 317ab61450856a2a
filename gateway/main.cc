// gateway: wiring only.
#include <grpcpp/create_channel.h>
#include <grpcpp/support/channel_arguments.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <optional>
#include <thread>

#include "sentra/bus/listener.h"
#include "sentra/config/env_reader.h"
#include "sentra/log/logging.h"
#include "sentra/services.h"
#include "sentra/service/free_memory.h"
#include "sentra/service/periodic.h"
#include "sentra/service/runtime.h"
#include "src/fronted_services.h"
#include "src/backend_gauges.h"
#include "src/gateway.h"
#include "src/rate_limits.h"
#include "src/http_server.h"

namespace {

constexpr int kMaxReplyBytes = 64 * 1024 * 1024;

boost::asio::ip::tcp::endpoint ParseEndpoint(const std::string& text) {
  const auto colon = text.rfind(':');
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(text.substr(0, colon), ec);
  int port = 0;
  if (colon != std::string::npos) port = std::atoi(text.c_str() + colon + 1);
  if (colon == std::string::npos || ec || port <= 0 || port > 65535) {
    sentra::config::ExitIfInvalid(
        absl::InvalidArgumentError("SENTRA_HTTP_ADDR: expected IP:PORT, got '" + text + "'"), "gateway");
  }
  return {address, static_cast<unsigned short>(port)};
}

}  // namespace

int main() {
  auto lookup = sentra::config::ProcessEnvironment();
  sentra::config::ExitIfInvalid(lookup.status(), "gateway");
  sentra::config::EnvReader env(*lookup);
  const std::string http_addr = env.String("SENTRA_HTTP_ADDR", "127.0.0.1:8080");
  const sentra::log::LogOptions log_options = sentra::log::ReadLogOptions(env);
  const int threads = static_cast<int>(env.Int("SENTRA_HTTP_THREADS", 2, 1, 64));
  const int body_threads = static_cast<int>(env.Int("SENTRA_BODY_THREADS", 2, 1, 64));
  const auto max_connections = static_cast<std::size_t>(env.Int("SENTRA_MAX_CONNECTIONS", 10000, 1, 1000000));
  const auto max_connections_per_ip =
      static_cast<std::size_t>(env.Int("SENTRA_MAX_CONNECTIONS_PER_IP", 256, 0, 1000000));
  const auto idle_under_pressure = env.Duration("SENTRA_IDLE_TIMEOUT_UNDER_PRESSURE", std::chrono::seconds(5));
  const auto deadline = env.Duration("SENTRA_CALL_DEADLINE", std::chrono::seconds(10));
  const std::string amqp_url = env.String("SENTRA_AMQP_URL");
  const auto api_key_ttl = env.Duration("SENTRA_API_KEY_CACHE_TTL", std::chrono::seconds(30));
  const bool trust_forwarded_for = env.Bool("SENTRA_TRUST_FORWARDED_FOR", false);
  const auto rate_limits = sentra::gateway::ReadRateLimits(env);
  const std::string tls_cert = env.String("SENTRA_TLS_CERT", "");
  const std::string tls_key = env.String("SENTRA_TLS_KEY", "");
  if (tls_cert.empty() != tls_key.empty()) {
    env.Fail(tls_cert.empty() ? "SENTRA_TLS_CERT" : "SENTRA_TLS_KEY", "TLS needs both a certificate and a key", "");
  }
  const std::string cors_origins = env.String("SENTRA_CORS_ORIGINS", "");
  auto cors = sentra::gateway::CorsPolicy::Parse(cors_origins);
  if (!cors.ok()) env.Fail("SENTRA_CORS_ORIGINS", std::string(cors.status().message()), "");
  // The console's built files; unset in a deployment that serves only the API.
  const std::string console_dir = env.String("SENTRA_CONSOLE_DIR", "");
  std::optional<sentra::gateway::ConsoleFiles> console;
  if (!console_dir.empty()) {
    auto loaded = sentra::gateway::ConsoleFiles::Load(console_dir);
    if (loaded.ok()) {
      console = *std::move(loaded);
    } else {
      env.Fail("SENTRA_CONSOLE_DIR", std::string(loaded.status().message()), "");
    }
  }
  std::map<std::string, std::string> addresses;
  for (const std::string backend : sentra::kServices) {
    std::string key = "SENTRA_" + backend + "_ADDR";
    for (auto& c : key) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    addresses[backend] = env.String(key);
  }
  sentra::config::ExitIfInvalid(env.status(), "gateway");
  const auto endpoint = ParseEndpoint(http_addr);
  sentra::gateway::ServerOptions server_options;
  // Descriptors beyond connections: gRPC channels, the bus, logs, epoll.
  constexpr std::size_t kReservedDescriptors = 128;
  server_options.connections = {
      .max_total = sentra::gateway::AffordableConnections(max_connections, kReservedDescriptors),
      .max_per_address = max_connections_per_ip};
  if (server_options.connections.max_total == 0) {
    sentra::config::ExitIfInvalid(
        absl::InvalidArgumentError("the open-file limit (ulimit -n) leaves no room for connections"), "gateway");
  }
  server_options.idle_timeout_under_pressure =
      std::chrono::duration_cast<std::chrono::seconds>(idle_under_pressure);
  if (server_options.idle_timeout_under_pressure.count() < 1) server_options.idle_timeout_under_pressure = std::chrono::seconds(1);
  if (!tls_cert.empty()) {
    auto tls = sentra::gateway::LoadTlsContext(tls_cert, tls_key);
    sentra::config::ExitIfInvalid(tls.status(), "gateway");
    server_options.tls = *std::move(tls);
  }
  sentra::log::Init("gateway", log_options);
  sentra::service::StopLockOrderTracking();

  auto routes = sentra::gateway::RouteTable::Build(sentra::gateway::FrontedServices());
  if (!routes.ok()) {
    spdlog::critical("route table: {}", std::string(routes.status().message()));
    return 1;
  }
  std::map<std::string, std::shared_ptr<grpc::Channel>> channels;
  // A reply may be larger than gRPC's default 4 MiB (a page of orders with
  // their lines, of notes with long texts); the HTTP answer is bounded by
  // what the services put in a page, not by the transport.
  grpc::ChannelArguments channel_args;
  channel_args.SetMaxReceiveMessageSize(kMaxReplyBytes);
  for (const auto& [name, address] : addresses) {
    channels[name] = grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), channel_args);
  }
  sentra::gateway::TokenVerifier verifier(channels.at("auth"));
  verifier.Start();
  sentra::gateway::Credentials credentials(verifier, channels.at("auth"),
                                           {.api_key_ttl = api_key_ttl, .resync_every = std::chrono::seconds(30)});
  credentials.Start();
  // Revoked keys and suspended organizations, heard within moments.
  sentra::bus::Listener listener(
      {.amqp_url = amqp_url, .name = "gateway", .event_types = sentra::gateway::Credentials::EventTypes()},
      [&credentials](const sentra::events::v1::Envelope& event) { credentials.OnEvent(event); },
      [&credentials] { credentials.Resync(); });
  listener.Start();
  sentra::gateway::Gateway gateway({.call_deadline = deadline,
                                    .rate_limits = rate_limits,
                                    .cors = *std::move(cors),
                                    .trust_forwarded_for = trust_forwarded_for,
                                    .body_threads = body_threads,
                                    .console = console ? &*console : nullptr},
                                   *std::move(routes), verifier, credentials, channels);

  // The services' event-bus gauges, for /metrics.
  sentra::gateway::BackendGauges bus_gauges(channels, gateway.metrics());
  bus_gauges.Start();
  // What a burst of large pages left free goes back to the system.
  sentra::service::Periodic memory_release(std::chrono::seconds(sentra::service::kReleaseFreeMemorySeconds),
                                           [] { sentra::service::ReleaseFreeMemory(); });
  memory_release.Start();

  boost::asio::io_context io(threads);
  std::unique_ptr<sentra::gateway::HttpServer> listening;
  try {
    listening = std::make_unique<sentra::gateway::HttpServer>(io, endpoint, gateway, server_options);
  } catch (const boost::system::system_error& e) {
    spdlog::critical("cannot listen on {}: {}", http_addr, e.code().message());
    return 1;
  }
  sentra::gateway::HttpServer& server = *listening;
  server.Start();
  spdlog::info("gateway listening on {}:{} ({}, malloc: {})", endpoint.address().to_string(), server.port(),
               server_options.tls ? "HTTPS" : "HTTP", sentra::service::AllocatorName());

  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  std::thread stopper;
  signals.async_wait([&](const boost::system::error_code&, int signal) {
    spdlog::info("gateway stopping on signal {}", signal);
    server.Stop();
    // Let in-flight requests finish and their answers go out, then stop.
    stopper = std::thread([&io, &gateway, deadline] {
      gateway.WaitIdle(deadline);
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      io.stop();
    });
  });
  std::vector<std::thread> pool;
  for (int i = 1; i < threads; ++i) pool.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
  if (stopper.joinable()) stopper.join();
  gateway.WaitIdle(deadline);
  memory_release.Stop();
  bus_gauges.Stop();
  gateway.Stop();
  spdlog::info("gateway stopped");
  return 0;
}
