// A client's timeline through the gateway against the real stack: built by
// core's consumer from the events, so the test waits for it to catch up.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "stack.h"

using namespace sentra::e2e;

namespace {

// The timeline's item types, newest first, once it has `count` items (or
// whatever it has after 15 s).
std::vector<std::string> TimelineTypes(const Session& s, const std::string& client, std::size_t count) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (true) {
    const auto res = Get("/v1/clients/" + client + "/timeline", s.access_token);
    INFO(res.body);
    REQUIRE(res.status == 200);
    std::vector<std::string> types;
    const auto json = res.Json();
    for (const auto& item : json.fields().at("data").list_value().values()) {
      types.push_back(item.struct_value().fields().at("type").string_value());
    }
    if (types.size() >= count || std::chrono::steady_clock::now() > deadline) return types;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

// The item types once they are `expected` (or what they are after 15 s).
std::vector<std::string> TimelineTypesBecoming(const Session& s, const std::string& client,
                                               const std::vector<std::string>& expected) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (true) {
    auto types = TimelineTypes(s, client, 0);
    if (types == expected || std::chrono::steady_clock::now() > deadline) return types;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
}

}  // namespace

TEST_CASE("a client's timeline: its notes, deals, orders and tasks, newest first", "[e2e][timeline]") {
  Session s = SignupNewOrganization();
  const std::string client = PostCreated("/v1/clients", R"({"name":"Acme"})", s.access_token);
  PostCreated("/v1/clients/" + client + "/notes", R"({"body":"Met at the fair"})", s.access_token);
  const std::string deal = PostCreated(
      "/v1/deals", R"({"title":"Website","client_id":")" + client + R"(","value":"100","currency":"EUR"})",
      s.access_token);
  const std::string order = PostCreated(
      "/v1/orders",
      R"({"client_id":")" + client + R"(","currency":"EUR","lines":[{"description":"Design","unit_price":"100"}]})",
      s.access_token);
  REQUIRE(Post("/v1/orders/" + order + "/confirm", "{}", s.access_token).status == 200);
  const std::string task = PostCreated(
      "/v1/tasks", R"({"title":"Send invoice","related":{"type":"deal","id":")" + deal + R"("}})", s.access_token);
  REQUIRE(Patch("/v1/tasks/" + task, R"({"status":"done"})", s.access_token).status == 200);

  const auto types = TimelineTypes(s, client, 6);
  // Each item keeps its event's time, to the microsecond.
  CHECK(QueryStackDb("SELECT count(*) FROM core.timeline_items WHERE client_id = '" + client +
                     "' AND date_trunc('second', occurred_at) <> occurred_at") != "0");
  CHECK(types == std::vector<std::string>{"task.completed", "order.confirmed", "order.created", "deal.created",
                                          "note.created", "client.created"});
  const auto page = Get("/v1/clients/" + client + "/timeline?limit=2", s.access_token);
  const auto first = page.Json().fields().at("data").list_value().values(0).struct_value();
  CHECK(first.fields().at("summary").string_value() == "Task done: \xE2\x80\x9CSend invoice\xE2\x80\x9D");
  CHECK(first.fields().at("ref").struct_value().fields().at("id").string_value() == task);
  const auto rest = Get("/v1/clients/" + client + "/timeline?cursor=" + page.Field("next_cursor"), s.access_token);
  CHECK(rest.Json().fields().at("data").list_value().values_size() == 4);

  // Bad input names its field; a client of nobody's is not found.
  auto bad = Get("/v1/clients/nope/timeline", s.access_token);
  CHECK(bad.status == 400);
  CHECK(bad.body.find(R"("field":"client_id")") != std::string::npos);
  bad = Get("/v1/clients/" + client + "/timeline?cursor=zz", s.access_token);
  CHECK(bad.status == 400);
  CHECK(bad.body.find(R"("field":"cursor")") != std::string::npos);
  CHECK(Get("/v1/clients/" + client + "/timeline?limit=500", s.access_token).status == 400);
  CHECK(Get("/v1/clients/0190f1c2-3b4a-7def-8123-000000000000/timeline", s.access_token).status == 404);
  bad = Get("/v1/clients/" + client + "/timeline?cursor=dGltZWxpbmV8MDE5MGYxYzItM2I0YS03ZGVmLTgxMjMtMDAwMDAwMDAwMDAwfDkyMjMzNzIwMzY4NTQ3NzU4MDc",
            s.access_token);  // an overflowing time in a forged cursor
  CHECK(bad.status == 400);
  CHECK(bad.body.find(R"("field":"cursor")") != std::string::npos);

  // What a deal, order, note or task says is read with its own permission.
  PostCreated("/v1/roles", R"({"name":"client-reader","permissions":["clients:read"]})", s.access_token, "name");
  Session reader = InviteAndAccept(s, NewEmail("timeline-reader"), "client-reader");
  const auto narrow = Get("/v1/clients/" + client + "/timeline", reader.access_token);
  REQUIRE(narrow.status == 200);
  const auto narrow_json = narrow.Json();
  REQUIRE(narrow_json.fields().at("data").list_value().values_size() == 1);
  CHECK(narrow.body.find("client.created") != std::string::npos);

  // A deleted deal takes its items along, and the task done on it.
  REQUIRE(Delete("/v1/deals/" + deal, s.access_token).status == 204);
  CHECK(TimelineTypesBecoming(s, client, {"order.confirmed", "order.created", "note.created", "client.created"}) ==
        std::vector<std::string>{"order.confirmed", "order.created", "note.created", "client.created"});
}
