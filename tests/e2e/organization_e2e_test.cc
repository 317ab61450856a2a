// GET/PATCH /v1/organization through the gateway against the real stack:
// the caller's own organization only, changed by those who may manage it,
// at the version they saw, with billing's copy of the currency following.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "stack.h"

using namespace sentra::e2e;

namespace {

int Version(const Response& r) { return static_cast<int>(r.Json().fields().at("version").number_value()); }

// billing's currency for the organization once it is `expected` (waits up to
// 20 s for the event), else the last one seen.
std::string BillingCurrencyOnce(const std::string& org_id, const std::string& expected) {
  std::string seen;
  for (int attempt = 0; attempt < 200; ++attempt) {
    seen = QueryStackDb("SELECT currency FROM billing.billing_settings WHERE org_id = '" + org_id + "'");
    if (seen == expected) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return seen;
}

std::string UpdatedEvents(const std::string& org_id) {
  return QueryStackDb("SELECT count(*) FROM auth.outbox WHERE event_type = 'organization.updated' AND aggregate_id = '" +
                      org_id + "'");
}

Response PatchAt(const std::string& body, const std::string& token, const std::string& if_match) {
  return Send({.method = "PATCH", .target = "/v1/organization", .body = body, .token = token,
               .headers = {{"If-Match", if_match}}});
}

}  // namespace

TEST_CASE("an organization's settings: its own only, changed at the version seen, followed by billing",
          "[e2e][organization]") {
  Session s = SignupNewOrganization();
  Session other = SignupNewOrganization();
  auto mine = Get("/v1/organization", s.access_token);
  INFO(mine.body);
  REQUIRE(mine.status == 200);
  CHECK(mine.Field("id") == s.org_id);
  CHECK(mine.Field("default_currency") == "USD");
  CHECK(mine.Field("timezone") == "UTC");
  CHECK(mine.Field("status") == "active");
  CHECK(Version(mine) == 1);
  const std::string their_slug = Get("/v1/organization", other.access_token).Field("slug");
  const std::string their_name = Get("/v1/organization", other.access_token).Field("name");
  CHECK(BillingCurrencyOnce(s.org_id, "USD") == "USD");

  const std::string slug = "renamed-" + UniqueSuffix();
  auto changed = PatchAt(R"({"name":"  Renamed Studio ","slug":")" + slug +
                             R"(","default_currency":"EUR","timezone":"europe/berlin"})",
                         s.access_token, "\"1\"");
  INFO(changed.body);
  REQUIRE(changed.status == 200);
  CHECK(changed.Field("name") == "Renamed Studio");
  CHECK(changed.Field("slug") == slug);
  CHECK(changed.Field("default_currency") == "EUR");
  CHECK(changed.Field("timezone") == "Europe/Berlin");  // the database's spelling
  CHECK(Version(changed) == 2);
  CHECK(Get("/v1/auth/me", s.access_token).Field("organization.name") == "Renamed Studio");
  CHECK(UpdatedEvents(s.org_id) == "1");
  CHECK(BillingCurrencyOnce(s.org_id, "EUR") == "EUR");

  // The other organization is as it was, and its slug is not to be had.
  auto theirs = Get("/v1/organization", other.access_token);
  CHECK(theirs.Field("id") == other.org_id);
  CHECK(theirs.Field("name") == their_name);
  CHECK(theirs.Field("default_currency") == "USD");
  CHECK(UpdatedEvents(other.org_id) == "0");
  auto taken = Patch("/v1/organization", R"({"slug":")" + their_slug + R"("})", s.access_token);
  CHECK(taken.status == 409);
  CHECK(taken.Field("error.code") == "CONFLICT");
  CHECK(taken.body.find(R"("field":"slug")") != std::string::npos);

  // Edits made on version 1 are refused, by header or by field.
  auto stale = PatchAt(R"({"name":"Old view"})", s.access_token, "1");
  CHECK(stale.status == 409);
  CHECK(stale.Field("error.code") == "VERSION_CONFLICT");
  CHECK(Patch("/v1/organization", R"({"name":"Old view","version":1})", s.access_token).status == 409);

  // The same values again: no new version, nothing told.
  auto same = Patch("/v1/organization", R"({"default_currency":"EUR","timezone":"Europe/Berlin"})", s.access_token);
  CHECK(same.status == 200);
  CHECK(Version(same) == 2);
  CHECK(UpdatedEvents(s.org_id) == "1");

  // Nor may a new organization take an id for its slug.
  auto id_slug = Post("/v1/auth/signup", R"({"organization_name":"Id Slug","organization_slug":")" + other.org_id +
                                             R"(","name":"O","email":")" + NewEmail("id-slug") +
                                             R"(","password":"correct horse battery"})");
  CHECK(id_slug.status == 400);
  CHECK(id_slug.body.find(R"("field":"organization_slug")") != std::string::npos);
  // An organization named by an id, slug left to the name: a slug still.
  auto id_name = Post("/v1/auth/signup", R"({"organization_name":")" + other.org_id + R"(","name":"O","email":")" +
                                             NewEmail("id-name") + R"(","password":"correct horse battery"})");
  CHECK(id_name.status == 201);
  CHECK(id_name.Field("organization.slug") == "org-" + other.org_id);

  // Members sign in naming the new slug.
  auto login = Post("/v1/auth/login",
                    R"({"email":")" + s.email + R"(","password":")" + s.password + R"(","organization":")" + slug + R"("})");
  CHECK(login.status == 200);
  CHECK(login.Field("organization.id") == s.org_id);
  // Or its id, in any letter case; another organization's id is no way in.
  const auto login_to = [&](const std::string& organization) {
    return Post("/v1/auth/login", R"({"email":")" + s.email + R"(","password":")" + s.password +
                                      R"(","organization":")" + organization + R"("})");
  };
  CHECK(login_to(Upper(s.org_id)).Field("organization.id") == s.org_id);
  CHECK(login_to(other.org_id).status == 401);
}

