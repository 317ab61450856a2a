// Authentication through the gateway, against the real stack.
#include <sodium.h>

#include <chrono>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "stack.h"

using namespace sentra::e2e;

namespace {

sentra::auth::v1::AccessClaims ClaimsFor(const Session& s, std::int64_t issued, std::int64_t expires) {
  sentra::auth::v1::AccessClaims c;
  c.set_iss("sentra");
  c.set_sub(s.user_id);
  c.set_org(s.org_id);
  c.set_role("owner");
  c.add_perms("leads:read");
  c.set_jti("e2e");
  c.set_iat(static_cast<std::uint32_t>(issued));
  c.set_exp(static_cast<std::uint32_t>(expires));
  return c;
}

void CheckUnauthenticated(const Response& res) {
  INFO(res.body);
  CHECK(res.status == 401);
  CHECK(res.Field("error.code") == "UNAUTHENTICATED");
  CHECK_FALSE(res.Field("error.request_id").empty());
}

}  // namespace

TEST_CASE("missing, garbage, expired, forged and alg:none tokens get 401", "[e2e]") {
  Session s = SignupNewOrganization();
  CHECK(Get("/v1/leads", s.access_token).status == 200);

  CheckUnauthenticated(Get("/v1/leads"));
  CheckUnauthenticated(Get("/v1/leads", "garbage"));
  CheckUnauthenticated(Send({.target = "/v1/leads", .headers = {{"Authorization", "Basic dXNlcjpwYXNz"}}}));

  const auto key = AuthSigningKey();
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  // Signed with the real key, but expired an hour ago.
  CheckUnauthenticated(Get("/v1/leads", sentra::jwt::Sign(ClaimsFor(s, now - 7200, now - 3600), key)));

  // Same kid, another key.
  sentra::jwt::SigningKey forged{key.kid, {}, {}};
  crypto_sign_keypair(forged.public_key.data(), forged.secret.data());
  CheckUnauthenticated(Get("/v1/leads", sentra::jwt::Sign(ClaimsFor(s, now, now + 600), forged)));

  // alg:none with the real claims and no signature.
  const std::string good = sentra::jwt::Sign(ClaimsFor(s, now, now + 600), key);
  const std::string claims = good.substr(good.find('.') + 1, good.rfind('.') - good.find('.') - 1);
  const std::string none = sentra::jwt::Base64UrlEncode(R"({"alg":"none","typ":"JWT","kid":")" + key.kid + R"("})");
  CheckUnauthenticated(Get("/v1/leads", none + "." + claims + "."));
  CHECK(Get("/v1/leads", good).status == 200);  // the control: the same claims, signed, pass
}

TEST_CASE("a wrong password and an unknown e-mail get the same 401", "[e2e]") {
  Session s = SignupNewOrganization();
  auto wrong = Post("/v1/auth/login", R"({"email":")" + s.email + R"(","password":"not the password"})");
  auto unknown = Post("/v1/auth/login", R"({"email":"nobody-)" + UniqueSuffix() + R"(@example.com","password":"whatever it is"})");
  CHECK(wrong.status == 401);
  CHECK(unknown.status == 401);
  CHECK(wrong.Field("error.code") == "INVALID_CREDENTIALS");
  CHECK(unknown.Field("error.message") == wrong.Field("error.message"));
}

std::string RefreshBody(const std::string& token) { return R"({"refresh_token":")" + token + R"("})"; }

// After the stack's SENTRA_REFRESH_REUSE_GRACE has passed since a rotation.
void WaitOutReuseGrace() {
  std::this_thread::sleep_for(std::chrono::seconds(std::stoi(Env("SENTRA_TEST_REFRESH_REUSE_GRACE_SECONDS")) + 1));
}

TEST_CASE("refresh rotates the token, and reusing a rotated one revokes the family", "[e2e]") {
  Session s = SignupNewOrganization();
  auto first = Post("/v1/auth/refresh", RefreshBody(s.refresh_token));
  REQUIRE(first.status == 200);
  const std::string next = first.Field("refresh_token");
  CHECK(next != s.refresh_token);
  CHECK(Get("/v1/auth/me", first.Field("access_token")).Field("role") == "owner");

  // The old token again once the grace is over: refused, and the newer one dies with it.
  WaitOutReuseGrace();
  CheckUnauthenticated(Post("/v1/auth/refresh", RefreshBody(s.refresh_token)));
  CheckUnauthenticated(Post("/v1/auth/refresh", RefreshBody(next)));
  CheckUnauthenticated(Post("/v1/auth/refresh", R"({"refresh_token":"not-a-token"})"));
}

