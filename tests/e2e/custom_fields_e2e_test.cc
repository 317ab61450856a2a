// Custom fields through the gateway against the real stack: definitions
// managed by admins, read by every member, and records' values checked
// against them (400 naming custom_fields.<key>).
#include <catch2/catch.hpp>

#include "stack.h"

using namespace sentra::e2e;

namespace {

bool Names(const Response& r, const std::string& field) {
  return r.body.find(R"("field":")" + field + R"(")") != std::string::npos;
}

}  // namespace

TEST_CASE("custom fields: defined per record type, checked on every create and update", "[e2e][custom_fields]") {
  Session s = SignupNewOrganization();
  const std::string po = PostCreated(
      "/v1/custom-fields", R"({"entity":"order","key":"po_number","label":"PO number","type":"text","required":true})",
      s.access_token);
  PostCreated("/v1/custom-fields",
              R"({"entity":"order","key":"channel","label":"Channel","type":"select","options":["web","phone"]})",
              s.access_token);
  CHECK(Post("/v1/custom-fields", R"({"entity":"order","key":"po_number","label":"Again","type":"text"})",
             s.access_token)
            .status == 409);
  const auto list = Get("/v1/custom-fields?entity=order", s.access_token);
  CHECK(list.Json().fields().at("data").list_value().values_size() == 2);

  const std::string client = PostCreated("/v1/clients", R"({"name":"Acme"})", s.access_token);
  const std::string base = R"({"client_id":")" + client + R"(","currency":"USD")";
  auto missing = Post("/v1/orders", base + "}", s.access_token);
  CHECK(missing.status == 400);
  CHECK(Names(missing, "custom_fields.po_number"));
  auto wrong = Post("/v1/orders", base + R"(,"custom_fields":{"po_number":42,"channel":"fax","colour":"red"}})",
                    s.access_token);
  CHECK(wrong.status == 400);
  CHECK(Names(wrong, "custom_fields.po_number"));
  CHECK(Names(wrong, "custom_fields.channel"));
  CHECK(Names(wrong, "custom_fields.colour"));
  CHECK(QueryStackDb("SELECT count(*) FROM core.orders WHERE client_id = '" + client + "'") == "0");

  auto created = Post("/v1/orders", base + R"(,"custom_fields":{"po_number":"PO-7","channel":"web"}})",
                      s.access_token);
  INFO(created.body);
  REQUIRE(created.status == 201);
  const std::string order = created.Field("id");
  CHECK(created.Field("custom_fields.po_number") == "PO-7");
  // Merged on update: a key set, null removes one, a required one stays.
  auto merged = Patch("/v1/orders/" + order, R"({"custom_fields":{"channel":null,"po_number":"PO-8"}})",
                      s.access_token);
  CHECK(merged.status == 200);
  CHECK(merged.Field("custom_fields.po_number") == "PO-8");
  CHECK(merged.Field("custom_fields.channel").empty());
  auto cleared = Patch("/v1/orders/" + order, R"({"custom_fields":{"po_number":null}})", s.access_token);
  CHECK(cleared.status == 400);
  CHECK(Names(cleared, "custom_fields.po_number"));
  CHECK(QueryStackDb("SELECT custom_fields->>'po_number' FROM core.orders WHERE id = '" + order + "'") == "PO-8");

  // A definition's options change; its key and type do not.
  auto options = Patch("/v1/custom-fields/" + po, R"({"label":"Purchase order","required":false})", s.access_token);
  CHECK(options.status == 200);
  CHECK(options.Field("version") == "2");
  CHECK(Patch("/v1/custom-fields/" + po, R"({"type":"number"})", s.access_token).status == 400);
  // Every member reads them; only managers write them; a portal member neither.
  Session agent = InviteAndAccept(s, NewEmail("fields-agent"), "agent");
  CHECK(Get("/v1/custom-fields", agent.access_token).status == 200);
  CHECK(Post("/v1/custom-fields", R"({"entity":"lead","key":"x","label":"X","type":"text"})", agent.access_token)
            .status == 403);
  Session portal = InviteAndAccept(s, NewEmail("fields-portal"), "client", R"(,"client_id":")" + client + R"(")");
  CHECK(Get("/v1/custom-fields", portal.access_token).status == 403);
  CHECK(Delete("/v1/custom-fields/" + po, s.access_token).status == 204);
  CHECK(Get("/v1/custom-fields/" + po, s.access_token).status == 404);
}

