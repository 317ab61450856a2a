// Tasks, through the gateway against the real stack: about a record or
// none, completed by PATCH, listed in due order, and told overdue once by
// the scheduled check (every second in the test stack).
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "stack.h"

using namespace sentra::e2e;

namespace {

std::string Events(const std::string& id) {
  return QueryStackDb("SELECT string_agg(event_type, ',' ORDER BY seq) FROM core.outbox WHERE aggregate_id = '" + id +
                      "'");
}

// The task's events once they are `expected`, or what they are after `wait`.
std::string EventsBecoming(const std::string& id, const std::string& expected,
                           std::chrono::seconds wait = std::chrono::seconds(15)) {
  const auto deadline = std::chrono::steady_clock::now() + wait;
  std::string events = Events(id);
  while (events != expected && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    events = Events(id);
  }
  return events;
}

}  // namespace

TEST_CASE("tasks: about a lead, completed, listed by due time, told overdue once", "[e2e][tasks]") {
  Session s = SignupNewOrganization();
  const std::string lead = PostCreated("/v1/leads", R"({"name":"Ada"})", s.access_token);
  auto created = Post("/v1/tasks",
                      R"({"title":"Call Ada","due_at":"2020-01-01T09:00:00Z","priority":"high",)"
                      R"("related":{"type":"lead","id":")" + lead + R"("}})",
                      s.access_token);
  INFO(created.body);
  REQUIRE(created.status == 201);
  const std::string late = created.Field("id");
  CHECK(created.Field("assignee_id") == s.user_id);
  CHECK(created.Field("status") == "open");
  CHECK(created.Field("related.type") == "lead");
  const std::string soon = PostCreated("/v1/tasks", R"({"title":"Soon","due_at":"2999-01-01T00:00:00Z"})",
                                       s.access_token);
  const std::string whenever = PostCreated("/v1/tasks", R"({"title":"Whenever"})", s.access_token);

  // Told once, then not again.
  CHECK(EventsBecoming(late, "task.created,task.overdue") == "task.created,task.overdue");
  CHECK(!Get("/v1/tasks/" + late, s.access_token).Field("overdue_at").empty());
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  CHECK(Events(late) == "task.created,task.overdue");
  CHECK(Events(soon) == "task.created");
  auto overdue = Get("/v1/tasks?overdue=true", s.access_token);
  CHECK(overdue.body.find(late) != std::string::npos);
  CHECK(overdue.body.find(soon) == std::string::npos);

  // Soonest due first, those without a due time last, a page at a time.
  auto first = Get("/v1/tasks?sort=due_at&limit=2&assignee_id=me", s.access_token);
  REQUIRE(first.status == 200);
  const auto data = first.Json().fields().at("data").list_value();
  REQUIRE(data.values_size() == 2);
  CHECK(data.values(0).struct_value().fields().at("id").string_value() == late);
  CHECK(data.values(1).struct_value().fields().at("id").string_value() == soon);
  auto rest = Get("/v1/tasks?sort=due_at&limit=2&assignee_id=me&cursor=" + first.Field("next_cursor"),
                  s.access_token);
  CHECK(rest.body.find(whenever) != std::string::npos);
  CHECK(Get("/v1/tasks?related_type=lead&related_id=" + lead, s.access_token).body.find(late) != std::string::npos);

  // Done: task.completed; a new due time after reopening arms the check again.
  auto done = Patch("/v1/tasks/" + late, R"({"status":"done","version":1})", s.access_token);
  INFO(done.body);
  REQUIRE(done.status == 200);
  CHECK(!done.Field("completed_at").empty());
  auto reopened = Patch("/v1/tasks/" + late, R"({"status":"open","due_at":"2021-01-01T00:00:00Z"})", s.access_token);
  REQUIRE(reopened.status == 200);
  CHECK(reopened.Field("overdue_at").empty());
  const std::string rearmed = "task.created,task.overdue,task.completed,task.updated,task.overdue";
  CHECK(EventsBecoming(late, rearmed) == rearmed);
  // "due_at": null clears it; no task is told without one.
  auto cleared = Patch("/v1/tasks/" + soon, R"({"due_at":null})", s.access_token);
  CHECK(cleared.status == 200);
  CHECK(cleared.Field("due_at").empty());

  CHECK(Delete("/v1/tasks/" + whenever, s.access_token).status == 204);
  CHECK(Get("/v1/tasks/" + whenever, s.access_token).status == 404);
  // A deleted lead's tasks go out of sight with it.
  CHECK(Delete("/v1/leads/" + lead, s.access_token).status == 204);
  CHECK(Get("/v1/tasks/" + late, s.access_token).status == 404);
}

