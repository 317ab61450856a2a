// Pipelines and deals, through the gateway against the real stack.
#include <catch2/catch.hpp>
#include <map>
#include <tuple>
#include <vector>

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
  CHECK(Get("/v1/deals?sort=-created_at", s.access_token).body.find(id) != std::string::npos);
  CHECK(Get("/v1/deals?sort=title", s.access_token).status == 400);
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

TEST_CASE("pipelines: made, edited in place, made the default, deleted when empty", "[e2e][deals][pipelines]") {
  Session s = SignupNewOrganization();
  const std::string client = PostCreated("/v1/clients", R"({"name":"Acme"})", s.access_token);
  auto created = Post("/v1/pipelines",
                      R"({"name":"Renewals","stages":[{"name":"Due","probability":50,"kind":"open"},)"
                      R"({"name":"Renewed","probability":100,"kind":"won"},{"name":"Churned","kind":"lost"}]})",
                      s.access_token);
  INFO(created.body);
  REQUIRE(created.status == 201);
  const std::string id = created.Field("id");
  const auto stages = created.Json().fields().at("stages").list_value();
  REQUIRE(stages.values_size() == 3);
  const auto stage_id = [&](int i) { return stages.values(i).struct_value().fields().at("id").string_value(); };
  const std::string deal = PostCreated(
      "/v1/deals", R"({"title":"Renewal","currency":"EUR","client_id":")" + client + R"(","pipeline_id":")" + id +
                       R"("})",
      s.access_token);
  CHECK(Get("/v1/deals/" + deal, s.access_token).Field("stage_id") == stage_id(0));

  // Renamed and reordered with a new stage; the one the deal is in stays.
  auto edited = Patch("/v1/pipelines/" + id,
                      R"({"version":1,"stages":[{"id":")" + stage_id(0) + R"(","name":"Up for renewal","probability":40,"kind":"open"},)"
                      R"({"name":"Quoted","probability":70,"kind":"open"},)"
                      R"({"id":")" + stage_id(1) + R"(","name":"Renewed","probability":100,"kind":"won"}]})",
                      s.access_token);
  INFO(edited.body);
  REQUIRE(edited.status == 200);
  CHECK(edited.Field("version") == "2");
  CHECK(edited.Json().fields().at("stages").list_value().values_size() == 3);
  // The removed stage is gone for new deals, kept for history.
  CHECK(Patch("/v1/deals/" + deal, R"({"stage_id":")" + stage_id(2) + R"("})", s.access_token).status == 400);
  // Leaving out the deal's stage is refused, and so is a new kind for it.
  auto drop = Patch("/v1/pipelines/" + id,
                    R"({"stages":[{"name":"Fresh","kind":"open"},{"id":")" + stage_id(1) +
                        R"(","name":"Renewed","probability":100,"kind":"won"}]})",
                    s.access_token);
  INFO(drop.body);
  CHECK(drop.status == 409);
  auto rekind = Patch("/v1/pipelines/" + id,
                      R"({"stages":[{"id":")" + stage_id(0) + R"(","name":"Due","probability":40,"kind":"won"}]})",
                      s.access_token);
  CHECK(rekind.status == 400);
  CHECK(rekind.body.find(R"("field":"stages[0].kind")") != std::string::npos);

  // Made the default: the old one is not any more, and takes new deals no more by default.
  REQUIRE(Patch("/v1/pipelines/" + id, R"({"is_default":true})", s.access_token).status == 200);
  const auto list = Get("/v1/pipelines", s.access_token).Json();
  const auto& first = list.fields().at("data").list_value().values(0).struct_value();
  CHECK(first.fields().at("id").string_value() == id);
  const std::string old_default = list.fields().at("data").list_value().values(1).struct_value().fields().at("id").string_value();
  CHECK(Delete("/v1/pipelines/" + id, s.access_token).status == 409);  // the default
  CHECK(Delete("/v1/pipelines/" + old_default, s.access_token).status == 204);
  CHECK(Get("/v1/pipelines/" + old_default, s.access_token).status == 404);
  CHECK(QueryStackDb("SELECT string_agg(event_type, ',' ORDER BY seq) FROM core.outbox WHERE aggregate_id = '" + id +
                     "'") == "pipeline.created,pipeline.updated,pipeline.updated");

  // An agent reads pipelines but does not make them.
  Session agent = InviteAndAccept(s, NewEmail("pipelines-agent"), "agent");
  CHECK(Get("/v1/pipelines/" + id, agent.access_token).status == 200);
  CHECK(Post("/v1/pipelines", R"({"name":"X","stages":[{"name":"A","kind":"open"}]})", agent.access_token).status ==
        403);
}

