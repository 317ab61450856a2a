// Clients and the client portal, through the gateway against the real stack.
#include <catch2/catch.hpp>

#include <algorithm>

#include "sentra/db/connection.h"
#include "sentra/ids/uuid.h"
#include "stack.h"

using namespace sentra::e2e;

namespace {

std::string CreateClient(const Session& s, const std::string& json) {
  return PostCreated("/v1/clients", json, s.access_token);
}

}  // namespace

TEST_CASE("clients: create, read, list by cursor, update with version, and their events", "[e2e][clients]") {
  Session s = SignupNewOrganization();
  auto created = Post("/v1/clients",
                      R"({"name":"  Acme Ltd ","email":"Billing@Acme.example","phone":"+44 20 7946 0000",)"
                      R"("website":"https://acme.example"})",
                      s.access_token);
  INFO(created.body);
  REQUIRE(created.status == 201);
  const std::string id = created.Field("id");
  CHECK(created.Field("name") == "Acme Ltd");
  CHECK(created.Field("kind") == "company");
  CHECK(created.Field("email") == "billing@acme.example");
  CHECK(created.Field("owner_id") == s.user_id);
  CHECK(created.Json().fields().at("version").number_value() == 1);

  auto got = Get("/v1/clients/" + id, s.access_token);
  CHECK(got.status == 200);
  CHECK(got.Field("website") == "https://acme.example");

  for (int i = 0; i < 3; ++i) CreateClient(s, R"({"kind":"person","name":"Person )" + std::to_string(i) + R"("})");
  auto first = Get("/v1/clients?limit=2", s.access_token);
  REQUIRE(first.status == 200);
  const std::string cursor = first.Field("next_cursor");
  REQUIRE_FALSE(cursor.empty());
  auto second = Get("/v1/clients?limit=2&cursor=" + cursor, s.access_token);
  REQUIRE(second.status == 200);
  CHECK(second.body.find("next_cursor") == std::string::npos);
  CHECK(second.Json().fields().at("data").list_value().values_size() == 2);
  CHECK(Get("/v1/clients?kind=person", s.access_token).Json().fields().at("data").list_value().values_size() == 3);
  CHECK(Get("/v1/clients?q=acme", s.access_token).body.find(id) != std::string::npos);
  // A cursor of another list is refused.
  for (const char* brand : {"One", "Two"}) {
    REQUIRE(Post("/v1/brands", std::string(R"({"name":")") + brand + R"("})", s.access_token).status == 201);
  }
  const std::string brands_cursor = Get("/v1/brands?limit=1", s.access_token).Field("next_cursor");
  REQUIRE_FALSE(brands_cursor.empty());
  CHECK(Get("/v1/clients?cursor=" + brands_cursor, s.access_token).status == 400);

  auto patched = Patch("/v1/clients/" + id, R"({"notes":"pays on time","version":1})", s.access_token);
  CHECK(patched.status == 200);
  CHECK(patched.Json().fields().at("version").number_value() == 2);
  auto stale = Patch("/v1/clients/" + id, R"({"notes":"stale","version":1})", s.access_token);
  CHECK(stale.status == 409);
  CHECK(stale.Field("error.code") == "VERSION_CONFLICT");
  CHECK(Patch("/v1/clients/" + id, R"({"email":""})", s.access_token).Field("email") == "");

  // Both changes reached the outbox with the state they describe.
  CHECK(QueryStackDb("SELECT count(*) FROM core.outbox WHERE aggregate_id = '" + id + "'") == "3");
}

TEST_CASE("clients are listed by creation or name either way, by owner, page after page", "[e2e][clients]") {
  Session s = SignupNewOrganization();
  // A long name in two-byte characters: its cursor carries all of it.
  std::string long_name;
  for (int i = 0; i < 200; ++i) long_name += "\u00e9";
  const std::vector<std::string> created_order = {"Cobalt", "amber", "Birch", long_name, "Birch"};
  std::vector<std::string> ids;
  for (const auto& name : created_order) ids.push_back(CreateClient(s, R"({"name":")" + name + R"("})"));
  const std::vector<std::string> newest_ids(ids.rbegin(), ids.rend());
  CHECK(ListAll("/v1/clients", "id", s.access_token, 2) == ids);
  CHECK(ListAll("/v1/clients?sort=created_at", "id", s.access_token, 2) == ids);
  CHECK(ListAll("/v1/clients?sort=-created_at", "id", s.access_token, 2) == newest_ids);
  // By name, ties in creation order; the reverse order exactly reversed,
  // whatever the page size.
  const auto by_name = ListAll("/v1/clients?sort=name", "id", s.access_token, 1);
  REQUIRE(by_name.size() == ids.size());
  CHECK(ListAll("/v1/clients?sort=name", "id", s.access_token, 3) == by_name);
  CHECK(ListAll("/v1/clients?sort=-name", "id", s.access_token, 1) ==
        std::vector<std::string>(by_name.rbegin(), by_name.rend()));
  // As people read names: case and accents second to the letters.
  CHECK(ListAll("/v1/clients?sort=name", "name", s.access_token, 2) ==
        std::vector<std::string>{"amber", "Birch", "Birch", "Cobalt", long_name});
  const auto birch = std::find(by_name.begin(), by_name.end(), ids[2]);
  REQUIRE(birch + 1 != by_name.end());
  CHECK(*(birch + 1) == ids[4]);  // the same name: the older first
  // Filters hold across the pages of each order.
  CHECK(ListAll("/v1/clients?sort=-name&q=birch", "id", s.access_token, 1) == std::vector<std::string>{ids[4], ids[2]});
  CHECK(ListAll("/v1/clients?owner_id=" + Upper(s.user_id), "id", s.access_token, 2) == ids);
  CHECK(ListAll("/v1/clients?owner_id=" + sentra::ids::NewUuidV7(), "id", s.access_token, 2).empty());
  // A cursor belongs to its order.
  const std::string name_cursor = Get("/v1/clients?sort=name&limit=1", s.access_token).Field("next_cursor");
  REQUIRE_FALSE(name_cursor.empty());
  CHECK(Get("/v1/clients?sort=-name&cursor=" + name_cursor, s.access_token).body.find("\"field\":\"cursor\"") !=
        std::string::npos);
  CHECK(Get("/v1/clients?cursor=" + name_cursor, s.access_token).status == 400);
}

TEST_CASE("clients: archive and restore, listed apart, with their events", "[e2e][clients]") {
  Session s = SignupNewOrganization();
  const std::string id = CreateClient(s, R"({"name":"Archived Co"})");
  const std::string contact = PostCreated("/v1/clients/" + id + "/contacts", R"({"name":"Ada"})", s.access_token);
  auto archived = Post("/v1/clients/" + id + "/archive", "{}", s.access_token);
  INFO(archived.body);
  REQUIRE(archived.status == 200);
  CHECK_FALSE(archived.Field("archived_at").empty());
  CHECK(Post("/v1/clients/" + id + "/archive", "{}", s.access_token).status == 200);  // already: a no-op
  CHECK(Get("/v1/clients", s.access_token).body.find(id) == std::string::npos);
  CHECK(Get("/v1/clients?archived=true", s.access_token).body.find(id) != std::string::npos);
  CHECK(Get("/v1/clients/" + id, s.access_token).status == 200);
  CHECK(Patch("/v1/clients/" + id, R"({"name":"Changed"})", s.access_token).status == 409);
  CHECK(Get("/v1/contacts/" + contact, s.access_token).status == 404);  // seen through a live client only

  auto restored = Post("/v1/clients/" + id + "/restore", "{}", s.access_token);
  REQUIRE(restored.status == 200);
  CHECK(restored.body.find("archived_at") == std::string::npos);
  CHECK(Get("/v1/contacts/" + contact, s.access_token).status == 200);
  CHECK(Post("/v1/clients/not-an-id/archive", "{}", s.access_token).body.find("\"field\":\"id\"") !=
        std::string::npos);
  CHECK(Post("/v1/clients/0190f1c2-3b4a-7def-8123-000000000000/restore", "{}", s.access_token).status == 404);
  CHECK(QueryStackDb("SELECT string_agg(event_type, ',' ORDER BY seq) FROM core.outbox WHERE aggregate_id = '" + id +
                     "'") == "client.created,client.archived,client.restored");
}

TEST_CASE("client input is checked field by field", "[e2e][clients][bad-input]") {
  Session s = SignupNewOrganization();
  const std::string id = CreateClient(s, R"({"name":"Valid"})");
  struct Case {
    std::string method, target, body, field;
  };
  const std::vector<Case> cases = {
      {"POST", "/v1/clients", R"({})", "name"},
      {"POST", "/v1/clients", R"({"name":"X","kind":"robot"})", "kind"},
      {"POST", "/v1/clients", R"({"name":"X","email":"nope"})", "email"},
      {"POST", "/v1/clients", R"({"name":"X","brand_id":"nope"})", "brand_id"},
      {"POST", "/v1/clients", R"({"name":"X","owner_id":"me"})", "owner_id"},
      {"POST", "/v1/clients", R"({"name":")" + std::string(201, 'x') + R"("})", "name"},
      {"PATCH", "/v1/clients/" + id, R"({"name":""})", "name"},
      {"PATCH", "/v1/clients/" + id, R"({"version":0})", "version"},
      {"PATCH", "/v1/clients/not-an-id", R"({"name":"X"})", "id"},
      {"GET", "/v1/clients/not-an-id", "", "id"},
      {"GET", "/v1/clients?limit=0", "", "limit"},
      {"GET", "/v1/clients?cursor=abc", "", "cursor"},
      {"GET", "/v1/clients?cursor=%%%", "", "query"},
      {"GET", "/v1/clients?kind=robot", "", "kind"},
      {"GET", "/v1/clients?brand_id=x", "", "brand_id"},
      {"GET", "/v1/clients?owner_id=x", "", "owner_id"},
      {"GET", "/v1/clients?sort=email", "", "sort"},
      {"GET", "/v1/clients?sort=--name", "", "sort"},
      {"GET", "/v1/clients?sort=name&cursor=abc", "", "cursor"},
  };
  for (const auto& c : cases) {
    auto res = Send({.method = c.method, .target = c.target, .body = c.body, .token = s.access_token});
    INFO(c.method << " " << c.target << " " << c.body << " → " << res.body);
    CHECK(res.status == 400);
    CHECK(res.body.find("\"field\":\"" + c.field + "\"") != std::string::npos);
  }
  CHECK(Post("/v1/clients", R"({"name":"X","unknown":1})", s.access_token).status == 400);
  CHECK(Get("/v1/clients/" + id, s.access_token).Field("name") == "Valid");
}

TEST_CASE("a client-portal member reads their own client and nothing else", "[e2e][clients][portal]") {
  Session owner = SignupNewOrganization();
  const std::string mine =
      CreateClient(owner, R"({"name":"Portal Client","email":"ceo@portal.example","notes":"slow payer, push hard"})");
  const std::string other = CreateClient(owner, R"({"name":"Someone Else"})");
  CreateClient(owner, R"({"name":"Third"})");

  Session portal = InviteAndAccept(owner, NewEmail("portal"), "client", R"(,"client_id":")" + mine + R"(")");
  auto own = Get("/v1/portal/client", portal.access_token);
  INFO(own.body);
  REQUIRE(own.status == 200);
  CHECK(own.Field("id") == mine);
  CHECK(own.Field("name") == "Portal Client");
  CHECK(own.Field("email") == "ceo@portal.example");
  CHECK(own.body.find(other) == std::string::npos);
  // The agency's internal fields stay internal.
  CHECK(own.body.find("slow payer") == std::string::npos);
  CHECK(own.body.find(owner.user_id) == std::string::npos);

  // Everything else is closed to them, their own client's staff routes too.
  for (const std::string& target : {std::string("/v1/clients"), "/v1/clients/" + mine, "/v1/clients/" + other,
                                    std::string("/v1/leads"), std::string("/v1/users"), std::string("/v1/brands")}) {
    auto res = Get(target, portal.access_token);
    INFO(target << " → " << res.body);
    CHECK(res.status == 403);
  }
  CHECK(Patch("/v1/clients/" + mine, R"({"name":"Renamed"})", portal.access_token).status == 403);
  CHECK(Post("/v1/leads", R"({"name":"X"})", portal.access_token).status == 403);
  // Staff have no portal of their own.
  CHECK(Get("/v1/portal/client", owner.access_token).status == 403);
  // The client link cannot be set from outside the client role.
  auto agent_with_client = Post("/v1/users",
                                R"({"email":")" + NewEmail("agent") + R"(","name":"A","role":"agent","client_id":")" +
                                    mine + R"("})",
                                owner.access_token);
  CHECK(agent_with_client.status == 400);
  CHECK(Get("/v1/clients/" + mine, owner.access_token).Field("name") == "Portal Client");
}

