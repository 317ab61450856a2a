// Pipelines and deals, through the gateway against the real stack.
#include <catch2/catch.hpp>
#include <map>

#include "stack.h"

using namespace sentra::e2e;

namespace {

// The stage ids of the default pipeline, in order, keyed by name.
std::map<std::string, std::string> DefaultStages(const Session& s) {
  const auto pipelines = Get("/v1/pipelines", s.access_token).Json();
  std::map<std::string, std::string> stages;
  const auto& data = pipelines.fields().at("data").list_value();
  REQUIRE(data.values_size() >= 1);
  const auto& first = data.values(0).struct_value();
  CHECK(first.fields().at("is_default").bool_value());
  for (const auto& stage : first.fields().at("stages").list_value().values()) {
    stages[stage.struct_value().fields().at("name").string_value()] =
        stage.struct_value().fields().at("id").string_value();
  }
  return stages;
}

}  // namespace

TEST_CASE("deals: created in the default pipeline, moved stage by stage, won, with history and events",
          "[e2e][deals]") {
  Session s = SignupNewOrganization();
  const std::string client = PostCreated("/v1/clients", R"({"name":"Acme"})", s.access_token);
  // At once after signing up: the default pipeline is made if need be.
  auto created = Post("/v1/deals", R"({"title":"Website","client_id":")" + client +
                                       R"(","value":"12500.5","currency":"USD","expected_close_date":"2026-12-31"})",
                      s.access_token);
  INFO(created.body);
  REQUIRE(created.status == 201);
  const std::string id = created.Field("id");
  CHECK(created.Field("value") == "12500.50");
  CHECK(created.Field("status") == "open");
  CHECK(created.Field("expected_close_date") == "2026-12-31");
  CHECK(QueryStackDb("SELECT value_minor FROM core.deals WHERE id = '" + id + "'") == "1250050");

  const auto stages = DefaultStages(s);
  REQUIRE(stages.contains("Won"));
  CHECK(created.Field("stage_id") == stages.at("New"));
  auto pipeline = Get("/v1/pipelines/" + created.Field("pipeline_id"), s.access_token);
  CHECK(pipeline.status == 200);
  CHECK(pipeline.Json().fields().at("stages").list_value().values_size() == 6);

  auto proposal = Patch("/v1/deals/" + id, R"({"stage_id":")" + stages.at("Proposal") + R"(","version":1})",
                        s.access_token);
  INFO(proposal.body);
  REQUIRE(proposal.status == 200);
  auto won = Patch("/v1/deals/" + id, R"({"stage_id":")" + stages.at("Won") + R"("})", s.access_token);
  REQUIRE(won.status == 200);
  CHECK(won.Field("status") == "won");
  CHECK(won.Json().fields().at("stage_history").list_value().values_size() == 3);
  CHECK(Patch("/v1/deals/" + id, R"({"title":"Stale","version":1})", s.access_token).Field("error.code") ==
        "VERSION_CONFLICT");

  CHECK(Get("/v1/deals?status=won", s.access_token).body.find(id) != std::string::npos);
  CHECK(Get("/v1/deals?status=open", s.access_token).body.find(id) == std::string::npos);
  CHECK(Get("/v1/deals?client_id=" + client, s.access_token).body.find(id) != std::string::npos);
  CHECK(QueryStackDb("SELECT string_agg(event_type, ',' ORDER BY seq) FROM core.outbox WHERE aggregate_id = '" + id +
                     "'") == "deal.created,deal.stage_changed,deal.stage_changed,deal.won");
  CHECK(Delete("/v1/deals/" + id, s.access_token).status == 204);
  CHECK(Get("/v1/deals/" + id, s.access_token).status == 404);
}

TEST_CASE("deal input is checked field by field and writes nothing", "[e2e][deals][bad-input]") {
  Session s = SignupNewOrganization();
  const std::string client = PostCreated("/v1/clients", R"({"name":"Acme"})", s.access_token);
  const std::string id = PostCreated("/v1/deals", R"({"title":"Valid","client_id":")" + client +
                                                      R"(","currency":"EUR"})",
                                     s.access_token);
  const std::string base = R"({"title":"X","client_id":")" + client + R"(")";
  struct Case {
    std::string method, target, body, field;
  };
  const std::vector<Case> cases = {
      {"POST", "/v1/deals", R"({"title":"","client_id":")" + client + R"(","currency":"EUR"})", "title"},
      {"POST", "/v1/deals", base + "}", "currency"},
      {"POST", "/v1/deals", base + R"(,"currency":"usd"})", "currency"},
      {"POST", "/v1/deals", base + R"(,"currency":"JPY","value":"10.5"})", "value"},
      {"POST", "/v1/deals", base + R"(,"currency":"USD","value":"-1"})", "value"},
      {"POST", "/v1/deals", base + R"(,"currency":"USD","value":"1e9"})", "value"},
      {"POST", "/v1/deals", base + R"(,"currency":"USD","expected_close_date":"2026-02-30"})", "expected_close_date"},
      {"POST", "/v1/deals", base + R"(,"currency":"USD","stage_id":"nope"})", "stage_id"},
      {"POST", "/v1/deals", base + R"(,"currency":"USD","stage_id":"0190f1c2-3b4a-7def-8123-000000000000"})", "stage_id"},
      {"POST", "/v1/deals", R"({"title":"X","client_id":"0190f1c2-3b4a-7def-8123-000000000000","currency":"USD"})",
       "client_id"},
      {"PATCH", "/v1/deals/" + id, R"({"currency":"JPY"})", "value"},
      {"PATCH", "/v1/deals/" + id, R"({"value":"1.001"})", "value"},
      {"PATCH", "/v1/deals/" + id, R"({"version":0})", "version"},
      {"PATCH", "/v1/deals/nope", R"({"title":"X"})", "id"},
      {"GET", "/v1/deals?status=maybe", "", "status"},
      {"GET", "/v1/deals?stage_id=x", "", "stage_id"},
      {"GET", "/v1/deals?limit=0", "", "limit"},
      {"GET", "/v1/pipelines/nope", "", "id"},
  };
  for (const auto& c : cases) {
    auto res = Send({.method = c.method, .target = c.target, .body = c.body, .token = s.access_token});
    INFO(c.method << " " << c.target << " " << c.body << " → " << res.body);
    CHECK(res.status == 400);
    CHECK(res.body.find("\"field\":\"" + c.field + "\"") != std::string::npos);
  }
  CHECK(QueryStackDb("SELECT count(*) FROM core.deals WHERE client_id = '" + client + "'") == "1");
  CHECK(Get("/v1/deals/" + id, s.access_token).Field("value") == "0.00");
}
