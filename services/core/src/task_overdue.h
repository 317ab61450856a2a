// The scheduled overdue check: each round finds the organizations with
// overdue tasks not told yet and has TaskLogic tell them, a batch per
// transaction. The host runs it on the replica that leads the outbox relay
// only; were two to overlap during a change of leader, each task is still
// told once (the claim stamps it, skipping tasks another holds).
#pragma once

#include <string>

#include "auth_references.h"
#include "sentra/service/repository.h"

namespace sentra::core {

class OverdueTaskCheck {
 public:
  OverdueTaskCheck(const service::Storage& storage, const ReferenceChecker& references)
      : storage_(storage), references_(references) {}

  // One round; failures are logged and left to the next round. Rounds run
  // on one thread.
  void RunRound();

 private:
  const service::Storage& storage_;
  const ReferenceChecker& references_;
  // Where the next round goes on: a round takes a batch of organizations in
  // id order, so that organizations whose due tasks cannot be told (their
  // record is gone) never keep the others waiting.
  std::string after_org_;
};

}  // namespace sentra::core