TEST_CASE("a client-portal member is tied only to a client of the inviting organization", "[e2e][clients][portal]") {
  Session owner = SignupNewOrganization();
  Session other = SignupNewOrganization();
  const std::string theirs = CreateClient(other, R"({"name":"Their Client"})");
  const std::string archived = CreateClient(owner, R"({"name":"Gone Client"})");
  REQUIRE(Post("/v1/clients/" + archived + "/archive", "{}", owner.access_token).status == 200);
  const auto invite = [&](const std::string& client_id) {
    return Post("/v1/users",
                R"({"email":")" + NewEmail("portal-ref") + R"(","name":"P","role":"client","client_id":")" + client_id +
                    R"("})",
                owner.access_token);
  };
  for (const std::string& client_id : {theirs, archived, std::string("0190f1c2-3b4a-7def-8123-000000000000")}) {
    auto refused = invite(client_id);
    INFO(client_id << " → " << refused.body);
    CHECK(refused.status == 400);
    CHECK(refused.body.find(R"("field":"client_id")") != std::string::npos);
  }
  CHECK(QueryStackDb("SELECT count(*) FROM auth.memberships WHERE org_id = '" + owner.org_id + "'") == "1");
  // Their own client, in any letter case: invited.
  const std::string mine = CreateClient(owner, R"({"name":"Our Client"})");
  CHECK(invite(Upper(mine)).status == 201);

  // An admin limited to a brand names only clients they may see: another
  // brand's client is unknown to them, as it is when they read it.
  const std::string north = PostCreated("/v1/brands", R"({"name":"North"})", owner.access_token);
  const std::string south = PostCreated("/v1/brands", R"({"name":"South"})", owner.access_token);
  const std::string north_client = CreateClient(owner, R"({"name":"North client","brand_id":")" + north + R"("})");
  const std::string south_client = CreateClient(owner, R"({"name":"South client","brand_id":")" + south + R"("})");
  Session admin = InviteAndAccept(owner, NewEmail("north-admin"), "admin",
                                  R"(,"brand_access":{"brand_ids":[")" + north + R"("]})");
  const auto invite_as_admin = [&](const std::string& client_id) {
    return Post("/v1/users",
                R"({"email":")" + NewEmail("portal-brand") + R"(","name":"P","role":"client","client_id":")" +
                    client_id + R"(","brand_access":{"brand_ids":[")" + north + R"("]}})",
                admin.access_token);
  };
  CHECK(Get("/v1/clients/" + south_client, admin.access_token).status == 404);
  auto unseen = invite_as_admin(south_client);
  INFO(unseen.body);
  CHECK(unseen.status == 400);
  CHECK(unseen.body.find(R"("field":"client_id")") != std::string::npos);
  auto seen = invite_as_admin(north_client);
  INFO(seen.body);
  CHECK(seen.status == 201);
  // The member's brands must keep showing them their client: narrowed
  // away from it, their portal would be empty.
  const std::string member = seen.Field("id");
  const auto give = [&](const std::string& brand) {
    return Patch("/v1/users/" + member, R"({"brand_access":{"brand_ids":[")" + brand + R"("]}})", owner.access_token);
  };
  auto narrowed = give(south);
  CHECK(narrowed.status == 400);
  CHECK(narrowed.body.find(R"("field":"brand_access")") != std::string::npos);
  // Nor may an invitation give brands that leave out the client's own.
  auto hidden = Post("/v1/users",
                     R"({"email":")" + NewEmail("portal-hidden") + R"(","name":"P","role":"client","client_id":")" +
                         south_client + R"(","brand_access":{"brand_ids":[")" + north + R"("]}})",
                     owner.access_token);
  CHECK(hidden.status == 400);
  CHECK(hidden.body.find(R"("field":"brand_access")") != std::string::npos);

  // What counts is the admin's brands now, not as their token has them.
  REQUIRE(Patch("/v1/users/" + admin.user_id, R"({"brand_access":{"brand_ids":[")" + south + R"("]}})",
                owner.access_token)
              .status == 200);
  auto stale = invite_as_admin(north_client);
  INFO(stale.body);
  CHECK(stale.status == 400);
  CHECK(stale.body.find(R"("field":"client_id")") != std::string::npos);

  // The client moves to South: the owner gives the member South too.
  REQUIRE(Patch("/v1/clients/" + north_client, R"({"brand_id":")" + south + R"("})", owner.access_token).status ==
          200);
  CHECK(give(south).status == 200);
  CHECK(give(north).status == 400);
}

