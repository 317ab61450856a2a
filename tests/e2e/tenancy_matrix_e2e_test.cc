// Cross-tenant, brand and client-portal checks generated from the gateway's
// own route table: every route is called with credentials that must not
// reach the fixture's records. A new route is covered by these loops; a new
// route with a path variable fails here until the fixture below gives it a
// record to aim at.
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "src/fronted_services.h"
#include "src/route_table.h"
#include "stack.h"

using namespace sentra::e2e;
using sentra::gateway::Route;

namespace {

const std::vector<Route>& Routes() {
  static const auto table = sentra::gateway::RouteTable::Build(sentra::gateway::FrontedServices());
  REQUIRE(table.ok());
  return table->routes();
}

bool HasVariable(const Route& route) { return route.path.text().find('{') != std::string::npos; }

// The template with its variable replaced by `value`.
std::string Target(const Route& route, const std::string& value) {
  std::string path = route.path.text();
  const auto open = path.find('{');
  if (open == std::string::npos) return path;
  return path.replace(open, path.find('}', open) - open + 1, value);
}

// What a request to `route` sends: "{}" for a body unless a route needs more
// to get past validation to the lookup.
std::string BodyFor(const Route& route) {
  if (route.http_method == "GET" || route.http_method == "DELETE") return "";
  static const std::map<std::string, std::string> kBodies = {
      {"PATCH /v1/leads/{id}", R"({"name":"cross-tenant"})"},
      {"PATCH /v1/clients/{id}", R"({"name":"cross-tenant"})"},
      {"POST /v1/clients/{client_id}/contacts", R"({"name":"cross-tenant"})"},
      {"PATCH /v1/contacts/{id}", R"({"name":"cross-tenant"})"},
      {"PATCH /v1/deals/{id}", R"({"title":"cross-tenant"})"},
      {"POST /v1/leads/{parent_id}/notes", R"({"body":"cross-tenant"})"},
      {"POST /v1/clients/{parent_id}/notes", R"({"body":"cross-tenant"})"},
      {"POST /v1/deals/{parent_id}/notes", R"({"body":"cross-tenant"})"},
      {"POST /v1/orders/{parent_id}/notes", R"({"body":"cross-tenant"})"},
      {"PATCH /v1/orders/{id}", R"({"lines":[]})"},
      {"PATCH /v1/tasks/{id}", R"({"status":"done"})"},
      {"PATCH /v1/pipelines/{id}", R"({"name":"cross-tenant"})"},
      {"PATCH /v1/custom-fields/{id}", R"({"label":"cross-tenant"})"},
      {"PATCH /v1/tags/{id}", R"({"name":"cross-tenant"})"},
      {"PATCH /v1/notes/{id}", R"({"body":"cross-tenant"})"},
      {"PATCH /v1/users/{id}", R"({"name":"cross-tenant"})"},
      {"PATCH /v1/brands/{id}", R"({"name":"cross-tenant"})"},
      {"PATCH /v1/roles/{name}", R"({"permissions":["leads:read"]})"},
      {"PATCH /v1/admin/organizations/{id}", R"({"status":"suspended"})"},
  };
  const auto it = kBodies.find(route.http_method + " " + route.path.text());
  return it == kBodies.end() ? "{}" : it->second;
}

Response Call(const Route& route, const std::string& target, const std::string& credential) {
  const std::string body = BodyFor(route);
  return Send({.method = route.http_method,
               .target = target,
               .body = body,
               .token = credential,
               .content_type = body.empty() ? "" : "application/json"});
}

// One organization with one record behind every route that has a path
// variable, a member limited to one of two brands, and a client-portal
// member linked to one of two clients.
struct Fixture {
  Session owner = SignupNewOrganization();
  std::string north, south;                 // brands
  std::string north_lead, south_lead;       // brand-scoped records
  std::string north_client, south_client;
  std::string south_contact, south_deal;    // seen through their client
  std::string south_order;                  // a confirmed order of the south client
  std::string south_task;                   // about the south lead
  std::string custom_field;                 // of orders
  std::string tag;
  std::string pipeline;
  std::string south_note;                   // on the south lead
  std::string role_name;
  std::string api_key_id;
  Session agent, north_agent, portal;
  std::map<std::string, std::string> record_for;  // path template → the record's id

