#include "task_overdue.h"

#include <spdlog/spdlog.h>

#include "sentra/db/query.h"
#include "pg_task_queries.h"
#include "tasks.h"

namespace sentra::core {

namespace {

using Tasks = service::PgRepository<TaskQueries, PgTaskQueries>;

constexpr int kOrganizationsPerRound = 1000;
constexpr int kTasksPerTransaction = 200;

// The overdue_check policy (migration 0010) lets this transaction, and no
// request's, read every organization's tasks.
constexpr db::Query kNameJob{"core.overdue_job", "SELECT set_config('sentra.job', 'task_overdue', true)"};
constexpr db::Query kOrganizations{
    "core.orgs_with_overdue_tasks",
    "SELECT DISTINCT org_id FROM tasks WHERE greatest(due_at, snoozed_until) <= now() AND status = 'open' "
    "AND overdue_at IS NULL AND archived_at IS NULL AND due_at IS NOT NULL "
    "AND ($2 = '' OR org_id > NULLIF($2, '')::uuid) ORDER BY org_id LIMIT $1"};

absl::StatusOr<std::vector<std::string>> OrganizationsWithOverdueTasks(db::Pool& pool, const std::string& after) {
  return db::InTransactionValue<std::vector<std::string>>(
      pool, {.read_only = true}, [&](db::Transaction& tx) -> absl::StatusOr<std::vector<std::string>> {
        if (auto r = tx.Execute(kNameJob); !r.ok()) return r.status();
        auto rows = tx.Execute(kOrganizations, kOrganizationsPerRound, after);
        if (!rows.ok()) return rows.status();
        std::vector<std::string> orgs;
        for (int i = 0; i < rows->rows(); ++i) orgs.push_back(rows->String(i, 0));
        return orgs;
      });
}

}  // namespace

absl::Status OverdueTaskCheck::RunRound() {
  std::lock_guard lock(mutex_);
  auto orgs = OrganizationsWithOverdueTasks(storage_.pool, after_org_);
  if (!orgs.ok()) return orgs.status();
  // A short batch was the last: the next round starts from the first again.
  after_org_ = static_cast<int>(orgs->size()) < kOrganizationsPerRound ? "" : orgs->back();
  for (const std::string& org : *orgs) {
    // Work done for no caller sees every brand; its events name no actor.
    const service::CallContext call{.org_id = org, .brand_access = "*", .request_id = "task-overdue-check"};
    Tasks tasks(storage_, call);
    TaskLogic logic(tasks, references_);
    while (true) {
      auto told = logic.NotifyOverdue(call, kTasksPerTransaction);
      if (!told.ok()) {
        spdlog::warn("overdue task check of organization {}: {}", org, told.status().ToString());
        break;
      }
      if (*told > 0) spdlog::info("overdue task check: {} task(s) of organization {} overdue", *told, org);
      if (*told < kTasksPerTransaction) break;
    }
  }
  return absl::OkStatus();
}

}  // namespace sentra::core
