#include "src/token_buckets.h"

#include <catch2/catch.hpp>

#include "src/rate_limits.h"

using namespace sentra::gateway;
using namespace std::chrono_literals;
using Clock = TokenBuckets::Clock;

TEST_CASE("a rate rule reads COUNT/PERIOD or off", "[gateway][rate]") {
  auto rule = ParseRateRule("300/10s");
  REQUIRE(rule.ok());
  REQUIRE(rule->has_value());
  CHECK((*rule)->capacity == 300);
  CHECK((*rule)->period == 10s);
  CHECK((*ParseRateRule("10/15m"))->period == 15min);
  auto off = ParseRateRule("off");
  REQUIRE(off.ok());
  CHECK_FALSE(off->has_value());
  for (const char* bad : {"", "300", "/10s", "0/10s", "-1/10s", "10/0s", "10/ten", "ten/10s", "10/10", "10/10s/2"}) {
    INFO(bad);
    CHECK_FALSE(ParseRateRule(bad).ok());
  }
}

TEST_CASE("a bucket passes its capacity at once, then refuses until it refills", "[gateway][rate]") {
  TokenBuckets buckets({.capacity = 3, .period = 3s});  // one token per second
  const auto t0 = Clock::time_point{} + 1h;
  for (int left = 2; left >= 0; --left) {
    const auto d = buckets.Take("k", t0);
    CHECK(d.allowed);
    CHECK(d.limit == 3);
    CHECK(d.remaining == left);
  }
  const auto refused = buckets.Take("k", t0);
  CHECK_FALSE(refused.allowed);
  CHECK(refused.remaining == 0);
  CHECK(refused.retry_after_seconds == 1);
  CHECK(refused.reset_seconds == 3);

  CHECK_FALSE(buckets.Take("k", t0 + 500ms).allowed);  // half a token
  CHECK(buckets.Take("k", t0 + 1s).allowed);           // one whole token
  CHECK_FALSE(buckets.Take("k", t0 + 1s).allowed);
  // Refilling stops at capacity however long the bucket rests.
  for (int i = 0; i < 3; ++i) CHECK(buckets.Take("k", t0 + 1h).allowed);
  CHECK_FALSE(buckets.Take("k", t0 + 1h).allowed);
}

TEST_CASE("keys have their own buckets", "[gateway][rate]") {
  TokenBuckets buckets({.capacity = 1, .period = 1min});
  const auto t0 = Clock::time_point{} + 1h;
  CHECK(buckets.Take("a", t0).allowed);
  CHECK_FALSE(buckets.Take("a", t0).allowed);
  CHECK(buckets.Take("b", t0).allowed);
  CHECK(buckets.Take("a", t0 + 1min).allowed);
}

TEST_CASE("a refused request tells how long until the next one passes", "[gateway][rate]") {
  TokenBuckets buckets({.capacity = 5, .period = 15min});  // one token per 3 minutes
  const auto t0 = Clock::time_point{} + 1h;
  for (int i = 0; i < 5; ++i) buckets.Take("x", t0);
  const auto d = buckets.Take("x", t0 + 60s);
  CHECK_FALSE(d.allowed);
  CHECK(d.retry_after_seconds == 120);
  CHECK(d.reset_seconds == 840);
}

TEST_CASE("memory stays bounded when many keys arrive", "[gateway][rate]") {
  TokenBuckets buckets({.capacity = 2, .period = 1h}, /*max_keys=*/160);
  const auto t0 = Clock::time_point{} + 1h;
  for (int i = 0; i < 5000; ++i) buckets.Take("ip-" + std::to_string(i), t0 + std::chrono::milliseconds(i));
  CHECK(buckets.size() <= 160);
  // A key in active use survives the eviction of idle ones.
  TokenBuckets busy({.capacity = 2, .period = 1h}, 160);
  busy.Take("hot", t0);
  busy.Take("hot", t0);
  for (int i = 0; i < 5000; ++i) {
    busy.Take("cold-" + std::to_string(i), t0 + std::chrono::milliseconds(i));
    if (i % 20 == 0) busy.Take("hot", t0 + std::chrono::milliseconds(i));  // keeps it recent
  }
  CHECK_FALSE(busy.Take("hot", t0 + 5s).allowed);
}

