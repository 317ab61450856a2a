// Soak: a mixed load held for minutes (80 % reads of one lead, 10 % list
// pages of 50, 10 % creates; 4 connections), printing each minute the
// rate, the errors and every process's resident memory, so a leak shows as
// a rising column while a bounded cache levels off. Exits non-zero when any
// request failed.
//
// Run: deploy/sentra bench soak [minutes] [seconds per line]
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.h"

using namespace sentra::bench;

int main(int argc, char** argv) {
  const int minutes = argc > 1 ? std::atoi(argv[1]) : 30;
  const int interval = argc > 2 ? std::atoi(argv[2]) : 60;
  constexpr int kConnections = 4;
  const Target gateway = GatewayTarget();
  const Processes processes;
  const Tenant tenant = SignUp(gateway);
  Connection setup(gateway);
  // A soak outlives an access token (15 minutes): the load runs on an API
  // key, the credential meant for long-running clients.
  const std::string key =
      JsonField(setup.Send(Request(gateway, http::verb::post, "/v1/api-keys", tenant.token,
                                   R"({"name":"soak","permissions":["leads:read","leads:write"]})"))
                    .body(),
                "secret");
  const std::string lead_id =
      JsonField(setup.Send(Request(gateway, http::verb::post, "/v1/leads", key, R"({"name":"Soaked"})")).body(), "id");
  if (key.empty() || lead_id.empty()) {
    std::fprintf(stderr, "set-up failed: no API key or no lead\n");
    return 1;
  }

  std::atomic<bool> stop{false};
  std::atomic<std::uint64_t> requests{0};
  std::atomic<std::uint64_t> errors{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kConnections; ++i) {
    threads.emplace_back([&] {
      Connection conn(gateway);
      const auto read = Request(gateway, http::verb::get, "/v1/leads/" + lead_id, key);
      const auto list = Request(gateway, http::verb::get, "/v1/leads?limit=50", key);
      const auto create = Request(gateway, http::verb::post, "/v1/leads", key,
                                  R"({"name":"Soak","email":"soak@example.com"})");
      for (unsigned n = 0; !stop.load(std::memory_order_relaxed); ++n) {
        const unsigned slot = n % 10;
        const auto& request = slot == 8 ? list : slot == 9 ? create : read;
        const int status = conn.Send(request).result_int();
        requests.fetch_add(1, std::memory_order_relaxed);
        if (status != (slot == 9 ? 201 : 200)) errors.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }

  std::printf("soak: %d min, %d connections, 80 %% reads / 10 %% lists of 50 / 10 %% creates; RSS in MiB\n",
              minutes, kConnections);
  std::printf("%6s %8s %7s", "second", "req/s", "errors");
  for (const auto& name : processes.names()) std::printf(" %9s", name.c_str());
  std::printf("\n");
  std::uint64_t last = 0;
  for (int elapsed = interval; elapsed <= minutes * 60; elapsed += interval) {
    std::this_thread::sleep_for(std::chrono::seconds(interval));
    const std::uint64_t now = requests.load();
    std::printf("%6d %8.0f %7llu", elapsed, static_cast<double>(now - last) / interval,
                static_cast<unsigned long long>(errors.load()));
    for (const auto& name : processes.names()) std::printf(" %9.1f", processes.RssMiB(name));
    std::printf("\n");
    std::fflush(stdout);
    last = now;
  }
  stop = true;
  for (auto& t : threads) t.join();
  return errors.load() == 0 ? 0 : 1;
}
