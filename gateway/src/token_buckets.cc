#include "token_buckets.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

#include "absl/strings/numbers.h"
#include "fmt/format.h"
#include "sentra/config/env_reader.h"

namespace sentra::gateway {

absl::StatusOr<std::optional<RateRule>> ParseRateRule(std::string_view text) {
  if (text == "off") return std::optional<RateRule>();
  const auto slash = text.find('/');
  int capacity = 0;
  const auto bad = [&] {
    return absl::InvalidArgumentError(
        fmt::format("expected COUNT/PERIOD such as 300/10s or 10/15m, or off; got '{}'", text));
  };
  if (slash == std::string_view::npos) return bad();
  const std::string_view count = text.substr(0, slash);
  if (!absl::SimpleAtoi(absl::string_view(count.data(), count.size()), &capacity) || capacity < 1) return bad();
  const auto period = config::ParseDuration(text.substr(slash + 1));
  if (!period || period->count() < 1) return bad();
  return std::optional<RateRule>(RateRule{.capacity = capacity, .period = *period});
}

const RateDecision& Tighter(const RateDecision& a, const RateDecision& b) {
  if (a.allowed != b.allowed) return a.allowed ? b : a;
  if (!a.allowed) return a.retry_after_seconds >= b.retry_after_seconds ? a : b;
  return a.remaining <= b.remaining ? a : b;
}

TokenBuckets::TokenBuckets(RateRule rule, std::size_t max_keys)
    : rule_(rule),
      tokens_per_ms_(static_cast<double>(rule.capacity) / static_cast<double>(rule.period.count())),
      max_keys_per_shard_(std::max<std::size_t>(1, max_keys / kShards)) {}

double TokenBuckets::Refilled(const Bucket& bucket, Clock::time_point now) const {
  const double elapsed_ms = std::chrono::duration<double, std::milli>(now - bucket.updated).count();
  return std::min<double>(rule_.capacity, bucket.tokens + std::max(0.0, elapsed_ms) * tokens_per_ms_);
}

TokenBuckets::Shard& TokenBuckets::ShardOf(std::string_view key) const {
  return shards_[std::hash<std::string_view>{}(key) % kShards];
}

RateDecision TokenBuckets::Describe(double tokens, bool allowed) const {
  // Whole seconds until `missing` tokens have refilled, rounded up; the small
  // slack keeps 1800.0000001 (floating point) from becoming 1801.
  const auto seconds_for = [&](double missing) {
    return static_cast<int>(std::ceil(missing / tokens_per_ms_ / 1000.0 - 1e-6));
  };
  RateDecision decision{.allowed = allowed, .limit = rule_.capacity};
  if (!allowed) decision.retry_after_seconds = std::max(1, seconds_for(1.0 - tokens));
  decision.remaining = static_cast<int>(std::floor(tokens));
  decision.reset_seconds = seconds_for(rule_.capacity - tokens);
  return decision;
}

RateDecision TokenBuckets::Take(std::string_view key, Clock::time_point now) {
  Shard& shard = ShardOf(key);
  std::lock_guard lock(shard.mutex);
  auto it = shard.buckets.find(key);
  if (it == shard.buckets.end()) {
    if (shard.buckets.size() >= max_keys_per_shard_) Evict(shard, now);
    it = shard.buckets.emplace(std::string(key), Bucket{static_cast<double>(rule_.capacity), now}).first;
  }
  Bucket& bucket = it->second;
  bucket.tokens = Refilled(bucket, now);
  bucket.updated = now;
  const bool allowed = bucket.tokens >= 1.0;
  if (allowed) bucket.tokens -= 1.0;
  return Describe(bucket.tokens, allowed);
}

RateDecision TokenBuckets::Peek(std::string_view key, Clock::time_point now) const {
  Shard& shard = ShardOf(key);
  std::lock_guard lock(shard.mutex);
  const auto it = shard.buckets.find(key);
  const double tokens = it == shard.buckets.end() ? rule_.capacity : Refilled(it->second, now);
  return Describe(tokens, tokens >= 1.0);
}

void TokenBuckets::Evict(Shard& shard, Clock::time_point now) {
  // First the buckets that have refilled: they are the same as no bucket.
  std::erase_if(shard.buckets, [&](const auto& entry) { return Refilled(entry.second, now) >= rule_.capacity; });
  if (shard.buckets.size() < max_keys_per_shard_) return;
  // Still full (many keys, all recently used): drop the least recently used
  // tenth, so that this O(n) pass happens once per n/10 new keys.
  std::vector<Clock::time_point> ages;
  ages.reserve(shard.buckets.size());
  for (const auto& [key, bucket] : shard.buckets) ages.push_back(bucket.updated);
  const auto cut = ages.begin() + static_cast<std::ptrdiff_t>(ages.size() / 10);
  std::nth_element(ages.begin(), cut, ages.end());
  const Clock::time_point oldest_kept = *cut;
  std::erase_if(shard.buckets, [&](const auto& entry) { return entry.second.updated < oldest_kept; });
  if (shard.buckets.size() >= max_keys_per_shard_) shard.buckets.erase(shard.buckets.begin());
}

std::size_t TokenBuckets::size() const {
  std::size_t total = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    total += shard.buckets.size();
  }
  return total;
}

}  // namespace sentra::gateway
