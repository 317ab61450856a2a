// Contacts under a client, through the gateway against the real stack.
#include <catch2/catch.hpp>

#include "stack.h"

using namespace sentra::e2e;

namespace {

int DataSize(const Response& res) { return res.Json().fields().at("data").list_value().values_size(); }

}  // namespace

TEST_CASE("contacts: create under a client, one primary, list by cursor, update, delete, events",
          "[e2e][contacts]") {
  Session s = SignupNewOrganization();
  const std::string client = PostCreated("/v1/clients", R"({"name":"Acme"})", s.access_token);
  const std::string base = "/v1/clients/" + client + "/contacts";

  auto ada = Post(base, R"({"name":" Ada ","email":"Ada@Acme.example","title":"CTO"})", s.access_token);
  INFO(ada.body);
  REQUIRE(ada.status == 201);
  CHECK(ada.Field("name") == "Ada");
  CHECK(ada.Field("email") == "ada@acme.example");
  CHECK(ada.Field("client_id") == client);
  CHECK(ada.body.find("\"is_primary\":true") != std::string::npos);  // the first is the primary
  const std::string ada_id = ada.Field("id");

  const std::string bob_id = PostCreated(base, R"({"name":"Bob","is_primary":true})", s.access_token);
  CHECK(Get("/v1/contacts/" + bob_id, s.access_token).body.find("\"is_primary\":true") != std::string::npos);
  CHECK(Get("/v1/contacts/" + ada_id, s.access_token).body.find("\"is_primary\":true") == std::string::npos);
  CHECK(QueryStackDb("SELECT count(*) FROM core.contacts WHERE client_id = '" + client +
                     "' AND is_primary AND archived_at IS NULL") == "1");

  PostCreated(base, R"({"name":"Cleo"})", s.access_token);
  auto first = Get(base + "?limit=2", s.access_token);
  REQUIRE(first.status == 200);
  CHECK(DataSize(first) == 2);
  auto second = Get(base + "?limit=2&cursor=" + first.Field("next_cursor"), s.access_token);
  REQUIRE(second.status == 200);
  CHECK(DataSize(second) == 1);
  CHECK(second.body.find("next_cursor") == std::string::npos);

  auto renamed = Patch("/v1/contacts/" + ada_id, R"({"phone":"+44 20 7946 0001","version":2})", s.access_token);
  INFO(renamed.body);
  CHECK(renamed.status == 200);
  CHECK(Patch("/v1/contacts/" + ada_id, R"({"phone":"x","version":2})", s.access_token).Field("error.code") ==
        "VERSION_CONFLICT");

  // Deleting the primary passes the role on: the client keeps one.
  CHECK(Delete("/v1/contacts/" + bob_id, s.access_token).status == 204);
  CHECK(Get("/v1/contacts/" + bob_id, s.access_token).status == 404);
  CHECK(Delete("/v1/contacts/" + bob_id, s.access_token).status == 404);
  CHECK(QueryStackDb("SELECT count(*) FROM core.contacts WHERE client_id = '" + client +
                     "' AND is_primary AND archived_at IS NULL") == "1");
  CHECK(QueryStackDb("SELECT string_agg(event_type, ',' ORDER BY seq) FROM core.outbox WHERE aggregate_id = '" +
                     bob_id + "'") == "contact.created,contact.deleted");
}

