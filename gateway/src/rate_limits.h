// Which buckets a request draws from. A caller with a credential: its API key
// (or, for a token, its user) and its organization. A request without one:
// its client address. Attempts at a secret (routes whose access declares
// limit_attempts: login, signup, forgot and reset password, invite
// acceptance): the client address and the e-mail the request names, with
// rules strict enough to stop guessing.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "credentials.h"
#include "sentra/config/env_reader.h"
#include "token_buckets.h"

namespace sentra::gateway {

struct RateLimitOptions {
  std::optional<RateRule> api_key;
  std::optional<RateRule> user;
  std::optional<RateRule> organization;
  std::optional<RateRule> anonymous_ip;
  std::optional<RateRule> attempts_per_ip;
  std::optional<RateRule> attempts_per_email;
  std::optional<RateRule> operations_ip;  // /healthz, /readyz, /metrics
};

// SENTRA_RATE_API_KEY, _USER, _ORG, _IP, _ATTEMPTS_IP, _ATTEMPTS_EMAIL, _OPS_IP, each
// "COUNT/PERIOD" or "off"; errors go to `env`.
RateLimitOptions ReadRateLimits(config::EnvReader& env);

class RateLimits {
 public:
  explicit RateLimits(const RateLimitOptions& options);

  // nullopt: no rule applies. Each call takes a token from every bucket it
  // names, in the order listed, up to the first that refuses.
  std::optional<RateDecision> ForCaller(const service::CallContext& identity);
  std::optional<RateDecision> ForAnonymous(std::string_view client_ip);
  // Whether ForAnonymous would refuse, without counting. A credential that
  // fails to verify counts as an anonymous call (ForAnonymous); this lets the
  // gateway turn away an address that keeps failing before it asks auth
  // about yet another made-up API key.
  std::optional<RateDecision> PeekAnonymous(std::string_view client_ip) const;
  std::optional<RateDecision> ForAttemptFrom(std::string_view client_ip);
  std::optional<RateDecision> ForAttemptOn(std::string_view email);
  // Probes and scrapes: their own bucket per address, so a flood of them
  // neither reaches the services nor spends a client's budget.
  std::optional<RateDecision> ForOperations(std::string_view client_ip);

 private:
  std::unique_ptr<TokenBuckets> api_key_, user_, organization_, anonymous_ip_, attempts_per_ip_,
      attempts_per_email_, operations_ip_;
};

// Two optional decisions as one: the tighter, or whichever exists.
std::optional<RateDecision> Combine(const std::optional<RateDecision>& a, const std::optional<RateDecision>& b);

}  // namespace sentra::gateway
