// The scheduled overdue check: each round finds the organizations with
// overdue tasks not told yet and has TaskLogic tell them, a batch per
// transaction. A recurring job runs it (kOverdueCheckJob, once per period
// across replicas); were two rounds to overlap, each task is still told once
// (the claim stamps it, skipping tasks another holds).
#pragma once

#include <mutex>
#include <string>

#include "auth_references.h"
#include "sentra/service/pg_repository.h"

namespace sentra::core {

inline constexpr char kOverdueCheckJob[] = "task.overdue_check";

class OverdueTaskCheck {
 public:
  OverdueTaskCheck(const service::Storage& storage, const ReferenceChecker& references)
      : storage_(storage), references_(references) {}

  // One round. An organization whose tasks could not be told is logged and
  // left to the next round; an error is returned only when the round could
  // not look at all (the job is then retried).
  absl::Status RunRound();

 private:
  const service::Storage& storage_;
  const ReferenceChecker& references_;
  // Where the next round goes on: a round takes a batch of organizations in
  // id order, so that organizations whose due tasks cannot be told (their
  // record is gone) never keep the others waiting. Per process: another
  // replica's round starts from the first.
  std::mutex mutex_;
  std::string after_org_;
};

}  // namespace sentra::core