TEST_CASE("custom field definitions are checked field by field and write nothing",
          "[e2e][custom_fields][bad-input]") {
  Session s = SignupNewOrganization();
  const std::string id = PostCreated(
      "/v1/custom-fields", R"({"entity":"deal","key":"tier","label":"Tier","type":"select","options":["a","b"]})",
      s.access_token);
  struct Case {
    std::string method, target, body, field;
  };
  const std::vector<Case> cases = {
      {"POST", "/v1/custom-fields", R"({"key":"x","label":"X","type":"text"})", "entity"},
      {"POST", "/v1/custom-fields", R"({"entity":"deal","key":"Bad Key","label":"X","type":"text"})", "key"},
      {"POST", "/v1/custom-fields", R"({"entity":"deal","key":"x","type":"text"})", "label"},
      {"POST", "/v1/custom-fields", R"({"entity":"deal","key":"x","label":"X","type":"colour"})", "type"},
      {"POST", "/v1/custom-fields", R"({"entity":"deal","key":"x","label":"X","type":"select"})", "options"},
      {"POST", "/v1/custom-fields", R"({"entity":"deal","key":"x","label":"X","type":"text","options":["a"]})",
       "options"},
      {"PATCH", "/v1/custom-fields/" + id, R"({"options":[]})", "options"},
      {"PATCH", "/v1/custom-fields/" + id, R"({"label":""})", "label"},
      {"PATCH", "/v1/custom-fields/" + id, R"({"version":0})", "version"},
      {"PATCH", "/v1/custom-fields/nope", R"({"label":"X"})", "id"},
      {"GET", "/v1/custom-fields?entity=invoice", "", "entity"},
      {"GET", "/v1/custom-fields/nope", "", "id"},
  };
  for (const auto& c : cases) {
    auto res = Send({.method = c.method, .target = c.target, .body = c.body, .token = s.access_token});
    INFO(c.method << " " << c.target << " " << c.body << " → " << res.body);
    CHECK(res.status == 400);
    CHECK(Names(res, c.field));
  }
  CHECK(QueryStackDb("SELECT count(*) FROM core.custom_field_definitions WHERE org_id = '" + s.org_id + "'") == "1");
  CHECK(Get("/v1/custom-fields/" + id, s.access_token).Field("version") == "1");
}

