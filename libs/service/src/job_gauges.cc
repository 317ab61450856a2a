#include "sentra/service/job_gauges.h"

#include <algorithm>

namespace sentra::service {

void JobGauges::Refresh() {
  auto stats = jobs::Stats(pool_);
  if (!stats.ok()) return;
  for (const std::string& kind : kinds_) {
    const bool listed = std::any_of(stats->begin(), stats->end(), [&](const auto& s) { return s.kind == kind; });
    if (!listed) stats->push_back({.kind = kind});
  }
  std::sort(stats->begin(), stats->end(), [](const auto& a, const auto& b) { return a.kind < b.kind; });
  std::lock_guard lock(mutex_);
  last_ = *std::move(stats);
}

std::vector<jobs::KindStats> JobGauges::Snapshot() const {
  std::lock_guard lock(mutex_);
  return last_;
}

}  // namespace sentra::service
