// Verifies access tokens locally with the public keys auth publishes. Keys
// are fetched at start, every few minutes, and at once (at most every 10 s)
// when a token names a key we do not know, so a key rotation needs no
// restart and a forged kid cannot make us hammer auth.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <thread>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "sentra/auth/v1/auth.grpc.pb.h"
#include "sentra/jwt/jwt.h"

namespace sentra::gateway {

class TokenVerifier {
 public:
  explicit TokenVerifier(std::shared_ptr<grpc::Channel> auth_channel);
  ~TokenVerifier();

  void Start();
  absl::StatusOr<auth::v1::AccessClaims> Verify(std::string_view token);
  bool has_keys() const;

 private:
  absl::Status Refresh();
  void Run();

  std::unique_ptr<auth::v1::AuthService::Stub> stub_;
  mutable std::shared_mutex mutex_;
  std::map<std::string, jwt::PublicKey, std::less<>> keys_;
  // Tokens already verified, until they expire: a client sends the same
  // token on every request, and an Ed25519 check costs ~50 µs of CPU.
  // Cleared when the keys change; bounded by clearing when full.
  absl::flat_hash_map<std::string, auth::v1::AccessClaims> verified_;
  std::atomic<bool> refresh_wanted_{false};
  std::atomic<bool> stopping_{false};
  std::chrono::steady_clock::time_point last_refresh_{};
  std::thread thread_;
};

}  // namespace sentra::gateway
