#include "refresh_rule.h"

namespace sentra::auth {

RefreshVerdict JudgeRefresh(const PresentedRefresh& token) {
  if (!token.found || token.revoked || token.expired) return RefreshVerdict::kRefuse;
  if (!token.rotated) return RefreshVerdict::kRotate;
  return token.rotated_within_grace ? RefreshVerdict::kReissue : RefreshVerdict::kRevokeFamily;
}

}  // namespace sentra::auth
