#include "pg_role_queries.h"

#include <google/protobuf/util/time_util.h>

#include "pg_grant.h"
#include "sentra/db/query.h"
#include "sentra/text/comma_list.h"

namespace sentra::auth {

namespace {

using db::Query;
using google::protobuf::util::TimeUtil;

#define SENTRA_ROLE_COLUMNS                                         \
  "name, description, array_to_string(permissions, ','), version, " \
  "(extract(epoch from created_at) * 1000000)::bigint, (extract(epoch from updated_at) * 1000000)::bigint"
constexpr Query kList{"auth.list_roles", "SELECT " SENTRA_ROLE_COLUMNS " FROM roles WHERE org_id = $1 ORDER BY name"};
constexpr Query kFind{"auth.get_role", "SELECT " SENTRA_ROLE_COLUMNS " FROM roles WHERE org_id = $1 AND name = $2"};
constexpr Query kLock{"auth.lock_role",
                      "SELECT " SENTRA_ROLE_COLUMNS " FROM roles WHERE org_id = $1 AND name = $2 FOR UPDATE"};
constexpr Query kInsert{
    "auth.insert_role",
    "INSERT INTO roles (id, org_id, name, description, permissions) "
    "VALUES ($2, $1, $3, $4, string_to_array($5, ',')) ON CONFLICT DO NOTHING RETURNING " SENTRA_ROLE_COLUMNS};
// $3 NULL keeps the description; $4 '' keeps the permissions.
constexpr Query kUpdate{
    "auth.update_role",
    "UPDATE roles SET description = coalesce($3, description), "
    "permissions = coalesce(string_to_array(NULLIF($4, ''), ','), permissions), "
    "version = version + 1, updated_at = now() WHERE org_id = $1 AND name = $2 RETURNING " SENTRA_ROLE_COLUMNS};
constexpr Query kInUse{"auth.role_in_use",
                       "SELECT 1 FROM memberships WHERE org_id = $1 AND role = $2 AND status <> 'deactivated' LIMIT 1"};
constexpr Query kDelete{"auth.delete_role", "DELETE FROM roles WHERE org_id = $1 AND name = $2"};
constexpr Query kCount{"auth.count_roles", "SELECT count(*) FROM roles WHERE org_id = $1"};
#undef SENTRA_ROLE_COLUMNS

void ReadRole(const db::Result& r, int row, v1::Role* role) {
  role->set_name(r.String(row, 0));
  role->set_description(r.String(row, 1));
  for (auto& p : text::SplitList(r.Text(row, 2))) role->add_permissions(std::move(p));
  role->set_version(static_cast<int>(r.Int(row, 3)));
  *role->mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 4));
  *role->mutable_updated_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 5));
}

absl::StatusOr<std::optional<v1::Role>> OneRole(const absl::StatusOr<db::Result>& rows) {
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::nullopt;
  v1::Role role;
  ReadRole(*rows, 0, &role);
  return role;
}

}  // namespace

absl::StatusOr<Grant> PgRoleQueries::CallerGrant(const service::CallContext& call, std::string_view permission) {
  return CallerGrantNow(tx_, call, permission);
}

absl::StatusOr<std::vector<v1::Role>> PgRoleQueries::List() {
  auto rows = tx_.Execute(kList, tx_.org_id());
  if (!rows.ok()) return rows.status();
  std::vector<v1::Role> roles(static_cast<std::size_t>(rows->rows()));
  for (int i = 0; i < rows->rows(); ++i) ReadRole(*rows, i, &roles[static_cast<std::size_t>(i)]);
  return roles;
}

absl::StatusOr<std::optional<v1::Role>> PgRoleQueries::Find(std::string_view name) {
  return OneRole(tx_.Execute(kFind, tx_.org_id(), name));
}

absl::StatusOr<std::optional<v1::Role>> PgRoleQueries::Lock(std::string_view name) {
  return OneRole(tx_.Execute(kLock, tx_.org_id(), name));
}

absl::StatusOr<std::optional<v1::Role>> PgRoleQueries::Insert(std::string_view id, std::string_view name,
                                                              std::string_view description,
                                                              const std::vector<std::string>& permissions) {
  return OneRole(tx_.Execute(kInsert, tx_.org_id(), id, name, description, text::JoinList(permissions)));
}

absl::StatusOr<v1::Role> PgRoleQueries::Update(std::string_view name, const std::optional<std::string>& description,
                                               const std::vector<std::string>& permissions) {
  auto updated = OneRole(tx_.Execute(kUpdate, tx_.org_id(), name, description, text::JoinList(permissions)));
  if (!updated.ok()) return updated.status();
  if (!*updated) return absl::InternalError("a locked role is gone");
  return **std::move(updated);
}

absl::StatusOr<bool> PgRoleQueries::InUse(std::string_view name) {
  auto rows = tx_.Execute(kInUse, tx_.org_id(), name);
  if (!rows.ok()) return rows.status();
  return rows->rows() > 0;
}

absl::Status PgRoleQueries::Delete(std::string_view name) {
  auto r = tx_.Execute(kDelete, tx_.org_id(), name);
  return r.ok() ? absl::OkStatus() : r.status();
}

absl::StatusOr<int> PgRoleQueries::LockAndCount() {
  if (auto s = db::TakeTurn(tx_, "roles"); !s.ok()) return s;
  auto rows = tx_.Execute(kCount, tx_.org_id());
  if (!rows.ok()) return rows.status();
  return static_cast<int>(rows->Int(0, 0));
}

}  // namespace sentra::auth
