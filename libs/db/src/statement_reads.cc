#include "sentra/db/statement_reads.h"

#include <libpq-fe.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>

namespace sentra::db {

namespace {

struct Counters {
  std::atomic<std::int64_t> results{0}, bytes{0}, largest{0};
};

// Statement names are few and live as long as the process (constexpr
// Query constants): entries are made once and only read after.
class Registry {
 public:
  Counters& For(std::string_view statement) {
    {
      std::shared_lock lock(mutex_);
      if (auto it = counters_.find(statement); it != counters_.end()) return *it->second;
    }
    std::unique_lock lock(mutex_);
    auto& slot = counters_[statement];
    if (!slot) slot = std::make_unique<Counters>();
    return *slot;
  }

  std::vector<StatementReads> Snapshot() {
    std::shared_lock lock(mutex_);
    std::vector<StatementReads> out;
    out.reserve(counters_.size());
    for (const auto& [name, c] : counters_) {
      out.push_back({.statement = std::string(name),
                     .results = c->results.load(std::memory_order_relaxed),
                     .bytes = c->bytes.load(std::memory_order_relaxed),
                     .largest_bytes = c->largest.load(std::memory_order_relaxed)});
    }
    return out;
  }

 private:
  std::shared_mutex mutex_;
  std::map<std::string_view, std::unique_ptr<Counters>, std::less<>> counters_;
};

Registry& TheRegistry() {
  static auto* registry = new Registry();  // never destroyed: threads may read at exit
  return *registry;
}

}  // namespace

std::int64_t ResultBytes(const PGresult* result) {
  std::int64_t bytes = 0;
  const int rows = PQntuples(result), columns = PQnfields(result);
  for (int row = 0; row < rows; ++row) {
    for (int column = 0; column < columns; ++column) bytes += PQgetlength(result, row, column);
  }
  return bytes;
}

void RecordRead(std::string_view statement, const PGresult* result) {
  if (PQnfields(result) == 0) return;  // a command's status, no rows to read
  const std::int64_t bytes = ResultBytes(result);
  Counters& c = TheRegistry().For(statement);
  c.results.fetch_add(1, std::memory_order_relaxed);
  c.bytes.fetch_add(bytes, std::memory_order_relaxed);
  std::int64_t largest = c.largest.load(std::memory_order_relaxed);
  while (bytes > largest && !c.largest.compare_exchange_weak(largest, bytes, std::memory_order_relaxed)) {
  }
}

std::vector<StatementReads> StatementReadsSoFar() { return TheRegistry().Snapshot(); }

}  // namespace sentra::db
