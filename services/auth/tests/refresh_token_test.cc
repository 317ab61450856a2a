#include "src/refresh_token.h"

#include <catch2/catch.hpp>

using namespace sentra::auth;

TEST_CASE("a refresh token names its organization and hashes to a fixed-size key", "[auth]") {
  const std::string org = "0190f1c2-3b4a-7def-8123-456789abcdef";
  const std::string token = NewRefreshToken(org);
  auto parsed = ParseRefreshToken(token);
  REQUIRE(parsed);
  CHECK(parsed->org_id == org);
  CHECK(parsed->hash.size() == 32);
  CHECK(parsed->hash == HashRefreshToken(token));
  CHECK(NewRefreshToken(org) != token);
}

TEST_CASE("malformed refresh tokens are rejected before any lookup", "[auth]") {
  CHECK_FALSE(ParseRefreshToken(""));
  CHECK_FALSE(ParseRefreshToken("nodot"));
  CHECK_FALSE(ParseRefreshToken("not-a-uuid.AAAA"));
  CHECK_FALSE(ParseRefreshToken("0190f1c2-3b4a-7def-8123-456789abcdef.short"));
  CHECK_FALSE(ParseRefreshToken(std::string(500, 'a')));
}
