#include "pg_organization_queries.h"

#include "organization_row.h"
#include "pg_grant.h"
#include "sentra/db/params.h"
#include "sentra/db/query.h"

namespace sentra::auth {

namespace {

using db::Query;

// organizations is platform data without row-level security (its id is the
// tenant): every statement here is pinned to the transaction's organization.
constexpr Query kFind{"auth.own_org",
                      "SELECT " SENTRA_ORGANIZATION_COLUMNS " FROM organizations o WHERE o.id = $1"};
// NO KEY UPDATE: sign-ins and invitations, whose rows refer to the
// organization, need not wait for a change of its settings.
constexpr Query kLock{
    "auth.lock_own_org",
    "SELECT " SENTRA_ORGANIZATION_COLUMNS " FROM organizations o WHERE o.id = $1 FOR NO KEY UPDATE"};
// The zones of the tz database PostgreSQL reads, which is where reports will
// convert times; not the posix/ and right/ copies nor the files that are not
// zones.
constexpr Query kTimezone{
    "auth.known_timezone",
    "SELECT name FROM pg_timezone_names WHERE lower(name) = lower($1) "
    "AND name !~ '^(posix|right)/' AND name NOT IN ('localtime', 'posixrules', 'Factory') "
    "ORDER BY name = $1 DESC LIMIT 1"};
// A NULL parameter leaves its column as it is.
constexpr Query kUpdate{
    "auth.update_own_org",
    "UPDATE organizations o SET name = coalesce($2, o.name), slug = coalesce($3, o.slug), "
    "default_currency = coalesce($4, o.default_currency), timezone = coalesce($5, o.timezone), "
    "version = o.version + 1, updated_at = now() WHERE o.id = $1 RETURNING " SENTRA_ORGANIZATION_COLUMNS};

absl::StatusOr<std::optional<v1::Organization>> OneOrganization(const absl::StatusOr<db::Result>& rows) {
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::nullopt;
  v1::Organization org;
  ReadOrganization(*rows, 0, 0, &org);
  return org;
}

}  // namespace

absl::StatusOr<Grant> PgOrganizationQueries::CallerGrant(const service::CallContext& call,
                                                         std::string_view permission) {
  return CallerGrantNow(tx_, call, permission);
}

absl::StatusOr<std::optional<v1::Organization>> PgOrganizationQueries::Find() {
  return OneOrganization(tx_.Execute(kFind, tx_.org_id()));
}

absl::StatusOr<std::optional<v1::Organization>> PgOrganizationQueries::Lock() {
  return OneOrganization(tx_.Execute(kLock, tx_.org_id()));
}

absl::StatusOr<std::optional<std::string>> PgOrganizationQueries::KnownTimezone(std::string_view name) {
  auto rows = tx_.Execute(kTimezone, name);
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::nullopt;
  return rows->String(0, 0);
}

absl::StatusOr<v1::Organization> PgOrganizationQueries::Update(const v1::UpdateOwnOrganizationRequest& c) {
  using db::IfPresent;
  auto updated = OneOrganization(tx_.Execute(kUpdate, tx_.org_id(), IfPresent(c.has_name(), c.name()),
                                             IfPresent(c.has_slug(), c.slug()),
                                             IfPresent(c.has_default_currency(), c.default_currency()),
                                             IfPresent(c.has_timezone(), c.timezone())));
  if (!updated.ok()) return updated.status();
  if (!*updated) return absl::InternalError("the organization being changed is gone");
  return **std::move(updated);
}

}  // namespace sentra::auth
