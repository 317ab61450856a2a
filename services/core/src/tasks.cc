#include "tasks.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>

#include "field_checks.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/task.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/service/patch_fields.h"
#include "sentra/service/versioned_write.h"

namespace sentra::core {

namespace {

using errors::FieldError;
using google::protobuf::util::TimeUtil;

constexpr std::string_view kList = "tasks";
constexpr std::string_view kListDesc = "tasks_desc";
constexpr std::string_view kListByDue = "tasks_by_due";

bool IsPriority(std::string_view p) { return p == "low" || p == "normal" || p == "high" || p == "urgent"; }
bool IsRecordType(std::string_view t) { return t == "lead" || t == "client" || t == "deal" || t == "order"; }


// Auth names the member it could not find `owner_id`; here it is the assignee.
absl::Status CheckAssignee(const ReferenceChecker& references, const service::CallContext& call,
                           const std::string& assignee_id) {
  auto status = references.Check(call, assignee_id, "");
  if (status.ok() || errors::AppCode(status) != errors::kValidationError) return status;
  auto fields = errors::FieldErrors(status);
  for (auto& f : fields) {
    if (f.field == "owner_id") f.field = "assignee_id";
  }
  return errors::Validation(std::move(fields));
}

// Tasks about a record are read with it: leads:read for a lead's, and so on.
absl::Status MayReadRecord(const service::CallContext& call, std::string_view type) {
  const std::string permission = std::string(type) + "s:read";
  if (call.Has(permission)) return absl::OkStatus();
  return errors::WithCode(absl::PermissionDeniedError("a task about a " + std::string(type) + " needs " + permission),
                          errors::kForbidden);
}

// A due time as a list cursor keeps it: microseconds, or "" for none.
std::string DueKey(const v1::Task& task) {
  return task.has_due_at() ? std::to_string(TimeUtil::TimestampToMicroseconds(task.due_at())) : "";
}

absl::StatusOr<std::optional<std::int64_t>> ParseDueKey(const std::string& key) {
  if (key.empty()) return std::nullopt;
  const auto micros = service::ParseTimeKey(key);
  if (!micros) return errors::Validation("cursor", "is not a cursor from this list");
  return *micros;
}

// The record types whose tasks the caller may read, for the list.
std::string ReadableTypes(const service::CallContext& call) {
  std::string types;
  for (const char* type : {"lead", "client", "deal", "order"}) {
    if (call.Has(std::string(type) + "s:read")) types += (types.empty() ? "" : ",") + std::string(type);
  }
  return types;
}

// A task about a record is read with it (leads:read for a lead's).
absl::Status MayReadTask(const service::CallContext& call, const v1::Task& task) {
  return task.has_related() ? MayReadRecord(call, task.related().type()) : absl::OkStatus();
}

// When task.overdue is due: the later of due time and snooze; none without a due time.
std::optional<std::int64_t> Alarm(const v1::Task& t) {
  if (!t.has_due_at()) return std::nullopt;
  std::int64_t at = TimeUtil::TimestampToMicroseconds(t.due_at());
  if (t.has_snoozed_until()) at = std::max(at, TimeUtil::TimestampToMicroseconds(t.snoozed_until()));
  return at;
}

bool SameTime(bool has_a, const google::protobuf::Timestamp& a, bool has_b, const google::protobuf::Timestamp& b) {
  return has_a == has_b && (!has_a || TimeUtil::TimestampToMicroseconds(a) == TimeUtil::TimestampToMicroseconds(b));
}

// The list's order and page, from `sort` and `cursor`.
absl::Status ParseOrder(const v1::ListTasksRequest& r, TaskFilter* filter) {
  const std::optional<int> limit = r.has_limit() ? std::optional<int>(r.limit()) : std::nullopt;
  if (r.sort() == "due_at") {
    auto keyed = service::ParseKeyedPage(kListByDue, limit, r.cursor());
    if (!keyed.ok()) return keyed.status();
    auto due = ParseDueKey(keyed->after_key);
    if (!due.ok()) return due.status();
    filter->sort = TaskSort::kDue;
    filter->page = keyed->page;
    filter->after_due_micros = *due;
    return absl::OkStatus();
  }
  if (!r.sort().empty() && r.sort() != "created_at" && r.sort() != "-created_at") {
    return errors::Validation("sort", "must be created_at, -created_at or due_at");
  }
  filter->sort = r.sort() == "-created_at" ? TaskSort::kCreatedDesc : TaskSort::kCreated;
  auto page = service::ParseIdPage(filter->sort == TaskSort::kCreatedDesc ? kListDesc : kList, limit, r.cursor());
  if (!page.ok()) return page.status();
  filter->page = *page;
  return absl::OkStatus();
}

}  // namespace

absl::Status EmitTaskChanged(bus::EventSink& events, std::string_view type, const v1::Task& task,
                             std::vector<std::string> changed) {
  events::v1::TaskChanged event;
  event.set_task_id(task.id());
  event.set_title(task.title());
  event.set_assignee_id(task.assignee_id());
  event.set_priority(task.priority());
  event.set_status(task.status());
  if (task.has_due_at()) *event.mutable_due_at() = task.due_at();
  if (task.has_snoozed_until()) *event.mutable_snoozed_until() = task.snoozed_until();
  event.set_related_type(task.related().type());
  event.set_related_id(task.related().id());
  event.set_created_by(task.created_by());
  event.set_version(task.version());
  for (auto& f : changed) event.add_changed_fields(std::move(f));
  return events.Emit(type, "task", task.id(), event);
}

absl::Status TaskLogic::Create(const service::CallContext& call, v1::CreateTaskRequest r, v1::Task* out) {
  std::vector<FieldError> problems;
  CheckRequiredText(r.mutable_title(), "title", 200, problems);
  CheckText(r.mutable_description(), "description", 10000, problems);
  CheckId(r.mutable_assignee_id(), "assignee_id", "a user id", problems);
  if (r.priority().empty()) r.set_priority("normal");
  else if (!IsPriority(r.priority())) problems.push_back({"priority", "must be low, normal, high or urgent"});
  if (r.has_related()) {
    if (!IsRecordType(r.related().type())) {
      problems.push_back({"related.type", "must be lead, client, deal or order"});
    }
    CheckId(r.mutable_related()->mutable_id(), "related.id", "a record id", problems);
    if (r.related().id().empty()) problems.push_back({"related.id", "is required with related.type"});
  }
  if (!problems.empty()) return errors::Validation(std::move(problems));
  if (r.has_related()) {
    if (auto s = MayReadRecord(call, r.related().type()); !s.ok()) return s;
  }
  if (auto s = CheckAssignee(references_, call, r.assignee_id()); !s.ok()) return s;
  v1::Task values;
  values.set_title(r.title());
  values.set_description(r.description());
  if (r.has_due_at()) *values.mutable_due_at() = r.due_at();
  values.set_assignee_id(r.assignee_id().empty() ? call.user_id : r.assignee_id());
  values.set_priority(r.priority());
  if (r.has_snoozed_until()) *values.mutable_snoozed_until() = r.snoozed_until();
  if (r.has_related()) *values.mutable_related() = r.related();
  values.set_created_by(call.user_id);
  return tasks_.Write([&](TaskQueries& tasks, bus::EventSink& events) -> absl::Status {
    if (values.has_related()) {
      auto visible = tasks.RecordVisible(values.related().type(), values.related().id());
      if (!visible.ok()) return visible.status();
      if (!*visible) return errors::Validation("related.id", "is not a " + values.related().type() + " here");
    }
    auto created = tasks.Insert(ids::NewUuidV7(), values);
    if (!created.ok()) return created.status();
    *out = *std::move(created);
    return EmitTaskChanged(events, "task.created", *out);
  });
}

absl::Status TaskLogic::Get(const service::CallContext& call, std::string_view id, v1::Task* out) {
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a task id");
  return tasks_.Read([&](TaskQueries& tasks) -> absl::Status {
    auto found = tasks.Find(*canonical);
    if (!found.ok()) return found.status();
    if (!*found) return errors::NotFound("task");
    if (auto s = MayReadTask(call, **found); !s.ok()) return s;
    *out = **std::move(found);
    return absl::OkStatus();
  });
}

absl::Status TaskLogic::List(const service::CallContext& call, const v1::ListTasksRequest& r,
                             v1::ListTasksResponse* out) {
  TaskFilter filter{.status = r.status(), .priority = r.priority(), .related_type = r.related_type(),
                    .overdue = r.overdue(), .readable_types = ReadableTypes(call)};
  if (auto s = ParseOrder(r, &filter); !s.ok()) return s;
  std::vector<FieldError> problems;
  filter.assignee_id = r.assignee_id() == "me" ? call.user_id : r.assignee_id();
  CheckId(&filter.assignee_id, "assignee_id", "a user id or \"me\"", problems);
  if (!r.status().empty() && r.status() != "open" && r.status() != "done") {
    problems.push_back({"status", "must be open or done"});
  }
  if (!r.priority().empty() && !IsPriority(r.priority())) {
    problems.push_back({"priority", "must be low, normal, high or urgent"});
  }
  filter.related_id = r.related_id();
  CheckId(&filter.related_id, "related_id", "a record id", problems);
  if (!r.related_type().empty() && !IsRecordType(r.related_type())) {
    problems.push_back({"related_type", "must be lead, client, deal or order"});
  }
  if (r.related_type().empty() != r.related_id().empty()) {
    if (r.related_type().empty()) problems.push_back({"related_type", "is required with related_id"});
    else problems.push_back({"related_id", "is required with related_type"});
  }
  if (!problems.empty()) return errors::Validation(std::move(problems));
  return tasks_.Read([&](TaskQueries& tasks) -> absl::Status {
    out->Clear();
    std::vector<v1::Task> found;
    auto more = tasks.List(filter, &found);
    if (!more.ok()) return more.status();
    for (auto& task : found) *out->add_data() = std::move(task);
    service::FinishPage(filter.page.limit, *more, out, [&](const v1::Task& last) {
      switch (filter.sort) {
        case TaskSort::kDue: return service::KeyedCursor(kListByDue, last.id(), DueKey(last));
        case TaskSort::kCreatedDesc: return service::IdCursor(kListDesc, last.id());
        case TaskSort::kCreated: break;
      }
      return service::IdCursor(kList, last.id());
    });
    return absl::OkStatus();
  });
}

absl::Status TaskLogic::Update(const service::CallContext& call, v1::UpdateTaskRequest r, v1::Task* out) {
  const auto id = ids::NormalizeUuid(r.id());
  if (!id) return errors::Validation("id", "must be a task id");
  std::vector<FieldError> problems;
  if (r.has_title()) CheckRequiredText(r.mutable_title(), "title", 200, problems);
  if (r.has_description()) CheckText(r.mutable_description(), "description", 10000, problems);
  if (r.has_assignee_id()) CheckId(r.mutable_assignee_id(), "assignee_id", "a user id", problems);
  if (r.has_priority() && !IsPriority(r.priority())) {
    problems.push_back({"priority", "must be low, normal, high or urgent"});
  }
  if (r.has_status() && r.status() != "open" && r.status() != "done") {
    problems.push_back({"status", "must be open or done"});
  }
  if (r.has_version() && r.version() < 1) problems.push_back({"version", "must be a positive integer"});
  if (!problems.empty()) return errors::Validation(std::move(problems));
  if (r.has_assignee_id()) {
    if (auto s = CheckAssignee(references_, call, r.assignee_id()); !s.ok()) return s;
  }
  const bool new_due = service::BodyHas(r, "due_at");
  const bool new_snooze = service::BodyHas(r, "snoozed_until");
  return tasks_.Write([&](TaskQueries& tasks, bus::EventSink& events) -> absl::Status {
    auto current = service::AtVersion(tasks.Lock(*id), "task", std::nullopt, [](const auto& record) { return record.version(); });
    if (!current.ok()) return current.status();
    const v1::Task& was = *current;
    if (auto s = MayReadTask(call, was); !s.ok()) return s;
    if (auto s = service::CheckVersion("task", service::RequestedVersion(r), was.version()); !s.ok()) return s;
    const int version = was.version();
    v1::Task values = was;
    if (r.has_title()) values.set_title(r.title());
    if (r.has_description()) values.set_description(r.description());
    if (r.has_assignee_id()) values.set_assignee_id(r.assignee_id().empty() ? call.user_id : r.assignee_id());
    if (r.has_priority()) values.set_priority(r.priority());
    if (r.has_status()) values.set_status(r.status());
    if (new_due) {
      if (r.has_due_at()) *values.mutable_due_at() = r.due_at();
      else values.clear_due_at();
    }
    if (new_snooze) {
      if (r.has_snoozed_until()) *values.mutable_snoozed_until() = r.snoozed_until();
      else values.clear_snoozed_until();
    }
    const bool completing = was.status() == "open" && values.status() == "done";
    const bool reopening = was.status() == "done" && values.status() == "open";
    std::vector<std::string> changed = service::FieldsSet(r, {"title", "description", "assignee_id", "priority"});
    // A time sent as it was is no change, and arms no second task.overdue.
    if (!SameTime(values.has_due_at(), values.due_at(), was.has_due_at(), was.due_at())) changed.push_back("due_at");
    if (!SameTime(values.has_snoozed_until(), values.snoozed_until(), was.has_snoozed_until(), was.snoozed_until())) {
      changed.push_back("snoozed_until");
    }
    if (reopening) changed.push_back("status");
    if (changed.empty() && !completing) {  // nothing to write: no new version, no event
      *out = was;
      return absl::OkStatus();
    }
    auto updated = tasks.Update(*id, version, values, Alarm(values) != Alarm(was) || reopening);
    if (!updated.ok()) return updated.status();
    if (!*updated) {
      // The task is locked, so the record it is about went out of sight
      // while this transaction waited for it.
      return errors::NotFound("task");
    }
    if (!changed.empty()) {
      if (auto s = EmitTaskChanged(events, "task.updated", **updated, std::move(changed)); !s.ok()) return s;
    }
    if (completing) {
      if (auto s = EmitTaskChanged(events, "task.completed", **updated); !s.ok()) return s;
    }
    *out = **std::move(updated);
    return absl::OkStatus();
  });
}

absl::Status TaskLogic::Delete(const service::CallContext& call, std::string_view id) {
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a task id");
  return tasks_.Write([&](TaskQueries& tasks, bus::EventSink& events) -> absl::Status {
    auto current = tasks.Lock(*canonical);
    if (!current.ok()) return current.status();
    if (!*current) return errors::NotFound("task");
    if (auto s = MayReadTask(call, **current); !s.ok()) return s;
    auto archived = tasks.Archive(*canonical);
    if (!archived.ok()) return archived.status();
    if (!*archived) return errors::NotFound("task");
    return EmitTaskChanged(events, "task.deleted", **archived);
  });
}

absl::StatusOr<int> TaskLogic::NotifyOverdue(const service::CallContext&, int limit) {
  int told = 0;
  auto status = tasks_.Write([&](TaskQueries& tasks, bus::EventSink& events) -> absl::Status {
    told = 0;
    auto claimed = tasks.ClaimOverdue(limit);
    if (!claimed.ok()) return claimed.status();
    for (const v1::Task& task : *claimed) {
      if (auto s = EmitTaskChanged(events, "task.overdue", task); !s.ok()) return s;
    }
    told = static_cast<int>(claimed->size());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return told;
}

}  // namespace sentra::core
