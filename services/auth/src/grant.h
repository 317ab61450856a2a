// What a member may do in an organization, as their access token states it:
// the role's permissions as they stand now (system or custom role), brand
// access, client link, and platform admin for superadmins.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "sentra/db/transaction.h"

namespace sentra::auth {

struct Grant {
  std::string role;
  std::vector<std::string> permissions;
  std::string brand_access = "*";  // "*" or comma-separated brand ids
  std::string client_id;
};

// The permissions of `role` in the transaction's organization: a system
// role's from code, a custom role's from the roles table; none for a role
// that no longer exists.
absl::StatusOr<std::vector<std::string>> RolePermissions(db::Transaction& tx, std::string_view role);

std::vector<std::string> SplitList(std::string_view comma_separated);
std::string JoinList(const std::vector<std::string>& items);

}  // namespace sentra::auth
