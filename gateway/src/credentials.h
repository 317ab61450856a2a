// Turns a bearer credential into the caller's identity: an access token is
// verified locally (TokenVerifier); an API key ("sk_live_…") is verified by
// auth and cached for a short while. Keeps the set of suspended
// organizations, whose every credential is refused with ORG_SUSPENDED.
// Revocations and suspensions arrive on the bus within moments; a periodic
// resync bounds how stale either can be when the bus is away.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "sentra/auth/v1/internal.grpc.pb.h"
#include "sentra/events/v1/envelope.pb.h"
#include "sentra/service/call_context.h"
#include "sentra/service/periodic.h"
#include "token_verifier.h"

namespace sentra::gateway {

struct CredentialOptions {
  std::chrono::milliseconds api_key_ttl{30000};
  std::chrono::milliseconds resync_every{30000};
};

class Credentials {
 public:
  Credentials(TokenVerifier& tokens, std::shared_ptr<grpc::Channel> auth_channel, CredentialOptions options);
  ~Credentials();

  // Starts the periodic resync of suspended organizations.
  void Start();

  // Calls `done` exactly once, on this thread or on a gRPC thread.
  void Resolve(std::string_view bearer, std::function<void(absl::StatusOr<service::CallContext>)> done);

  // The event types OnEvent understands, for the bus listener.
  static std::vector<std::string> EventTypes();
  void OnEvent(const events::v1::Envelope& event);
  // Reloads the suspended organizations from auth.
  void Resync();

 private:
  absl::Status Admit(const service::CallContext& identity) const;
  // Caches the answer unless a revocation arrived since the lookup began
  // (`generation` then), which the answer may predate.
  void RememberKey(const std::string& key, const service::CallContext& identity, std::int64_t expires_at_unix,
                   std::uint64_t generation);

  TokenVerifier& tokens_;
  std::unique_ptr<auth::v1::AuthInternalService::Stub> auth_;
  CredentialOptions options_;

  mutable std::shared_mutex mutex_;
  std::set<std::string, std::less<>> suspended_;
  struct CachedKey {
    service::CallContext identity;
    std::chrono::steady_clock::time_point fetched;
    std::int64_t expires_at_unix = 0;
  };
  std::map<std::string, CachedKey, std::less<>> keys_;
  std::uint64_t revocations_ = 0;  // events that dropped keys, so far

  service::Periodic resyncs_;  // last: stops before the rest goes
};

}  // namespace sentra::gateway
