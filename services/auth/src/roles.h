// The system roles of PRODUCT.md §2 and the permissions each grants.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sentra::auth {

bool IsSystemRole(std::string_view role);
// Empty for an unknown role: it grants nothing.
const std::vector<std::string>& PermissionsFor(std::string_view role);

}  // namespace sentra::auth
