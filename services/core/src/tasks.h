// The rules of tasks: a title, an assignee (a member, the creator unless
// told), a priority, an optional due time and snooze, optionally about a
// record the caller may read; completed by PATCH {"status": "done"}. And the
// overdue check's step for one organization: open tasks past their due time
// and snooze are told once (task.overdue). No SQL and no gRPC, so the unit
// tests run it on fakes (tests/tasks_test.cc).
#pragma once

#include "auth_references.h"
#include "sentra/core/v1/tasks.pb.h"
#include "sentra/service/call_context.h"
#include "sentra/service/repository.h"
#include "task_queries.h"

namespace sentra::core {

// The TaskChanged event of `type` for `task`, into `events`; `changed` names
// the fields a task.updated changed.
absl::Status EmitTaskChanged(bus::EventSink& events, std::string_view type, const v1::Task& task,
                             std::vector<std::string> changed = {});

class TaskLogic {
 public:
  TaskLogic(service::Repository<TaskQueries>& tasks, const ReferenceChecker& references)
      : tasks_(tasks), references_(references) {}

  // An open task; task.created.
  absl::Status Create(const service::CallContext& call, v1::CreateTaskRequest request, v1::Task* out);
  absl::Status Get(const service::CallContext& call, std::string_view id, v1::Task* out);
  absl::Status List(const service::CallContext& call, const v1::ListTasksRequest& request,
                    v1::ListTasksResponse* out);
  // task.updated naming the fields set; task.completed when it becomes
  // done. A new due time or snooze, or reopening, arms task.overdue again.
  absl::Status Update(const service::CallContext& call, v1::UpdateTaskRequest request, v1::Task* out);
  absl::Status Delete(const service::CallContext& call, std::string_view id);

  // Tells up to `limit` overdue tasks of the call's organization, one
  // task.overdue each, in one transaction; how many it told.
  absl::StatusOr<int> NotifyOverdue(const service::CallContext& call, int limit);

 private:
  service::Repository<TaskQueries>& tasks_;
  const ReferenceChecker& references_;
};

}  // namespace sentra::core
