// The permission catalogue, the system roles of PRODUCT.md §2 and what each
// grants. Custom roles (per organization, in the roles table) draw from the
// same catalogue.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sentra::auth {

// Held only by platform superadmins, added to their tokens; no role grants it.
inline constexpr std::string_view kPlatformAdmin = "platform:admin";

bool IsSystemRole(std::string_view role);
std::span<const std::string> SystemRoleNames();
// Empty for an unknown role: it grants nothing.
const std::vector<std::string>& PermissionsFor(std::string_view role);

// Every permission a role may grant, sorted.
const std::vector<std::string>& PermissionCatalogue();
bool IsGrantable(std::string_view permission);

// True when every one of `wanted` is in `held` (both may be unsorted), where
// clients:read also counts as portal:read: staff who may read every client
// may invite one client to see itself.
bool IsSubset(std::span<const std::string> wanted, std::span<const std::string> held);

}  // namespace sentra::auth
