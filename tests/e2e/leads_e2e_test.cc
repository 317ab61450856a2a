// Leads through the gateway, against the real stack.
#include <catch2/catch.hpp>
#include <set>

#include "stack.h"
#include "sentra/testing/wait.h"

using namespace sentra::e2e;

namespace {
std::string CreateLead(const Session& s, const std::string& name) {
  auto res = Post("/v1/leads", R"({"name":")" + name + R"(","email":"x@example.com","source":"website"})", s.access_token);
  INFO(res.body);
  REQUIRE(res.status == 201);
  return res.Field("id");
}
}  // namespace

TEST_CASE("an owner signs up, logs in, and creates, lists, reads, updates and deletes leads", "[e2e]") {
  Session s = SignupNewOrganization();
  auto login = Post("/v1/auth/login", R"({"email":")" + s.email + R"(","password":")" + s.password + R"("})");
  REQUIRE(login.status == 200);
  CHECK(login.Field("token_type") == "Bearer");
  CHECK(login.Field("organization.id") == s.org_id);
  const std::string token = login.Field("access_token");

  std::set<std::string> created;
  for (int i = 0; i < 5; ++i) created.insert(CreateLead(s, "Lead " + std::to_string(i)));

  // Walk the cursor two at a time: every lead exactly once, then no cursor.
  std::set<std::string> seen;
  std::string cursor;
  int pages = 0;
  do {
    auto page = Get("/v1/leads?limit=2" + (cursor.empty() ? "" : "&cursor=" + cursor), token);
    REQUIRE(page.status == 200);
    const auto json = page.Json();
    const auto& data = json.fields().at("data").list_value();
    CHECK(data.values_size() <= 2);
    for (const auto& lead : data.values()) {
      CHECK(seen.insert(lead.struct_value().fields().at("id").string_value()).second);
    }
    cursor = page.Field("next_cursor");
    ++pages;
  } while (!cursor.empty() && pages < 10);
  CHECK(seen == created);
  CHECK(pages == 3);

  const std::string id = *created.begin();
  auto got = Get("/v1/leads/" + id, token);
  REQUIRE(got.status == 200);
  CHECK(got.Field("source") == "website");
  CHECK(got.Field("status") == "new");
  CHECK(got.Field("owner_id") == s.user_id);
  CHECK(got.Field("version") == "1");

  auto updated = Patch("/v1/leads/" + id, R"({"status":"qualified","version":1})", token);
  INFO(updated.body);
  REQUIRE(updated.status == 200);
  CHECK(updated.Field("status") == "qualified");
  CHECK(updated.Field("version") == "2");
  CHECK(updated.Field("name") == got.Field("name"));

  auto stale = Patch("/v1/leads/" + id, R"({"status":"contacted","version":1})", token);
  CHECK(stale.status == 409);
  CHECK(stale.Field("error.code") == "VERSION_CONFLICT");
  CHECK(Get("/v1/leads/" + id, token).Field("status") == "qualified");

  auto by_header = Send({.method = "PATCH", .target = "/v1/leads/" + id, .body = R"({"score":5})",
                         .token = token, .headers = {{"If-Match", "\"1\""}}});
  CHECK(by_header.status == 409);
  by_header = Send({.method = "PATCH", .target = "/v1/leads/" + id, .body = R"({"score":5})", .token = token,
                    .headers = {{"If-Match", "\"2\""}}});
  CHECK(by_header.status == 200);
  CHECK(by_header.Field("version") == "3");
  // Both a header and a field: they must agree. Two headers: refused.
  auto disagree = Send({.method = "PATCH", .target = "/v1/leads/" + id, .body = R"({"score":6,"version":3})",
                        .token = token, .headers = {{"If-Match", "\"2\""}}});
  CHECK(disagree.status == 400);
  CHECK(disagree.body.find(R"("field":"If-Match")") != std::string::npos);
  const std::string body = R"({"score":7})";
  const std::string twice = SendRaw("PATCH /v1/leads/" + id + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
                                    "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                                    "If-Match: \"3\"\r\nIf-Match: \"9\"\r\nContent-Length: " +
                                    std::to_string(body.size()) + "\r\n\r\n" + body);
  CHECK(twice.rfind("HTTP/1.1 400", 0) == 0);
  CHECK(twice.find(R"("field":"If-Match")") != std::string::npos);
  CHECK(Get("/v1/leads/" + id, token).Field("version") == "3");
  const std::string empty = SendRaw("PATCH /v1/leads/" + id + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
                                    "Authorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                                    "If-Match: \r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  CHECK(empty.rfind("HTTP/1.1 400", 0) == 0);
  CHECK(empty.find(R"("field":"If-Match")") != std::string::npos);
  CHECK(Get("/v1/leads/" + id, token).Field("version") == "3");

  auto filtered = Get("/v1/leads?status=qualified", token);
  REQUIRE(filtered.status == 200);
  CHECK(filtered.Json().fields().at("data").list_value().values_size() == 1);

  CHECK(Delete("/v1/leads/" + id, token).status == 204);
  CHECK(Get("/v1/leads/" + id, token).status == 404);
  CHECK(Delete("/v1/leads/" + id, token).status == 404);
}

TEST_CASE("another organization gets 404 on the first one's lead and an empty list", "[e2e]") {
  Session a = SignupNewOrganization();
  Session b = SignupNewOrganization();
  const std::string id = CreateLead(a, "Secret Lead");

  auto get = Get("/v1/leads/" + id, b.access_token);
  CHECK(get.status == 404);
  CHECK(get.Field("error.code") == "NOT_FOUND");
  CHECK(get.body.find("Secret") == std::string::npos);
  auto list = Get("/v1/leads", b.access_token);
  REQUIRE(list.status == 200);
  CHECK(list.Json().fields().at("data").list_value().values_size() == 0);
  CHECK(list.Field("next_cursor").empty());
  CHECK(Get("/v1/leads?q=Secret", b.access_token).body.find("Secret") == std::string::npos);
  CHECK(Patch("/v1/leads/" + id, R"({"name":"Hijacked"})", b.access_token).status == 404);
  CHECK(Delete("/v1/leads/" + id, b.access_token).status == 404);
  CHECK(Get("/v1/leads/" + id, a.access_token).Field("name") == "Secret Lead");

  // Naming the other organization in headers changes nothing: scope comes
  // from the token alone.
  auto smuggled = Send({.target = "/v1/leads/" + id, .token = b.access_token,
                        .headers = {{"X-Sentra-Org-Id", a.org_id}, {"X-Sentra-User-Id", a.user_id},
                                    {"X-Sentra-Permissions", "leads:read"}}});
  CHECK(smuggled.status == 404);
}

TEST_CASE("organization.created reaches core, billing, comms and analytics exactly once", "[e2e]") {
  Session s = SignupNewOrganization();
  const std::string org = "'" + s.org_id + "'::uuid";
  const auto applied = [&] {
    return QueryStackDb("SELECT count(*) FROM core.pipelines WHERE org_id = " + org) == "1" &&
           QueryStackDb("SELECT count(*) FROM billing.billing_settings WHERE org_id = " + org) == "1" &&
           QueryStackDb("SELECT count(*) FROM comms.outbound_emails WHERE template = 'welcome' AND org_id = " + org) == "1" &&
           QueryStackDb("SELECT count(*) FROM analytics.event_archive WHERE org_id = " + org +
                        " AND event_type = 'organization.created'") == "1";
  };
  REQUIRE(sentra::testing::WaitFor(applied, std::chrono::seconds(20)));
  CHECK(QueryStackDb("SELECT count(*) FROM core.pipeline_stages WHERE org_id = " + org) == "6");
  CHECK(QueryStackDb("SELECT to_address FROM comms.outbound_emails WHERE template = 'welcome' AND org_id = " + org) ==
        s.email);
  const std::string event_id =
      QueryStackDb("SELECT event_id FROM auth.outbox WHERE aggregate_id = '" + s.org_id + "'");
  REQUIRE_FALSE(event_id.empty());
  for (const char* schema : {"core", "billing", "comms", "analytics"}) {
    CAPTURE(schema);
    CHECK(QueryStackDb(std::string("SELECT count(*) FROM ") + schema + ".inbox WHERE event_id = '" + event_id + "'") == "1");
  }
}

TEST_CASE("converting a lead makes its client and deal at once, and only once", "[e2e][leads][convert]") {
  Session s = SignupNewOrganization();
  const std::string lead = PostCreated(
      "/v1/leads", R"({"name":"Ada Lovelace","company":"Analytical Engines","email":"ada@engines.example"})",
      s.access_token);
  auto converted = Post("/v1/leads/" + lead + "/convert",
                        R"({"deal":{"title":"Engine No. 1","value":"5000","currency":"GBP"}})", s.access_token);
  INFO(converted.body);
  REQUIRE(converted.status == 200);
  const std::string client = converted.Field("client.id");
  CHECK(converted.Field("client.name") == "Analytical Engines");
  CHECK(converted.Field("lead.status") == "converted");
  CHECK(converted.Field("lead.client_id") == client);
  CHECK(converted.Field("deal.client_id") == client);
  CHECK(converted.Field("deal.value") == "5000.00");
  CHECK(Get("/v1/leads/" + lead, s.access_token).Field("client_id") == client);
  CHECK(Get("/v1/clients/" + client, s.access_token).status == 200);

  auto again = Post("/v1/leads/" + lead + "/convert", "{}", s.access_token);
  CHECK(again.status == 409);
  CHECK(again.Field("error.code") == "CONFLICT");
  CHECK(Patch("/v1/leads/" + lead, R"({"status":"new"})", s.access_token).status == 409);
  CHECK(QueryStackDb("SELECT count(*) FROM core.clients WHERE org_id = '" + s.org_id + "'") == "1");
  CHECK(QueryStackDb("SELECT string_agg(event_type, ',' ORDER BY seq) FROM core.outbox WHERE aggregate_id = '" +
                     lead + "'") == "lead.created,lead.converted");

  // Refused conversions leave nothing behind.
  const std::string other = PostCreated("/v1/leads", R"({"name":"Bob"})", s.access_token);
  for (const char* body : {R"({"deal":{"title":"","currency":"GBP"}})", R"({"deal":{"title":"X","currency":"GBX"}})",
                           R"({"deal":{"title":"X","currency":"GBP","value":"1.001"}})"}) {
    auto refused = Post("/v1/leads/" + other + "/convert", body, s.access_token);
    INFO(body << " → " << refused.body);
    CHECK(refused.status == 400);
    CHECK(refused.body.find("\"field\":\"deal.") != std::string::npos);
  }
  CHECK(Post("/v1/leads/not-an-id/convert", "{}", s.access_token).status == 400);
  CHECK(Post("/v1/leads/0190f1c2-3b4a-7def-8123-000000000000/convert", "{}", s.access_token).status == 404);
  CHECK(Post("/v1/leads", R"({"name":"X","status":"converted"})", s.access_token).status == 400);
  CHECK(QueryStackDb("SELECT count(*) FROM core.clients WHERE org_id = '" + s.org_id + "'") == "1");
  CHECK(Get("/v1/leads/" + other, s.access_token).Field("status") == "new");
}

TEST_CASE("a converted lead's person, notes, tasks, tags and shared custom fields go to its client, whose timeline "
          "links back",
          "[e2e][leads][convert]") {
  Session s = SignupNewOrganization();
  const std::string& token = s.access_token;
  PostCreated("/v1/custom-fields", R"({"entity":"lead","key":"tier","label":"Tier","type":"select",)"
                                   R"("options":["silver","gold"]})",
              token);
  PostCreated("/v1/custom-fields", R"({"entity":"client","key":"tier","label":"Tier","type":"select",)"
                                   R"("options":["silver","gold"]})",
              token);
  PostCreated("/v1/custom-fields", R"({"entity":"lead","key":"met_at","label":"Met at","type":"text"})", token);
  const std::string lead = PostCreated(
      "/v1/leads",
      R"({"name":"Jane Roe","company":"Roe GmbH","email":"jane@roe.example","phone":"+49 30 1234567",)"
      R"("tags":["fair-2026","warm"],"custom_fields":{"tier":"gold","met_at":"Berlin"}})",
      token);
  const std::string note = PostCreated("/v1/leads/" + lead + "/notes", R"({"body":"Wants a quote by Friday"})", token);
  const std::string task = PostCreated(
      "/v1/tasks", R"({"title":"Send the quote","related":{"type":"lead","id":")" + lead + R"("}})", token);

  auto converted = Post("/v1/leads/" + lead + "/convert", "{}", token);
  INFO(converted.body);
  REQUIRE(converted.status == 200);
  const std::string client = converted.Field("client.id");
  CHECK(converted.Field("client.name") == "Roe GmbH");
  CHECK(converted.Field("contact.name") == "Jane Roe");
  CHECK(converted.Field("contact.email") == "jane@roe.example");
  CHECK(converted.Field("contact.phone") == "+49 30 1234567");
  CHECK(converted.Field("contact.client_id") == client);
  CHECK(converted.Field("client.custom_fields.tier") == "gold");
  CHECK(converted.Field("client.custom_fields.met_at").empty());  // clients have no such field
  CHECK(converted.Field("lead.custom_fields.met_at") == "Berlin");
  const auto contacts = Get("/v1/clients/" + client + "/contacts", token).Json();
  REQUIRE(contacts.fields().at("data").list_value().values_size() == 1);
  CHECK(contacts.fields().at("data").list_value().values(0).struct_value().fields().at("is_primary").bool_value());
  const auto tags = Get("/v1/clients/" + client, token).Json().fields().at("tags").list_value();
  REQUIRE(tags.values_size() == 2);
  CHECK(tags.values(0).string_value() == "fair-2026");

  // The note and the task are the client's now, and the lead's no more.
  CHECK(ListAll("/v1/clients/" + client + "/notes", "id", token, 50) == std::vector<std::string>{note});
  CHECK(ListAll("/v1/leads/" + lead + "/notes", "id", token, 50).empty());
  const auto moved = Get("/v1/tasks/" + task, token);
  CHECK(moved.Field("related.type") == "client");
  CHECK(moved.Field("related.id") == client);
  // Each in the same transaction as the conversion, with its event.
  CHECK(QueryStackDb("SELECT string_agg(event_type, ',' ORDER BY seq) FROM core.outbox WHERE aggregate_id IN ('" +
                     note + "', '" + task + "')") == "note.created,task.created,note.updated,task.updated");

  // The client's timeline: the note where it was written, the conversion linking the lead.
  std::vector<std::string> summaries;
  REQUIRE(sentra::testing::WaitFor([&] {
    const auto items = Get("/v1/clients/" + client + "/timeline", token).Json().fields().at("data").list_value();
    summaries.clear();
    for (const auto& item : items.values()) {
      summaries.push_back(item.struct_value().fields().at("summary").string_value());
    }
    return summaries.size() >= 3;
  }));
  CHECK(summaries.front() == "Converted from lead \xE2\x80\x9CJane Roe\xE2\x80\x9D");
  CHECK(summaries.back() == "Note: Wants a quote by Friday");
  const auto first = Get("/v1/clients/" + client + "/timeline", token).Json().fields().at("data").list_value();
  CHECK(first.values(0).struct_value().fields().at("ref").struct_value().fields().at("id").string_value() == lead);
}

TEST_CASE("a lead converted into a person has no contact of itself, and its custom fields are checked",
          "[e2e][leads][convert]") {
  Session s = SignupNewOrganization();
  const std::string& token = s.access_token;
  PostCreated("/v1/custom-fields", R"({"entity":"contact","key":"role","label":"Role","type":"text","required":true})",
              token);
  const std::string person = PostCreated("/v1/leads", R"({"name":"Solo Trader"})", token);
  auto solo = Post("/v1/leads/" + person + "/convert", "{}", token);
  REQUIRE(solo.status == 200);
  CHECK(solo.Field("client.kind") == "person");
  CHECK(solo.body.find("\"contact\"") == std::string::npos);

  // A company's person must meet the contacts' required fields: 400 naming it, and nothing made.
  const std::string lead = PostCreated("/v1/leads", R"({"name":"Jo","company":"Jo Ltd"})", token);
  auto refused = Post("/v1/leads/" + lead + "/convert", "{}", token);
  CHECK(refused.status == 400);
  CHECK(refused.body.find(R"("field":"contact_custom_fields.role")") != std::string::npos);
  CHECK(QueryStackDb("SELECT count(*) FROM core.clients WHERE org_id = '" + s.org_id + "'") == "1");
  auto done = Post("/v1/leads/" + lead + "/convert", R"({"contact_custom_fields":{"role":"Owner"}})", token);
  INFO(done.body);
  CHECK(done.status == 200);
  CHECK(done.Field("contact.custom_fields.role") == "Owner");
}
