// Credentials and memberships are created only from what the caller holds
// now: an access token outlives a demotion or a deactivation by up to 15
// minutes, and brand access is given only within the giver's own.
#include <catch2/catch.hpp>

#include "sentra/testing/wait.h"
#include "stack.h"

using namespace sentra::e2e;

TEST_CASE("a demoted and deactivated admin's unexpired token creates no key, member or role", "[e2e][access]") {
  Session owner = SignupNewOrganization();
  Session admin = InviteAndAccept(owner, NewEmail("admin"), "admin");
  // Demoted first: the token still says admin.
  REQUIRE(Patch("/v1/users/" + admin.user_id, R"({"role":"viewer"})", owner.access_token).status == 200);
  auto key = Post("/v1/api-keys", R"({"name":"backdoor","permissions":["leads:read"]})", admin.access_token);
  CHECK(key.status == 403);
  auto invite = Post("/v1/users", R"({"email":")" + NewEmail("crony") + R"(","name":"Crony","role":"admin"})",
                     admin.access_token);
  CHECK(invite.status == 403);
  CHECK(Post("/v1/roles", R"({"name":"shadow","permissions":["leads:read"]})", admin.access_token).status == 403);
  const std::string brand = PostCreated("/v1/brands", R"({"name":"Mail"})", owner.access_token);
  CHECK(Post("/v1/brands", R"({"name":"Shadow"})", admin.access_token).status == 403);
  CHECK(Patch("/v1/brands/" + brand, R"({"sender_email":"ceo@evil.example"})", admin.access_token).status == 403);
  CHECK(Delete("/v1/brands/" + brand, admin.access_token).status == 403);

  // Then deactivated: nothing that makes or widens a credential works.
  REQUIRE(Delete("/v1/users/" + admin.user_id, owner.access_token).status == 204);
  auto after = Post("/v1/api-keys", R"({"name":"backdoor","permissions":["leads:read"]})", admin.access_token);
  CHECK(after.status == 401);
  CHECK(Post("/v1/users", R"({"email":")" + NewEmail("crony") + R"(","name":"Crony","role":"viewer"})",
             admin.access_token)
            .status == 401);
  CHECK(Patch("/v1/users/" + admin.user_id, R"({"role":"admin"})", admin.access_token).status == 401);
  CHECK(Patch("/v1/roles/shadow", R"({"permissions":["leads:read"]})", admin.access_token).status == 401);
  CHECK(Patch("/v1/brands/" + brand, R"({"sender_email":"ceo@evil.example"})", admin.access_token).status == 401);
  CHECK(Delete("/v1/brands/" + brand, admin.access_token).status == 401);
  CHECK(Get("/v1/brands/" + brand, owner.access_token).Field("sender_email").empty());
  CHECK(QueryStackDb("SELECT count(*) FROM auth.api_keys WHERE org_id = '" + owner.org_id + "'") == "0");
  CHECK(QueryStackDb("SELECT count(*) FROM auth.memberships WHERE org_id = '" + owner.org_id + "'") == "2");
  CHECK(QueryStackDb("SELECT count(*) FROM auth.roles WHERE org_id = '" + owner.org_id + "'") == "0");
}

TEST_CASE("a key stops at once when its creator is deactivated, cache or not", "[e2e][access]") {
  Session owner = SignupNewOrganization();
  Session admin = InviteAndAccept(owner, NewEmail("admin"), "admin");
  auto key = Post("/v1/api-keys", R"({"name":"sync","permissions":["leads:read","users:manage"]})",
                  admin.access_token);
  REQUIRE(key.status == 201);
  const std::string secret = key.Field("secret");
  REQUIRE(Get("/v1/leads", secret).status == 200);  // now in the gateway's cache

  REQUIRE(Delete("/v1/users/" + admin.user_id, owner.access_token).status == 204);
  // Well inside the cache's 30 s: the deactivation event drops the entry.
  CHECK(sentra::testing::WaitFor([&] { return Get("/v1/leads", secret).status == 401; }, std::chrono::seconds(5)));
  // And auth itself refuses the key whatever a cache says.
  CHECK(Post("/v1/users", R"({"email":")" + NewEmail("crony") + R"(","name":"Crony","role":"viewer"})", secret)
            .status == 401);
}