TEST_CASE("pipeline input is checked field by field and writes nothing", "[e2e][deals][pipelines][bad-input]") {
  Session s = SignupNewOrganization();
  const std::string id = PostCreated("/v1/pipelines", R"({"name":"Valid","stages":[{"name":"A","kind":"open"}]})",
                                     s.access_token);
  struct Case {
    std::string method, target, body, field;
  };
  const std::vector<Case> cases = {
      {"POST", "/v1/pipelines", R"({"stages":[{"name":"A","kind":"open"}]})", "name"},
      {"POST", "/v1/pipelines", R"({"name":"X"})", "stages"},
      {"POST", "/v1/pipelines", R"({"name":"X","stages":[{"name":"A","kind":"won"}]})", "stages[0].kind"},
      {"POST", "/v1/pipelines", R"({"name":"X","stages":[{"name":"A","kind":"open","probability":101}]})",
       "stages[0].probability"},
      {"POST", "/v1/pipelines", R"({"name":"X","stages":[{"name":"A","kind":"open"},{"name":"A","kind":"won"}]})",
       "stages[1].name"},
      {"POST", "/v1/pipelines", R"({"name":"X","stages":[{"id":")" + id + R"(","name":"A","kind":"open"}]})",
       "stages[0].id"},
      {"PATCH", "/v1/pipelines/" + id, R"({"stages":[]})", "stages"},
      {"PATCH", "/v1/pipelines/" + id, R"({"stages":[{"id":"nope","name":"A","kind":"open"}]})", "stages[0].id"},
      {"PATCH", "/v1/pipelines/" + id, R"({"is_default":false})", "is_default"},
      {"PATCH", "/v1/pipelines/" + id, R"({"version":0})", "version"},
      {"PATCH", "/v1/pipelines/nope", R"({"name":"X"})", "id"},
      {"DELETE", "/v1/pipelines/nope", "", "id"},
  };
  for (const auto& c : cases) {
    auto res = Send({.method = c.method, .target = c.target, .body = c.body, .token = s.access_token});
    INFO(c.method << " " << c.target << " " << c.body << " → " << res.body);
    CHECK(res.status == 400);
    CHECK(res.body.find("\"field\":\"" + c.field + "\"") != std::string::npos);
  }
  CHECK(QueryStackDb("SELECT count(*) FROM core.pipelines WHERE org_id = '" + s.org_id + "'") == "2");
  CHECK(Get("/v1/pipelines/" + id, s.access_token).Field("version") == "1");
}

TEST_CASE("a pipeline's totals count and sum its stages' deals per currency, only those the caller sees",
          "[e2e][deals]") {
  Session s = SignupNewOrganization();
  const std::string north = PostCreated("/v1/brands", R"({"name":"North"})", s.access_token);
  const std::string south = PostCreated("/v1/brands", R"({"name":"South"})", s.access_token);
  const std::string north_client =
      PostCreated("/v1/clients", R"({"name":"North Co","brand_id":")" + north + R"("})", s.access_token);
  const std::string south_client =
      PostCreated("/v1/clients", R"({"name":"South Co","brand_id":")" + south + R"("})", s.access_token);
  std::string pipeline;
  for (const auto& [client, value, currency] :
       std::vector<std::tuple<std::string, std::string, std::string>>{{north_client, "1000", "USD"},
                                                                      {north_client, "250.50", "USD"},
                                                                      {north_client, "900", "EUR"},
                                                                      {south_client, "5000", "USD"}}) {
    auto deal = Post("/v1/deals", R"({"title":"Deal","client_id":")" + client + R"(","value":")" + value +
                                      R"(","currency":")" + currency + R"("})",
                     s.access_token);
    REQUIRE(deal.status == 201);
    pipeline = deal.Field("pipeline_id");
  }
  const auto totals = Get("/v1/pipelines/" + pipeline + "/totals", s.access_token);
  INFO(totals.body);
  REQUIRE(totals.status == 200);
  const auto stages = totals.Json().fields().at("data").list_value();
  REQUIRE(stages.values_size() == 1);
  const auto& first = stages.values(0).struct_value().fields();
  CHECK(first.at("count").number_value() == 4);
  const auto values = first.at("values").list_value();
  REQUIRE(values.values_size() == 2);
  CHECK(values.values(0).struct_value().fields().at("currency").string_value() == "EUR");
  CHECK(values.values(1).struct_value().fields().at("value").string_value() == "6250.50");

  // A member of the North brand counts North's deals only.
  const Session north_member = InviteAndAccept(s, NewEmail("north-totals"), "manager",
                                               R"(,"brand_access":{"brand_ids":[")" + north + R"("]})");
  const auto north_totals = Get("/v1/pipelines/" + pipeline + "/totals", north_member.access_token);
  REQUIRE(north_totals.status == 200);
  const auto north_json = north_totals.Json();
  const auto& north_first = north_json.fields().at("data").list_value().values(0).struct_value().fields();
  CHECK(north_first.at("count").number_value() == 3);
  CHECK(north_first.at("values").list_value().values(1).struct_value().fields().at("value").string_value() ==
        "1250.50");

  // Another organization's pipeline is not found; an id that is not one is named.
  const Session other = SignupNewOrganization();
  CHECK(Get("/v1/pipelines/" + pipeline + "/totals", other.access_token).status == 404);
  auto bad = Get("/v1/pipelines/nope/totals", s.access_token);
  CHECK(bad.status == 400);
  CHECK(bad.body.find(R"("field":"id")") != std::string::npos);
  CHECK(Get("/v1/pipelines/" + pipeline + "/totals", "").status == 401);
}
