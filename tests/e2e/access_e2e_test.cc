// Access control through the gateway against the real stack: invitations,
// roles, deactivation, API keys, password reset, platform admin and
// suspension.
#include <catch2/catch.hpp>

#include "sentra/testing/wait.h"
#include "stack.h"

using namespace sentra::e2e;


TEST_CASE("an invited agent signs in by the e-mailed link and gets an agent's permissions only", "[e2e][access]") {
  Session owner = SignupNewOrganization();
  Session agent = InviteAndAccept(owner, NewEmail("agent"), "agent");
  CHECK(Get("/v1/leads", agent.access_token).status == 200);
  CHECK(Post("/v1/leads", R"({"name":"By the agent"})", agent.access_token).status == 201);
  auto forbidden = Post("/v1/users", R"({"email":"x@example.com","name":"X","role":"viewer"})", agent.access_token);
  CHECK(forbidden.status == 403);
  CHECK(forbidden.Field("error.code") == "FORBIDDEN");
  CHECK(Get("/v1/api-keys", agent.access_token).status == 403);

  auto listed = Get("/v1/users", owner.access_token);
  REQUIRE(listed.status == 200);
  CHECK(listed.body.find(agent.user_id) != std::string::npos);
  CHECK(listed.body.find("next_cursor") == std::string::npos);  // one page only
  auto first = Get("/v1/users?limit=1", owner.access_token);
  REQUIRE(first.status == 200);
  const std::string cursor = first.Field("next_cursor");
  REQUIRE_FALSE(cursor.empty());
  auto second = Get("/v1/users?limit=1&cursor=" + cursor, owner.access_token);
  REQUIRE(second.status == 200);
  CHECK(second.body.find("next_cursor") == std::string::npos);
  CHECK(first.body != second.body);
  CHECK(Get("/v1/users?cursor=" + cursor.substr(1), owner.access_token).status == 400);
  CHECK(Get("/v1/users?limit=0", owner.access_token).status == 400);
  CHECK(Get("/v1/users/not-a-uuid", owner.access_token).status == 400);
  CHECK(Get("/v1/users/" + owner.org_id, owner.access_token).status == 404);
  CHECK(Get("/v1/users/" + agent.user_id, owner.access_token).Field("status") == "active");
}

TEST_CASE("nobody grants more than they hold, and the last owner stays", "[e2e][access]") {
  Session owner = SignupNewOrganization();
  Session admin = InviteAndAccept(owner, NewEmail("admin"), "admin");
  // An admin cannot make an owner, nor touch one.
  CHECK(Post("/v1/users", R"({"email":")" + NewEmail("x") + R"(","name":"X","role":"owner"})", admin.access_token)
            .status == 403);
  CHECK(Patch("/v1/users/" + owner.user_id, R"({"role":"viewer"})", admin.access_token).status == 403);
  CHECK(Delete("/v1/users/" + owner.user_id, admin.access_token).status == 403);
  // The only owner can neither demote nor deactivate themselves.
  auto demote = Patch("/v1/users/" + owner.user_id, R"({"role":"admin"})", owner.access_token);
  CHECK(demote.status == 409);
  CHECK(Delete("/v1/users/" + owner.user_id, owner.access_token).status == 409);
  // A custom role needs permissions that exist and that the creator holds.
  CHECK(Post("/v1/roles", R"({"name":"boss","permissions":["platform:admin"]})", owner.access_token).status == 400);
  CHECK(Post("/v1/roles", R"({"name":"payer","permissions":["billing:manage"]})", admin.access_token).status == 403);
  auto role = Post("/v1/roles", R"({"name":"lead-reader","permissions":["leads:read"]})", owner.access_token);
  INFO(role.body);
  REQUIRE(role.status == 201);
  CHECK(Post("/v1/roles", R"({"name":"lead-reader","permissions":["leads:read"]})", owner.access_token).status == 409);
  CHECK(Patch("/v1/roles/owner", R"({"description":"mine"})", owner.access_token).status == 403);
}

