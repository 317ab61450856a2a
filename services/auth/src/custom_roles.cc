#include "custom_roles.h"

#include <algorithm>
#include <regex>

#include "roles.h"
#include "sentra/errors/errors.h"
#include "sentra/errors/limits.h"
#include "sentra/ids/uuid.h"
#include "sentra/service/versioned_write.h"

namespace sentra::auth {

namespace {

using errors::FieldError;

void SystemRole(const std::string& name, v1::Role* role) {
  role->set_name(name);
  role->set_system(true);
  role->set_description("built in");
  for (const auto& p : PermissionsFor(name)) role->add_permissions(p);
}

bool IsValidRoleName(const std::string& name) {
  static const std::regex pattern("[a-z][a-z0-9_-]{1,39}");
  return std::regex_match(name, pattern);
}

// Sorted, without repeats; every entry from the catalogue.
absl::StatusOr<std::vector<std::string>> CheckPermissions(const google::protobuf::RepeatedPtrField<std::string>& wanted) {
  if (wanted.size() > 100) return errors::Validation("permissions", "has too many entries");
  std::vector<std::string> out(wanted.begin(), wanted.end());
  for (const auto& p : out) {
    if (!IsGrantable(p)) return errors::Validation("permissions", "'" + p.substr(0, 64) + "' is not a permission");
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// `caller`: what they hold now (CallerGrantNow), not what their token says.
absl::Status WithinCaller(const Grant& caller, const std::vector<std::string>& permissions) {
  if (IsSubset(permissions, caller.permissions)) return absl::OkStatus();
  return errors::WithCode(absl::PermissionDeniedError("a role cannot hold permissions you do not have"),
                          errors::kForbidden);
}

absl::Status SystemRolesAreFixed() {
  return errors::WithCode(absl::PermissionDeniedError("system roles cannot be changed"), errors::kForbidden);
}

std::vector<std::string> PermissionsOf(const v1::Role& role) {
  return {role.permissions().begin(), role.permissions().end()};
}

}  // namespace

absl::Status RoleLogic::Create(const service::CallContext& call, v1::CreateRoleRequest r, v1::Role* out) {
  std::vector<FieldError> problems;
  if (!IsValidRoleName(r.name())) {
    problems.push_back({"name", "must be 2-40 of a-z, 0-9, '-' and '_', starting with a letter"});
  } else if (IsSystemRole(r.name())) {
    problems.push_back({"name", "is a system role"});
  }
  if (r.description().size() > 500) problems.push_back({"description", "is too long (max 500)"});
  if (r.permissions().empty()) problems.push_back({"permissions", "must name at least one permission"});
  if (!problems.empty()) return errors::Validation(std::move(problems));
  auto permissions = CheckPermissions(r.permissions());
  if (!permissions.ok()) return permissions.status();
  return roles_.Write([&](RoleQueries& roles, bus::EventSink&) -> absl::Status {
    auto caller = roles.CallerGrant(call, "roles:manage");
    if (!caller.ok()) return caller.status();
    if (auto s = WithinCaller(*caller, *permissions); !s.ok()) return s;
    if (auto s = errors::WithinLimit(roles.LockAndCount(), kMaxCustomRoles, "custom roles"); !s.ok()) return s;
    auto created = roles.Insert(ids::NewUuidV7(), r.name(), r.description(), *permissions);
    if (!created.ok()) return created.status();
    if (!*created) return errors::Conflict("name", "is already a role");
    *out = **std::move(created);
    return absl::OkStatus();
  });
}

absl::Status RoleLogic::Get(const service::CallContext&, const std::string& name, v1::Role* out) {
  if (IsSystemRole(name)) {
    SystemRole(name, out);
    return absl::OkStatus();
  }
  if (!IsValidRoleName(name)) return errors::NotFound("role");
  return roles_.Read([&](RoleQueries& roles) -> absl::Status {
    auto found = roles.Find(name);
    if (!found.ok()) return found.status();
    if (!*found) return errors::NotFound("role");
    *out = **std::move(found);
    return absl::OkStatus();
  });
}

absl::Status RoleLogic::List(const service::CallContext&, v1::ListRolesResponse* out) {
  return roles_.Read([&](RoleQueries& roles) -> absl::Status {
    out->Clear();
    for (const auto& name : SystemRoleNames()) SystemRole(name, out->add_data());
    auto custom = roles.List();
    if (!custom.ok()) return custom.status();
    for (auto& role : *custom) *out->add_data() = std::move(role);
    return absl::OkStatus();
  });
}

absl::Status RoleLogic::Update(const service::CallContext& call, v1::UpdateRoleRequest r, v1::Role* out) {
  if (IsSystemRole(r.name())) return SystemRolesAreFixed();
  if (!IsValidRoleName(r.name())) return errors::NotFound("role");
  if (r.has_description() && r.description().size() > 500) {
    return errors::Validation("description", "is too long (max 500)");
  }
  if (r.has_version() && r.version() < 1) return errors::Validation("version", "must be a positive integer");
  auto permissions = CheckPermissions(r.permissions());
  if (!permissions.ok()) return permissions.status();
  return roles_.Write([&](RoleQueries& roles, bus::EventSink&) -> absl::Status {
    auto caller = roles.CallerGrant(call, "roles:manage");
    if (!caller.ok()) return caller.status();
    if (auto s = WithinCaller(*caller, *permissions); !s.ok()) return s;
    auto current = service::AtVersion(roles.Lock(r.name()), "role", service::RequestedVersion(r), [](const auto& record) { return record.version(); });
    if (!current.ok()) return current.status();
    // Narrowing a role also needs its current permissions to be yours.
    if (auto s = WithinCaller(*caller, PermissionsOf(*current)); !s.ok()) return s;
    auto updated = roles.Update(r.name(), r.has_description() ? std::optional(r.description()) : std::nullopt,
                                *permissions);
    if (!updated.ok()) return updated.status();
    *out = *std::move(updated);
    return absl::OkStatus();
  });
}

absl::Status RoleLogic::Delete(const service::CallContext& call, const std::string& name) {
  if (IsSystemRole(name)) return SystemRolesAreFixed();
  if (!IsValidRoleName(name)) return errors::NotFound("role");
  return roles_.Write([&](RoleQueries& roles, bus::EventSink&) -> absl::Status {
    auto current = roles.Lock(name);
    if (!current.ok()) return current.status();
    if (!*current) return errors::NotFound("role");
    auto caller = roles.CallerGrant(call, "roles:manage");
    if (!caller.ok()) return caller.status();
    if (auto s = WithinCaller(*caller, PermissionsOf(**current)); !s.ok()) return s;
    auto used = roles.InUse(name);
    if (!used.ok()) return used.status();
    if (*used) return errors::Conflict("name", "members still have this role");
    return roles.Delete(name);
  });
}

}  // namespace sentra::auth