TEST_CASE("an API key invites with no more than both it and its creator hold", "[e2e][access]") {
  Session owner = SignupNewOrganization();
  auto key = Post("/v1/api-keys", R"({"name":"hr","permissions":["users:manage","users:read"]})", owner.access_token);
  REQUIRE(key.status == 201);
  const std::string secret = key.Field("secret");
  // The owner may grant admin, but this key holds only the users permissions.
  auto admin = Post("/v1/users", R"({"email":")" + NewEmail("x") + R"(","name":"X","role":"admin"})", secret);
  CHECK(admin.status == 403);
  auto revoked_id = key.Field("id");
  REQUIRE(Delete("/v1/api-keys/" + revoked_id, owner.access_token).status == 204);
  CHECK(sentra::testing::WaitFor(
      [&] {
        return Post("/v1/users", R"({"email":")" + NewEmail("y") + R"(","name":"Y","role":"viewer"})", secret)
                   .status == 401;
      },
      std::chrono::seconds(5)));
}

TEST_CASE("a member limited to one brand gives no one, themselves included, more brands", "[e2e][access][brands]") {
  Session owner = SignupNewOrganization();
  const std::string north = PostCreated("/v1/brands", R"({"name":"North"})", owner.access_token);
  const std::string south = PostCreated("/v1/brands", R"({"name":"South"})", owner.access_token);
  const std::string south_lead =
      PostCreated("/v1/leads", R"({"name":"South lead","brand_id":")" + south + R"("})", owner.access_token);
  Session admin = InviteAndAccept(owner, NewEmail("north-admin"), "admin",
                                  R"(,"brand_access":{"brand_ids":[")" + north + R"("]})");

  // Lifting their own limit, in either spelling.
  auto all = Patch("/v1/users/" + admin.user_id, R"({"brand_access":{"all":true}})", admin.access_token);
  CHECK(all.status == 403);
  CHECK(all.body.find("brand_access") != std::string::npos);
  CHECK(Patch("/v1/users/" + admin.user_id, R"({"brand_access":{"brand_ids":[")" + north + R"(",")" + south + R"("]}})",
              admin.access_token)
            .status == 403);
  // Nor for someone they invite, explicitly or by default.
  CHECK(Post("/v1/users",
             R"({"email":")" + NewEmail("south") + R"(","name":"S","role":"agent","brand_access":{"brand_ids":[")" +
                 south + R"("]}})",
             admin.access_token)
            .status == 403);
  CHECK(Post("/v1/users", R"({"email":")" + NewEmail("all") + R"(","name":"A","role":"agent","brand_access":{"all":true}})",
             admin.access_token)
            .status == 403);
  auto invited = Post("/v1/users", R"({"email":")" + NewEmail("default") + R"(","name":"D","role":"agent"})",
                      admin.access_token);
  INFO(invited.body);
  REQUIRE(invited.status == 201);
  CHECK(invited.body.find(north) != std::string::npos);
  CHECK(invited.body.find("\"all\":true") == std::string::npos);
  // Nor change a member who has brands they lack, such as the owner.
  Session everywhere = InviteAndAccept(owner, NewEmail("everywhere"), "agent");
  CHECK(Patch("/v1/users/" + everywhere.user_id, R"({"brand_access":{"brand_ids":[")" + north + R"("]}})",
              admin.access_token)
            .status == 403);
  // Nor touch a brand they do not have.
  CHECK(Patch("/v1/brands/" + south, R"({"sender_email":"x@evil.example"})", admin.access_token).status == 404);
  CHECK(Delete("/v1/brands/" + south, admin.access_token).status == 404);
  CHECK(Patch("/v1/brands/" + north, R"({"sender_name":"North team"})", admin.access_token).status == 200);
  // Within their own brand, they may.
  CHECK(Patch("/v1/users/" + invited.Field("id"), R"({"name":"Renamed"})", admin.access_token).status == 200);

  auto refreshed = Post("/v1/auth/refresh", R"({"refresh_token":")" + admin.refresh_token + R"("})");
  REQUIRE(refreshed.status == 200);
  CHECK(Get("/v1/leads/" + south_lead, refreshed.Field("access_token")).status == 404);
  CHECK(QueryStackDb("SELECT array_to_string(brand_ids, ',') FROM auth.memberships WHERE user_id = '" +
                     admin.user_id + "'") == north);
}
