// What a presented refresh token earns. Tokens rotate on every refresh and
// a rotated token coming back means someone holds a copy, so the whole
// family is revoked — except just after the rotation: a browser that
// navigated away while its refresh was in flight never saw the new token
// and sends the old one again. Within that grace the old token is given a
// new one in the same family (the unseen one stays valid until it expires
// or is rotated itself); after it, reuse revokes the family.
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
  kRefuse,        // unknown, revoked or expired: 401, nothing changes
  kRotate,        // the newest token: mark it rotated, issue the next
  kReissue,       // rotated moments ago: issue another in the family
  kRevokeFamily,  // rotated long ago: a copy is in someone's hands
};

RefreshVerdict JudgeRefresh(const PresentedRefresh& token);

// How long after a rotation the old token is still taken, unless
// SENTRA_REFRESH_REUSE_GRACE says otherwise.
inline constexpr std::chrono::seconds kDefaultRefreshReuseGrace{10};

}  // namespace sentra::auth