TEST_CASE("a role change applies at the next refresh, and deactivation stops refresh at once", "[e2e][access]") {
  Session owner = SignupNewOrganization();
  REQUIRE(Post("/v1/roles", R"({"name":"reader","permissions":["leads:read"]})", owner.access_token).status == 201);
  Session member = InviteAndAccept(owner, NewEmail("member"), "agent");
  CHECK(Post("/v1/leads", R"({"name":"Allowed"})", member.access_token).status == 201);

  REQUIRE(Patch("/v1/users/" + member.user_id, R"({"role":"reader"})", owner.access_token).status == 200);
  auto refreshed = Post("/v1/auth/refresh", R"({"refresh_token":")" + member.refresh_token + R"("})");
  REQUIRE(refreshed.status == 200);
  const std::string reader_token = refreshed.Field("access_token");
  CHECK(Get("/v1/leads", reader_token).status == 200);
  CHECK(Post("/v1/leads", R"({"name":"Not any more"})", reader_token).status == 403);
  auto me = Get("/v1/auth/me", reader_token);
  CHECK(me.Field("role") == "reader");

  REQUIRE(Delete("/v1/users/" + member.user_id, owner.access_token).status == 204);
  CHECK(Get("/v1/users/" + member.user_id, owner.access_token).Field("status") == "deactivated");
  auto again = Post("/v1/auth/refresh", R"({"refresh_token":")" + refreshed.Field("refresh_token") + R"("})");
  CHECK(again.status == 401);
  CHECK(Post("/v1/auth/login", R"({"email":")" + member.email + R"(","password":")" + member.password + R"("})")
            .status == 401);
}

TEST_CASE("an API key works with its own permissions, never shows its secret again, and stops when revoked",
          "[e2e][access]") {
  Session owner = SignupNewOrganization();
  auto created = Post("/v1/api-keys", R"({"name":"CRM sync","permissions":["leads:read"]})", owner.access_token);
  INFO(created.body);
  REQUIRE(created.status == 201);
  const std::string secret = created.Field("secret");
  const std::string id = created.Field("id");
  REQUIRE(secret.starts_with("sk_live_"));
  CHECK(created.Field("prefix") == secret.substr(0, 16));

  CHECK(Get("/v1/leads", secret).status == 200);
  auto refused = Post("/v1/leads", R"({"name":"Nope"})", secret);
  CHECK(refused.status == 403);
  // A key cannot mint keys, even with the permission.
  CHECK(Post("/v1/api-keys", R"({"name":"child","permissions":["leads:read"]})", secret).status == 403);
  // More than the creator holds, or not a permission at all.
  CHECK(Post("/v1/api-keys", R"({"name":"x","permissions":["platform:admin"]})", owner.access_token).status == 400);
  CHECK(Post("/v1/api-keys", R"({"name":"x","permissions":[]})", owner.access_token).status == 400);
  CHECK(Post("/v1/api-keys", R"({"name":"x","permissions":["leads:read"],"expires_at":"2001-01-01T00:00:00Z"})",
             owner.access_token)
            .status == 400);

  auto listed = Get("/v1/api-keys", owner.access_token);
  REQUIRE(listed.status == 200);
  CHECK(listed.body.find(id) != std::string::npos);
  CHECK(listed.body.find(secret.substr(16)) == std::string::npos);
  CHECK(listed.body.find("\"secret\"") == std::string::npos);  // not even empty: it is shown once
  CHECK(QueryStackDb("SELECT count(*) FROM auth.api_keys WHERE id = '" + id + "' AND last_used_at IS NOT NULL") == "1");

  REQUIRE(Delete("/v1/api-keys/" + id, owner.access_token).status == 204);
  CHECK(sentra::testing::WaitFor([&] { return Get("/v1/leads", secret).status == 401; }, std::chrono::seconds(5)));
  // Revoked again: the same answer, and no second event.
  CHECK(Delete("/v1/api-keys/" + id, owner.access_token).status == 204);
  CHECK(QueryStackDb("SELECT count(*) FROM auth.outbox WHERE aggregate_id = '" + id + "'") == "1");
  CHECK(Get("/v1/leads", secret + "x").status == 401);
  CHECK(Get("/v1/leads", "sk_live_garbage").status == 401);
}

