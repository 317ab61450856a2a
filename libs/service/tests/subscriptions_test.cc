#include "sentra/service/subscriptions.h"

#include <catch2/catch.hpp>
#include <set>

using sentra::service::CheckSubscription;
using sentra::service::Subscriptions;

TEST_CASE("the subscription catalogue names each consumer once, each with event types", "[unit]") {
  std::set<std::string> consumers;
  for (const auto& s : Subscriptions()) {
    CHECK(consumers.insert(s.consumer).second);
    CHECK_FALSE(s.event_types.empty());
    CHECK_FALSE(s.retry_delays.empty());
  }
  CHECK(consumers.contains("analytics"));
}

TEST_CASE("a consumer must handle exactly the types the catalogue lists for it", "[unit]") {
  CHECK(CheckSubscription("billing", {"organization.updated", "organization.created"}).ok());
  CHECK_FALSE(CheckSubscription("billing", {"organization.created"}).ok());
  CHECK(CheckSubscription("comms", {"user.invited", "organization.created", "auth.password_reset_requested",
                                    "auth.email_verification_requested"})
            .ok());
  CHECK(CheckSubscription("auth", {}).ok());

  const auto missing = CheckSubscription("billing", {"organization.created", "organization.updated", "lead.created"});
  CHECK(missing.code() == absl::StatusCode::kFailedPrecondition);
  CHECK_THAT(std::string(missing.message()), Catch::Contains("lead.created"));
  CHECK_FALSE(CheckSubscription("billing", {}).ok());
  CHECK_FALSE(CheckSubscription("auth", {"user.invited"}).ok());
}