TEST_CASE("leads, clients, contacts and deals carry custom fields, lead conversion too", "[e2e][custom_fields]") {
  Session s = SignupNewOrganization();
  for (const char* entity : {"lead", "client", "contact", "deal"}) {
    PostCreated("/v1/custom-fields",
                std::string(R"({"entity":")") + entity +
                    R"(","key":"tier","label":"Tier","type":"select","options":["gold","silver"],"required":true})",
                s.access_token);
  }
  const std::string gold = R"("custom_fields":{"tier":"gold"})";
  // Each refuses a record without it, and keeps what it is given.
  auto lead = Post("/v1/leads", R"({"name":"Ada"})", s.access_token);
  CHECK(lead.status == 400);
  CHECK(Names(lead, "custom_fields.tier"));
  const std::string lead_id = PostCreated("/v1/leads", R"({"name":"Ada",)" + gold + "}", s.access_token);
  CHECK(Get("/v1/leads/" + lead_id, s.access_token).Field("custom_fields.tier") == "gold");
  CHECK(Post("/v1/clients", R"({"name":"Acme"})", s.access_token).status == 400);
  const std::string client = PostCreated("/v1/clients", R"({"name":"Acme",)" + gold + "}", s.access_token);
  auto patched = Patch("/v1/clients/" + client, R"({"custom_fields":{"tier":"silver"}})", s.access_token);
  CHECK(patched.Field("custom_fields.tier") == "silver");
  CHECK(Patch("/v1/clients/" + client, R"({"custom_fields":{"tier":"bronze"}})", s.access_token).status == 400);
  CHECK(Post("/v1/clients/" + client + "/contacts", R"({"name":"Grace"})", s.access_token).status == 400);
  const std::string contact =
      PostCreated("/v1/clients/" + client + "/contacts", R"({"name":"Grace",)" + gold + "}", s.access_token);
  CHECK(Patch("/v1/contacts/" + contact, R"({"custom_fields":{"tier":null}})", s.access_token).status == 400);
  const std::string deal_base = R"({"title":"Site","currency":"EUR","client_id":")" + client + R"(")";
  CHECK(Post("/v1/deals", deal_base + "}", s.access_token).status == 400);
  const std::string deal = PostCreated("/v1/deals", deal_base + "," + gold + "}", s.access_token);
  CHECK(Get("/v1/deals/" + deal, s.access_token).Field("custom_fields.tier") == "gold");

  // Converting a lead makes a client and a deal: the lead's tier goes to
  // the client, which defines it too; the deal's is asked for, and a value
  // given for the client wins over the lead's.
  auto bare = Post("/v1/leads/" + lead_id + "/convert", R"({"deal":{"title":"Site","currency":"EUR"}})",
                   s.access_token);
  CHECK(bare.status == 400);
  CHECK(Names(bare, "deal.custom_fields.tier"));
  CHECK_FALSE(Names(bare, "client_custom_fields.tier"));
  auto wrong = Post("/v1/leads/" + lead_id + "/convert",
                    R"({"client_custom_fields":{"tier":"bronze"},"deal":{"title":"Site","currency":"EUR",)" + gold +
                        "}}",
                    s.access_token);
  CHECK(wrong.status == 400);
  CHECK(Names(wrong, "client_custom_fields.tier"));
  auto converted = Post("/v1/leads/" + lead_id + "/convert",
                        R"({"client_custom_fields":{"tier":"silver"},"deal":{"title":"Site","currency":"EUR",)" +
                            gold + "}}",
                        s.access_token);
  INFO(converted.body);
  CHECK(converted.status == 200);
  CHECK(converted.Field("client.custom_fields.tier") == "silver");
}

