#include "sentra/jwt/jwt.h"

#include <google/protobuf/util/json_util.h>
#include <sodium.h>

namespace sentra::jwt {

namespace {

absl::Status Unauthenticated(std::string_view why) {
  return absl::UnauthenticatedError(std::string("invalid token: ") + std::string(why));
}

std::string ToJson(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

bool FromJson(std::string_view json, google::protobuf::Message* message) {
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = true;
  return google::protobuf::util::JsonStringToMessage(
             google::protobuf::StringPiece(json.data(), json.size()), message, options)
      .ok();
}

}  // namespace

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  // libsodium's decoder also takes some bytes outside the alphabet (found by
  // fuzz_jwt: "\xe9\xce\xd2\xcf" decodes to three bytes), which would give
  // one token several spellings. Only the alphabet itself is accepted.
  for (const char c : text) {
    const bool in_alphabet =
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!in_alphabet) return std::nullopt;
  }
  std::string out(text.size() * 3 / 4 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(length);
  return out;
}

std::string Sign(const auth::v1::AccessClaims& claims, const SigningKey& key) {
  auth::v1::JwtHeader header;
  header.set_alg("EdDSA");
  header.set_typ("JWT");
  header.set_kid(key.kid);
  std::string token = Base64UrlEncode(ToJson(header)) + "." + Base64UrlEncode(ToJson(claims));
  unsigned char signature[crypto_sign_BYTES];
  crypto_sign_detached(signature, nullptr, reinterpret_cast<const unsigned char*>(token.data()),
                       token.size(), key.secret.data());
  token += ".";
  token += Base64UrlEncode(std::string_view(reinterpret_cast<char*>(signature), sizeof signature));
  return token;
}

absl::StatusOr<auth::v1::AccessClaims> Verify(std::string_view token,
                                              const std::map<std::string, PublicKey, std::less<>>& keys,
                                              std::chrono::system_clock::time_point now,
                                              std::chrono::seconds leeway) {
  if (token.size() > 8192) return Unauthenticated("too long");
  const auto first = token.find('.');
  const auto second = first == std::string_view::npos ? first : token.find('.', first + 1);
  if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) {
    return Unauthenticated("not a JWS");
  }
  auto header_json = Base64UrlDecode(token.substr(0, first));
  auto claims_json = Base64UrlDecode(token.substr(first + 1, second - first - 1));
  auto signature = Base64UrlDecode(token.substr(second + 1));
  if (!header_json || !claims_json || !signature) return Unauthenticated("bad encoding");

  auth::v1::JwtHeader header;
  if (!FromJson(*header_json, &header)) return Unauthenticated("bad header");
  if (header.alg() != "EdDSA") return Unauthenticated("algorithm not allowed");
  auto key = keys.find(header.kid());
  if (key == keys.end()) return Unauthenticated("unknown key");
  if (signature->size() != crypto_sign_BYTES ||
      crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature->data()),
                                  reinterpret_cast<const unsigned char*>(token.data()), second,
                                  key->second.data()) != 0) {
    return Unauthenticated("bad signature");
  }

  auth::v1::AccessClaims claims;
  if (!FromJson(*claims_json, &claims)) return Unauthenticated("bad claims");
  const auto now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  if (claims.exp() == 0 || now_s > static_cast<std::int64_t>(claims.exp()) + leeway.count()) {
    return Unauthenticated("expired");
  }
  if (claims.sub().empty() || claims.org().empty()) return Unauthenticated("missing subject");
  return claims;
}

}  // namespace sentra::jwt
