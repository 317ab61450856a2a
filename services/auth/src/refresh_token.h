// Opaque refresh tokens: "<organization id>.<32 random bytes, base64url>".
// The organization part only scopes the lookup (row-level security); the
// token is found by the hash of the whole string, so a forged prefix finds
// nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sentra::auth {

struct ParsedRefreshToken {
  std::string org_id;
  std::string hash;  // BLAKE2b-256 of the whole token
};

std::string NewRefreshToken(std::string_view org_id);
std::optional<ParsedRefreshToken> ParseRefreshToken(std::string_view token);
std::string HashRefreshToken(std::string_view token);

}  // namespace sentra::auth
