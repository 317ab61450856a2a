#include "pg_billing_settings_queries.h"

namespace sentra::billing {

namespace {
constexpr db::Query kUpsert{
    "billing.upsert_settings",
    "INSERT INTO billing_settings (org_id, currency, organization_version) VALUES (current_org(), $1, $2) "
    "ON CONFLICT (org_id) DO UPDATE SET currency = excluded.currency, "
    "organization_version = excluded.organization_version, updated_at = now() "
    "WHERE billing_settings.organization_version < excluded.organization_version"};
}  // namespace

absl::Status PgBillingSettingsQueries::FollowOrganization(std::string_view currency, int organization_version) {
  return tx_.Execute(kUpsert, currency, organization_version).status();
}

}  // namespace sentra::billing