  Fixture() {
    north = PostCreated("/v1/brands", R"({"name":"North"})", owner.access_token);
    south = PostCreated("/v1/brands", R"({"name":"South"})", owner.access_token);
    north_lead = PostCreated("/v1/leads", R"({"name":"North lead","brand_id":")" + north + R"("})", owner.access_token);
    south_lead = PostCreated("/v1/leads", R"({"name":"South lead","brand_id":")" + south + R"("})", owner.access_token);
    north_client = PostCreated("/v1/clients", R"({"name":"North client","brand_id":")" + north + R"("})",
                            owner.access_token);
    south_client = PostCreated("/v1/clients", R"({"name":"South client","brand_id":")" + south + R"("})",
                            owner.access_token);
    south_contact = PostCreated("/v1/clients/" + south_client + "/contacts", R"({"name":"South contact"})",
                                owner.access_token);
    const auto deal = Post("/v1/deals", R"({"title":"South deal","currency":"USD","client_id":")" + south_client +
                                            R"("})", owner.access_token);
    REQUIRE(deal.status == 201);
    south_deal = deal.Field("id");
    pipeline = deal.Field("pipeline_id");
    custom_field = PostCreated("/v1/custom-fields",
                               R"({"entity":"order","key":"matrix","label":"Matrix","type":"text"})",
                               owner.access_token);
    tag = PostCreated("/v1/tags", R"({"name":"matrix"})", owner.access_token);
    south_order = PostCreated("/v1/orders", R"({"currency":"USD","client_id":")" + south_client +
                                                R"(","lines":[{"description":"South work","unit_price":"10"}]})",
                              owner.access_token);
    REQUIRE(Post("/v1/orders/" + south_order + "/confirm", "{}", owner.access_token).status == 200);
    south_task = PostCreated("/v1/tasks", R"({"title":"South task","related":{"type":"lead","id":")" + south_lead +
                                              R"("}})", owner.access_token);
    south_note = PostCreated("/v1/leads/" + south_lead + "/notes", R"({"body":"South note"})", owner.access_token);
    role_name = "matrix-" + UniqueSuffix();
    PostCreated("/v1/roles", R"({"name":")" + role_name + R"(","permissions":["leads:read"]})", owner.access_token,
             "name");
    api_key_id = PostCreated("/v1/api-keys", R"({"name":"matrix","permissions":["leads:read"]})", owner.access_token);
    agent = InviteAndAccept(owner, NewEmail("matrix-agent"), "agent");
    north_agent = InviteAndAccept(owner, NewEmail("matrix-north"), "manager",
                                  R"(,"brand_access":{"brand_ids":[")" + north + R"("]})");
    portal = InviteAndAccept(owner, NewEmail("matrix-portal"), "client", R"(,"client_id":")" + north_client + R"(")");
    record_for = {
        {"/v1/leads/{id}", south_lead},
        {"/v1/leads/{id}/convert", south_lead},
        {"/v1/clients/{id}", south_client},
        {"/v1/clients/{id}/archive", south_client},
        {"/v1/clients/{id}/restore", south_client},
        {"/v1/clients/{client_id}/contacts", south_client},
        {"/v1/contacts/{id}", south_contact},
        {"/v1/deals/{id}", south_deal},
        {"/v1/pipelines/{id}", pipeline},
        {"/v1/pipelines/{id}/totals", pipeline},
        {"/v1/leads/{parent_id}/notes", south_lead},
        {"/v1/clients/{parent_id}/notes", south_client},
        {"/v1/deals/{parent_id}/notes", south_deal},
        {"/v1/orders/{id}", south_order},
        {"/v1/orders/{id}/confirm", south_order},
        {"/v1/orders/{id}/fulfill", south_order},
        {"/v1/orders/{id}/cancel", south_order},
        {"/v1/orders/{parent_id}/notes", south_order},
        {"/v1/portal/orders/{id}", south_order},
        {"/v1/notes/{id}", south_note},
        {"/v1/tasks/{id}", south_task},
        {"/v1/clients/{client_id}/timeline", south_client},
        {"/v1/custom-fields/{id}", custom_field},
        {"/v1/tags/{id}", tag},
        {"/v1/users/{id}", agent.user_id},
        {"/v1/brands/{id}", south},
        {"/v1/roles/{name}", role_name},
        {"/v1/api-keys/{id}", api_key_id},
        {"/v1/admin/organizations/{id}", owner.org_id},
    };
  }

  // Every id of this organization's records a response to an outsider must
  // not contain.
  std::vector<std::string> Ids() const {
    return {owner.org_id,  owner.user_id, agent.user_id, north_agent.user_id, portal.user_id, north,     south,
            north_lead,    south_lead,    north_client,  south_client,        role_name,      api_key_id,
            south_contact, south_deal,    pipeline,     south_note,          south_order,
            south_task,    custom_field, tag};
  }

  // The records as the owner reads them, taken once the fixture is built.
  std::map<std::string, std::string> Snapshot() const {
    std::map<std::string, std::string> bodies;
    for (const std::string& target :
         {"/v1/leads/" + south_lead, "/v1/clients/" + south_client, "/v1/contacts/" + south_contact,
          "/v1/deals/" + south_deal, "/v1/pipelines/" + pipeline, "/v1/notes/" + south_note,
          "/v1/orders/" + south_order, "/v1/tasks/" + south_task, "/v1/custom-fields/" + custom_field, "/v1/tags/" + tag,
          "/v1/leads/" + south_lead + "/notes",
          "/v1/clients/" + south_client + "/contacts", "/v1/brands/" + south,
          "/v1/users/" + agent.user_id, "/v1/roles/" + role_name, std::string("/v1/api-keys"),
          std::string("/v1/auth/me")}) {
      auto res = Get(target, owner.access_token);
      INFO(target << " " << res.body);
      CHECK(res.status == 200);
      bodies[target] = res.body;
    }
    return bodies;
  }
};

