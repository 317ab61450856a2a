// Idempotency-Key on POST (PRODUCT.md §7), through the gateway against the
// real stack: a repeat gets the first answer and writes nothing, another
// body is a conflict, and keys belong to one organization's caller.
#include <catch2/catch.hpp>
#include <thread>
#include <vector>

#include "stack.h"

using namespace sentra::e2e;

namespace {

Response PostWithKey(const std::string& target, const std::string& body, const std::string& token,
                     const std::string& key) {
  return Send({.method = "POST", .target = target, .body = body, .token = token,
               .headers = {{"Idempotency-Key", key}}});
}

bool Replayed(const Response& r) {
  auto it = r.headers.find("idempotent-replayed");
  return it != r.headers.end() && it->second == "true";
}

bool NamesKeyField(const Response& r) { return r.body.find(R"("field":"Idempotency-Key")") != std::string::npos; }

std::string LeadsOf(const Session& s) {
  return QueryStackDb("SELECT count(*) FROM core.leads WHERE org_id = '" + s.org_id + "'");
}

}  // namespace

TEST_CASE("a repeated POST with its Idempotency-Key gets the first answer and writes nothing", "[e2e][idempotency]") {
  const Session s = SignupNewOrganization();
  const std::string key = "lead-" + UniqueSuffix();
  const std::string body = R"({"name":"Ada Lovelace","email":"ada@example.com","tags":["vip"]})";
  const auto first = PostWithKey("/v1/leads", body, s.access_token, key);
  REQUIRE(first.status == 201);
  CHECK_FALSE(Replayed(first));
  const std::string id = first.Field("id");

  // Same content in another JSON spelling: still the same request.
  const auto again = PostWithKey("/v1/leads", R"({ "tags" : ["vip"], "email":"ada@example.com", "name":"Ada Lovelace" })",
                                 s.access_token, key);
  CHECK(again.status == 201);
  CHECK(Replayed(again));
  CHECK(again.body == first.body);
  CHECK(LeadsOf(s) == "1");
  CHECK(QueryStackDb("SELECT count(*) FROM core.outbox WHERE aggregate_id = '" + id + "'") == "1");

  const auto other = PostWithKey("/v1/leads", R"({"name":"Someone Else"})", s.access_token, key);
  CHECK(other.status == 409);
  CHECK(other.Field("error.code") == "CONFLICT");
  CHECK(NamesKeyField(other));
  CHECK(LeadsOf(s) == "1");

  // The same key on another route is another request.
  const auto client = PostWithKey("/v1/clients", R"({"name":"Acme"})", s.access_token, key);
  CHECK(client.status == 201);
  CHECK_FALSE(Replayed(client));
  const auto role = PostWithKey("/v1/roles", R"({"name":"closer","permissions":["leads:read"]})", s.access_token, key);
  CHECK(role.status == 201);
  CHECK_FALSE(Replayed(role));

  // Without a key, the same body is a new lead.
  CHECK(Post("/v1/leads", body, s.access_token).status == 201);
  CHECK(LeadsOf(s) == "2");
}

TEST_CASE("an Idempotency-Key belongs to one organization", "[e2e][idempotency][tenancy]") {
  const Session a = SignupNewOrganization();
  const Session b = SignupNewOrganization();
  const std::string key = "shared-" + UniqueSuffix();
  const std::string body = R"({"name":"Same Lead"})";
  const auto from_a = PostWithKey("/v1/leads", body, a.access_token, key);
  REQUIRE(from_a.status == 201);
  // B's first use of the key is B's own request: B gets a lead of its own,
  // never A's stored answer.
  const auto from_b = PostWithKey("/v1/leads", body, b.access_token, key);
  REQUIRE(from_b.status == 201);
  CHECK_FALSE(Replayed(from_b));
  CHECK(from_b.Field("id") != from_a.Field("id"));
  CHECK(LeadsOf(a) == "1");
  CHECK(LeadsOf(b) == "1");
  CHECK(Get("/v1/leads/" + from_a.Field("id"), b.access_token).status == 404);
  // And B's other body with that key conflicts with B's request only.
  CHECK(PostWithKey("/v1/leads", R"({"name":"Other"})", b.access_token, key).status == 409);
  CHECK(PostWithKey("/v1/leads", body, a.access_token, key).Field("id") == from_a.Field("id"));
}

TEST_CASE("concurrent POSTs with one Idempotency-Key create one record", "[e2e][idempotency]") {
  const Session s = SignupNewOrganization();
  const std::string key = "race-" + UniqueSuffix();
  constexpr int kCallers = 8;
  std::vector<Response> answers(kCallers);
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([&, i] { answers[i] = PostWithKey("/v1/clients", R"({"name":"Race Ltd"})", s.access_token, key); });
  }
  for (auto& t : callers) t.join();
  int replayed = 0;
  for (const auto& r : answers) {
    INFO(r.body);
    CHECK(r.status == 201);
    CHECK(r.Field("id") == answers[0].Field("id"));
    replayed += Replayed(r) ? 1 : 0;
  }
  CHECK(replayed == kCallers - 1);
  CHECK(QueryStackDb("SELECT count(*) FROM core.clients WHERE org_id = '" + s.org_id + "'") == "1");
}

