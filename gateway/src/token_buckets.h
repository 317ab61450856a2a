// Token buckets by key, in memory: `capacity` requests at once, refilled
// evenly over `period`. One gateway process's view only; with N replicas
// behind a balancer a caller can get up to N× the rate (README, security).
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace sentra::gateway {

struct RateRule {
  int capacity = 0;
  std::chrono::milliseconds period{0};
};

// "300/10s", "10/15m": capacity, then the time to refill all of it.
// "off" → nullopt (no limit).
absl::StatusOr<std::optional<RateRule>> ParseRateRule(std::string_view text);

// What one bucket said about one request, in the units of the
// X-RateLimit-* and Retry-After headers.
struct RateDecision {
  bool allowed = true;
  int limit = 0;
  int remaining = 0;
  int reset_seconds = 0;        // until the bucket is full again
  int retry_after_seconds = 0;  // until the next request would pass; 0 when allowed
};

// The decision a response should report: a refusal over a pass, else the
// bucket with fewer requests left.
const RateDecision& Tighter(const RateDecision& a, const RateDecision& b);

class TokenBuckets {
 public:
  using Clock = std::chrono::steady_clock;

  // `max_keys`: buckets kept before idle ones are dropped. A dropped bucket
  // was full or nearly so, so dropping it forgets little.
  explicit TokenBuckets(RateRule rule, std::size_t max_keys = 100'000);

  // Takes one token from `key`'s bucket if it has one.
  RateDecision Take(std::string_view key, Clock::time_point now = Clock::now());
  // What Take would say, without taking: refused only when the bucket is empty.
  RateDecision Peek(std::string_view key, Clock::time_point now = Clock::now()) const;

  std::size_t size() const;

 private:
  struct Bucket {
    double tokens;
    Clock::time_point updated;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::map<std::string, Bucket, std::less<>> buckets;
  };
  static constexpr std::size_t kShards = 16;

  double Refilled(const Bucket& bucket, Clock::time_point now) const;
  RateDecision Describe(double tokens, bool allowed) const;
  Shard& ShardOf(std::string_view key) const;
  void Evict(Shard& shard, Clock::time_point now);

  RateRule rule_;
  double tokens_per_ms_;
  std::size_t max_keys_per_shard_;
  mutable std::array<Shard, kShards> shards_;
};

}  // namespace sentra::gateway
