#include "role_service.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <regex>

#include "grant.h"
#include "roles.h"
#include "sentra/db/transaction.h"
#include "sentra/errors/errors.h"
#include "sentra/ids/uuid.h"
#include "sentra/service/serve.h"
#include "sentra/text/comma_list.h"

namespace sentra::auth {

namespace {

using errors::FieldError;
using google::protobuf::util::TimeUtil;

#define SENTRA_ROLE_COLUMNS \
  "name, description, array_to_string(permissions, ','), version, " \
  "(extract(epoch from created_at) * 1000000)::bigint, (extract(epoch from updated_at) * 1000000)::bigint "
constexpr db::Query kListRoles{"auth.list_roles", "SELECT " SENTRA_ROLE_COLUMNS "FROM roles ORDER BY name"};
constexpr db::Query kGetRole{"auth.get_role", "SELECT " SENTRA_ROLE_COLUMNS "FROM roles WHERE name = $1"};
constexpr db::Query kInsertRole{
    "auth.insert_role",
    "INSERT INTO roles (id, org_id, name, description, permissions) "
    "VALUES ($1, current_org(), $2, $3, string_to_array($4, ',')) RETURNING " SENTRA_ROLE_COLUMNS};
constexpr db::Query kLockRole{"auth.lock_role",
                              "SELECT array_to_string(permissions, ','), version FROM roles WHERE name = $1 FOR UPDATE"};
constexpr db::Query kUpdateRole{
    "auth.update_role",
    "UPDATE roles SET description = coalesce($2, description), "
    "permissions = coalesce(string_to_array(NULLIF($3, ''), ','), permissions), "
    "version = version + 1, updated_at = now() WHERE name = $1 RETURNING " SENTRA_ROLE_COLUMNS};
constexpr db::Query kRoleInUse{"auth.role_in_use",
                               "SELECT 1 FROM memberships WHERE org_id = current_org() AND role = $1 "
                               "AND status <> 'deactivated' LIMIT 1"};
constexpr db::Query kDeleteRole{"auth.delete_role", "DELETE FROM roles WHERE name = $1"};
#undef SENTRA_ROLE_COLUMNS

void ReadRole(const db::Result& r, int row, v1::Role* role) {
  role->set_name(r.String(row, 0));
  role->set_description(r.String(row, 1));
  for (auto& p : text::SplitList(r.Text(row, 2))) role->add_permissions(std::move(p));
  role->set_version(static_cast<int>(r.Int(row, 3)));
  *role->mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 4));
  *role->mutable_updated_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 5));
}

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
absl::StatusOr<std::vector<std::string>> CheckPermissions(google::protobuf::RepeatedPtrField<std::string> wanted) {
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

}  // namespace

absl::Status RoleServiceImpl::DoCreate(const service::CallContext& call, v1::CreateRoleRequest req, v1::Role* out,
                                       service::IdempotentWrite& write) {
  std::vector<FieldError> problems;
  if (!IsValidRoleName(req.name())) problems.push_back({"name", "must be 2-40 of a-z, 0-9, '-' and '_', starting with a letter"});
  else if (IsSystemRole(req.name())) problems.push_back({"name", "is a system role"});
  if (req.description().size() > 500) problems.push_back({"description", "is too long (max 500)"});
  if (req.permissions().empty()) problems.push_back({"permissions", "must name at least one permission"});
  if (!problems.empty()) return errors::Validation(std::move(problems));
  auto permissions = CheckPermissions(req.permissions());
  if (!permissions.ok()) return permissions.status();
  return write.InTransaction(pool_, {.org_id = call.org_id, .user_id = call.user_id}, out, [&](db::Transaction& tx) {
    auto caller = CallerGrantNow(tx, call, "roles:manage");
    if (!caller.ok()) return caller.status();
    if (auto s = WithinCaller(*caller, *permissions); !s.ok()) return s;
    auto r = tx.Execute(kInsertRole, ids::NewUuidV7(), req.name(), req.description(), text::JoinList(*permissions));
    if (r.status().code() == absl::StatusCode::kAlreadyExists) return errors::Conflict("name", "is already a role");
    if (!r.ok()) return r.status();
    ReadRole(*r, 0, out);
    return absl::OkStatus();
  });
}