TEST_CASE("the tighter decision is the one a response reports", "[gateway][rate]") {
  const RateDecision roomy{.allowed = true, .limit = 100, .remaining = 90};
  const RateDecision tight{.allowed = true, .limit = 10, .remaining = 2};
  const RateDecision refused{.allowed = false, .limit = 1000, .remaining = 0, .retry_after_seconds = 3};
  CHECK(&Tighter(roomy, tight) == &tight);
  CHECK(&Tighter(tight, roomy) == &tight);
  CHECK(&Tighter(tight, refused) == &refused);
  CHECK(Combine(std::nullopt, tight)->limit == 10);
  CHECK(Combine(roomy, std::nullopt)->limit == 100);
  CHECK_FALSE(Combine(std::nullopt, std::nullopt).has_value());
}

TEST_CASE("a caller draws on its key or user bucket and on its organization's", "[gateway][rate]") {
  RateLimits limits({.api_key = RateRule{2, 1h}, .user = RateRule{3, 1h}, .organization = RateRule{4, 1h}});
  sentra::service::CallContext alice{.org_id = "org-1", .user_id = "alice"};
  sentra::service::CallContext key{.org_id = "org-1", .user_id = "alice", .api_key_id = "key-1"};
  CHECK(limits.ForCaller(alice)->limit == 3);
  CHECK(limits.ForCaller(alice)->remaining == 1);
  CHECK(limits.ForCaller(key)->remaining == 1);  // the key's own bucket: 2 − 1
  // The organization's bucket (4) is now spent by the three calls plus this one.
  const auto last = limits.ForCaller(key);
  CHECK(last->allowed);
  CHECK(last->remaining == 0);
  const auto refused = limits.ForCaller(sentra::service::CallContext{.org_id = "org-1", .user_id = "bob"});
  CHECK_FALSE(refused->allowed);
  CHECK(refused->limit == 4);
  CHECK(limits.ForCaller(sentra::service::CallContext{.org_id = "org-2", .user_id = "carol"})->allowed);
}

TEST_CASE("attempts are counted per address and per e-mail as auth reads it", "[gateway][rate]") {
  RateLimits limits({.attempts_per_ip = RateRule{100, 1h}, .attempts_per_email = RateRule{2, 1h}});
  CHECK(limits.ForAttemptOn("Ann@Example.com")->allowed);
  CHECK(limits.ForAttemptOn(" ann@example.COM ")->allowed);
  CHECK_FALSE(limits.ForAttemptOn("ann@example.com")->allowed);
  CHECK(limits.ForAttemptOn("bob@example.com")->allowed);
  CHECK_FALSE(limits.ForAttemptOn("not an address").has_value());
  CHECK(limits.ForAttemptFrom("10.0.0.1")->limit == 100);
  CHECK_FALSE(limits.ForAnonymous("10.0.0.1").has_value());  // no rule configured
}

TEST_CASE("peeking at a bucket takes nothing from it", "[gateway][rate]") {
  TokenBuckets buckets({.capacity = 2, .period = 1h});
  const auto t0 = Clock::time_point{} + 1h;
  CHECK(buckets.Peek("k", t0).allowed);
  CHECK(buckets.Peek("k", t0).remaining == 2);
  CHECK(buckets.size() == 0);  // nor creates one
  buckets.Take("k", t0);
  buckets.Take("k", t0);
  const auto empty = buckets.Peek("k", t0);
  CHECK_FALSE(empty.allowed);
  CHECK(empty.retry_after_seconds == 1800);
}

TEST_CASE("failed credentials count as anonymous calls of their address", "[gateway][rate]") {
  RateLimits limits({.anonymous_ip = RateRule{2, 1h}});
  CHECK(limits.PeekAnonymous("10.0.0.1")->allowed);
  limits.ForAnonymous("10.0.0.1");
  limits.ForAnonymous("10.0.0.1");
  CHECK_FALSE(limits.PeekAnonymous("10.0.0.1")->allowed);
  CHECK(limits.PeekAnonymous("10.0.0.2")->allowed);
}
