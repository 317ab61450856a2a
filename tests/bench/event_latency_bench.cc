// Benchmark: how long an event takes from its transaction's commit to the
// broker (core's relay) and to its effect in a consumer (analytics archives
// every event), and how many events a second one relay drains.
//
// 1. Latency: writers commit one event per transaction into core's outbox at
//    a steady rate (SENTRA_BENCH_EVENT_RATE, 1000/s) for the given seconds;
//    prints p50/p99/max of commit → confirmed by the broker (published_at)
//    and of commit → archived by analytics (archived_at).
// 2. Throughput: one transaction commits SENTRA_BENCH_EVENT_BACKLOG (20000)
//    events at once; prints how fast the relay publishes them and how fast
//    analytics archives them.
//
// The events go through the real relay, broker and consumer of the running
// stack; only their writer is this program instead of a request.
// Run: deploy/sentra bench [seconds]
#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "sentra/db/connection.h"
#include "sentra/events/v1/envelope.pb.h"
#include "sentra/ids/uuid.h"

namespace {

using Clock = std::chrono::system_clock;
using sentra::db::Connection;
using sentra::db::Query;

constexpr Query kInsert{
    "bench.insert",
    "INSERT INTO core.outbox (event_id, event_type, aggregate_type, aggregate_id, envelope) "
    "VALUES ($1::uuid, $2, 'bench', $1::text, $3)"};
// Microseconds since the epoch when each event was published and archived
// (NULL while not yet).
constexpr Query kTimes{
    "bench.times",
    "SELECT o.event_id, (extract(epoch FROM o.published_at) * 1e6)::bigint, "
    "       (extract(epoch FROM a.archived_at) * 1e6)::bigint "
    "FROM core.outbox o LEFT JOIN analytics.event_archive a ON a.event_id = o.event_id AND a.org_id = $2 "
    "WHERE o.event_id = ANY($1::uuid[])"};
constexpr Query kUnpublished{
    "bench.unpublished", "SELECT count(*) FROM core.outbox WHERE published_at IS NULL AND event_type = $1"};
constexpr Query kArchived{"bench.archived",
                          "SELECT count(*) FROM analytics.event_archive WHERE org_id = $1 AND event_type = $2"};

std::string DbUrl() {
  const char* url = std::getenv("SENTRA_TEST_STACK_DB_URL");
  if (url == nullptr) {
    std::fprintf(stderr, "run through: deploy/sentra bench\n");
    std::exit(2);
  }
  return url;
}

long EnvNumber(const char* name, long fallback) {
  const char* value = std::getenv(name);
  return value == nullptr ? fallback : std::strtol(value, nullptr, 10);
}

std::unique_ptr<Connection> Connect() {
  auto conn = Connection::Open(DbUrl());
  if (!conn.ok()) {
    std::fprintf(stderr, "%s\n", std::string(conn.status().message()).c_str());
    std::exit(1);
  }
  return *std::move(conn);
}

void Check(const absl::Status& status) {
  if (status.ok()) return;
  std::fprintf(stderr, "%s\n", std::string(status.message()).c_str());
  std::exit(1);
}

std::int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(Clock::now().time_since_epoch()).count();
}

struct Event {
  std::string id;
  std::string envelope;
};

Event MakeEvent(const std::string& org_id, const std::string& type) {
  sentra::events::v1::Envelope envelope;
  envelope.set_id(sentra::ids::NewUuidV7());
  envelope.set_type(type);
  envelope.set_org_id(org_id);
  *envelope.mutable_occurred_at() = google::protobuf::util::TimeUtil::GetCurrentTime();
  envelope.set_source("bench");
  envelope.set_schema_version(1);
  return {envelope.id(), envelope.SerializeAsString()};
}

absl::Status Insert(Connection& conn, const Event& event, const std::string& type) {
  return conn.Execute(kInsert, event.id, type, sentra::db::Bytes{event.envelope}).status();
}

std::string UuidArray(const std::vector<std::string>& ids, std::size_t from, std::size_t to) {
  std::string array = "{";
  for (std::size_t i = from; i < to; ++i) {
    if (i > from) array += ',';
    array += ids[i];
  }
  return array + "}";
}

// Waits until `count()` reaches zero or `limit` passes; returns when it did.
template <typename F>
Clock::time_point WaitUntilZero(F count, std::chrono::seconds limit) {
  const auto give_up = Clock::now() + limit;
  while (count() > 0 && Clock::now() < give_up) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return Clock::now();
}

void PrintPercentiles(const char* what, std::vector<double>& ms) {
  if (ms.empty()) {
    std::printf("%-34s no samples\n", what);
    return;
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))]; };
  std::printf("%-34s p50 %7.1f ms   p99 %7.1f ms   max %7.1f ms   (%zu events)\n", what, at(0.50), at(0.99),
              ms.back(), ms.size());
}

