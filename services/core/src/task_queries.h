// Where tasks are stored: the queries the task logic needs. A task about a
// record is seen through that live record; one about nothing, by the whole
// organization. No SQL here: the PostgreSQL implementation is
// pg_task_queries.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "sentra/core/v1/tasks.pb.h"
#include "sentra/service/paging.h"

namespace sentra::core {

enum class TaskSort { kCreated, kCreatedDesc, kDue };

struct TaskFilter {
  std::string assignee_id, status, priority, related_type, related_id;  // canonical; "" for any
  bool overdue = false;
  // The record types whose tasks the caller may read, comma-separated
  // (tasks about no record are everyone's).
  std::string readable_types = "lead,client,deal,order";
  TaskSort sort = TaskSort::kCreated;
  service::IdPage page;
  // kDue: the last task's due time in microseconds, nothing for "none".
  std::optional<std::int64_t> after_due_micros;
};

class TaskQueries {
 public:
  virtual ~TaskQueries() = default;
  // Whether the caller sees this live lead, client, deal or order.
  virtual absl::StatusOr<bool> RecordVisible(std::string_view type, std::string_view id) = 0;
  // Stores `values` (id, version and timestamps ignored), open.
  virtual absl::StatusOr<v1::Task> Insert(std::string_view id, const v1::Task& values) = 0;
  virtual absl::StatusOr<std::optional<v1::Task>> Find(std::string_view id) = 0;
  // Find, the task locked for the rest of the write.
  virtual absl::StatusOr<std::optional<v1::Task>> Lock(std::string_view id) = 0;
  // Up to page.limit + 1 tasks in the filter's order after its position,
  // into `out`, fewer when they pass the page's byte budget; whether more
  // follow the last one read (service::FinishPage).
  virtual absl::StatusOr<bool> List(const TaskFilter& filter, std::vector<v1::Task>* out) = 0;
  // Writes the title, description, due time, assignee, priority, status and
  // snooze of `values`, bumps the version, stamps or clears completed_at
  // with the status, and with `rearm` clears overdue_at; nothing when no
  // visible task has the id at `version`.
  virtual absl::StatusOr<std::optional<v1::Task>> Update(std::string_view id, int version, const v1::Task& values,
                                                         bool rearm) = 0;
  virtual absl::StatusOr<std::optional<v1::Task>> Archive(std::string_view id) = 0;
  // Up to `limit` open tasks whose due time (or snooze, if later) has passed
  // and that were not told yet, stamped overdue_at now. Tasks another
  // transaction holds are left for the next round.
  virtual absl::StatusOr<std::vector<v1::Task>> ClaimOverdue(int limit) = 0;
  // Makes up to `limit` of the live tasks about one record about another
  // (the oldest first), bumping their versions; answers them as they now
  // are, none once the first record has no more.
  virtual absl::StatusOr<std::vector<v1::Task>> Move(std::string_view from_type, std::string_view from_id,
                                                     std::string_view to_type, std::string_view to_id, int limit) = 0;
};

}  // namespace sentra::core
