// Prometheus metrics of the gateway: requests by route and status class,
// latency histogram, requests in flight. Lock-free counters on the hot path.
#pragma once

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace sentra::gateway {

// What one named statement of a service has read from PostgreSQL.
struct StatementReadValues {
  std::string statement;
  std::int64_t results = 0, bytes = 0, largest_bytes = 0;
};

// One kind of a service's background jobs.
struct JobQueueValues {
  std::string kind;
  std::int64_t queued = 0, running = 0, failed = 0;
  double oldest_due_seconds = 0;
};

// One service as its last ServiceInfo said: its event bus, its memory and
// what its statements read.
struct BackendValues {
  std::int64_t outbox_unpublished = 0;
  double outbox_oldest_unpublished_seconds = 0;
  std::int64_t parked_events = -1;  // -1: the service could not read it
  std::int64_t resident_bytes = -1;  // -1: not known
  std::vector<StatementReadValues> statement_reads;
  std::vector<JobQueueValues> jobs;
};

class Metrics {
 public:
  // `route_names` are the label values; index = route index, plus one extra
  // slot for requests that matched no route.
  explicit Metrics(std::vector<std::string> route_names);

  void Started() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  void Finished(std::size_t route, int http_status, std::chrono::nanoseconds elapsed);
  std::string Render() const;
  std::size_t unmatched_route() const { return names_.size() - 1; }
  std::int64_t in_flight() const { return in_flight_.load(std::memory_order_relaxed); }
  // A round of backend health checks behind /readyz (not each answer).
  void ReadinessChecked() { readiness_checks_.fetch_add(1, std::memory_order_relaxed); }
  // Connections: open now, and turned away at accept by a limit.
  void ConnectionOpened() { connections_open_.fetch_add(1, std::memory_order_relaxed); }
  void ConnectionClosed() { connections_open_.fetch_sub(1, std::memory_order_relaxed); }
  void ConnectionRefused() { connections_refused_.fetch_add(1, std::memory_order_relaxed); }
  // Per service, from BackendGauges; a service that did not answer has none.
  void SetBackend(const std::string& service, BackendValues values);
  void ForgetBackend(const std::string& service);

 private:
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1,    2.5,   10};
  struct PerRoute {
    std::array<std::atomic<std::uint64_t>, 5> by_class{};  // 1xx..5xx
    std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> buckets{};
    std::atomic<std::uint64_t> sum_micros{0};
  };
  void RenderBackends(std::string& out) const;
  void RenderJobs(std::string& out) const;  // with backends_mutex_ held

  std::vector<std::string> names_;
  std::vector<PerRoute> routes_;
  std::atomic<std::int64_t> in_flight_{0};
  std::atomic<std::uint64_t> readiness_checks_{0};
  std::atomic<std::int64_t> connections_open_{0};
  std::atomic<std::uint64_t> connections_refused_{0};
  mutable std::mutex backends_mutex_;  // written every few seconds, read per scrape
  std::map<std::string, BackendValues> backends_;
};

}  // namespace sentra::gateway
