#include "rate_limits.h"

#include <string>

#include "sentra/text/validation.h"

namespace sentra::gateway {

namespace {

std::optional<RateRule> ReadRule(config::EnvReader& env, std::string_view name, std::string_view fallback) {
  const std::string text = env.String(name, fallback);
  auto rule = ParseRateRule(text);
  if (!rule.ok()) {
    const auto message = rule.status().message();
    env.Fail(name, std::string_view(message.data(), message.size()), "");
    return std::nullopt;
  }
  return *rule;
}

std::unique_ptr<TokenBuckets> BucketsFor(const std::optional<RateRule>& rule) {
  return rule ? std::make_unique<TokenBuckets>(*rule) : nullptr;
}

std::optional<RateDecision> TakeFrom(const std::unique_ptr<TokenBuckets>& buckets, std::string_view key) {
  if (buckets == nullptr || key.empty()) return std::nullopt;
  return buckets->Take(key);
}

}  // namespace

RateLimitOptions ReadRateLimits(config::EnvReader& env) {
  return {
      .api_key = ReadRule(env, "SENTRA_RATE_API_KEY", "1200/1m"),
      .user = ReadRule(env, "SENTRA_RATE_USER", "600/1m"),
      .organization = ReadRule(env, "SENTRA_RATE_ORG", "3000/1m"),
      .anonymous_ip = ReadRule(env, "SENTRA_RATE_IP", "600/1m"),
      .attempts_per_ip = ReadRule(env, "SENTRA_RATE_ATTEMPTS_IP", "100/15m"),
      .attempts_per_email = ReadRule(env, "SENTRA_RATE_ATTEMPTS_EMAIL", "10/15m"),
      .operations_ip = ReadRule(env, "SENTRA_RATE_OPS_IP", "600/1m"),
  };
}

std::optional<RateDecision> Combine(const std::optional<RateDecision>& a, const std::optional<RateDecision>& b) {
  if (!a) return b;
  if (!b) return a;
  return Tighter(*a, *b);
}

RateLimits::RateLimits(const RateLimitOptions& options)
    : api_key_(BucketsFor(options.api_key)),
      user_(BucketsFor(options.user)),
      organization_(BucketsFor(options.organization)),
      anonymous_ip_(BucketsFor(options.anonymous_ip)),
      attempts_per_ip_(BucketsFor(options.attempts_per_ip)),
      attempts_per_email_(BucketsFor(options.attempts_per_email)),
      operations_ip_(BucketsFor(options.operations_ip)) {}

std::optional<RateDecision> RateLimits::ForCaller(const service::CallContext& identity) {
  const auto own = identity.api_key_id.empty() ? TakeFrom(user_, identity.user_id)
                                               : TakeFrom(api_key_, identity.api_key_id);
  if (own && !own->allowed) return own;
  return Combine(own, TakeFrom(organization_, identity.org_id));
}

std::optional<RateDecision> RateLimits::ForAnonymous(std::string_view client_ip) {
  return TakeFrom(anonymous_ip_, client_ip);
}

std::optional<RateDecision> RateLimits::PeekAnonymous(std::string_view client_ip) const {
  if (anonymous_ip_ == nullptr || client_ip.empty()) return std::nullopt;
  return anonymous_ip_->Peek(client_ip);
}

std::optional<RateDecision> RateLimits::ForAttemptFrom(std::string_view client_ip) {
  return TakeFrom(attempts_per_ip_, client_ip);
}

std::optional<RateDecision> RateLimits::ForOperations(std::string_view client_ip) {
  return TakeFrom(operations_ip_, client_ip);
}

std::optional<RateDecision> RateLimits::ForAttemptOn(std::string_view email) {
  // Keyed the way auth reads the address. One auth refuses as malformed
  // needs no bucket (and a long one would only cost memory).
  const auto normalized = text::NormalizeEmail(email);
  if (!normalized) return std::nullopt;
  return TakeFrom(attempts_per_email_, *normalized);
}

}  // namespace sentra::gateway