// Nothing an outsider sent changed a record.
void CheckUnchanged(const Fixture& a, const std::map<std::string, std::string>& before) {
  const auto after = a.Snapshot();
  for (const auto& [target, body] : before) {
    INFO(target);
    CHECK(after.at(target) == body);
  }
}

void CheckNoneOf(const Response& res, const std::vector<std::string>& ids) {
  for (const auto& id : ids) {
    INFO("leaked " << id);
    CHECK(res.body.find(id) == std::string::npos);
  }
}

}  // namespace

TEST_CASE("every route, called with another organization's token and API key, reaches none of its records",
          "[e2e][isolation][matrix]") {
  Fixture a;
  const auto before = a.Snapshot();
  Session b = SignupNewOrganization();
  const std::string b_key = PostCreated("/v1/api-keys", R"({"name":"outsider","permissions":["leads:read","leads:write","clients:read",)"
                                                     R"("clients:write","users:read","users:manage","roles:read",)"
                                                     R"("roles:manage","brands:read","brands:manage","deals:read","deals:write",)"
                                                     R"("notes:read","notes:write","orders:read","orders:write","tasks:read","tasks:write","pipelines:manage",)"
                                                     R"("custom_fields:manage","tags:manage"]})",
                                     b.access_token, "secret");
  int covered = 0;
  for (const Route& route : Routes()) {
    if (route.permission == "public") continue;
    std::string target = route.path.text();
    if (HasVariable(route)) {
      const auto record = a.record_for.find(route.path.text());
      INFO("no record in the matrix fixture for " << route.path.text() << ": add one to Fixture::record_for");
      REQUIRE(record != a.record_for.end());
      target = Target(route, record->second);
    }
    for (const std::string& credential : {b.access_token, b_key}) {
      const auto res = Call(route, target, credential);
      INFO(route.http_method << " " << target << " (" << route.grpc_method << ") → " << res.status << " "
                             << res.body);
      if (HasVariable(route)) {
        CHECK((res.status == 404 || res.status == 403));
      } else {
        CHECK(res.status < 500);
      }
      CheckNoneOf(res, a.Ids());
      ++covered;
    }
  }
  CHECK(covered >= 50);
  CheckUnchanged(a, before);
}

