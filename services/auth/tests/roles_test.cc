#include "src/roles.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace sentra::auth;

namespace {
bool Grants(std::string_view role, std::string_view permission) {
  const auto& perms = PermissionsFor(role);
  return std::find(perms.begin(), perms.end(), permission) != perms.end();
}
}  // namespace

TEST_CASE("system roles grant what their names promise and no more", "[auth]") {
  CHECK(Grants("owner", "users:manage"));
  CHECK(Grants("admin", "users:manage"));
  CHECK_FALSE(Grants("manager", "users:manage"));
  CHECK(Grants("agent", "leads:write"));
  CHECK_FALSE(Grants("agent", "invoices:write"));
  CHECK(Grants("viewer", "leads:read"));
  CHECK_FALSE(Grants("viewer", "leads:write"));
  CHECK_FALSE(Grants("client", "leads:read"));
  CHECK(PermissionsFor("no-such-role").empty());
  CHECK_FALSE(IsSystemRole("superadmin"));
}

TEST_CASE("every system role draws only from the catalogue, and none grants platform admin", "[auth]") {
  for (const auto& role : SystemRoleNames()) {
    CHECK(IsSystemRole(role));
    for (const auto& p : PermissionsFor(role)) {
      INFO(role << " grants " << p);
      CHECK(IsGrantable(p));
    }
  }
  CHECK_FALSE(IsGrantable(kPlatformAdmin));
  CHECK(IsSubset(PermissionsFor("viewer"), PermissionsFor("agent")));
  CHECK(IsSubset(PermissionsFor("admin"), PermissionsFor("owner")));
  CHECK_FALSE(IsSubset(PermissionsFor("owner"), PermissionsFor("admin")));
  // Staff who read clients may invite a client-portal member; a viewer of
  // leads only may not.
  CHECK(IsSubset(PermissionsFor("client"), PermissionsFor("viewer")));
  CHECK_FALSE(IsSubset(PermissionsFor("client"), std::vector<std::string>{"leads:read"}));
}
