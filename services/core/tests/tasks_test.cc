// TaskLogic on fakes: defaults, the record a task is about, completing and
// reopening, the overdue check telling each task once per due time, and
// lists in due order page by page.
#include "src/tasks.h"

#include <catch2/catch.hpp>
#include <google/protobuf/util/time_util.h>

#include "fake_references.h"
#include "fake_task_queries.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/task.pb.h"
#include "sentra/testing/error_fields.h"
#include "sentra/testing/fake_repository.h"

namespace sentra::core {
namespace {

using google::protobuf::util::TimeUtil;
using service::CallContext;
using Repo = sentra::testing::FakeRepository<TaskQueries, testing::FakeTaskQueries>;

constexpr char kLead[] = "0190f1c2-3b4a-7def-8123-456789abc001";
constexpr char kHiddenLead[] = "0190f1c2-3b4a-7def-8123-456789abc002";
constexpr char kColleague[] = "0190f1c2-3b4a-7def-8123-456789abcd02";
constexpr std::int64_t kMinute = 60'000'000;

// Finds every member but one, as auth would name it.
class OneMissingMember final : public ReferenceChecker {
 public:
  absl::Status Check(const CallContext&, std::string_view owner_id, std::string_view) const override {
    if (owner_id == "0190f1c2-3b4a-7def-8123-4567890000ff") return errors::Validation("owner_id", "is not a member");
    return absl::OkStatus();
  }
};

struct Fixture {
  Fixture() { repo.state.records = {std::string("lead:") + kLead}; }

  v1::Task Create(const std::string& title, std::optional<std::int64_t> due_in = std::nullopt) {
    v1::CreateTaskRequest request;
    request.set_title(title);
    if (due_in) *request.mutable_due_at() = At(*due_in);
    v1::Task out;
    const auto status = tasks.Create(call, request, &out);
    INFO(status.ToString());
    REQUIRE(status.ok());
    return out;
  }

  // `offset` microseconds from the fake clock's now.
  google::protobuf::Timestamp At(std::int64_t offset) const {
    return TimeUtil::MicrosecondsToTimestamp(repo.state.now_micros + offset);
  }

  int Notify() {
    auto told = tasks.NotifyOverdue(call, 100);
    REQUIRE(told.ok());
    return *told;
  }

  std::vector<std::string> EventTypes() const {
    std::vector<std::string> types;
    for (const auto& e : repo.events) types.push_back(e.type);
    return types;
  }