TEST_CASE("an API key may expire, to the microsecond, near or far", "[e2e][access]") {
  Session owner = SignupNewOrganization();
  for (const std::string when : {"2099-06-30T12:34:56.123456Z", "9999-12-31T23:59:59.999999Z"}) {
    auto created = Post("/v1/api-keys", R"({"name":"expiring","permissions":["leads:read"],"expires_at":")" + when +
                                            R"("})",
                        owner.access_token);
    INFO(created.body);
    REQUIRE(created.status == 201);
    CHECK(created.Field("expires_at") == when);
    CHECK(Get("/v1/leads", created.Field("secret")).status == 200);
  }
  // One that has expired since it was made stops working.
  auto soon = Post("/v1/api-keys", R"({"name":"soon","permissions":["leads:read"]})", owner.access_token);
  REQUIRE(soon.status == 201);
  ExecStackDb("UPDATE auth.api_keys SET expires_at = now() - interval '1 second' WHERE id = '" + soon.Field("id") +
              "'");
  CHECK(sentra::testing::WaitFor([&] { return Get("/v1/leads", soon.Field("secret")).status == 401; },
                                 std::chrono::seconds(35)));
}

TEST_CASE("an API key is refused on a person's session routes, whatever it holds", "[e2e][access]") {
  Session owner = SignupNewOrganization();
  const std::string secret =
      PostCreated("/v1/api-keys", R"({"name":"wide","permissions":["leads:read","users:read"]})", owner.access_token,
                  "secret");
  for (const auto& res : {Get("/v1/auth/me", secret), Post("/v1/auth/verify-email/request", "", secret),
                          Post("/v1/auth/logout", "", secret)}) {
    INFO(res.body);
    CHECK(res.status == 403);
    CHECK(res.Field("error.code") == "FORBIDDEN");
    CHECK(res.body.find(owner.email) == std::string::npos);
  }
  CHECK(Get("/v1/leads", secret).status == 200);
  CHECK(Get("/v1/auth/me", owner.access_token).status == 200);
}

TEST_CASE("forgot password answers the same for anyone, and the reset link ends every session", "[e2e][access]") {
  Session owner = SignupNewOrganization();
  auto unknown = Post("/v1/auth/password/forgot", R"({"email":"nobody-)" + UniqueSuffix() + R"(@example.com"})");
  auto known = Post("/v1/auth/password/forgot", R"({"email":")" + owner.email + R"("})");
  CHECK(unknown.status == 202);
  CHECK(known.status == 202);
  CHECK(unknown.body == known.body);
  const std::string token = TokenFromEmail(owner.email, "password_reset");
  REQUIRE_FALSE(token.empty());
  CHECK(Post("/v1/auth/password/reset", R"({"token":")" + token + R"(","password":"short"})").status == 400);
  const std::string fresh = "a brand new password " + UniqueSuffix();
  CHECK(Post("/v1/auth/password/reset", R"({"token":")" + token + R"(","password":")" + fresh + R"("})").status ==
        204);
  CHECK(Post("/v1/auth/password/reset", R"({"token":")" + token + R"(","password":")" + fresh + R"("})").status ==
        400);
  CHECK(Post("/v1/auth/refresh", R"({"refresh_token":")" + owner.refresh_token + R"("})").status == 401);
  Login(owner.email, fresh);

  // E-mail verification: the link from signup marks the address verified.
  const std::string verify = TokenFromEmail(owner.email, "email_verification");
  REQUIRE_FALSE(verify.empty());
  CHECK(Post("/v1/auth/verify-email", R"({"token":")" + verify + R"("})").status == 204);
  CHECK(QueryStackDb("SELECT email_verified FROM auth.users WHERE id = '" + owner.user_id + "'") == "true");
}

