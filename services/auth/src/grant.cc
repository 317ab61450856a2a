#include "pg_grant.h"

#include <algorithm>

#include "identity_queries.h"
#include "roles.h"
#include "sentra/errors/errors.h"
#include "sentra/text/comma_list.h"

namespace sentra::auth {

namespace {

// FOR SHARE: a deactivation or role change of the caller (which locks the
// row for update) waits for this transaction, or this one for it.
constexpr db::Query kCallerMembership{
    "auth.caller_membership",
    "SELECT role, status, CASE WHEN brand_ids IS NULL THEN '*' ELSE array_to_string(brand_ids, ',') END, "
    "coalesce(client_id::text, '') FROM memberships WHERE org_id = current_org() AND user_id = $1 FOR SHARE"};
constexpr db::Query kCallerKey{
    "auth.caller_api_key",
    "SELECT array_to_string(permissions, ',') FROM api_keys WHERE org_id = current_org() AND id = $1 "
    "AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())"};

absl::Status NoLongerValid() {
  return absl::UnauthenticatedError("this credential no longer stands for an active member of the organization");
}

}  // namespace

absl::StatusOr<Grant> CallerGrantNow(db::Transaction& tx, const service::CallContext& call,
                                     std::string_view needed_permission) {
  auto member = tx.Execute(kCallerMembership, call.user_id);
  if (!member.ok()) return member.status();
  if (member->rows() == 0 || member->Text(0, 1) != "active") return NoLongerValid();
  Grant grant{.role = member->String(0, 0), .brand_access = member->String(0, 2), .client_id = member->String(0, 3)};
  auto permissions = RolePermissions(tx, grant.role);
  if (!permissions.ok()) return permissions.status();
  grant.permissions = *std::move(permissions);
  if (!call.api_key_id.empty()) {
    auto key = tx.Execute(kCallerKey, call.api_key_id);
    if (!key.ok()) return key.status();
    if (key->rows() == 0) return NoLongerValid();
    const std::vector<std::string> of_key = text::SplitList(key->Text(0, 0));
    std::erase_if(grant.permissions, [&](const std::string& p) {
      return std::find(of_key.begin(), of_key.end(), p) == of_key.end();
    });
  }
  if (std::find(grant.permissions.begin(), grant.permissions.end(), needed_permission) == grant.permissions.end()) {
    return errors::WithCode(absl::PermissionDeniedError(
                                "this needs the " + std::string(needed_permission) + " permission, which you no longer hold"),
                            errors::kForbidden);
  }
  return grant;
}

bool BrandsWithin(bool all, const std::vector<std::string>& brand_ids, std::string_view held) {
  if (held == "*") return true;
  if (all) return false;
  const std::vector<std::string> own = text::SplitList(held);
  return std::all_of(brand_ids.begin(), brand_ids.end(),
                     [&](const std::string& id) { return std::find(own.begin(), own.end(), id) != own.end(); });
}

absl::StatusOr<std::vector<std::string>> RolePermissions(db::Transaction& tx, std::string_view role) {
  if (IsSystemRole(role)) return PermissionsFor(role);
  auto r = tx.Execute(sql::kCustomRolePermissions, role);
  if (!r.ok()) return r.status();
  if (r->rows() == 0) return std::vector<std::string>{};
  return text::SplitList(r->Text(0, 0));
}

}  // namespace sentra::auth
