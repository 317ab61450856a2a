// Tasks in a map, for TaskLogic's unit tests: what the Postgres queries do,
// minus SQL. `now` is the fake clock of the overdue claim.
#pragma once

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <map>
#include <set>

#include "src/task_queries.h"

namespace sentra::core::testing {

class FakeTaskQueries final : public TaskQueries {
 public:
  absl::StatusOr<bool> RecordVisible(std::string_view type, std::string_view id) override {
    return records.contains(std::string(type) + ":" + std::string(id));
  }

  absl::StatusOr<v1::Task> Insert(std::string_view id, const v1::Task& values) override {
    v1::Task& stored = tasks[std::string(id)];
    stored = values;
    stored.set_id(std::string(id));
    stored.set_status("open");
    stored.set_version(1);
    return stored;
  }

  absl::StatusOr<std::optional<v1::Task>> Find(std::string_view id) override {
    auto it = tasks.find(std::string(id));
    if (it == tasks.end() || !Visible(it->second)) return std::nullopt;
    return it->second;
  }

  absl::StatusOr<std::optional<v1::Task>> Lock(std::string_view id) override { return Find(id); }

  absl::StatusOr<bool> List(const TaskFilter& f, std::vector<v1::Task>* listed) override {
    std::vector<v1::Task>& out = *listed;
    for (const auto& [id, t] : tasks) {
      if (!Visible(t)) continue;
      if (!f.assignee_id.empty() && t.assignee_id() != f.assignee_id) continue;
      if (!f.status.empty() && t.status() != f.status) continue;
      if (!f.priority.empty() && t.priority() != f.priority) continue;
      if (!f.related_type.empty() && (t.related().type() != f.related_type || t.related().id() != f.related_id)) {
        continue;
      }
      if (f.overdue && !Alarmed(t)) continue;
      if (t.has_related() && f.readable_types.find(t.related().type()) == std::string::npos) continue;
      out.push_back(t);
    }
    const auto due = [](const v1::Task& t) {
      return t.has_due_at() ? Micros(t.due_at()) : std::numeric_limits<std::int64_t>::max();
    };
    if (f.sort == TaskSort::kDue) {
      std::stable_sort(out.begin(), out.end(), [&](const v1::Task& a, const v1::Task& b) {
        return std::pair(due(a), a.id()) < std::pair(due(b), b.id());
      });
    } else if (f.sort == TaskSort::kCreatedDesc) {
      std::reverse(out.begin(), out.end());
    }
    if (!f.page.after_id.empty()) {
      const auto after = [&](const v1::Task& t) {
        switch (f.sort) {
          case TaskSort::kDue:
            return std::pair(due(t), t.id()) >
                   std::pair(f.after_due_micros.value_or(std::numeric_limits<std::int64_t>::max()), f.page.after_id);
          case TaskSort::kCreatedDesc: return t.id() < f.page.after_id;
          case TaskSort::kCreated: break;
        }
        return t.id() > f.page.after_id;
      };
      std::erase_if(out, [&](const v1::Task& t) { return !after(t); });
    }
    if (static_cast<int>(out.size()) > f.page.limit + 1) out.resize(static_cast<std::size_t>(f.page.limit + 1));
    return false;  // no byte budget here: the extra item tells
  }

  absl::StatusOr<std::optional<v1::Task>> Update(std::string_view id, int version, const v1::Task& values,
                                                 bool rearm) override {
    auto found = Find(id);
    if (!found.ok() || !*found || (*found)->version() != version) return std::optional<v1::Task>();
    v1::Task& stored = tasks.at(std::string(id));
    const v1::Task was = stored;
    stored = values;
    stored.set_version(version + 1);
    if (values.status() == "done" && !was.has_completed_at()) *stored.mutable_completed_at() = Now();
    if (values.status() != "done") stored.clear_completed_at();
    if (rearm) stored.clear_overdue_at();
    return stored;
  }

  absl::StatusOr<std::optional<v1::Task>> Archive(std::string_view id) override {
    auto found = Find(id);
    if (!found.ok() || !*found) return found;
    tasks.erase(std::string(id));
    return found;
  }

  absl::StatusOr<std::vector<v1::Task>> ClaimOverdue(int limit) override {
    std::vector<v1::Task> claimed;
    for (auto& [id, t] : tasks) {
      if (static_cast<int>(claimed.size()) == limit) break;
      if (!Visible(t) || t.has_overdue_at() || !Alarmed(t)) continue;
      *t.mutable_overdue_at() = Now();
      claimed.push_back(t);
    }
    return claimed;
  }

  absl::StatusOr<std::vector<v1::Task>> Move(std::string_view from_type, std::string_view from_id,
                                             std::string_view to_type, std::string_view to_id, int limit) override {
    std::vector<v1::Task> moved;
    for (auto& [id, t] : tasks) {
      if (static_cast<int>(moved.size()) == limit) break;
      if (t.related().type() != from_type || t.related().id() != from_id) continue;
      t.mutable_related()->set_type(std::string(to_type));
      t.mutable_related()->set_id(std::string(to_id));
      t.set_version(t.version() + 1);
      moved.push_back(t);
    }
    return moved;
  }

  std::set<std::string> records;  // "lead:<id>" the caller sees
  std::map<std::string, v1::Task> tasks;
  std::int64_t now_micros = 1'800'000'000'000'000;

 private:
  static std::int64_t Micros(const google::protobuf::Timestamp& t) {
    return google::protobuf::util::TimeUtil::TimestampToMicroseconds(t);
  }
  google::protobuf::Timestamp Now() const {
    return google::protobuf::util::TimeUtil::MicrosecondsToTimestamp(now_micros);
  }
  bool Visible(const v1::Task& t) const {
    return !t.has_related() || records.contains(t.related().type() + ":" + t.related().id());
  }
  bool Alarmed(const v1::Task& t) const {
    if (t.status() != "open" || !t.has_due_at()) return false;
    std::int64_t at = Micros(t.due_at());
    if (t.has_snoozed_until()) at = std::max(at, Micros(t.snoozed_until()));
    return at <= now_micros;
  }
};

}  // namespace sentra::core::testing