TEST_CASE("a superadmin suspends an organization: its tokens and keys get ORG_SUSPENDED until re-activated",
          "[e2e][access]") {
  Session tenant = SignupNewOrganization();
  auto key = Post("/v1/api-keys", R"({"name":"k","permissions":["leads:read"]})", tenant.access_token);
  REQUIRE(key.status == 201);
  const std::string secret = key.Field("secret");
  REQUIRE(Get("/v1/leads", secret).status == 200);

  Session operator_org = SignupNewOrganization();
  CHECK(Get("/v1/admin/organizations", operator_org.access_token).status == 403);
  ExecStackDb("UPDATE auth.users SET is_superadmin = true WHERE id = '" + operator_org.user_id + "'");
  Session op = Login(operator_org.email, operator_org.password);
  auto listed = Get("/v1/admin/organizations?limit=200&q=" + tenant.email.substr(6, 12), op.access_token);
  CHECK(listed.status == 200);
  CHECK(Get("/v1/admin/organizations/" + tenant.org_id, op.access_token).Field("status") == "active");
  CHECK(Patch("/v1/admin/organizations/" + tenant.org_id, R"({"status":"frozen"})", op.access_token).status == 400);

  REQUIRE(Patch("/v1/admin/organizations/" + tenant.org_id, R"({"status":"suspended"})", op.access_token).status ==
          200);
  CHECK(sentra::testing::WaitFor(
      [&] { return Get("/v1/leads", tenant.access_token).Field("error.code") == "ORG_SUSPENDED"; },
      std::chrono::seconds(5)));
  auto by_key = Get("/v1/leads", secret);
  CHECK(by_key.status == 403);
  CHECK(by_key.Field("error.code") == "ORG_SUSPENDED");
  CHECK(Post("/v1/auth/refresh", R"({"refresh_token":")" + tenant.refresh_token + R"("})").Field("error.code") ==
        "ORG_SUSPENDED");

  auto reactivated = Patch("/v1/admin/organizations/" + tenant.org_id, R"({"status":"active"})", op.access_token);
  REQUIRE(reactivated.status == 200);
  // Each change of status is a new version of the organization (an edit
  // its admin made on the version before is stale); the same status again
  // is not a change.
  CHECK(reactivated.Json().fields().at("version").number_value() == 3);
  CHECK(Patch("/v1/admin/organizations/" + tenant.org_id, R"({"status":"active"})", op.access_token)
            .Json().fields().at("version").number_value() == 3);
  CHECK(sentra::testing::WaitFor([&] { return Get("/v1/leads", tenant.access_token).status == 200; },
                                 std::chrono::seconds(5)));
  CHECK(Get("/v1/leads", secret).status == 200);
}

TEST_CASE("another organization's members, roles, brands and keys answer 404 and stay as they were",
          "[e2e][access][isolation]") {
  Session a = SignupNewOrganization();
  Session b = SignupNewOrganization();
  auto brand = Post("/v1/brands", R"({"name":"North Star","domain":"crm-)" + UniqueSuffix() +
                                      R"(.example.com","sender_email":"hello@example.com"})",
                    a.access_token);
  INFO(brand.body);
  REQUIRE(brand.status == 201);
  CHECK(brand.Field("slug") == "north-star");
  const std::string brand_id = brand.Field("id");
  REQUIRE(Post("/v1/roles", R"({"name":"a-only","permissions":["leads:read"]})", a.access_token).status == 201);
  auto key = Post("/v1/api-keys", R"({"name":"a key","permissions":["leads:read"]})", a.access_token);
  REQUIRE(key.status == 201);
  const std::string key_id = key.Field("id");

  for (const std::string& target : {"/v1/users/" + a.user_id, "/v1/brands/" + brand_id, std::string("/v1/roles/a-only")}) {
    CAPTURE(target);
    CHECK(Get(target, b.access_token).status == 404);
  }
  CHECK(Patch("/v1/users/" + a.user_id, R"({"name":"Taken over"})", b.access_token).status == 404);
  CHECK(Delete("/v1/users/" + a.user_id, b.access_token).status == 404);
  CHECK(Patch("/v1/brands/" + brand_id, R"({"name":"Taken over"})", b.access_token).status == 404);
  CHECK(Delete("/v1/brands/" + brand_id, b.access_token).status == 404);
  CHECK(Delete("/v1/roles/a-only", b.access_token).status == 404);
  CHECK(Delete("/v1/api-keys/" + key_id, b.access_token).status == 404);
  // b's member list and key list show nothing of a's.
  CHECK(Get("/v1/users", b.access_token).body.find(a.user_id) == std::string::npos);
  CHECK(Get("/v1/api-keys", b.access_token).body.find(key_id) == std::string::npos);
  CHECK(Get("/v1/brands", b.access_token).body.find(brand_id) == std::string::npos);
  // a's key cannot reach b's records either.
  CHECK(Get("/v1/users/" + b.user_id, key.Field("secret")).status == 403);  // no users:read on the key

  // Nothing changed for a.
  CHECK(Get("/v1/users/" + a.user_id, a.access_token).Field("status") == "active");
  CHECK(Get("/v1/brands/" + brand_id, a.access_token).Field("name") == "North Star");
  CHECK(Get("/v1/leads", key.Field("secret")).status == 200);
  // The domain belongs to one brand on the whole platform.
  auto taken = Post("/v1/brands", R"({"name":"Copy","domain":")" + brand.Field("domain") + R"("})", b.access_token);
  CHECK(taken.status == 409);
}

