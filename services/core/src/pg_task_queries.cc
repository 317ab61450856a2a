#include "pg_task_queries.h"

#include <algorithm>

#include <google/protobuf/util/time_util.h>

#include "record_visibility.h"
#include "sentra/db/page_budget.h"
#include "sentra/db/query.h"

namespace sentra::core {

namespace {

using db::Query;
using google::protobuf::Timestamp;
using google::protobuf::util::TimeUtil;

// The columns every task statement returns (`t` the task), in ReadTask's
// order; absent times come as NULL.
#define SENTRA_TASK_COLUMNS                                                                                  \
  "t.id, t.title, t.description, (extract(epoch from t.due_at) * 1000000)::bigint, t.assignee_id, "          \
  "t.priority, t.status, (extract(epoch from t.snoozed_until) * 1000000)::bigint, "                          \
  "coalesce(t.related_type, ''), coalesce(t.related_id::text, ''), t.created_by, t.version, "                \
  "(extract(epoch from t.created_at) * 1000000)::bigint, (extract(epoch from t.updated_at) * 1000000)::bigint, " \
  "(extract(epoch from t.completed_at) * 1000000)::bigint, (extract(epoch from t.overdue_at) * 1000000)::bigint"
// A live task the caller sees: about no record, or about one they see.
#define SENTRA_LIVE_TASK                                                                  \
  "t.org_id = $1 AND t.archived_at IS NULL AND (t.related_type IS NULL OR " SENTRA_RECORD_VISIBLE( \
      "t.related_type", "t.related_id") ") "
// $2-$6 filters ("" for any), $7 only overdue ones, $8 the record types
// whose tasks the caller may read (comma-separated).
#define SENTRA_TASK_FILTERS                                                                                 \
  "AND ($2 = '' OR t.assignee_id = NULLIF($2, '')::uuid) AND ($3 = '' OR t.status = $3) "                    \
  "AND ($4 = '' OR t.priority = $4) AND ($5 = '' OR (t.related_type = $5 AND t.related_id = NULLIF($6, '')::uuid)) " \
  "AND (NOT $7 OR (" SENTRA_TASK_ALARM ")) AND (t.related_type IS NULL OR t.related_type = ANY "            \
  "(string_to_array($8, ','))) "
// Open, due, past its due time and past its snooze.
#define SENTRA_TASK_ALARM \
  "t.status = 'open' AND t.due_at IS NOT NULL AND greatest(t.due_at, t.snoozed_until) <= now()"

void SetTime(const db::Result& r, int row, int column, Timestamp* out) {
  *out = TimeUtil::MicrosecondsToTimestamp(r.Int(row, column));
}

void ReadTask(const db::Result& r, int row, v1::Task* t) {
  t->set_id(r.String(row, 0));
  t->set_title(r.String(row, 1));
  t->set_description(r.String(row, 2));
  if (!r.IsNull(row, 3)) SetTime(r, row, 3, t->mutable_due_at());
  t->set_assignee_id(r.String(row, 4));
  t->set_priority(r.String(row, 5));
  t->set_status(r.String(row, 6));
  if (!r.IsNull(row, 7)) SetTime(r, row, 7, t->mutable_snoozed_until());
  if (!r.Text(row, 8).empty()) {
    t->mutable_related()->set_type(r.String(row, 8));
    t->mutable_related()->set_id(r.String(row, 9));
  }
  t->set_created_by(r.String(row, 10));
  t->set_version(static_cast<int>(r.Int(row, 11)));
  SetTime(r, row, 12, t->mutable_created_at());
  SetTime(r, row, 13, t->mutable_updated_at());
  if (!r.IsNull(row, 14)) SetTime(r, row, 14, t->mutable_completed_at());
  if (!r.IsNull(row, 15)) SetTime(r, row, 15, t->mutable_overdue_at());
}

std::optional<std::int64_t> DueMicros(const v1::Task& t) {
  if (!t.has_due_at()) return std::nullopt;
  return TimeUtil::TimestampToMicroseconds(t.due_at());
}

std::optional<std::int64_t> SnoozeMicros(const v1::Task& t) {
  if (!t.has_snoozed_until()) return std::nullopt;
  return TimeUtil::TimestampToMicroseconds(t.snoozed_until());
}

constexpr Query kRecordVisible{"core.task_record_visible",
                               "SELECT " SENTRA_RECORD_VISIBLE("$2::text", "$3::uuid")};
constexpr Query kInsert{
    "core.insert_task",
    "INSERT INTO tasks (org_id, id, title, description, due_at, snoozed_until, assignee_id, priority, status, "
    "related_type, related_id, created_by) VALUES ($1, $2, $3, $4, " SENTRA_SQL_MICROS("$5") ", " SENTRA_SQL_MICROS("$6")
    ", $7, $8, 'open', NULLIF($9, ''), NULLIF($10, '')::uuid, $11)"};
constexpr Query kFind{"core.get_task",
                      "SELECT " SENTRA_TASK_COLUMNS " FROM tasks t WHERE " SENTRA_LIVE_TASK "AND t.id = $2"};
constexpr Query kLock{"core.lock_task", "SELECT " SENTRA_TASK_COLUMNS " FROM tasks t WHERE " SENTRA_LIVE_TASK
                                        "AND t.id = $2 FOR NO KEY UPDATE OF t"};
// $9 after id, $10 limit.
#define SENTRA_TASK_PAGE(AFTER, ORDER)                                                                            \
  SENTRA_SQL_PAGE(SENTRA_TASK_COLUMNS, "t.listed_bytes", "tasks t WHERE " SENTRA_LIVE_TASK SENTRA_TASK_FILTERS AFTER, \
                  ORDER, "$10")
constexpr Query kListByCreated{"core.list_tasks",
                               SENTRA_TASK_PAGE("AND ($9 = '' OR t.id > NULLIF($9, '')::uuid)", "t.id")};
constexpr Query kListByCreatedDesc{"core.list_tasks_desc",
                                   SENTRA_TASK_PAGE("AND ($9 = '' OR t.id < NULLIF($9, '')::uuid)", "t.id DESC")};
// Soonest due first, tasks without a due time last; $11 the last one's due
// time in microseconds (NULL: it had none).
constexpr Query kListByDue{
    "core.list_tasks_by_due",
    SENTRA_TASK_PAGE("AND ($9 = '' OR (coalesce(t.due_at, 'infinity'::timestamptz), t.id) > "
                     "(coalesce(" SENTRA_SQL_MICROS("$11") ", 'infinity'::timestamptz), NULLIF($9, '')::uuid))",
                     "coalesce(t.due_at, 'infinity'::timestamptz), t.id")};
#undef SENTRA_TASK_PAGE
constexpr Query kUpdate{
    "core.update_task",
    "UPDATE tasks t SET title = $3, description = $4, due_at = " SENTRA_SQL_MICROS("$5") ", snoozed_until = "
    SENTRA_SQL_MICROS("$6") ", assignee_id = $7, priority = $8, status = $9, "
    "completed_at = CASE WHEN $9 = 'done' THEN coalesce(t.completed_at, now()) END, "
    "overdue_at = CASE WHEN $11 THEN NULL ELSE t.overdue_at END, version = t.version + 1, updated_at = now() "
    "WHERE " SENTRA_LIVE_TASK "AND t.id = $2 AND t.version = $10 RETURNING " SENTRA_TASK_COLUMNS};
constexpr Query kArchive{"core.archive_task",
                         "UPDATE tasks t SET archived_at = now(), version = t.version + 1, updated_at = now() "
                         "WHERE " SENTRA_LIVE_TASK "AND t.id = $2 RETURNING " SENTRA_TASK_COLUMNS};
constexpr Query kClaimOverdue{
    "core.claim_overdue_tasks",
    "UPDATE tasks t SET overdue_at = now() WHERE t.org_id = $1 AND t.id IN (SELECT t.id FROM tasks t WHERE "
    SENTRA_LIVE_TASK "AND t.overdue_at IS NULL AND " SENTRA_TASK_ALARM
    " ORDER BY t.due_at LIMIT $2 FOR UPDATE OF t SKIP LOCKED) RETURNING " SENTRA_TASK_COLUMNS};

// $2/$3 from, $4/$5 to, $6 how many.
constexpr Query kMove{
    "core.move_tasks",
    "UPDATE tasks t SET related_type = $4, related_id = $5, version = t.version + 1, updated_at = now() "
    "WHERE t.org_id = $1 AND t.id IN (SELECT m.id FROM tasks m WHERE m.org_id = $1 AND m.related_type = $2 "
    "AND m.related_id = $3 AND m.archived_at IS NULL ORDER BY m.id LIMIT $6) RETURNING " SENTRA_TASK_COLUMNS};

#undef SENTRA_TASK_COLUMNS
#undef SENTRA_LIVE_TASK
#undef SENTRA_TASK_FILTERS
#undef SENTRA_TASK_ALARM

absl::StatusOr<std::vector<v1::Task>> AllTasks(const absl::StatusOr<db::Result>& rows) {
  if (!rows.ok()) return rows.status();
  std::vector<v1::Task> tasks(static_cast<std::size_t>(rows->rows()));
  for (int i = 0; i < rows->rows(); ++i) ReadTask(*rows, i, &tasks[static_cast<std::size_t>(i)]);
  return tasks;
}

// The tasks of a page statement's `rows` into `out`; whether more follow.
absl::StatusOr<bool> PageOfTasks(const absl::StatusOr<db::Result>& rows, std::vector<v1::Task>* out) {
  if (!rows.ok()) return rows.status();
  out->resize(static_cast<std::size_t>(rows->rows()));
  for (int i = 0; i < rows->rows(); ++i) ReadTask(*rows, i, &(*out)[static_cast<std::size_t>(i)]);
  return db::MoreAfter(*rows);
}

absl::StatusOr<std::optional<v1::Task>> OneTask(const absl::StatusOr<db::Result>& rows) {
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::nullopt;
  v1::Task task;
  ReadTask(*rows, 0, &task);
  return task;
}

}  // namespace

absl::StatusOr<bool> PgTaskQueries::RecordVisible(std::string_view type, std::string_view id) {
  auto rows = tx_.Execute(kRecordVisible, tx_.org_id(), type, id);
  if (!rows.ok()) return rows.status();
  return rows->Bool(0, 0);
}

absl::StatusOr<v1::Task> PgTaskQueries::Insert(std::string_view id, const v1::Task& v) {
  if (auto r = tx_.Execute(kInsert, tx_.org_id(), id, v.title(), v.description(), DueMicros(v), SnoozeMicros(v),
                           v.assignee_id(), v.priority(), v.related().type(), v.related().id(), v.created_by());
      !r.ok()) {
    return r.status();
  }
  auto stored = Find(id);
  if (!stored.ok()) return stored.status();
  if (!*stored) return absl::InternalError("a task just stored is not found");
  return **std::move(stored);
}

absl::StatusOr<std::optional<v1::Task>> PgTaskQueries::Find(std::string_view id) {
  return OneTask(tx_.Execute(kFind, tx_.org_id(), id));
}

absl::StatusOr<std::optional<v1::Task>> PgTaskQueries::Lock(std::string_view id) {
  return OneTask(tx_.Execute(kLock, tx_.org_id(), id));
}

absl::StatusOr<bool> PgTaskQueries::List(const TaskFilter& f, std::vector<v1::Task>* out) {
  const auto run = [&](const Query& query) {
    return tx_.Execute(query, tx_.org_id(), f.assignee_id, f.status, f.priority, f.related_type, f.related_id,
                       f.overdue, f.readable_types, f.page.after_id, f.page.limit + 1);
  };
  switch (f.sort) {
    case TaskSort::kCreatedDesc: return PageOfTasks(run(kListByCreatedDesc), out);
    case TaskSort::kDue:
      return PageOfTasks(tx_.Execute(kListByDue, tx_.org_id(), f.assignee_id, f.status, f.priority, f.related_type,
                                     f.related_id, f.overdue, f.readable_types, f.page.after_id, f.page.limit + 1,
                                     f.after_due_micros),
                         out);
    case TaskSort::kCreated: break;
  }
  return PageOfTasks(run(kListByCreated), out);
}

absl::StatusOr<std::optional<v1::Task>> PgTaskQueries::Update(std::string_view id, int version, const v1::Task& v,
                                                              bool rearm) {
  return OneTask(tx_.Execute(kUpdate, tx_.org_id(), id, v.title(), v.description(), DueMicros(v), SnoozeMicros(v),
                             v.assignee_id(), v.priority(), v.status(), version, rearm));
}

absl::StatusOr<std::optional<v1::Task>> PgTaskQueries::Archive(std::string_view id) {
  return OneTask(tx_.Execute(kArchive, tx_.org_id(), id));
}

absl::StatusOr<std::vector<v1::Task>> PgTaskQueries::ClaimOverdue(int limit) {
  return AllTasks(tx_.Execute(kClaimOverdue, tx_.org_id(), limit));
}

absl::StatusOr<std::vector<v1::Task>> PgTaskQueries::Move(std::string_view from_type, std::string_view from_id,
                                                         std::string_view to_type, std::string_view to_id, int limit) {
  auto moved = AllTasks(tx_.Execute(kMove, tx_.org_id(), from_type, from_id, to_type, to_id, limit));
  if (!moved.ok()) return moved.status();
  // RETURNING comes in no particular order: the oldest first, as selected.
  std::sort(moved->begin(), moved->end(), [](const v1::Task& a, const v1::Task& b) { return a.id() < b.id(); });
  return moved;
}

}  // namespace sentra::core