TEST_CASE("task input is checked field by field and writes nothing", "[e2e][tasks][bad-input]") {
  Session s = SignupNewOrganization();
  const std::string id = PostCreated("/v1/tasks", R"({"title":"Valid"})", s.access_token);
  struct Case {
    std::string method, target, body, field;
  };
  const std::vector<Case> cases = {
      {"POST", "/v1/tasks", R"({})", "title"},
      {"POST", "/v1/tasks", R"({"title":")" + std::string(201, 'x') + R"("})", "title"},
      {"POST", "/v1/tasks", R"({"title":"x","priority":"asap"})", "priority"},
      {"POST", "/v1/tasks", R"({"title":"x","assignee_id":"nope"})", "assignee_id"},
      {"POST", "/v1/tasks", R"({"title":"x","assignee_id":"0190f1c2-3b4a-7def-8123-000000000000"})", "assignee_id"},
      {"POST", "/v1/tasks", R"({"title":"x","due_at":"tomorrow"})", "due_at"},
      {"POST", "/v1/tasks", R"({"title":"x","due_at":"2026-02-30T00:00:00Z"})", "due_at"},
      // Past the last instant a Timestamp holds once the offset applies:
      // protobuf would abort the gateway on it.
      {"POST", "/v1/tasks", R"({"title":"x","due_at":"9999-12-31T23:59:59-01:00"})", "due_at"},
      {"PATCH", "/v1/tasks/" + id, R"({"snoozed_until":"0001-01-01T00:00:00+01:00"})", "snoozed_until"},
      // Spellings protobuf's parser takes but RFC 3339 does not, two of them
      // past the range once their offset applies.
      {"POST", "/v1/tasks", R"({"title":"x","due_at":"1-01-01T00:00:00+00:01"})", "due_at"},
      {"POST", "/v1/tasks", R"({"title":"x","due_at":"01-1-1T0:0:0+23:59"})", "due_at"},
      {"POST", "/v1/tasks", R"({"title":"x","due_at":"9999-12-31T23:59:59-01:00\u0000Z"})", "due_at"},
      {"POST", "/v1/tasks", R"({"title":"x","due_at":"2026-1-1T1:1:1Z"})", "due_at"},
      {"POST", "/v1/tasks", R"({"title":"x","related":"lead"})", "related"},
      {"POST", "/v1/tasks", R"({"title":"x","related":{"type":"invoice","id":")" + id + R"("}})", "related.type"},
      {"POST", "/v1/tasks", R"({"title":"x","related":{"type":"lead"}})", "related.id"},
      {"POST", "/v1/tasks", R"({"title":"x","related":{"type":"lead","id":")" + id + R"("}})", "related.id"},
      {"PATCH", "/v1/tasks/" + id, R"({"status":"finished"})", "status"},
      {"PATCH", "/v1/tasks/" + id, R"({"title":""})", "title"},
      {"PATCH", "/v1/tasks/" + id, R"({"version":0})", "version"},
      {"PATCH", "/v1/tasks/" + id, R"({"body_fields":["due_at"]})", "body_fields"},
      {"PATCH", "/v1/tasks/nope", R"({"title":"x"})", "id"},
      {"GET", "/v1/tasks?sort=title", "", "sort"},
      {"GET", "/v1/tasks?status=late", "", "status"},
      {"GET", "/v1/tasks?related_type=lead", "", "related_id"},
      {"GET", "/v1/tasks?assignee_id=you", "", "assignee_id"},
      {"GET", "/v1/tasks?overdue=maybe", "", "overdue"},
      {"GET", "/v1/tasks?sort=due_at&cursor=abc", "", "cursor"},
      {"GET", "/v1/tasks/nope", "", "id"},
  };
  for (const auto& c : cases) {
    auto res = Send({.method = c.method, .target = c.target, .body = c.body, .token = s.access_token});
    INFO(c.method << " " << c.target << " " << c.body << " → " << res.body);
    CHECK(res.status == 400);
    CHECK(res.body.find("\"field\":\"" + c.field + "\"") != std::string::npos);
  }
  CHECK(QueryStackDb("SELECT count(*) FROM core.tasks WHERE org_id = '" + s.org_id + "'") == "1");
  // Far times keep their microseconds, up to the last a timestamp holds.
  for (const char* due : {"9999-12-31T23:59:59.999999Z", "2400-01-01T00:00:00.000001Z"}) {
    auto far = Post("/v1/tasks", std::string(R"({"title":"far","due_at":")") + due + R"("})", s.access_token);
    INFO(far.body);
    CHECK(far.status == 201);
    CHECK(far.Field("due_at") == due);
  }
  CHECK(Get("/v1/tasks/" + id, s.access_token).Field("version") == "1");
  // A viewer reads tasks but writes none.
  Session viewer = InviteAndAccept(s, NewEmail("tasks-viewer"), "viewer");
  CHECK(Get("/v1/tasks/" + id, viewer.access_token).status == 200);
  CHECK(Post("/v1/tasks", R"({"title":"x"})", viewer.access_token).status == 403);
}
