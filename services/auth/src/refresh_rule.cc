#include "refresh_rule.h"

namespace sentra::auth {

RefreshVerdict JudgeRefresh(const PresentedRefresh& token) {
  if (!token.found || token.expired) return RefreshVerdict::kRefuse;
  // A family signed out is revoked already: revoking it again changes nothing.
  if (token.revoked) return RefreshVerdict::kRevokeFamily;
  if (!token.rotated) return RefreshVerdict::kRotate;
  return token.rotated_within_grace ? RefreshVerdict::kReissue : RefreshVerdict::kRevokeFamily;
}

}  // namespace sentra::auth