TEST_CASE("brand, role, invitation and key input is checked field by field", "[e2e][access][bad-input]") {
  Session s = SignupNewOrganization();
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"/v1/brands", R"({"name":""})"},
      {"/v1/brands", R"({"name":"X","slug":"-bad-"})"},
      {"/v1/brands", R"({"name":"X","domain":"not a domain"})"},
      {"/v1/brands", R"({"name":"X","sender_email":"nope"})"},
      {"/v1/roles", R"({"name":"Bad Name","permissions":["leads:read"]})"},
      {"/v1/roles", R"({"name":"owner","permissions":["leads:read"]})"},
      {"/v1/roles", R"({"name":"ok-name","permissions":["leads:fly"]})"},
      {"/v1/users", R"({"email":"not-mail","name":"X","role":"agent"})"},
      {"/v1/users", R"({"email":"a@example.com","name":"X","role":"no-such-role"})"},
      {"/v1/users", R"({"email":"a@example.com","name":"X","role":"client"})"},
      {"/v1/users", R"({"email":"a@example.com","name":"X","role":"agent","brand_access":{"brand_ids":["nope"]}})"},
      {"/v1/users",
       R"({"email":"a@example.com","name":"X","role":"agent","brand_access":{"brand_ids":["0190f1c2-3b4a-7def-8123-456789abcdef"]}})"},
      {"/v1/api-keys", R"({"name":"","permissions":["leads:read"]})"},
      {"/v1/auth/password/forgot", R"({"email":"nope"})"},
      {"/v1/auth/password/reset", R"({"token":"","password":"long enough password"})"},
      {"/v1/auth/invites/accept", R"({"token":"garbage","password":"long enough password"})"},
      {"/v1/auth/verify-email", R"({"token":"garbage"})"},
  };
  for (const auto& [target, body] : bad) {
    CAPTURE(target, body);
    auto res = Post(target, body, s.access_token);
    CHECK(res.status == 400);
    CHECK(res.Field("error.code") == "VALIDATION_ERROR");
  }
  CHECK(Patch("/v1/users/" + s.user_id, R"({"status":"gone"})", s.access_token).status == 400);
  CHECK(Patch("/v1/users/" + s.user_id, R"({"version":0})", s.access_token).status == 400);
  CHECK(Patch("/v1/users/" + s.user_id, R"({"name":"Renamed","version":99})", s.access_token).status == 409);
  CHECK(Patch("/v1/users/" + s.user_id, R"({"name":"Renamed"})", s.access_token).Field("name") == "Renamed");
}

