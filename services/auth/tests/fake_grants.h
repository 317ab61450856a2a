// What each member holds now, for the fakes of repositories whose logic
// asks CallerGrant: what CallerGrantNow answers, minus SQL.
#pragma once

#include <algorithm>
#include <map>
#include <string>

#include "absl/status/statusor.h"
#include "sentra/service/call_context.h"
#include "src/grant.h"

namespace sentra::auth::testing {

struct FakeGrants {
  absl::StatusOr<Grant> Of(const service::CallContext& call, std::string_view permission) const {
    auto it = grants.find(call.user_id);
    if (it == grants.end()) return absl::UnauthenticatedError("no longer a member");
    const auto& held = it->second.permissions;
    if (std::find(held.begin(), held.end(), permission) == held.end()) {
      return absl::PermissionDeniedError("no longer holds it");
    }
    return it->second;
  }

  std::map<std::string, Grant> grants;  // by user id
};

}  // namespace sentra::auth::testing
