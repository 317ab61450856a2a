#include "roles.h"

#include <algorithm>
#include <map>

namespace sentra::auth {

namespace {

using Set = std::vector<std::string>;

const Set kRead = {"leads:read",    "clients:read",   "deals:read", "orders:read", "tasks:read",
                   "notes:read",    "invoices:read",  "expenses:read", "analytics:read",
                   "users:read",    "roles:read",     "brands:read", "organization:read"};
const Set kWork = {"leads:write", "clients:write", "deals:write", "orders:write",
                   "tasks:write", "notes:write",   "emails:send"};
const Set kManage = {"invoices:write", "expenses:write", "pipelines:manage", "tags:manage",
                     "custom_fields:manage", "imports:manage", "templates:manage",
                     "automations:manage", "webhooks:manage"};
const Set kAdmin = {"users:manage", "roles:manage", "brands:manage", "api_keys:manage",
                    "audit:read", "organization:manage"};
const Set kOwner = {"organization:delete", "billing:manage"};
// Client-portal users: what belongs to their own client only (enforced by
// the services on the client link).
const Set kPortal = {"portal:read"};

Set Join(std::initializer_list<const Set*> parts) {
  Set out;
  for (const Set* p : parts) out.insert(out.end(), p->begin(), p->end());
  return out;
}

const std::map<std::string, Set, std::less<>>& Roles() {
  static const auto* roles = new std::map<std::string, Set, std::less<>>{
      {"owner", Join({&kRead, &kWork, &kManage, &kAdmin, &kOwner})},
      {"admin", Join({&kRead, &kWork, &kManage, &kAdmin})},
      {"manager", Join({&kRead, &kWork, &kManage})},
      {"agent", Join({&kRead, &kWork})},
      {"viewer", kRead},
      {"client", kPortal},
  };
  return *roles;
}

}  // namespace

bool IsSystemRole(std::string_view role) { return Roles().contains(role); }

std::span<const std::string> SystemRoleNames() {
  static const Set names = {"owner", "admin", "manager", "agent", "viewer", "client"};
  return names;
}

const std::vector<std::string>& PermissionsFor(std::string_view role) {
  static const Set kNone;
  auto it = Roles().find(role);
  return it == Roles().end() ? kNone : it->second;
}

const std::vector<std::string>& PermissionCatalogue() {
  static const Set catalogue = [] {
    Set all = Join({&kRead, &kWork, &kManage, &kAdmin, &kOwner, &kPortal});
    std::sort(all.begin(), all.end());
    return all;
  }();
  return catalogue;
}

bool IsGrantable(std::string_view permission) {
  const auto& all = PermissionCatalogue();
  return std::binary_search(all.begin(), all.end(), permission);
}

bool IsSubset(std::span<const std::string> wanted, std::span<const std::string> held) {
  const auto holds = [&](std::string_view p) { return std::find(held.begin(), held.end(), p) != held.end(); };
  return std::all_of(wanted.begin(), wanted.end(), [&](const std::string& p) {
    // Whoever may read every client may give one client a view of itself.
    return holds(p) || (p == "portal:read" && holds("clients:read"));
  });
}

}  // namespace sentra::auth