TEST_CASE("a record type has at most 100 custom fields, their list pages, and a change counts at the next write",
          "[e2e][custom_fields]") {
  Session s = SignupNewOrganization();
  const std::string& token = s.access_token;
  // 99 as the superuser, with their record type's version as the API keeps it.
  ExecStackDb("INSERT INTO core.custom_field_definitions (org_id, id, entity, key, label, type) "
              "SELECT '" + s.org_id + "', gen_random_uuid(), 'lead', 'field_' || lpad(n::text, 3, '0'), "
              "'Field ' || n, 'text' FROM generate_series(1, 99) n; "
              "INSERT INTO core.custom_field_sets (org_id, entity, version) VALUES ('" + s.org_id + "', 'lead', 1)");
  PostCreated("/v1/custom-fields", R"({"entity":"lead","key":"tier","label":"Tier","type":"select",)"
                                   R"("options":["bronze","silver","gold"],"required":true})",
              token);
  auto full = Post("/v1/custom-fields", R"({"entity":"lead","key":"one_more","label":"One more","type":"text"})", token);
  CHECK(full.status == 400);
  CHECK(full.body.find(R"("field":"entity","message":"has 100 custom fields already)") != std::string::npos);
  // Another record type has room of its own.
  PostCreated("/v1/custom-fields", R"({"entity":"client","key":"one_more","label":"One more","type":"text"})", token);

  // Paged like every list, by record type and key; each cursor its list's own.
  auto first = Get("/v1/custom-fields?entity=lead&limit=30", token);
  REQUIRE(first.status == 200);
  CHECK(first.Json().fields().at("data").list_value().values_size() == 30);
  CHECK(ListAll("/v1/custom-fields?entity=lead", "key", token, 40).size() == 100);
  const auto all = ListAll("/v1/custom-fields", "key", token, 200);
  CHECK(all.size() == 101);
  CHECK(all.front() == "one_more");  // client's first, then lead's by key
  CHECK(Get("/v1/custom-fields?entity=client&cursor=" + first.Field("next_cursor"), token).status == 400);
  CHECK(Get("/v1/custom-fields?cursor=garbage", token).status == 400);
  CHECK(Get("/v1/custom-fields?limit=0", token).status == 400);

  // The definitions in memory never outlive a change: each write sees the last one at once.
  CHECK(Post("/v1/leads", R"({"name":"No tier"})", token).status == 400);
  const std::string tier = QueryStackDb("SELECT id FROM core.custom_field_definitions WHERE key = 'tier' AND org_id = '" +
                                        s.org_id + "'");
  REQUIRE(Patch("/v1/custom-fields/" + tier, R"({"required":false})", token).status == 200);
  CHECK(Post("/v1/leads", R"({"name":"No tier needed"})", token).status == 201);
  CHECK(Post("/v1/leads", R"({"name":"Platinum","custom_fields":{"tier":"platinum"}})", token).status == 400);
  REQUIRE(Patch("/v1/custom-fields/" + tier, R"({"options":["bronze","silver","gold","platinum"]})", token).status ==
          200);
  CHECK(Post("/v1/leads", R"({"name":"Platinum","custom_fields":{"tier":"platinum"}})", token).status == 201);
  REQUIRE(Delete("/v1/custom-fields/" + tier, token).status == 204);
  CHECK(Post("/v1/leads", R"({"name":"Tier gone","custom_fields":{"tier":"gold"}})", token).status == 400);
  CHECK(QueryStackDb("SELECT version FROM core.custom_field_sets WHERE entity = 'lead' AND org_id = '" + s.org_id +
                     "'") == "5");
}

TEST_CASE("a select field's options are at most 100, of 10,000 bytes in all, the 400 naming the limit",
          "[e2e][custom_fields]") {
  Session s = SignupNewOrganization();
  std::string many = R"({"entity":"deal","key":"many","label":"Many","type":"select","options":[)";
  for (int i = 0; i < 101; ++i) many += (i ? ",\"" : "\"") + std::to_string(i) + "\"";
  auto too_many = Post("/v1/custom-fields", many + "]}", s.access_token);
  CHECK(too_many.status == 400);
  CHECK(too_many.body.find(R"("field":"options","message":"must be 1 to 100 values for a select field")") !=
        std::string::npos);
  std::string heavy = R"({"entity":"deal","key":"heavy","label":"Heavy","type":"multiselect","options":[)";
  std::string accents;  // 98 two-byte characters: each option at most 100 characters, ~200 bytes
  for (int c = 0; c < 98; ++c) accents += "\u00e9";
  for (int i = 0; i < 100; ++i) heavy += (i ? ",\"" : "\"") + std::to_string(i) + accents + "\"";
  auto too_heavy = Post("/v1/custom-fields", heavy + "]}", s.access_token);
  CHECK(too_heavy.status == 400);
  CHECK(too_heavy.body.find(R"("field":"options","message":"must take at most 10000 bytes in all)") !=
        std::string::npos);
  CHECK(QueryStackDb("SELECT count(*) FROM core.custom_field_definitions WHERE org_id = '" + s.org_id + "'") == "0");
}
