// A member's grant (grant.h) as the database holds it now.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "grant.h"
#include "sentra/db/transaction.h"
#include "sentra/service/call_context.h"

namespace sentra::auth {

// The permissions of `role` in the transaction's organization: a system
// role's from code, a custom role's from the roles table; none for a role
// that no longer exists.
absl::StatusOr<std::vector<std::string>> RolePermissions(db::Transaction& tx, std::string_view role);

// What the caller holds at this moment, read in `tx` (the organization's
// scope, the membership row share-locked) rather than taken from their
// token, which outlives a demotion or a deactivation by up to 15 minutes.
// Every action that creates or widens a credential or a membership asks
// this, with the permission its route needs, which the caller must still
// hold. An API key holds what both it and its creator hold. Unauthenticated
// when the membership is no longer active or the key no longer valid.
absl::StatusOr<Grant> CallerGrantNow(db::Transaction& tx, const service::CallContext& call,
                                     std::string_view needed_permission);

}  // namespace sentra::auth