TEST_CASE("bad organization settings are refused naming the field, and change nothing", "[e2e][organization]") {
  Session s = SignupNewOrganization();
  const struct {
    const char* body;
    const char* field;
  } cases[] = {
      {R"({"name":""})", "name"},
      {R"({"name":"   "})", "name"},
      {R"({"name":5})", "name"},
      {R"({"slug":"-bad-"})", "slug"},
      {R"({"slug":"Upper"})", "slug"},
      // Shaped like an id: sign-in would take it for another organization's.
      {R"({"slug":"0190f1c2-3b4a-7def-8123-456789abcdef"})", "slug"},
      {R"({"slug":"0190f1c23b4a7def8123456789abcdef"})", "slug"},  // PostgreSQL reads these as ids too
      {R"({"slug":"0190-f1c2-3b4a-7def-8123-4567-89ab-cdef"})", "slug"},
      {R"({"name":"x","version":"1e0"})", "version"},
      {R"({"default_currency":"usd"})", "default_currency"},
      {R"({"default_currency":"XYZ"})", "default_currency"},
      {R"({"default_currency":"XAU"})", "default_currency"},
      {R"({"timezone":"Mars/Olympus_Mons"})", "timezone"},
      {R"({"timezone":"../../etc/passwd"})", "timezone"},
      {R"({"timezone":"posix/Europe/Berlin"})", "timezone"},
      {R"({"timezone":""})", "timezone"},
      {R"({"version":0})", "version"},
      {R"({"status":"suspended"})", "status"},  // the platform's to set, not the organization's
      {R"({"id":"0190f1c2-3b4a-7def-8123-456789abcdef"})", "id"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.body);
    auto r = Patch("/v1/organization", c.body, s.access_token);
    INFO(r.body);
    CHECK(r.status == 400);
    CHECK(r.Field("error.code") == "VALIDATION_ERROR");
    CHECK(r.body.find(std::string(R"("field":")") + c.field + "\"") != std::string::npos);
  }
  CHECK(Patch("/v1/organization", R"({"name":)", s.access_token).Field("error.code") == "MALFORMED_JSON");
  CHECK(PatchAt(R"({"name":"x"})", s.access_token, "soon").status == 400);
  auto now = Get("/v1/organization", s.access_token);
  CHECK(Version(now) == 1);
  CHECK(now.Field("default_currency") == "USD");
  CHECK(UpdatedEvents(s.org_id) == "0");
}

TEST_CASE("only members who may manage the organization change it, others read it or get nothing",
          "[e2e][organization]") {
  Session owner = SignupNewOrganization();
  Session agent = InviteAndAccept(owner, NewEmail("org-agent"), "agent");
  auto read = Get("/v1/organization", agent.access_token);
  CHECK(read.status == 200);
  CHECK(read.Field("id") == owner.org_id);
  auto refused = Patch("/v1/organization", R"({"name":"Agent's now"})", agent.access_token);
  CHECK(refused.status == 403);
  CHECK(refused.Field("error.code") == "FORBIDDEN");
  CHECK(Get("/v1/organization").status == 401);
  CHECK(Patch("/v1/organization", R"({"name":"Nobody's"})").status == 401);
  CHECK(Get("/v1/organization", owner.access_token).Field("name") != "Agent's now");
  // An admin demoted after their token was issued cannot use it to change it.
  Session admin = InviteAndAccept(owner, NewEmail("org-admin"), "admin");
  const std::string admin_id = admin.user_id;
  REQUIRE(Patch("/v1/users/" + admin_id, R"({"role":"viewer"})", owner.access_token).status == 200);
  auto demoted = Patch("/v1/organization", R"({"name":"Demoted's"})", admin.access_token);
  CHECK(demoted.status == 403);
  CHECK(Get("/v1/organization", owner.access_token).Field("name") != "Demoted's");
}

TEST_CASE("of edits racing at the same version exactly one wins, and one event is told", "[e2e][organization]") {
  Session s = SignupNewOrganization();
  constexpr int kRacers = 8;
  std::atomic<int> won{0}, conflicted{0}, other{0};
  std::vector<std::thread> racers;
  for (int i = 0; i < kRacers; ++i) {
    racers.emplace_back([&, i] {
      auto r = PatchAt(R"({"name":"Racer )" + std::to_string(i) + R"("})", s.access_token, "\"1\"");
      (r.status == 200 ? won : r.status == 409 ? conflicted : other)++;
    });
  }
  for (auto& racer : racers) racer.join();
  CHECK(won == 1);
  CHECK(conflicted == kRacers - 1);
  CHECK(other == 0);
  auto now = Get("/v1/organization", s.access_token);
  CHECK(Version(now) == 2);
  CHECK(UpdatedEvents(s.org_id) == "1");
}
