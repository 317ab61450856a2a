#include "scoped_token.h"

#include <sodium.h>

#include "sentra/ids/uuid.h"
#include "sentra/jwt/jwt.h"

namespace sentra::auth {

namespace {

constexpr std::size_t kMaxTokenLength = 200;

std::optional<ParsedScopedToken> Parse(std::string_view whole, std::string_view org, std::string_view secret) {
  auto org_id = ids::NormalizeUuid(org);
  auto bytes = jwt::Base64UrlDecode(secret);
  if (!org_id || !bytes || bytes->size() != 32) return std::nullopt;
  return ParsedScopedToken{*org_id, HashToken(whole)};
}

}  // namespace

std::string NewSecret() {
  unsigned char secret[32];
  randombytes_buf(secret, sizeof secret);
  return jwt::Base64UrlEncode(std::string_view(reinterpret_cast<char*>(secret), sizeof secret));
}

std::string NewScopedToken(std::string_view org_id) { return std::string(org_id) + "." + NewSecret(); }

std::string HashToken(std::string_view token) {
  unsigned char hash[32];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return std::string(reinterpret_cast<char*>(hash), sizeof hash);
}

std::optional<ParsedScopedToken> ParseScopedToken(std::string_view token) {
  if (token.size() > kMaxTokenLength) return std::nullopt;
  const auto dot = token.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  return Parse(token, token.substr(0, dot), token.substr(dot + 1));
}

std::string NewApiKey(std::string_view org_id) {
  return std::string(kApiKeyMarker) + NewSecret() + "." + std::string(org_id);
}

std::optional<ParsedScopedToken> ParseApiKey(std::string_view key) {
  if (key.size() > kMaxTokenLength || !key.starts_with(kApiKeyMarker)) return std::nullopt;
  const std::string_view rest = key.substr(kApiKeyMarker.size());
  const auto dot = rest.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  return Parse(key, rest.substr(dot + 1), rest.substr(0, dot));
}

std::string ApiKeyPrefix(std::string_view key) { return std::string(key.substr(0, kApiKeyMarker.size() + 8)); }

}  // namespace sentra::auth
