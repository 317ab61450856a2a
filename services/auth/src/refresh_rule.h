// What a presented refresh token earns. Tokens rotate on every refresh, and
// a family (one sign-in's tokens) has one live token at a time. A rotated
// or revoked token coming back means someone holds a copy, so the whole
// family is revoked, except just after a rotation: a browser that navigated
// away while its refresh was in flight never saw the new token and sends the
// old one again. Within that grace the old token earns a new one in the
// family, and the unseen one is revoked with the rest of the family's live
// tokens, so the family still has one. Whoever then presents a token that
// lost out (the unseen one, or the legitimate client's after a thief used
// the old token inside the grace) revokes the family, thief's branch and
// all.
#pragma once

#include <chrono>

namespace sentra::auth {

struct PresentedRefresh {
  bool found = false;
  bool revoked = false;
  bool expired = false;
  bool rotated = false;
  bool rotated_within_grace = false;
};

enum class RefreshVerdict {
  kRefuse,        // unknown or expired: 401, nothing changes
  kRotate,        // the live token: mark it rotated, issue the next
  kReissue,       // rotated moments ago: revoke the family's live token, issue another
  kRevokeFamily,  // rotated long ago, or revoked: a copy is in someone's hands
};

RefreshVerdict JudgeRefresh(const PresentedRefresh& token);

// How long after a rotation the old token is still taken, unless
// SENTRA_REFRESH_REUSE_GRACE says otherwise.
inline constexpr std::chrono::seconds kDefaultRefreshReuseGrace{10};

}  // namespace sentra::auth
