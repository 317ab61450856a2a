// Notes on leads, clients and deals, through the gateway against the real stack.
#include <catch2/catch.hpp>

#include "stack.h"

using namespace sentra::e2e;

TEST_CASE("notes: on a lead, a client and a deal, newest first, changed by their author only", "[e2e][notes]") {
  Session s = SignupNewOrganization();
  const std::string lead = PostCreated("/v1/leads", R"({"name":"Ada"})", s.access_token);
  const std::string client = PostCreated("/v1/clients", R"({"name":"Acme"})", s.access_token);
  const std::string deal =
      PostCreated("/v1/deals", R"({"title":"Site","currency":"EUR","client_id":")" + client + R"("})", s.access_token);
  for (const std::string& parent : {"/v1/leads/" + lead, "/v1/clients/" + client, "/v1/deals/" + deal}) {
    INFO(parent);
    const std::string first = PostCreated(parent + "/notes", R"({"body":"first"})", s.access_token);
    auto second = Post(parent + "/notes", R"({"body":" second "})", s.access_token);
    REQUIRE(second.status == 201);
    CHECK(second.Field("body") == "second");
    CHECK(second.Field("author_id") == s.user_id);
    auto list = Get(parent + "/notes", s.access_token);
    REQUIRE(list.status == 200);
    const auto json = list.Json();
    const auto& data = json.fields().at("data").list_value();
    REQUIRE(data.values_size() == 2);
    CHECK(data.values(0).struct_value().fields().at("body").string_value() == "second");
    CHECK(Patch("/v1/notes/" + first, R"({"body":"first, edited","version":1})", s.access_token).status == 200);
    CHECK(Get("/v1/notes/" + first, s.access_token).Field("body") == "first, edited");
    // A note is written as people write: lines and tabs kept.
    auto lines = Post(parent + "/notes", R"({"body":"Called them.\r\nThey want:\n\t- a quote"})", s.access_token);
    REQUIRE(lines.status == 201);
    CHECK(lines.Field("body") == "Called them.\r\nThey want:\n\t- a quote");
    CHECK(Delete("/v1/notes/" + first, s.access_token).status == 204);
    CHECK(Get("/v1/notes/" + first, s.access_token).status == 404);
    CHECK(QueryStackDb("SELECT string_agg(event_type, ',' ORDER BY seq) FROM core.outbox WHERE aggregate_id = '" +
                       first + "'") == "note.created,note.updated,note.deleted");
  }

  // A colleague reads the notes but does not change someone else's.
  Session agent = InviteAndAccept(s, NewEmail("notes-agent"), "agent");
  const std::string mine = PostCreated("/v1/leads/" + lead + "/notes", R"({"body":"mine"})", s.access_token);
  CHECK(Get("/v1/notes/" + mine, agent.access_token).status == 200);
  CHECK(Patch("/v1/notes/" + mine, R"({"body":"theirs now"})", agent.access_token).status == 403);
  CHECK(Delete("/v1/notes/" + mine, agent.access_token).status == 403);
  CHECK(Get("/v1/notes/" + mine, s.access_token).Field("body") == "mine");
  // A deleted lead's notes go out of sight with it.
  CHECK(Delete("/v1/leads/" + lead, s.access_token).status == 204);
  CHECK(Get("/v1/notes/" + mine, s.access_token).status == 404);
  CHECK(Get("/v1/leads/" + lead + "/notes", s.access_token).status == 404);
}

TEST_CASE("notes are listed newest first unless asked oldest first, page after page", "[e2e][notes]") {
  Session s = SignupNewOrganization();
  const std::string client = PostCreated("/v1/clients", R"({"name":"Acme"})", s.access_token);
  const std::string base = "/v1/clients/" + client + "/notes";
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(PostCreated(base, R"({"body":"note )" + std::to_string(i) + R"("})", s.access_token));
  }
  const std::vector<std::string> newest(ids.rbegin(), ids.rend());
  CHECK(ListAll(base, "id", s.access_token, 2) == newest);
  CHECK(ListAll(base + "?sort=-created_at", "id", s.access_token, 3) == newest);
  CHECK(ListAll(base + "?sort=created_at", "id", s.access_token, 2) == ids);
  // A cursor belongs to its order.
  const std::string cursor = Get(base + "?limit=1", s.access_token).Field("next_cursor");
  REQUIRE_FALSE(cursor.empty());
  CHECK(Get(base + "?sort=created_at&cursor=" + cursor, s.access_token).status == 400);
  // And to its record.
  const std::string other = PostCreated("/v1/clients", R"({"name":"Other"})", s.access_token);
  PostCreated("/v1/clients/" + other + "/notes", R"({"body":"x"})", s.access_token);
  CHECK(Get("/v1/clients/" + other + "/notes?cursor=" + cursor, s.access_token).status == 400);
}

TEST_CASE("note input is checked field by field and writes nothing", "[e2e][notes][bad-input]") {
  Session s = SignupNewOrganization();
  const std::string lead = PostCreated("/v1/leads", R"({"name":"Ada"})", s.access_token);
  const std::string note = PostCreated("/v1/leads/" + lead + "/notes", R"({"body":"valid"})", s.access_token);
  struct Case {
    std::string method, target, body, field;
  };
  const std::vector<Case> cases = {
      {"POST", "/v1/leads/" + lead + "/notes", R"({})", "body"},
      {"POST", "/v1/leads/" + lead + "/notes", R"({"body":"   "})", "body"},
      {"POST", "/v1/leads/" + lead + "/notes", R"({"body":"bell\u0007"})", "body"},
      {"POST", "/v1/leads/" + lead + "/notes", R"({"body":")" + std::string(10001, 'x') + R"("})", "body"},
      {"POST", "/v1/leads/nope/notes", R"({"body":"x"})", "parent_id"},
      {"GET", "/v1/clients/nope/notes", "", "parent_id"},
      {"GET", "/v1/leads/" + lead + "/notes?limit=0", "", "limit"},
      {"GET", "/v1/leads/" + lead + "/notes?sort=body", "", "sort"},
      {"GET", "/v1/leads/" + lead + "/notes?cursor=abc", "", "cursor"},
      {"PATCH", "/v1/notes/" + note, R"({"body":""})", "body"},
      {"PATCH", "/v1/notes/" + note, R"({"version":0})", "version"},
      {"PATCH", "/v1/notes/nope", R"({"body":"x"})", "id"},
      {"DELETE", "/v1/notes/nope", "", "id"},
  };
  for (const auto& c : cases) {
    auto res = Send({.method = c.method, .target = c.target, .body = c.body, .token = s.access_token});
    INFO(c.method << " " << c.target << " → " << res.body.substr(0, 300));
    CHECK(res.status == 400);
    CHECK(res.body.find("\"field\":\"" + c.field + "\"") != std::string::npos);
  }
  CHECK(Post("/v1/deals/0190f1c2-3b4a-7def-8123-000000000000/notes", R"({"body":"x"})", s.access_token).status ==
        404);
  CHECK(QueryStackDb("SELECT count(*) FROM core.notes WHERE parent_id = '" + lead + "'") == "1");
}
