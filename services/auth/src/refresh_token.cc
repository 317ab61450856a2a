#include "refresh_token.h"

#include <sodium.h>

#include "sentra/ids/uuid.h"
#include "sentra/jwt/jwt.h"

namespace sentra::auth {

std::string NewRefreshToken(std::string_view org_id) {
  unsigned char secret[32];
  randombytes_buf(secret, sizeof secret);
  return std::string(org_id) + "." +
         jwt::Base64UrlEncode(std::string_view(reinterpret_cast<char*>(secret), sizeof secret));
}

std::string HashRefreshToken(std::string_view token) {
  unsigned char hash[32];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return std::string(reinterpret_cast<char*>(hash), sizeof hash);
}

std::optional<ParsedRefreshToken> ParseRefreshToken(std::string_view token) {
  if (token.size() > 200) return std::nullopt;
  const auto dot = token.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto org = ids::NormalizeUuid(token.substr(0, dot));
  auto secret = jwt::Base64UrlDecode(token.substr(dot + 1));
  if (!org || !secret || secret->size() != 32) return std::nullopt;
  return ParsedRefreshToken{*org, HashRefreshToken(token)};
}

}  // namespace sentra::auth
