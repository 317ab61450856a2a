// sentra-jobs: an operator's look at a service's background jobs. Reads
// SENTRA_DB_URL (the service's own database role).
//   sentra-jobs stats             per kind: queued, running, failed, oldest due
//   sentra-jobs failed [AFTER_ID] failed jobs in id order, 100 at a time
//   sentra-jobs retry ID…         queue failed jobs again, due now
// (deploy/sentra jobs SERVICE …, or on Kubernetes
// `kubectl exec deploy/<service> -- sentra-jobs …`).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "sentra/jobs/queue.h"

namespace {

int Usage() {
  std::fprintf(stderr, "usage: SENTRA_DB_URL=postgresql://… sentra-jobs stats | failed [AFTER_ID] | retry ID…\n");
  return 2;
}

bool ParseId(const char* text, std::int64_t* id) {
  char* end = nullptr;
  const long long value = std::strtoll(text, &end, 10);
  if (end == text || *end != '\0' || value < 0) return false;
  *id = value;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  const char* url = std::getenv("SENTRA_DB_URL");
  if (argc < 2 || url == nullptr) return Usage();
  sentra::db::Pool pool({.url = url, .size = 1});
  const std::string command = argv[1];
  if (command == "stats" && argc == 2) {
    auto stats = sentra::jobs::Stats(pool);
    if (!stats.ok()) {
      std::fprintf(stderr, "%s\n", std::string(stats.status().message()).c_str());
      return 1;
    }
    if (stats->empty()) {
      std::printf("no jobs queued, running or failed\n");
      return 0;
    }
    std::printf("%-32s %8s %8s %8s %12s\n", "kind", "queued", "running", "failed", "oldest due s");
    for (const auto& k : *stats) {
      std::printf("%-32s %8lld %8lld %8lld %12.1f\n", k.kind.c_str(), static_cast<long long>(k.queued),
                  static_cast<long long>(k.running), static_cast<long long>(k.failed), k.oldest_due_seconds);
    }
    return 0;
  }
  if (command == "failed" && argc <= 3) {
    std::int64_t after = 0;
    if (argc == 3 && !ParseId(argv[2], &after)) return Usage();
    auto failed = sentra::jobs::ListFailed(pool, after, 100);
    if (!failed.ok()) {
      std::fprintf(stderr, "%s\n", std::string(failed.status().message()).c_str());
      return 1;
    }
    if (failed->empty()) std::printf("no failed jobs%s\n", after > 0 ? " after that id" : "");
    for (const auto& job : *failed) {
      const auto at = std::chrono::system_clock::to_time_t(job.failed_at);
      char when[32];
      std::strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&at));
      std::printf("%lld\t%s\t%s\t%d attempts\t%s\t%s\n", static_cast<long long>(job.id), job.kind.c_str(),
                  job.org_id.c_str(), job.attempts, when, job.last_error.c_str());
    }
    if (failed->size() == 100) std::printf("more: sentra-jobs failed %lld\n", static_cast<long long>(failed->back().id));
    return 0;
  }
  if (command == "retry" && argc >= 3) {
    int refused = 0;
    for (int i = 2; i < argc; ++i) {
      std::int64_t id = 0;
      if (!ParseId(argv[i], &id)) return Usage();
      auto retried = sentra::jobs::RetryFailed(pool, id);
      if (!retried.ok()) {
        std::fprintf(stderr, "%lld: %s\n", static_cast<long long>(id), std::string(retried.status().message()).c_str());
        ++refused;
      } else if (!*retried) {
        std::fprintf(stderr, "%lld: no failed job has this id\n", static_cast<long long>(id));
        ++refused;
      } else {
        std::printf("%lld: queued again\n", static_cast<long long>(id));
      }
    }
    return refused == 0 ? 0 : 1;
  }
  return Usage();
}