TEST_CASE("a client's contacts are listed by creation or name either way", "[e2e][contacts]") {
  Session s = SignupNewOrganization();
  const std::string client = PostCreated("/v1/clients", R"({"name":"Acme"})", s.access_token);
  const std::string base = "/v1/clients/" + client + "/contacts";
  std::vector<std::string> ids;
  for (const char* name : {"Zoe", "Ada", "Milo"}) {
    ids.push_back(PostCreated(base, std::string(R"({"name":")") + name + R"("})", s.access_token));
  }
  // Another client's contacts stay out of every order.
  const std::string other = PostCreated("/v1/clients", R"({"name":"Other"})", s.access_token);
  PostCreated("/v1/clients/" + other + "/contacts", R"({"name":"Bea"})", s.access_token);
  CHECK(ListAll(base, "id", s.access_token, 2) == ids);
  CHECK(ListAll(base + "?sort=-created_at", "id", s.access_token, 2) == std::vector<std::string>{ids[2], ids[1], ids[0]});
  CHECK(ListAll(base + "?sort=name", "name", s.access_token, 1) == std::vector<std::string>{"Ada", "Milo", "Zoe"});
  CHECK(ListAll(base + "?sort=-name", "name", s.access_token, 2) == std::vector<std::string>{"Zoe", "Milo", "Ada"});
  // A cursor pages its own client's contacts only.
  const std::string cursor = Get(base + "?limit=1", s.access_token).Field("next_cursor");
  REQUIRE_FALSE(cursor.empty());
  CHECK(Get("/v1/clients/" + other + "/contacts?cursor=" + cursor, s.access_token).status == 400);
}

TEST_CASE("contact input is checked field by field and writes nothing", "[e2e][contacts][bad-input]") {
  Session s = SignupNewOrganization();
  const std::string client = PostCreated("/v1/clients", R"({"name":"Acme"})", s.access_token);
  const std::string base = "/v1/clients/" + client + "/contacts";
  const std::string id = PostCreated(base, R"({"name":"Valid"})", s.access_token);
  struct Case {
    std::string method, target, body, field;
  };
  const std::vector<Case> cases = {
      {"POST", base, R"({})", "name"},
      {"POST", base, R"({"name":"X","email":"nope"})", "email"},
      {"POST", base, R"({"name":")" + std::string(201, 'x') + R"("})", "name"},
      {"POST", base, R"({"name":"X","title":")" + std::string(201, 't') + R"("})", "title"},
      {"POST", "/v1/clients/not-an-id/contacts", R"({"name":"X"})", "client_id"},
      {"GET", "/v1/clients/not-an-id/contacts", "", "client_id"},
      {"GET", base + "?limit=500", "", "limit"},
      {"GET", base + "?cursor=abc", "", "cursor"},
      {"GET", base + "?sort=email", "", "sort"},
      {"GET", base + "?sort=-name&cursor=abc", "", "cursor"},
      {"PATCH", "/v1/contacts/" + id, R"({"name":""})", "name"},
      {"PATCH", "/v1/contacts/" + id, R"({"is_primary":false})", "is_primary"},
      // Only true and false, or those two words: not "1", "yes" or "".
      {"POST", base, R"({"name":"X","is_primary":"yes"})", "is_primary"},
      {"POST", base, R"({"name":"X","is_primary":""})", "is_primary"},
      {"POST", base, R"({"name":"X","is_primary":"1"})", "is_primary"},
      {"PATCH", "/v1/contacts/" + id, R"({"version":0})", "version"},
      {"PATCH", "/v1/contacts/nope", R"({"name":"X"})", "id"},
      {"GET", "/v1/contacts/nope", "", "id"},
      {"DELETE", "/v1/contacts/nope", "", "id"},
  };
  for (const auto& c : cases) {
    auto res = Send({.method = c.method, .target = c.target, .body = c.body, .token = s.access_token});
    INFO(c.method << " " << c.target << " " << c.body << " → " << res.body);
    CHECK(res.status == 400);
    CHECK(res.body.find("\"field\":\"" + c.field + "\"") != std::string::npos);
  }
  CHECK(Post(base, R"({"name":"X","unknown":1})", s.access_token).status == 400);
  // A client that does not exist, or another organization's, is not found.
  CHECK(Post("/v1/clients/0190f1c2-3b4a-7def-8123-000000000000/contacts", R"({"name":"X"})", s.access_token).status ==
        404);
  CHECK(QueryStackDb("SELECT count(*) FROM core.contacts WHERE client_id = '" + client + "'") == "1");
}