  Repo repo;
  OneMissingMember references;
  TaskLogic tasks{repo, references};
  CallContext call{.org_id = "0190f1c2-3b4a-7def-8123-456789abcdef",
                   .user_id = "0190f1c2-3b4a-7def-8123-456789abcd01",
                   .permissions = "tasks:read,tasks:write,leads:read"};
};

}  // namespace

TEST_CASE("a task is the caller's, normal and open unless told, and may be about a record they see",
          "[core][tasks]") {
  Fixture f;
  const v1::Task task = f.Create("Call Ada");
  CHECK(task.assignee_id() == f.call.user_id);
  CHECK(task.created_by() == f.call.user_id);
  CHECK(task.priority() == "normal");
  CHECK(task.status() == "open");
  CHECK(f.EventTypes() == std::vector<std::string>{"task.created"});

  v1::CreateTaskRequest about;
  about.set_title("Send the quote");
  about.set_priority("urgent");
  about.set_assignee_id(kColleague);
  about.mutable_related()->set_type("lead");
  about.mutable_related()->set_id(kLead);
  v1::Task out;
  REQUIRE(f.tasks.Create(f.call, about, &out).ok());
  CHECK(out.related().id() == kLead);
  CHECK(out.assignee_id() == kColleague);
  CHECK(f.repo.events.back().As<events::v1::TaskChanged>().related_type() == "lead");

  // A lead they do not see, a deal without deals:read, a member not there.
  about.mutable_related()->set_id(kHiddenLead);
  CHECK(sentra::testing::ErrorFields(f.tasks.Create(f.call, about, &out)) == std::vector<std::string>{"related.id"});
  about.mutable_related()->set_type("deal");
  CHECK(errors::AppCode(f.tasks.Create(f.call, about, &out)) == "FORBIDDEN");
  about.clear_related();
  about.set_assignee_id("0190f1c2-3b4a-7def-8123-4567890000ff");
  CHECK(sentra::testing::ErrorFields(f.tasks.Create(f.call, about, &out)) == std::vector<std::string>{"assignee_id"});
  CHECK(f.repo.state.tasks.size() == 2);
}

TEST_CASE("task input is checked field by field", "[core][tasks]") {
  Fixture f;
  v1::CreateTaskRequest bad;
  bad.set_title("  ");
  bad.set_priority("asap");
  bad.set_assignee_id("nope");
  bad.mutable_related()->set_type("invoice");
  v1::Task out;
  CHECK(sentra::testing::ErrorFields(f.tasks.Create(f.call, bad, &out)) ==
        std::vector<std::string>{"title", "assignee_id", "priority", "related.type", "related.id"});
  const v1::Task task = f.Create("Valid");
  v1::UpdateTaskRequest patch;
  patch.set_id(task.id());
  patch.set_status("finished");
  patch.set_priority("");
  patch.set_version(0);
  CHECK(sentra::testing::ErrorFields(f.tasks.Update(f.call, patch, &out)) == std::vector<std::string>{"priority", "status", "version"});
  v1::ListTasksRequest list;
  list.set_sort("title");
  v1::ListTasksResponse page;
  CHECK(sentra::testing::ErrorFields(f.tasks.List(f.call, list, &page)) == std::vector<std::string>{"sort"});
  list.clear_sort();
  list.set_related_type("lead");
  list.set_status("late");
  CHECK(sentra::testing::ErrorFields(f.tasks.List(f.call, list, &page)) == std::vector<std::string>{"status", "related_id"});
}

TEST_CASE("completing says task.completed once, reopening and rescheduling are updates", "[core][tasks]") {
  Fixture f;
  const v1::Task task = f.Create("Call Ada", kMinute);
  v1::UpdateTaskRequest done;
  done.set_id(task.id());
  done.set_status("done");
  v1::Task out;
  REQUIRE(f.tasks.Update(f.call, done, &out).ok());
  CHECK(out.status() == "done");
  CHECK(out.has_completed_at());
  REQUIRE(f.tasks.Update(f.call, done, &out).ok());  // done again: no news
  CHECK(f.EventTypes() == std::vector<std::string>{"task.created", "task.completed"});

  v1::UpdateTaskRequest reopen;
  reopen.set_id(task.id());
  reopen.set_status("open");
  reopen.set_title("Call Ada back");
  *reopen.mutable_due_at() = f.At(2 * kMinute);
  reopen.add_body_fields("due_at");
  reopen.set_version(2);
  REQUIRE(f.tasks.Update(f.call, reopen, &out).ok());
  CHECK(out.status() == "open");
  CHECK_FALSE(out.has_completed_at());
  const auto updated = f.repo.events.back().As<events::v1::TaskChanged>();
  CHECK(std::vector<std::string>(updated.changed_fields().begin(), updated.changed_fields().end()) ==
        std::vector<std::string>{"title", "due_at", "status"});
  CHECK(errors::AppCode(f.tasks.Update(f.call, reopen, &out)) == "VERSION_CONFLICT");

  // "due_at": null clears it; no "due_at" keeps it.
  v1::UpdateTaskRequest keep;
  keep.set_id(task.id());
  keep.set_priority("high");
  REQUIRE(f.tasks.Update(f.call, keep, &out).ok());
  CHECK(out.has_due_at());
  v1::UpdateTaskRequest clear;
  clear.set_id(task.id());
  clear.add_body_fields("due_at");
  REQUIRE(f.tasks.Update(f.call, clear, &out).ok());
  CHECK_FALSE(out.has_due_at());
}

TEST_CASE("an overdue task is told once per due time, after its snooze, never when done", "[core][tasks]") {
  Fixture f;
  const v1::Task late = f.Create("Late", -kMinute);
  const v1::Task later = f.Create("Later", kMinute);
  f.Create("Whenever");
  const v1::Task finished = f.Create("Finished", -kMinute);
  v1::UpdateTaskRequest done;
  done.set_id(finished.id());
  done.set_status("done");
  v1::Task out;
  REQUIRE(f.tasks.Update(f.call, done, &out).ok());

  CHECK(f.Notify() == 1);
  const auto told = f.repo.events.back();
  CHECK(told.type == "task.overdue");
  CHECK(told.As<events::v1::TaskChanged>().task_id() == late.id());
  CHECK(f.repo.state.tasks.at(late.id()).has_overdue_at());
  CHECK(f.Notify() == 0);  // once

  // Snoozed past its due time: told when the snooze ends.
  v1::UpdateTaskRequest snooze;
  snooze.set_id(later.id());
  *snooze.mutable_snoozed_until() = f.At(5 * kMinute);
  snooze.add_body_fields("snoozed_until");
  REQUIRE(f.tasks.Update(f.call, snooze, &out).ok());
  f.repo.state.now_micros += 2 * kMinute;
  CHECK(f.Notify() == 0);
  f.repo.state.now_micros += 4 * kMinute;
  CHECK(f.Notify() == 1);

  // A new due time arms it again.
  v1::UpdateTaskRequest reschedule;
  reschedule.set_id(late.id());
  *reschedule.mutable_due_at() = f.At(-kMinute);
  reschedule.add_body_fields("due_at");
  REQUIRE(f.tasks.Update(f.call, reschedule, &out).ok());
  CHECK_FALSE(out.has_overdue_at());
  CHECK(f.Notify() == 1);

  v1::ListTasksRequest overdue;
  overdue.set_overdue(true);
  v1::ListTasksResponse page;
  REQUIRE(f.tasks.List(f.call, overdue, &page).ok());
  CHECK(page.data_size() == 2);
}

TEST_CASE("tasks are listed soonest due first, those without a due time last, page by page", "[core][tasks]") {
  Fixture f;
  const v1::Task third = f.Create("Third", 3 * kMinute);
  const v1::Task none = f.Create("None");
  const v1::Task first = f.Create("First", kMinute);
  const v1::Task second = f.Create("Second", 2 * kMinute);
  v1::ListTasksRequest request;
  request.set_sort("due_at");
  request.set_limit(2);
  std::vector<std::string> seen;
  for (int pages = 0; pages < 5; ++pages) {
    v1::ListTasksResponse page;
    const auto status = f.tasks.List(f.call, request, &page);
    INFO(status.ToString());
    REQUIRE(status.ok());
    for (const auto& t : page.data()) seen.push_back(t.title());
    if (!page.has_next_cursor()) break;
    request.set_cursor(page.next_cursor());
  }
  CHECK(seen == std::vector<std::string>{"First", "Second", "Third", "None"});

  // A cursor of one order is not taken by another.
  request.set_sort("-created_at");
  v1::ListTasksResponse page;
  CHECK(sentra::testing::ErrorFields(f.tasks.List(f.call, request, &page)) == std::vector<std::string>{"cursor"});
  request.clear_cursor();
  request.set_limit(10);
  request.set_assignee_id("me");
  REQUIRE(f.tasks.List(f.call, request, &page).ok());
  CHECK(page.data_size() == 4);
  CHECK(third.id() != none.id());
  CHECK(first.id() != second.id());
}

}  // namespace sentra::core

