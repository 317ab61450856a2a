// What the benchmarks share: keep-alive HTTP connections to the gateway,
// closed-loop load over N connections with every latency kept, and the
// CPU time and memory of the stack's processes read from /proc.
#pragma once

#include <algorithm>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace sentra::bench {

namespace http = boost::beast::http;

struct Target {
  std::string host;
  std::string port;
};

// The gateway of the stack `deploy/sentra bench` started; exits when there is none.
Target GatewayTarget();

// One keep-alive connection used for many requests.
class Connection {
 public:
  explicit Connection(const Target& target);
  http::response<http::string_body> Send(const http::request<http::string_body>& request);

 private:
  boost::asio::io_context io_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
};

http::request<http::string_body> Request(const Target& target, http::verb verb, const std::string& path,
                                         const std::string& token, const std::string& json_body = "");
// A string member of a JSON object, or of the object under `outer`.
std::string JsonField(const std::string& body, const std::string& key, const std::string& outer = "");

// A new organization through the API: its owner's token and ids.
struct Tenant {
  std::string token;
  std::string org_id;
  std::string user_id;
};
Tenant SignUp(const Target& gateway);

struct Result {
  std::uint64_t requests = 0;
  std::uint64_t errors = 0;
  double seconds = 0;
  std::vector<double> latencies_ms;  // sorted

  double PerSecond() const { return seconds > 0 ? static_cast<double>(requests) / seconds : 0; }
  double Percentile(double p) const;
};

// Runs `make_worker()`'s callable (true: a good answer) in `connections`
// threads for `seconds`, each thread on its own connection.
template <typename MakeWorker>
Result Load(int connections, int seconds, MakeWorker make_worker) {
  std::atomic<bool> stop{false};
  std::vector<Result> per_thread(static_cast<std::size_t>(connections));
  std::vector<std::thread> threads;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < connections; ++i) {
    threads.emplace_back([&, i] {
      auto one = make_worker();
      Result& r = per_thread[static_cast<std::size_t>(i)];
      r.latencies_ms.reserve(400000);
      while (!stop.load(std::memory_order_relaxed)) {
        const auto start = std::chrono::steady_clock::now();
        const bool ok = one();
        r.latencies_ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        ++r.requests;
        if (!ok) ++r.errors;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  Result total;
  total.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  for (auto& r : per_thread) {
    total.requests += r.requests;
    total.errors += r.errors;
    total.latencies_ms.insert(total.latencies_ms.end(), r.latencies_ms.begin(), r.latencies_ms.end());
  }
  std::sort(total.latencies_ms.begin(), total.latencies_ms.end());
  return total;
}

// The stack's processes by name ("core", "gateway", …), found through the
// pid files `deploy/sentra bench` leaves in $SENTRA_TEST_STATE/run.
class Processes {
 public:
  Processes();
  const std::vector<std::string>& names() const { return names_; }
  // User and system CPU time so far; 0 for a process that is not running.
  double CpuSeconds(const std::string& name) const;
  // Resident memory now (VmRSS) and at its peak (VmHWM), in MiB.
  double RssMiB(const std::string& name) const;
  double PeakRssMiB(const std::string& name) const;

 private:
  std::optional<long> Pid(const std::string& name) const;
  double StatusMiB(const std::string& name, const std::string& field) const;

  std::string run_dir_;
  std::vector<std::string> names_;
};

// CPU time per request of each named process over one measured run.
class CpuMeter {
 public:
  CpuMeter(const Processes& processes, std::vector<std::string> names);
  // Microseconds of CPU per request since construction.
  std::vector<double> MicrosPerRequest(std::uint64_t requests) const;

 private:
  const Processes& processes_;
  std::vector<std::string> names_;
  std::vector<double> start_;
};

}  // namespace sentra::bench