TEST_CASE("the client-portal row filter holds in the database itself", "[e2e][clients][portal]") {
  Session owner = SignupNewOrganization();
  const std::string mine = CreateClient(owner, R"({"name":"Mine"})");
  const std::string other = CreateClient(owner, R"({"name":"Not mine"})");
  // As core's own role, with the settings a portal member's call carries:
  // even statements that name every client of the organization reach one.
  auto conn = sentra::db::Connection::Open(ServiceDbUrl("core"));
  REQUIRE(conn.ok());
  REQUIRE((*conn)->ExecuteScript("BEGIN", "e2e.begin").ok());
  static constexpr sentra::db::Query kScope{
      "e2e.portal_scope", "SELECT set_config('sentra.org_id', $1, true), set_config('sentra.client_id', $2, true)"};
  REQUIRE((*conn)->Execute(kScope, sentra::db::Params(owner.org_id, mine)).ok());
  static constexpr sentra::db::Query kAll{"e2e.all_clients",
                                          "SELECT coalesce(string_agg(id::text, ','), '') FROM core.clients"};
  auto seen = (*conn)->Execute(kAll);
  REQUIRE(seen.ok());
  CHECK(seen->String(0, 0) == mine);
  static constexpr sentra::db::Query kRenameAll{"e2e.rename_all", "UPDATE core.clients SET name = 'renamed'"};
  auto renamed = (*conn)->Execute(kRenameAll);
  REQUIRE(renamed.ok());
  CHECK(renamed->affected() == 1);
  REQUIRE((*conn)->ExecuteScript("ROLLBACK", "e2e.rollback").ok());
  CHECK(Get("/v1/clients/" + other, owner.access_token).Field("name") == "Not mine");
}