TEST_CASE("a malformed Idempotency-Key is refused before anything is written", "[e2e][idempotency][bad-input]") {
  const Session s = SignupNewOrganization();
  for (const std::string& bad : {std::string(256, 'k'), std::string(), std::string("two words"),
                                std::string("caf\xc3\xa9")}) {
    const auto r = PostWithKey("/v1/leads", R"({"name":"Nobody"})", s.access_token, bad);
    INFO(r.body);
    CHECK(r.status == 400);
    CHECK(r.Field("error.code") == "VALIDATION_ERROR");
    CHECK(NamesKeyField(r));
  }
  const std::string body = R"({"name":"Nobody"})";
  const std::string twice = SendRaw("POST /v1/leads HTTP/1.1\r\nHost: t\r\nConnection: close\r\nAuthorization: Bearer " +
                                    s.access_token + "\r\nContent-Type: application/json\r\nIdempotency-Key: a\r\n"
                                    "Idempotency-Key: b\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
  CHECK(twice.rfind("HTTP/1.1 400", 0) == 0);
  CHECK(twice.find(R"("field":"Idempotency-Key")") != std::string::npos);
  CHECK(LeadsOf(s) == "0");
  // Routes that do not take a key ignore it, malformed or not.
  const auto logout = PostWithKey("/v1/auth/logout", R"({"refresh_token":")" + s.refresh_token + R"("})",
                                  s.access_token, "two words");
  CHECK(logout.status == 200);
  // A refused request keeps no key: fixing the body under the same key works.
  const std::string key = "fix-" + UniqueSuffix();
  CHECK(PostWithKey("/v1/leads", R"({"name":""})", s.access_token, key).status == 400);
  CHECK(PostWithKey("/v1/leads", R"({"name":"Fixed"})", s.access_token, key).status == 201);
}

TEST_CASE("every organization POST honours Idempotency-Key", "[e2e][idempotency]") {
  const Session s = SignupNewOrganization();
  const std::string suffix = UniqueSuffix();
  struct Case {
    const char* target;
    std::string body;
    const char* id_field;
  };
  const Case cases[] = {
      {"/v1/brands", R"({"name":"Brand )" + suffix + R"("})", "id"},
      {"/v1/roles", R"({"name":"closer-)" + suffix.substr(0, 8) + R"(","permissions":["leads:read"]})", "name"},
      {"/v1/users", R"({"email":")" + NewEmail("invitee") + R"(","name":"Invitee","role":"agent"})", "id"},
  };
  std::string invitee;
  for (const auto& c : cases) {
    const std::string key = std::string("k-") + c.target + suffix;
    const auto first = PostWithKey(c.target, c.body, s.access_token, key);
    INFO(c.target << " " << first.body);
    REQUIRE(first.status == 201);
    const auto again = PostWithKey(c.target, c.body, s.access_token, key);
    CHECK(again.status == 201);
    CHECK(Replayed(again));
    CHECK(again.Field(c.id_field) == first.Field(c.id_field));
    if (std::string(c.target) == "/v1/users") invitee = first.Field("id");
  }
  // One invitation, so one e-mail.
  CHECK(QueryStackDb("SELECT count(*) FROM auth.outbox WHERE event_type = 'user.invited' AND aggregate_id = '" +
                     invitee + "'") == "1");

  // An API key's secret is shown once and stored nowhere: a repeat says
  // which key the first request made instead of answering without it.
  const std::string key = "api-key-" + suffix;
  const std::string body = R"({"name":"sync","permissions":["leads:read"]})";
  const auto created = PostWithKey("/v1/api-keys", body, s.access_token, key);
  REQUIRE(created.status == 201);
  REQUIRE_FALSE(created.Field("secret").empty());
  const auto repeat = PostWithKey("/v1/api-keys", body, s.access_token, key);
  CHECK(repeat.status == 409);
  CHECK(repeat.body.find(created.Field("id")) != std::string::npos);
  CHECK(repeat.body.find(created.Field("secret")) == std::string::npos);
  CHECK(QueryStackDb("SELECT count(*) FROM auth.api_keys WHERE org_id = '" + s.org_id + "'") == "1");
  CHECK(QueryStackDb("SELECT count(*) FROM auth.idempotency_keys WHERE position(convert_to('" + created.Field("secret") +
                     "', 'UTF8') IN response) > 0") == "0");
}

TEST_CASE("API keys have their own Idempotency-Keys, apart from their creator's", "[e2e][idempotency]") {
  const Session s = SignupNewOrganization();
  const auto created = Post("/v1/api-keys", R"({"name":"writer","permissions":["leads:write","leads:read"]})",
                            s.access_token);
  REQUIRE(created.status == 201);
  const std::string secret = created.Field("secret");
  const std::string key = "by-key-" + UniqueSuffix();
  const auto by_person = PostWithKey("/v1/leads", R"({"name":"Lead"})", s.access_token, key);
  const auto by_api_key = PostWithKey("/v1/leads", R"({"name":"Lead"})", secret, key);
  REQUIRE(by_person.status == 201);
  REQUIRE(by_api_key.status == 201);
  CHECK(by_api_key.Field("id") != by_person.Field("id"));
  CHECK(PostWithKey("/v1/leads", R"({"name":"Lead"})", secret, key).Field("id") == by_api_key.Field("id"));
}
