#include "src/refresh_rule.h"

#include <catch2/catch.hpp>

namespace sentra::auth {
namespace {

PresentedRefresh Live() { return {.found = true}; }

TEST_CASE("the newest token of a family is rotated", "[auth][refresh]") {
  CHECK(JudgeRefresh(Live()) == RefreshVerdict::kRotate);
}

TEST_CASE("an unknown or expired token is refused", "[auth][refresh]") {
  CHECK(JudgeRefresh({}) == RefreshVerdict::kRefuse);
  PresentedRefresh expired = Live();
  expired.expired = true;
  CHECK(JudgeRefresh(expired) == RefreshVerdict::kRefuse);
}

TEST_CASE("a revoked token revokes its family, even within a grace: it lost out to another", "[auth][refresh]") {
  PresentedRefresh superseded = Live();
  superseded.revoked = true;
  CHECK(JudgeRefresh(superseded) == RefreshVerdict::kRevokeFamily);
  PresentedRefresh rotated = superseded;
  rotated.rotated = true;
  rotated.rotated_within_grace = true;
  CHECK(JudgeRefresh(rotated) == RefreshVerdict::kRevokeFamily);
}

TEST_CASE("a token rotated moments ago earns another in its family, not a revocation", "[auth][refresh]") {
  PresentedRefresh unseen = Live();
  unseen.rotated = true;
  unseen.rotated_within_grace = true;
  CHECK(JudgeRefresh(unseen) == RefreshVerdict::kReissue);
}

TEST_CASE("a token rotated before the grace revokes the whole family", "[auth][refresh]") {
  PresentedRefresh copied = Live();
  copied.rotated = true;
  CHECK(JudgeRefresh(copied) == RefreshVerdict::kRevokeFamily);
}

}  // namespace
}  // namespace sentra::auth
