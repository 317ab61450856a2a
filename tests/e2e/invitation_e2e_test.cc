// Invitations seen from both sides: an organization learns only what
// belongs to its own membership, an invitation never keeps a person from
// signing up, and invitations per organization per day are limited.
#include <catch2/catch.hpp>

#include <future>
#include <vector>

#include "stack.h"

using namespace sentra::e2e;

namespace {

std::string SignupBody(const std::string& email, const std::string& password) {
  const std::string suffix = UniqueSuffix();
  return R"({"organization_name":"Org )" + suffix + R"(","name":"Person )" + suffix + R"(","email":")" + email +
         R"(","password":")" + password + R"("})";
}

}  // namespace

TEST_CASE("inviting someone shows nothing of their activity in other organizations", "[e2e][access]") {
  Session a = SignupNewOrganization();
  const std::string verify = TokenFromEmail(a.email, "email_verification");
  REQUIRE_FALSE(verify.empty());
  REQUIRE(Post("/v1/auth/verify-email", R"({"token":")" + verify + R"("})").status == 204);
  Login(a.email, a.password);  // signed in, in organization A

  Session b = SignupNewOrganization();
  auto invited = Post("/v1/users", R"({"email":")" + a.email + R"(","name":"Someone","role":"viewer"})",
                      b.access_token);
  INFO(invited.body);
  REQUIRE(invited.status == 201);
  CHECK(invited.Field("status") == "invited");
  CHECK(invited.Field("email_verified") == "false");
  CHECK(invited.body.find("last_login_at") == std::string::npos);
  auto listed = Get("/v1/users?status=invited", b.access_token);
  REQUIRE(listed.status == 200);
  CHECK(listed.body.find(a.email) != std::string::npos);
  CHECK(listed.body.find("last_login_at") == std::string::npos);
  CHECK(listed.body.find("\"email_verified\":true") == std::string::npos);

  // Once they join B, B sees their sign-ins into B.
  const std::string token = TokenFromEmail(a.email, "invitation");
  REQUIRE_FALSE(token.empty());
  auto joined = Post("/v1/auth/invites/accept", R"({"token":")" + token + R"(","password":")" + a.password + R"("})");
  REQUIRE(joined.status == 200);
  auto member = Get("/v1/users/" + invited.Field("id"), b.access_token);
  CHECK(member.Field("status") == "active");
  CHECK(member.Field("email_verified") == "true");
  CHECK(member.body.find("last_login_at") != std::string::npos);
}

TEST_CASE("an invitation never keeps the address from signing up", "[e2e][access]") {
  Session b = SignupNewOrganization();
  const std::string squatted = NewEmail("squatted");
  auto invited = Post("/v1/users", R"({"email":")" + squatted + R"(","name":"Squatted","role":"viewer"})",
                      b.access_token);
  REQUIRE(invited.status == 201);
  REQUIRE(Delete("/v1/users/" + invited.Field("id"), b.access_token).status == 204);

  const std::string password = "my own password " + UniqueSuffix();
  auto signed_up = Post("/v1/auth/signup", SignupBody(Upper(squatted), password));
  INFO(signed_up.body);
  REQUIRE(signed_up.status == 201);
  CHECK(signed_up.Field("user.email") == squatted);
  Login(squatted, password);
  // B's withdrawn invitation stays withdrawn.
  CHECK(Get("/v1/users/" + invited.Field("id"), b.access_token).Field("status") == "deactivated");

  // A pending invitation elsewhere still works, with the new password.
  Session c = SignupNewOrganization();
  const std::string pending = NewEmail("pending");
  REQUIRE(Post("/v1/users", R"({"email":")" + pending + R"(","name":"Pending","role":"agent"})", c.access_token)
              .status == 201);
  const std::string own = "pending password " + UniqueSuffix();
  REQUIRE(Post("/v1/auth/signup", SignupBody(pending, own)).status == 201);
  const std::string link = TokenFromEmail(pending, "invitation");
  REQUIRE_FALSE(link.empty());
  CHECK(Post("/v1/auth/invites/accept", R"({"token":")" + link + R"(","password":"not it at all"})").status == 401);
  auto joined = Post("/v1/auth/invites/accept", R"({"token":")" + link + R"(","password":")" + own + R"("})");
  CHECK(joined.status == 200);
  CHECK(joined.Field("organization.id") == c.org_id);
  // An address with an account of its own is still taken.
  CHECK(Post("/v1/auth/signup", SignupBody(pending, "another password entirely")).status == 409);
}

TEST_CASE("an organization sends a bounded number of invitations a day", "[e2e][access]") {
  Session owner = SignupNewOrganization();
  Response last;
  int sent = 0;
  for (int i = 0; i < 200; ++i) {
    last = Post("/v1/users", R"({"email":")" + NewEmail("bulk") + R"(","name":"Bulk","role":"viewer"})",
                owner.access_token);
    if (last.status != 201) break;
    ++sent;
  }
  INFO(last.body);
  CHECK(sent >= 1);
  CHECK(sent < 200);
  CHECK(last.status == 429);
  CHECK(last.Field("error.code") == "RATE_LIMITED");
  CHECK(last.headers.count("retry-after") == 1);
  CHECK(QueryStackDb("SELECT count(*) FROM auth.invitations WHERE org_id = '" + owner.org_id + "'") ==
        std::to_string(sent));
  // Another organization is not affected.
  Session other = SignupNewOrganization();
  CHECK(Post("/v1/users", R"({"email":")" + NewEmail("other") + R"(","name":"O","role":"viewer"})",
             other.access_token)
            .status == 201);
}

TEST_CASE("invitations sent at the same moment do not pass the daily limit together", "[e2e][access]") {
  Session owner = SignupNewOrganization();
  std::vector<std::future<int>> invites;
  for (int i = 0; i < 40; ++i) {
    invites.push_back(std::async(std::launch::async, [&] {
      return Post("/v1/users", R"({"email":")" + NewEmail("rush") + R"(","name":"Rush","role":"viewer"})",
                  owner.access_token)
          .status;
    }));
  }
  int created = 0;
  for (auto& invite : invites) {
    const int status = invite.get();
    CHECK((status == 201 || status == 429));
    created += status == 201 ? 1 : 0;
  }
  const std::string stored =
      QueryStackDb("SELECT count(*) FROM auth.invitations WHERE org_id = '" + owner.org_id + "'");
  CHECK(stored == std::to_string(created));
  CHECK(created < 40);
  // The limit, exactly: one more is refused.
  CHECK(Post("/v1/users", R"({"email":")" + NewEmail("late") + R"(","name":"Late","role":"viewer"})",
             owner.access_token)
            .status == 429);
  CHECK(std::stoi(stored) == std::stoi(Env("SENTRA_TEST_INVITATIONS_PER_DAY")));
}

TEST_CASE("sign-ups count against the per-address attempt limit, whatever the spelling", "[e2e][edge]") {
  Session existing = SignupNewOrganization();
  Response last;
  for (int i = 0; i < 30; ++i) {
    const std::string email = i % 2 == 0 ? existing.email : Upper(existing.email);
    last = Post("/v1/auth/signup", SignupBody(email, "some password here"));
    if (last.status == 429) break;
    CHECK(last.status == 409);
  }
  CHECK(last.status == 429);
  CHECK(last.Field("error.code") == "RATE_LIMITED");
}