namespace sentra::core {

TEST_CASE("a task about a record is read, changed and deleted only with the record's read permission",
          "[core][tasks]") {
  Fixture f;
  v1::CreateTaskRequest about;
  about.set_title("Send the quote");
  about.mutable_related()->set_type("lead");
  about.mutable_related()->set_id(kLead);
  v1::Task task;
  REQUIRE(f.tasks.Create(f.call, about, &task).ok());
  const v1::Task own = f.Create("Mine alone");
  const service::CallContext tasks_only{.org_id = f.call.org_id, .user_id = f.call.user_id,
                                        .permissions = "tasks:read,tasks:write"};
  v1::Task out;
  CHECK(errors::AppCode(f.tasks.Get(tasks_only, task.id(), &out)) == "FORBIDDEN");
  v1::UpdateTaskRequest done;
  done.set_id(task.id());
  done.set_status("done");
  CHECK(errors::AppCode(f.tasks.Update(tasks_only, done, &out)) == "FORBIDDEN");
  CHECK(errors::AppCode(f.tasks.Delete(tasks_only, task.id())) == "FORBIDDEN");
  v1::ListTasksResponse list;
  REQUIRE(f.tasks.List(tasks_only, {}, &list).ok());
  REQUIRE(list.data_size() == 1);
  CHECK(list.data(0).id() == own.id());
  CHECK(f.repo.state.tasks.at(task.id()).status() == "open");
}

TEST_CASE("a due time sent as it was is no change and tells no second overdue", "[core][tasks]") {
  Fixture f;
  const v1::Task late = f.Create("Late", -kMinute);
  CHECK(f.Notify() == 1);
  v1::UpdateTaskRequest same;
  same.set_id(late.id());
  *same.mutable_due_at() = late.due_at();
  same.add_body_fields("due_at");
  same.add_body_fields("snoozed_until");  // null, and none was set
  v1::Task out;
  const auto events = f.repo.events.size();
  REQUIRE(f.tasks.Update(f.call, same, &out).ok());
  CHECK(out.has_overdue_at());
  CHECK(f.repo.events.size() == events);
  CHECK(f.Notify() == 0);
}

}  // namespace sentra::core