void MeasureLatency(const std::string& org_id, int seconds, long rate) {
  constexpr int kWriters = 4;
  const std::string type = "bench.latency";
  const auto interval = std::chrono::nanoseconds(1'000'000'000L * kWriters / rate);
  std::mutex mutex;
  std::vector<std::pair<std::string, std::int64_t>> committed;  // event id, commit time (µs)
  std::atomic<long> late{0};
  const auto start = std::chrono::steady_clock::now();
  const auto end = start + std::chrono::seconds(seconds);
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      auto conn = Connect();
      std::vector<std::pair<std::string, std::int64_t>> mine;
      auto next = start + interval * w / kWriters;
      while (next < end) {
        std::this_thread::sleep_until(next);
        if (std::chrono::steady_clock::now() - next > interval) ++late;
        const Event event = MakeEvent(org_id, type);
        Check(conn->ExecuteScript("BEGIN", "begin"));
        Check(Insert(*conn, event, type));
        Check(conn->Commit());
        mine.emplace_back(event.id, NowMicros());
        next += interval;
      }
      std::lock_guard lock(mutex);
      committed.insert(committed.end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : writers) t.join();
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  auto conn = Connect();
  WaitUntilZero(
      [&] { return static_cast<std::int64_t>(committed.size()) - conn->Execute(kArchived, org_id, type)->Int(0, 0); },
      std::chrono::seconds(60));

  std::vector<std::string> ids;
  std::unordered_map<std::string, std::int64_t> commit_at;
  for (const auto& [id, at] : committed) {
    ids.push_back(id);
    commit_at[id] = at;
  }
  std::vector<double> to_broker, to_consumer;
  std::size_t missing = 0;
  for (std::size_t from = 0; from < ids.size(); from += 5000) {
    auto rows = conn->Execute(kTimes, UuidArray(ids, from, std::min(ids.size(), from + 5000)), org_id);
    Check(rows.status());
    for (int r = 0; r < rows->rows(); ++r) {
      const std::int64_t at = commit_at[rows->String(r, 0)];
      if (rows->IsNull(r, 1) || rows->IsNull(r, 2)) {
        ++missing;
        continue;
      }
      // Clamped at 0: now() in the database is the statement's start, which
      // can precede the writer's reading of its clock after COMMIT.
      to_broker.push_back(std::max<double>(0, (rows->Int(r, 1) - at) / 1000.0));
      to_consumer.push_back(std::max<double>(0, (rows->Int(r, 2) - at) / 1000.0));
    }
  }
  std::printf("latency at %ld events/s for %d s: %zu committed (%.0f/s achieved, %ld writes late), %zu not archived\n",
              rate, seconds, committed.size(), committed.size() / elapsed, late.load(), missing);
  PrintPercentiles("  commit -> confirmed by broker", to_broker);
  PrintPercentiles("  commit -> archived by analytics", to_consumer);
}

void MeasureThroughput(const std::string& org_id, long backlog) {
  const std::string type = "bench.backlog";
  auto conn = Connect();
  Check(conn->ExecuteScript("BEGIN", "begin"));
  for (long i = 0; i < backlog; ++i) Check(Insert(*conn, MakeEvent(org_id, type), type));
  Check(conn->Commit());
  const auto committed = Clock::now();
  const auto published = WaitUntilZero([&] { return conn->Execute(kUnpublished, type)->Int(0, 0); },
                                       std::chrono::seconds(120));
  const double publish_s = std::chrono::duration<double>(published - committed).count();
  std::printf("backlog of %ld events committed at once:\n", backlog);
  std::printf("  relay published them in %6.2f s   %8.0f events/s\n", publish_s, backlog / publish_s);
  std::fflush(stdout);
  const auto archived = WaitUntilZero(
      [&] { return backlog - conn->Execute(kArchived, org_id, type)->Int(0, 0); }, std::chrono::seconds(300));
  const double archive_s = std::chrono::duration<double>(archived - committed).count();
  std::printf("  analytics archived them in %6.2f s %8.0f events/s\n", archive_s, backlog / archive_s);
}

}  // namespace

int main(int argc, char** argv) {
  const int seconds = argc > 1 ? std::atoi(argv[1]) : 10;
  const long rate = EnvNumber("SENTRA_BENCH_EVENT_RATE", 1000);
  const long backlog = EnvNumber("SENTRA_BENCH_EVENT_BACKLOG", 20000);
  if (seconds < 0 || rate <= 0 || backlog <= 0) {
    std::fprintf(stderr, "usage: event_latency_bench [seconds (0 skips the latency part)]\n");
    return 2;
  }
  const std::string org_id = sentra::ids::NewUuidV7();
  if (seconds > 0) MeasureLatency(org_id, seconds, rate);
  MeasureThroughput(org_id, backlog);
  return 0;
}