TEST_CASE("every route, called by a member limited to one brand, reaches none of another brand's records",
          "[e2e][brands][matrix]") {
  Fixture a;
  const auto before = a.Snapshot();
  // Brand-scoped records of the brand the member does not have.
  const std::map<std::string, std::string> south_records = {
      {"/v1/leads/{id}", a.south_lead},
      {"/v1/leads/{id}/convert", a.south_lead},
      {"/v1/clients/{id}", a.south_client},
      {"/v1/clients/{id}/archive", a.south_client},
      {"/v1/clients/{id}/restore", a.south_client},
      {"/v1/clients/{client_id}/contacts", a.south_client},
      {"/v1/contacts/{id}", a.south_contact},
      {"/v1/deals/{id}", a.south_deal},
      {"/v1/leads/{parent_id}/notes", a.south_lead},
      {"/v1/clients/{parent_id}/notes", a.south_client},
      {"/v1/deals/{parent_id}/notes", a.south_deal},
      {"/v1/orders/{id}", a.south_order},
      {"/v1/orders/{id}/confirm", a.south_order},
      {"/v1/orders/{id}/fulfill", a.south_order},
      {"/v1/orders/{id}/cancel", a.south_order},
      {"/v1/orders/{parent_id}/notes", a.south_order},
      {"/v1/notes/{id}", a.south_note},
      {"/v1/tasks/{id}", a.south_task},
      {"/v1/clients/{client_id}/timeline", a.south_client}};
  for (const Route& route : Routes()) {
    if (route.permission == "public") continue;
    if (HasVariable(route)) {
      const auto record = south_records.find(route.path.text());
      if (record == south_records.end()) continue;  // not a brand-scoped record
      const auto res = Call(route, Target(route, record->second), a.north_agent.access_token);
      INFO(route.http_method << " " << route.path.text() << " → " << res.status << " " << res.body);
      CHECK(res.status == 404);
    } else if (route.http_method == "GET") {
      const auto res = Call(route, route.path.text(), a.north_agent.access_token);
      INFO(route.http_method << " " << route.path.text() << " → " << res.status << " " << res.body);
      CHECK(res.status < 500);
      CheckNoneOf(res, {a.south_lead, a.south_client, a.south_contact, a.south_deal, a.south_note, a.south_order,
                        a.south_task});
    }
  }
  // What they may see, they do see: the matrix is not passing by seeing nothing.
  CHECK(Get("/v1/leads", a.north_agent.access_token).body.find(a.north_lead) != std::string::npos);
  CHECK(Get("/v1/clients", a.north_agent.access_token).body.find(a.north_client) != std::string::npos);
  // Deals are seen through their client: the north one only, and none can
  // be made for the south client.
  const std::string north_deal = PostCreated(
      "/v1/deals", R"({"title":"North deal","currency":"EUR","client_id":")" + a.north_client + R"("})",
      a.north_agent.access_token);
  const auto deals = Get("/v1/deals", a.north_agent.access_token);
  CHECK(deals.body.find(north_deal) != std::string::npos);
  CHECK(deals.body.find(a.south_deal) == std::string::npos);
  const auto south = Post("/v1/deals", R"({"title":"X","currency":"EUR","client_id":")" + a.south_client + R"("})",
                          a.north_agent.access_token);
  CHECK(south.status == 400);
  CHECK(south.body.find("\"field\":\"client_id\"") != std::string::npos);
  CHECK(QueryStackDb("SELECT count(*) FROM core.deals WHERE client_id = '" + a.south_client + "'") == "1");
  CheckUnchanged(a, before);
}

TEST_CASE("every route, called by a client-portal member, is refused unless it is theirs",
          "[e2e][portal][matrix]") {
  Fixture a;
  const auto before = a.Snapshot();
  // Everything but the member's own client, organization and user.
  const std::vector<std::string> others = {a.south_client, a.north_lead, a.south_lead,    a.agent.user_id,
                                           a.owner.user_id, a.north,     a.south,         a.api_key_id,
                                           a.role_name,     a.north_agent.user_id, a.south_contact,
                                           a.south_deal, a.south_note, a.south_order, a.south_task,
                                           a.custom_field, a.tag};
  int portal_routes = 0;
  for (const Route& route : Routes()) {
    if (route.permission == "public") continue;
    std::string target = route.path.text();
    if (HasVariable(route)) target = Target(route, a.record_for.at(route.path.text()));
    const auto res = Call(route, target, a.portal.access_token);
    INFO(route.http_method << " " << target << " [" << route.permission << "] → " << res.status << " " << res.body);
    if (route.permission == "authenticated" || route.permission.starts_with("portal:")) {
      CHECK(res.status < 500);
      portal_routes += route.permission.starts_with("portal:") ? 1 : 0;
    } else {
      CHECK(res.status == 403);
    }
    CheckNoneOf(res, others);
  }
  CHECK(portal_routes >= 1);
  CHECK(Get("/v1/portal/client", a.portal.access_token).Field("id") == a.north_client);
  CheckUnchanged(a, before);
}
