#include "metrics.h"

#include "fmt/format.h"

namespace sentra::gateway {

Metrics::Metrics(std::vector<std::string> route_names) : names_(std::move(route_names)) {
  names_.push_back("unmatched");
  routes_ = std::vector<PerRoute>(names_.size());
}

void Metrics::Finished(std::size_t route, int http_status, std::chrono::nanoseconds elapsed) {
  in_flight_.fetch_sub(1, std::memory_order_relaxed);
  PerRoute& r = routes_[route < routes_.size() ? route : routes_.size() - 1];
  const int cls = std::clamp(http_status / 100, 1, 5) - 1;
  r.by_class[static_cast<std::size_t>(cls)].fetch_add(1, std::memory_order_relaxed);
  const double seconds = std::chrono::duration<double>(elapsed).count();
  std::size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  r.buckets[bucket].fetch_add(1, std::memory_order_relaxed);
  r.sum_micros.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

std::string Metrics::Render() const {
  std::string out;
  out += "# HELP sentra_gateway_requests_total HTTP requests by route and status class.\n";
  out += "# TYPE sentra_gateway_requests_total counter\n";
  for (std::size_t i = 0; i < names_.size(); ++i) {
    for (std::size_t c = 0; c < 5; ++c) {
      const auto n = routes_[i].by_class[c].load(std::memory_order_relaxed);
      if (n > 0) out += fmt::format("sentra_gateway_requests_total{{route=\"{}\",code=\"{}xx\"}} {}\n", names_[i], c + 1, n);
    }
  }
  out += "# HELP sentra_gateway_request_duration_seconds Time from request read to response ready.\n";
  out += "# TYPE sentra_gateway_request_duration_seconds histogram\n";
  for (std::size_t i = 0; i < names_.size(); ++i) {
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b <= kBuckets.size(); ++b) {
      cumulative += routes_[i].buckets[b].load(std::memory_order_relaxed);
      const std::string le = b < kBuckets.size() ? fmt::format("{}", kBuckets[b]) : "+Inf";
      out += fmt::format("sentra_gateway_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                         names_[i], le, cumulative);
    }
    out += fmt::format("sentra_gateway_request_duration_seconds_sum{{route=\"{}\"}} {}\n", names_[i],
                       static_cast<double>(routes_[i].sum_micros.load()) / 1e6);
    out += fmt::format("sentra_gateway_request_duration_seconds_count{{route=\"{}\"}} {}\n", names_[i], cumulative);
  }
  out += "# TYPE sentra_gateway_requests_in_flight gauge\n";
  out += fmt::format("sentra_gateway_requests_in_flight {}\n", in_flight_.load());
  out += "# HELP sentra_gateway_readiness_checks_total Rounds of backend health checks behind /readyz.\n";
  out += "# TYPE sentra_gateway_readiness_checks_total counter\n";
  out += fmt::format("sentra_gateway_readiness_checks_total {}\n", readiness_checks_.load());
  out += "# TYPE sentra_gateway_connections_open gauge\n";
  out += fmt::format("sentra_gateway_connections_open {}\n", connections_open_.load());
  out += "# HELP sentra_gateway_connections_refused_total Connections closed at accept by a connection limit.\n";
  out += "# TYPE sentra_gateway_connections_refused_total counter\n";
  out += fmt::format("sentra_gateway_connections_refused_total {}\n", connections_refused_.load());
  RenderBackends(out);
  return out;
}

void Metrics::SetBackend(const std::string& service, BackendValues values) {
  std::lock_guard lock(backends_mutex_);
  backends_[service] = std::move(values);
}

void Metrics::ForgetBackend(const std::string& service) {
  std::lock_guard lock(backends_mutex_);
  backends_.erase(service);
}

void Metrics::RenderBackends(std::string& out) const {
  std::lock_guard lock(backends_mutex_);
  out += "# HELP sentra_outbox_unpublished Committed events the broker has not confirmed yet (up to 100000).\n";
  out += "# TYPE sentra_outbox_unpublished gauge\n";
  for (const auto& [service, v] : backends_) {
    out += fmt::format("sentra_outbox_unpublished{{service=\"{}\"}} {}\n", service, v.outbox_unpublished);
  }
  out += "# HELP sentra_outbox_oldest_unpublished_seconds Age of the oldest committed event not yet published.\n";
  out += "# TYPE sentra_outbox_oldest_unpublished_seconds gauge\n";
  for (const auto& [service, v] : backends_) {
    out += fmt::format("sentra_outbox_oldest_unpublished_seconds{{service=\"{}\"}} {:.3f}\n", service,
                       v.outbox_oldest_unpublished_seconds);
  }
  out += "# HELP sentra_bus_parked_events Events in a service's parking queue (deploy/sentra replay-parked).\n";
  out += "# TYPE sentra_bus_parked_events gauge\n";
  for (const auto& [service, v] : backends_) {
    if (v.parked_events >= 0) {
      out += fmt::format("sentra_bus_parked_events{{service=\"{}\"}} {}\n", service, v.parked_events);
    }
  }
  out += "# HELP sentra_process_resident_bytes Resident memory of a service process.\n";
  out += "# TYPE sentra_process_resident_bytes gauge\n";
  for (const auto& [service, v] : backends_) {
    if (v.resident_bytes >= 0) {
      out += fmt::format("sentra_process_resident_bytes{{service=\"{}\"}} {}\n", service, v.resident_bytes);
    }
  }
  out += "# HELP sentra_db_results_total Results of a named statement read from PostgreSQL.\n";
  out += "# TYPE sentra_db_results_total counter\n";
  for (const auto& [service, v] : backends_) {
    for (const auto& r : v.statement_reads) {
      out += fmt::format("sentra_db_results_total{{service=\"{}\",statement=\"{}\"}} {}\n", service, r.statement,
                         r.results);
    }
  }
  out += "# HELP sentra_db_result_bytes_total Bytes of values a named statement has read from PostgreSQL.\n";
  out += "# TYPE sentra_db_result_bytes_total counter\n";
  for (const auto& [service, v] : backends_) {
    for (const auto& r : v.statement_reads) {
      out += fmt::format("sentra_db_result_bytes_total{{service=\"{}\",statement=\"{}\"}} {}\n", service,
                         r.statement, r.bytes);
    }
  }
  out += "# HELP sentra_db_result_bytes_largest The largest result of a named statement since the process started.\n";
  out += "# TYPE sentra_db_result_bytes_largest gauge\n";
  for (const auto& [service, v] : backends_) {
    for (const auto& r : v.statement_reads) {
      out += fmt::format("sentra_db_result_bytes_largest{{service=\"{}\",statement=\"{}\"}} {}\n", service,
                         r.statement, r.largest_bytes);
    }
  }
  RenderJobs(out);
}

void Metrics::RenderJobs(std::string& out) const {
  // Called with backends_mutex_ held.
  const auto gauge = [&](const char* name, const char* help, const auto& value) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n", name, help, name);
    for (const auto& [service, v] : backends_) {
      for (const JobQueueValues& q : v.jobs) {
        out += fmt::format("{}{{service=\"{}\",kind=\"{}\"}} {}\n", name, service, q.kind, value(q));
      }
    }
  };
  gauge("sentra_jobs_queued", "Background jobs waiting to run, due or not.", [](const JobQueueValues& q) { return q.queued; });
  gauge("sentra_jobs_running", "Background jobs a worker holds now.", [](const JobQueueValues& q) { return q.running; });
  gauge("sentra_jobs_failed", "Background jobs out of retries, kept until retried.",
        [](const JobQueueValues& q) { return q.failed; });
  gauge("sentra_jobs_oldest_due_seconds", "How long the longest-waiting due background job has waited.",
        [](const JobQueueValues& q) { return fmt::format("{:.3f}", q.oldest_due_seconds); });
}

}  // namespace sentra::gateway
