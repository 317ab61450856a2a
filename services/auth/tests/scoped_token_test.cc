#include "src/scoped_token.h"

#include <catch2/catch.hpp>

using namespace sentra::auth;

TEST_CASE("a refresh token names its organization and hashes to a fixed-size key", "[auth]") {
  const std::string org = "0190f1c2-3b4a-7def-8123-456789abcdef";
  const std::string token = NewScopedToken(org);
  auto parsed = ParseScopedToken(token);
  REQUIRE(parsed);
  CHECK(parsed->org_id == org);
  CHECK(parsed->hash.size() == 32);
  CHECK(parsed->hash == HashToken(token));
  CHECK(NewScopedToken(org) != token);
}

TEST_CASE("malformed refresh tokens are rejected before any lookup", "[auth]") {
  CHECK_FALSE(ParseScopedToken(""));
  CHECK_FALSE(ParseScopedToken("nodot"));
  CHECK_FALSE(ParseScopedToken("not-a-uuid.AAAA"));
  CHECK_FALSE(ParseScopedToken("0190f1c2-3b4a-7def-8123-456789abcdef.short"));
  CHECK_FALSE(ParseScopedToken(std::string(500, 'a')));
}

TEST_CASE("an API key starts with its random prefix and names its organization last", "[auth]") {
  const std::string org = "0190f1c2-3b4a-7def-8123-456789abcdef";
  const std::string key = NewApiKey(org);
  CHECK(key.starts_with("sk_live_"));
  CHECK(key.ends_with(org));
  CHECK(ApiKeyPrefix(key).size() == 16);
  CHECK(ApiKeyPrefix(key) != ApiKeyPrefix(NewApiKey(org)));
  auto parsed = ParseApiKey(key);
  REQUIRE(parsed);
  CHECK(parsed->org_id == org);
  CHECK(parsed->hash == HashToken(key));
  CHECK_FALSE(ParseApiKey(key.substr(8)));
  CHECK_FALSE(ParseApiKey("sk_live_" + org));
  CHECK_FALSE(ParseApiKey("sk_live_AAAA." + org));
  CHECK_FALSE(ParseScopedToken(key));
}
