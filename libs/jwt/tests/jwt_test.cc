#include "sentra/jwt/jwt.h"

#include <catch2/catch.hpp>
#include <sodium.h>

using namespace sentra::jwt;

namespace {

SigningKey NewKey(std::string kid) {
  REQUIRE(sodium_init() >= 0);
  SigningKey key{std::move(kid), {}, {}};
  crypto_sign_keypair(key.public_key.data(), key.secret.data());
  return key;
}

sentra::auth::v1::AccessClaims Claims(std::chrono::system_clock::time_point now) {
  sentra::auth::v1::AccessClaims c;
  c.set_iss("sentra");
  c.set_sub("0190f1c2-3b4a-7def-8123-456789abcdef");
  c.set_org("0190f1c2-3b4a-7def-8123-456789abcdee");
  c.set_role("owner");
  c.add_perms("leads:read");
  c.set_jti("j1");
  const auto s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  c.set_iat(static_cast<std::uint32_t>(s));
  c.set_exp(static_cast<std::uint32_t>(s + 900));
  return c;
}

const auto kNow = std::chrono::system_clock::now();

}  // namespace

TEST_CASE("a signed token verifies and yields its claims", "[jwt]") {
  auto key = NewKey("k1");
  std::map<std::string, PublicKey, std::less<>> keys{{"k1", key.public_key}};
  auto claims = Verify(Sign(Claims(kNow), key), keys, kNow);
  REQUIRE(claims.ok());
  CHECK(claims->role() == "owner");
  CHECK(claims->perms(0) == "leads:read");
}

TEST_CASE("expired, forged, tampered, unknown-key and alg:none tokens are refused", "[jwt]") {
  auto key = NewKey("k1");
  auto other = NewKey("k1");
  std::map<std::string, PublicKey, std::less<>> keys{{"k1", key.public_key}};
  const std::string good = Sign(Claims(kNow), key);

  CHECK(Verify(good, keys, kNow + std::chrono::minutes(16)).status().code() == absl::StatusCode::kUnauthenticated);
  CHECK_FALSE(Verify(Sign(Claims(kNow), other), keys, kNow).ok());
  CHECK_FALSE(Verify(Sign(Claims(kNow), NewKey("k2")), keys, kNow).ok());

  std::string tampered = good;
  const auto dot = tampered.find('.');
  tampered[dot + 5] = tampered[dot + 5] == 'A' ? 'B' : 'A';
  CHECK_FALSE(Verify(tampered, keys, kNow).ok());

  const std::string none_header = Base64UrlEncode(R"({"alg":"none","typ":"JWT","kid":"k1"})");
  const std::string body = good.substr(dot + 1, good.rfind('.') - dot - 1);
  CHECK_FALSE(Verify(none_header + "." + body + ".", keys, kNow).ok());
  CHECK_FALSE(Verify(none_header + "." + body, keys, kNow).ok());
  const std::string hs_header = Base64UrlEncode(R"({"alg":"HS256","typ":"JWT","kid":"k1"})");
  CHECK_FALSE(Verify(hs_header + "." + body + "." + good.substr(good.rfind('.') + 1), keys, kNow).ok());
}

TEST_CASE("garbage never verifies", "[jwt]") {
  std::map<std::string, PublicKey, std::less<>> keys{{"k1", NewKey("k1").public_key}};
  for (const char* junk : {"", ".", "..", "a.b.c", "a.b.c.d", "!!!.???.***", "eyJ9.eyJ9.AA"}) {
    CHECK(Verify(junk, keys, kNow).status().code() == absl::StatusCode::kUnauthenticated);
  }
  CHECK_FALSE(Verify(std::string(10000, 'a'), keys, kNow).ok());
}

TEST_CASE("base64url round-trips and rejects other alphabets", "[jwt]") {
  const std::string bytes("\x00\xff\xfe hello", 9);
  CHECK(Base64UrlDecode(Base64UrlEncode(bytes)) == bytes);
  CHECK_FALSE(Base64UrlDecode("ab+/").has_value());
  CHECK_FALSE(Base64UrlDecode("YQ==").has_value());
  // Bytes outside ASCII are not base64url, though libsodium decodes some of them.
  CHECK_FALSE(Base64UrlDecode("\xe9\xce\xd2\xcf").has_value());
  CHECK_FALSE(Base64UrlDecode("YQ\x80").has_value());
}