TEST_CASE("a member limited to one brand sees and writes only that brand's leads and unbranded ones",
          "[e2e][access][brands]") {
  Session owner = SignupNewOrganization();
  auto brand = [&](const std::string& name) {
    auto created = Post("/v1/brands", R"({"name":")" + name + R"("})", owner.access_token);
    INFO(created.body);
    REQUIRE(created.status == 201);
    return created.Field("id");
  };
  const std::string north = brand("North"), south = brand("South");
  auto lead = [&](const std::string& name, const std::string& brand_id) {
    auto created = Post("/v1/leads", R"({"name":")" + name + R"(","brand_id":")" + brand_id + R"("})",
                        owner.access_token);
    INFO(created.body);
    REQUIRE(created.status == 201);
    CHECK(created.Field("brand_id") == brand_id);
    return created.Field("id");
  };
  const std::string north_lead = lead("North lead", north), south_lead = lead("South lead", south),
                    plain_lead = lead("Unbranded lead", "");

  Session agent =
      InviteAndAccept(owner, NewEmail("north-agent"), "agent", R"(,"brand_access":{"brand_ids":[")" + north + R"("]})");
  auto listed = Get("/v1/leads", agent.access_token);
  REQUIRE(listed.status == 200);
  CHECK(listed.body.find(north_lead) != std::string::npos);
  CHECK(listed.body.find(plain_lead) != std::string::npos);
  CHECK(listed.body.find(south_lead) == std::string::npos);
  CHECK(Get("/v1/leads?brand_id=" + south, agent.access_token).body.find(south_lead) == std::string::npos);
  CHECK(Get("/v1/leads?q=South", agent.access_token).body.find(south_lead) == std::string::npos);

  // The other brand's lead does not exist for them: read, write, delete.
  CHECK(Get("/v1/leads/" + south_lead, agent.access_token).status == 404);
  CHECK(Patch("/v1/leads/" + south_lead, R"({"name":"Taken"})", agent.access_token).status == 404);
  CHECK(Delete("/v1/leads/" + south_lead, agent.access_token).status == 404);
  // Nor can they put a lead under it, new or existing.
  auto create_south = Post("/v1/leads", R"({"name":"Sneaky","brand_id":")" + south + R"("})", agent.access_token);
  CHECK(create_south.status == 403);
  CHECK(create_south.Field("error.code") == "FORBIDDEN");
  CHECK(Patch("/v1/leads/" + north_lead, R"({"brand_id":")" + south + R"("})", agent.access_token).status == 403);
  // Their own brand works as usual.
  CHECK(Get("/v1/leads/" + north_lead, agent.access_token).status == 200);
  CHECK(Patch("/v1/leads/" + north_lead, R"({"notes":"called"})", agent.access_token).status == 200);
  CHECK(Post("/v1/leads", R"({"name":"Mine","brand_id":")" + north + R"("})", agent.access_token).status == 201);

  // Untouched, and all visible to the owner, who has every brand.
  auto south_now = Get("/v1/leads/" + south_lead, owner.access_token);
  CHECK(south_now.status == 200);
  CHECK(south_now.Field("name") == "South lead");
  CHECK(Get("/v1/leads?brand_id=" + south, owner.access_token).body.find(south_lead) != std::string::npos);
  // An id filter in capitals names the same records.
  CHECK(Get("/v1/leads?brand_id=" + Upper(south), owner.access_token).body.find(south_lead) != std::string::npos);
  CHECK(Get("/v1/leads?owner_id=" + owner.user_id, owner.access_token).body.find(south_lead) != std::string::npos);
  CHECK(Get("/v1/leads?owner_id=" + Upper(owner.user_id), owner.access_token).body.find(south_lead) != std::string::npos);
  CHECK(Get("/v1/leads?brand_id=not-a-uuid", owner.access_token).status == 400);
  CHECK(Post("/v1/leads", R"({"name":"X","brand_id":"nope"})", owner.access_token).status == 400);

  // Widening the agent's access applies at their next refresh.
  REQUIRE(Patch("/v1/users/" + agent.user_id, R"({"brand_access":{"all":true}})", owner.access_token).status == 200);
  auto refreshed = Post("/v1/auth/refresh", R"({"refresh_token":")" + agent.refresh_token + R"("})");
  REQUIRE(refreshed.status == 200);
  CHECK(Get("/v1/leads/" + south_lead, refreshed.Field("access_token")).status == 200);
}
