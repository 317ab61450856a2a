// The access-token verifier. Most inputs are whole tokens, refused at some
// step; inputs starting with 'S' are a header and claims (split at '\n')
// that this target signs with its own key first, so the claims parser and
// the expiry checks behind the signature check get fuzzed too.
#include <sodium.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "sentra/jwt/jwt.h"

namespace {

struct Keys {
  sentra::jwt::SigningKey signing;
  std::map<std::string, sentra::jwt::PublicKey, std::less<>> public_keys;
  Keys() {
    if (sodium_init() < 0) __builtin_trap();
    unsigned char seed[crypto_sign_SEEDBYTES] = {7};
    crypto_sign_seed_keypair(signing.public_key.data(), signing.secret.data(), seed);
    signing.kid = "fuzz";
    public_keys.emplace("fuzz", signing.public_key);
  }
};

std::string SignedToken(std::string_view header, std::string_view claims, const sentra::jwt::SigningKey& key) {
  std::string token = sentra::jwt::Base64UrlEncode(header) + "." + sentra::jwt::Base64UrlEncode(claims);
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                       key.secret.data());
  return token + "." +
         sentra::jwt::Base64UrlEncode(std::string_view(reinterpret_cast<const char*>(signature), sizeof signature));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Keys keys;
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));
  std::string_view input(reinterpret_cast<const char*>(data), size);
  if (input.starts_with("S")) {
    input.remove_prefix(1);
    const auto newline = input.find('\n');
    const std::string_view header = input.substr(0, newline);
    const std::string_view claims = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
    const auto verified = sentra::jwt::Verify(SignedToken(header, claims, keys.signing), keys.public_keys, now);
    // A token that passes names a subject and an organization and is unexpired.
    if (verified.ok() && (verified->sub().empty() || verified->org().empty())) __builtin_trap();
    return 0;
  }
  (void)sentra::jwt::Verify(input, keys.public_keys, now);
  if (auto decoded = sentra::jwt::Base64UrlDecode(input)) {
    if (sentra::jwt::Base64UrlEncode(*decoded) != input) __builtin_trap();  // one spelling per byte string
  }
  return 0;
}