TEST_CASE("a refresh whose answer was lost can be repeated just after it, and only then", "[e2e]") {
  Session s = SignupNewOrganization();
  auto lost = Post("/v1/auth/refresh", RefreshBody(s.refresh_token));
  REQUIRE(lost.status == 200);

  // A page that navigated away mid-refresh sends the old token again: it
  // gets a new session in the same family, not a sign-out.
  auto again = Post("/v1/auth/refresh", RefreshBody(s.refresh_token));
  INFO(again.body);
  REQUIRE(again.status == 200);
  const std::string kept = again.Field("refresh_token");
  CHECK(kept != lost.Field("refresh_token"));
  CHECK(Get("/v1/auth/me", again.Field("access_token")).Field("role") == "owner");
  auto onward = Post("/v1/auth/refresh", RefreshBody(kept));
  REQUIRE(onward.status == 200);

  // Later the old token is a stolen copy: the family, with every token the
  // grace gave out, is revoked.
  WaitOutReuseGrace();
  CheckUnauthenticated(Post("/v1/auth/refresh", RefreshBody(s.refresh_token)));
  CheckUnauthenticated(Post("/v1/auth/refresh", RefreshBody(onward.Field("refresh_token"))));
  CheckUnauthenticated(Post("/v1/auth/refresh", RefreshBody(lost.Field("refresh_token"))));
}

TEST_CASE("a copy used within the grace is found out when the rightful holder refreshes: the family is revoked",
          "[e2e]") {
  Session s = SignupNewOrganization();
  auto rightful = Post("/v1/auth/refresh", RefreshBody(s.refresh_token));
  REQUIRE(rightful.status == 200);
  // Someone with a copy of the old token, within the grace.
  auto thief = Post("/v1/auth/refresh", RefreshBody(s.refresh_token));
  REQUIRE(thief.status == 200);
  // The rightful holder's token lost out to the thief's: presenting it
  // revokes the whole family, the thief's branch with it.
  CheckUnauthenticated(Post("/v1/auth/refresh", RefreshBody(rightful.Field("refresh_token"))));
  CheckUnauthenticated(Post("/v1/auth/refresh", RefreshBody(thief.Field("refresh_token"))));
}

TEST_CASE("logout ends the grace too: a rotated token of a signed-out family is refused at once", "[e2e]") {
  Session s = SignupNewOrganization();
  auto next = Post("/v1/auth/refresh", RefreshBody(s.refresh_token));
  REQUIRE(next.status == 200);
  REQUIRE(Post("/v1/auth/logout", RefreshBody(next.Field("refresh_token")), next.Field("access_token")).status == 200);
  CheckUnauthenticated(Post("/v1/auth/refresh", RefreshBody(s.refresh_token)));
}

TEST_CASE("logout revokes the refresh token", "[e2e]") {
  Session s = SignupNewOrganization();
  auto out = Post("/v1/auth/logout", R"({"refresh_token":")" + s.refresh_token + R"("})", s.access_token);
  CHECK(out.status == 200);
  CheckUnauthenticated(Post("/v1/auth/refresh", R"({"refresh_token":")" + s.refresh_token + R"("})"));
}

TEST_CASE("signup refuses a taken e-mail or chosen slug with 409 naming the field", "[e2e]") {
  Session s = SignupNewOrganization();
  auto again = Post("/v1/auth/signup", R"({"organization_name":"Another","name":"X","email":")" + s.email +
                                           R"(","password":"long enough password"})");
  CHECK(again.status == 409);
  CHECK(again.body.find("\"field\":\"email\"") != std::string::npos);

  const std::string name = "Same Name " + UniqueSuffix();
  const auto signup = [&](const std::string& slug_member) {
    return Post("/v1/auth/signup", R"({"organization_name":")" + name + R"(",)" + slug_member +
                                       R"("name":"X","email":")" + NewEmail("same-name") +
                                       R"(","password":"long enough password"})");
  };
  auto first = signup("");
  REQUIRE(first.status == 201);
  const std::string slug = first.Field("organization.slug");
  // A slug the founder chose is theirs to change.
  auto chosen = signup(R"("organization_slug":")" + slug + R"(",)");
  CHECK(chosen.status == 409);
  CHECK(chosen.body.find(R"("field":"organization_slug")") != std::string::npos);
  // One made from the name gets another ending instead of failing on a
  // field the founder never sent (or telling them who has it).
  auto second = signup("");
  CHECK(second.status == 201);
  const std::string variant = second.Field("organization.slug");
  CHECK(variant.size() == slug.size() + 5);
  CHECK(variant.starts_with(slug + "-"));

  // A name with no Latin letters makes no slug of its own: one is given.
  auto japanese = Post("/v1/auth/signup", R"({"organization_name":"日本語の会社","name":"X","email":")" +
                                              NewEmail("kaisha") + R"(","password":"long enough password"})");
  CHECK(japanese.status == 201);
  CHECK(japanese.Field("organization.slug").starts_with("org-"));
}

TEST_CASE("the public keys are published as JWKS", "[e2e]") {
  auto jwks = Get("/.well-known/jwks.json");
  REQUIRE(jwks.status == 200);
  CHECK(jwks.body.find("\"crv\":\"Ed25519\"") != std::string::npos);
  CHECK(jwks.body.find("\"d\"") == std::string::npos);
}
