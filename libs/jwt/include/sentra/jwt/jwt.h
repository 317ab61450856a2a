// Access tokens: compact JWS with EdDSA (Ed25519) signatures. auth signs; the
// gateway verifies locally with the public keys auth publishes (JWKS).
// Only "EdDSA" is accepted: "none" and every other algorithm are refused
// before any key is touched.
#pragma once

#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "sentra/auth/v1/token.pb.h"

namespace sentra::jwt {

using PublicKey = std::array<unsigned char, 32>;
using SecretKey = std::array<unsigned char, 64>;  // libsodium's seed ‖ public key

struct SigningKey {
  std::string kid;
  SecretKey secret;
  PublicKey public_key;
};

std::string Sign(const auth::v1::AccessClaims& claims, const SigningKey& key);

// kUnauthenticated for anything but a well-formed, correctly signed,
// unexpired token from a known key. `leeway` tolerates small clock skew.
absl::StatusOr<auth::v1::AccessClaims> Verify(std::string_view token,
                                              const std::map<std::string, PublicKey, std::less<>>& keys,
                                              std::chrono::system_clock::time_point now,
                                              std::chrono::seconds leeway = std::chrono::seconds(30));

std::string Base64UrlEncode(std::string_view bytes);
// nullopt on any character outside the URL-safe alphabet, or padding.
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace sentra::jwt