absl::Status RoleServiceImpl::DoUpdate(const service::CallContext& call, v1::UpdateRoleRequest req, v1::Role* out) {
  if (IsSystemRole(req.name())) return SystemRolesAreFixed();
  if (!IsValidRoleName(req.name())) return errors::NotFound("role");
  if (req.has_description() && req.description().size() > 500) {
    return errors::Validation("description", "is too long (max 500)");
  }
  if (req.has_version() && req.version() < 1) return errors::Validation("version", "must be a positive integer");
  auto permissions = CheckPermissions(req.permissions());
  if (!permissions.ok()) return permissions.status();
  return db::InTransaction(pool_, {.org_id = call.org_id, .user_id = call.user_id}, [&](db::Transaction& tx) {
    auto caller = CallerGrantNow(tx, call, "roles:manage");
    if (!caller.ok()) return caller.status();
    if (auto s = WithinCaller(*caller, *permissions); !s.ok()) return s;
    auto current = tx.Execute(kLockRole, req.name());
    if (!current.ok()) return current.status();
    if (current->rows() == 0) return errors::NotFound("role");
    if (req.has_version() && req.version() != current->Int(0, 1)) return errors::VersionConflict("role");
    // Narrowing a role also needs its current permissions to be yours.
    if (auto s = WithinCaller(*caller, text::SplitList(current->Text(0, 0))); !s.ok()) return s;
    auto r = tx.Execute(kUpdateRole, req.name(),
                        req.has_description() ? std::optional(req.description()) : std::nullopt,
                        text::JoinList(*permissions));
    if (!r.ok()) return r.status();
    ReadRole(*r, 0, out);
    return absl::OkStatus();
  });
}

absl::Status RoleServiceImpl::DoDelete(const service::CallContext& call, const std::string& name) {
  if (IsSystemRole(name)) return SystemRolesAreFixed();
  if (!IsValidRoleName(name)) return errors::NotFound("role");
  return db::InTransaction(pool_, {.org_id = call.org_id, .user_id = call.user_id}, [&](db::Transaction& tx) {
    auto current = tx.Execute(kLockRole, name);
    if (!current.ok()) return current.status();
    if (current->rows() == 0) return errors::NotFound("role");
    auto caller = CallerGrantNow(tx, call, "roles:manage");
    if (!caller.ok()) return caller.status();
    if (auto s = WithinCaller(*caller, text::SplitList(current->Text(0, 0))); !s.ok()) return s;
    auto used = tx.Execute(kRoleInUse, name);
    if (!used.ok()) return used.status();
    if (used->rows() > 0) return errors::Conflict("name", "members still have this role");
    return tx.Execute(kDeleteRole, name).status();
  });
}

grpc::Status RoleServiceImpl::ListRoles(grpc::ServerContext* c, const v1::ListRolesRequest*, v1::ListRolesResponse* out) {
  return service::ServeTenant(c, [&](const service::CallContext& call) {
    return db::InTransaction(pool_, {.org_id = call.org_id, .read_only = true}, [&](db::Transaction& tx) {
      out->Clear();
      for (const auto& name : SystemRoleNames()) SystemRole(name, out->add_data());
      auto r = tx.Execute(kListRoles);
      if (!r.ok()) return r.status();
      for (int i = 0; i < r->rows(); ++i) ReadRole(*r, i, out->add_data());
      return absl::OkStatus();
    });
  });
}

grpc::Status RoleServiceImpl::CreateRole(grpc::ServerContext* c, const v1::CreateRoleRequest* req, v1::Role* out) {
  return service::ServeIdempotent(c, *req, pool_, out, [&](const service::CallContext& call, service::IdempotentWrite& write) {
    return DoCreate(call, *req, out, write);
  });
}

grpc::Status RoleServiceImpl::GetRole(grpc::ServerContext* c, const v1::GetRoleRequest* req, v1::Role* out) {
  return service::ServeTenant(c, [&](const service::CallContext& call) {
    if (IsSystemRole(req->name())) {
      SystemRole(req->name(), out);
      return absl::OkStatus();
    }
    if (!IsValidRoleName(req->name())) return errors::NotFound("role");
    return db::InTransaction(pool_, {.org_id = call.org_id, .read_only = true}, [&](db::Transaction& tx) {
      auto r = tx.Execute(kGetRole, req->name());
      if (!r.ok()) return r.status();
      if (r->rows() == 0) return errors::NotFound("role");
      ReadRole(*r, 0, out);
      return absl::OkStatus();
    });
  });
}

grpc::Status RoleServiceImpl::UpdateRole(grpc::ServerContext* c, const v1::UpdateRoleRequest* req, v1::Role* out) {
  return service::ServeTenant(c, [&](const service::CallContext& call) { return DoUpdate(call, *req, out); });
}

grpc::Status RoleServiceImpl::DeleteRole(grpc::ServerContext* c, const v1::DeleteRoleRequest* req,
                                         v1::DeleteRoleResponse*) {
  return service::ServeTenant(c, [&](const service::CallContext& call) { return DoDelete(call, req->name()); });
}

}  // namespace sentra::auth
