#include "token_verifier.h"

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <spdlog/spdlog.h>

namespace sentra::gateway {

TokenVerifier::TokenVerifier(std::shared_ptr<grpc::Channel> auth_channel)
    : stub_(auth::v1::AuthService::NewStub(std::move(auth_channel))) {}

TokenVerifier::~TokenVerifier() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void TokenVerifier::Start() {
  thread_ = std::thread([this] { Run(); });
}

bool TokenVerifier::has_keys() const {
  std::shared_lock lock(mutex_);
  return !keys_.empty();
}

absl::Status TokenVerifier::Refresh() {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(3));
  auth::v1::JwksRequest request;
  auth::v1::JwksResponse response;
  grpc::Status status = stub_->Jwks(&context, request, &response);
  if (!status.ok()) return absl::UnavailableError("auth unreachable for JWKS: " + status.error_message());
  std::map<std::string, jwt::PublicKey, std::less<>> keys;
  for (const auto& jwk : response.keys()) {
    auto bytes = jwt::Base64UrlDecode(jwk.x());
    if (jwk.kty() != "OKP" || jwk.crv() != "Ed25519" || !bytes || bytes->size() != 32) continue;
    jwt::PublicKey key;
    std::copy(bytes->begin(), bytes->end(), key.begin());
    keys.emplace(jwk.kid(), key);
  }
  std::unique_lock lock(mutex_);
  if (keys != keys_) verified_.clear();
  keys_ = std::move(keys);
  return absl::OkStatus();
}

void TokenVerifier::Run() {
  auto next = std::chrono::steady_clock::now();
  while (!stopping_) {
    const auto now = std::chrono::steady_clock::now();
    const bool urgent = refresh_wanted_ && now - last_refresh_ > std::chrono::seconds(10);
    if (now >= next || urgent) {
      refresh_wanted_ = false;
      last_refresh_ = now;
      if (auto s = Refresh(); s.ok()) {
        next = now + std::chrono::minutes(5);
      } else {
        spdlog::warn("{}", std::string(s.message()));
        next = now + std::chrono::seconds(1);
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

absl::StatusOr<auth::v1::AccessClaims> TokenVerifier::Verify(std::string_view token) {
  constexpr std::size_t kMaxCached = 50'000;
  const auto now = std::chrono::system_clock::now();
  const auto now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  absl::StatusOr<auth::v1::AccessClaims> claims;
  {
    std::shared_lock lock(mutex_);
    auto hit = verified_.find(absl::string_view(token.data(), token.size()));
    if (hit != verified_.end() && now_s <= static_cast<std::int64_t>(hit->second.exp())) return hit->second;
    claims = jwt::Verify(token, keys_, now, std::chrono::seconds(0));
  }
  if (claims.ok()) {
    std::unique_lock lock(mutex_);
    if (verified_.size() >= kMaxCached) verified_.clear();
    verified_.insert_or_assign(std::string(token), *claims);
  } else if (claims.status().message() == "invalid token: unknown key") {
    refresh_wanted_ = true;
  }
  return claims;
}

}  // namespace sentra::gateway