TEST_CASE("a member limited to a brand cannot take a record out of it, by the API or in the database",
          "[e2e][clients][brands]") {
  Session owner = SignupNewOrganization();
  const std::string north = PostCreated("/v1/brands", R"({"name":"North"})", owner.access_token);
  const std::string lead =
      PostCreated("/v1/leads", R"({"name":"North lead","brand_id":")" + north + R"("})", owner.access_token);
  const std::string client = CreateClient(owner, R"({"name":"North client","brand_id":")" + north + R"("})");
  Session agent = InviteAndAccept(owner, NewEmail("north-agent"), "agent",
                                  R"(,"brand_access":{"brand_ids":[")" + north + R"("]})");

  // Clearing the brand would show the record to the whole organization.
  CHECK(Patch("/v1/leads/" + lead, R"({"brand_id":""})", agent.access_token).status == 403);
  CHECK(Patch("/v1/clients/" + client, R"({"brand_id":""})", agent.access_token).status == 403);
  CHECK(Get("/v1/leads/" + lead, owner.access_token).Field("brand_id") == north);
  CHECK(Get("/v1/clients/" + client, owner.access_token).Field("brand_id") == north);
  CHECK(Patch("/v1/leads/" + lead, R"({"name":"Still north"})", agent.access_token).status == 200);

  // The database refuses it too, as core's own role with the agent's scope.
  auto conn = sentra::db::Connection::Open(ServiceDbUrl("core"));
  REQUIRE(conn.ok());
  static constexpr sentra::db::Query kScope{
      "e2e.brand_scope", "SELECT set_config('sentra.org_id', $1, true), set_config('sentra.brands', $2, true)"};
  static constexpr sentra::db::Query kClear{"e2e.clear_brand", "UPDATE core.leads SET brand_id = NULL WHERE id = $1"};
  REQUIRE((*conn)->ExecuteScript("BEGIN", "e2e.begin").ok());
  REQUIRE((*conn)->Execute(kScope, sentra::db::Params(owner.org_id, north)).ok());
  auto refused = (*conn)->Execute(kClear, sentra::db::Params(lead));
  CHECK(refused.status().code() == absl::StatusCode::kPermissionDenied);
  REQUIRE((*conn)->ExecuteScript("ROLLBACK", "e2e.rollback").ok());
  REQUIRE((*conn)->ExecuteScript("BEGIN", "e2e.begin").ok());
  REQUIRE((*conn)->Execute(kScope, sentra::db::Params(owner.org_id, "*")).ok());
  auto allowed = (*conn)->Execute(kClear, sentra::db::Params(lead));
  CHECK(allowed.ok());
  REQUIRE((*conn)->ExecuteScript("ROLLBACK", "e2e.rollback").ok());

  // Someone with every brand may.
  CHECK(Patch("/v1/leads/" + lead, R"({"brand_id":""})", owner.access_token).status == 200);
}

TEST_CASE("a client may be billed in a currency of its own, an ISO 4217 code or none", "[e2e][clients]") {
  Session s = SignupNewOrganization();
  const std::string client = PostCreated("/v1/clients", R"({"name":"Euro Co","currency":"EUR"})", s.access_token);
  CHECK(Get("/v1/clients/" + client, s.access_token).Field("currency") == "EUR");
  auto bad = Post("/v1/clients", R"({"name":"Bad","currency":"EURO"})", s.access_token);
  CHECK(bad.status == 400);
  CHECK(bad.body.find(R"("field":"currency")") != std::string::npos);
  CHECK(Patch("/v1/clients/" + client, R"({"currency":"eur"})", s.access_token).status == 400);
  auto cleared = Patch("/v1/clients/" + client, R"({"currency":""})", s.access_token);
  REQUIRE(cleared.status == 200);
  CHECK(cleared.Field("currency").empty());
  CHECK(QueryStackDb("SELECT currency IS NULL FROM core.clients WHERE id = '" + client + "'") == "true");
  CHECK(QueryStackDb("SELECT string_agg(event_type, ',' ORDER BY seq) FROM core.outbox WHERE aggregate_id = '" +
                     client + "'") == "client.created,client.updated");
}
