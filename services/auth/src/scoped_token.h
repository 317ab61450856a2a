// Opaque secrets that carry their organization: refresh tokens and
// invitation tokens are "<organization id>.<32 random bytes, base64url>",
// API keys "sk_live_<32 random bytes, base64url>.<organization id>" (so
// that their first characters, the prefix shown in lists, are random).
// The organization part only scopes the lookup (row-level security); a
// secret is found by the hash of the whole string, so a forged organization
// finds nothing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sentra::auth {

struct ParsedScopedToken {
  std::string org_id;
  std::string hash;  // BLAKE2b-256 of the whole token
};

std::string NewScopedToken(std::string_view org_id);
std::optional<ParsedScopedToken> ParseScopedToken(std::string_view token);
std::string HashToken(std::string_view token);

inline constexpr std::string_view kApiKeyMarker = "sk_live_";
std::string NewApiKey(std::string_view org_id);
std::optional<ParsedScopedToken> ParseApiKey(std::string_view key);
// "sk_live_" and the first 8 characters of the secret.
std::string ApiKeyPrefix(std::string_view key);

// A fresh 32-byte secret in base64url, for tokens with no organization.
std::string NewSecret();

}  // namespace sentra::auth
