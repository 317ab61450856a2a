// What an operator watches of a service's background jobs: per kind, how
// many are queued, running and failed, and how long the oldest due one has
// waited. Refreshed by the host every few seconds, read by ServiceInfo for
// the gateway's /metrics. Every kind the worker runs is reported, at zero
// when it has no jobs, so an alert on it has a series to watch.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "sentra/db/pool.h"
#include "sentra/jobs/queue.h"

namespace sentra::service {

class JobGauges {
 public:
  JobGauges(db::Pool& pool, std::vector<std::string> kinds) : pool_(pool), kinds_(std::move(kinds)) {}

  // One query; when it fails the last figures stay.
  void Refresh();
  std::vector<jobs::KindStats> Snapshot() const;

 private:
  db::Pool& pool_;
  const std::vector<std::string> kinds_;
  mutable std::mutex mutex_;
  std::vector<jobs::KindStats> last_;
};

}  // namespace sentra::service
