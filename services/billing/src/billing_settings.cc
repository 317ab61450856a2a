#include "billing_settings.h"

#include "sentra/events/v1/organization.pb.h"

namespace sentra::billing {

namespace {

// Either event may be the first to arrive (a retried delivery comes after
// later ones), so both write the row and the newer organization version
// wins; the invoice numbering already in the row is never touched.
constexpr db::Query kUpsert{
    "billing.upsert_settings",
    "INSERT INTO billing_settings (org_id, currency, organization_version) VALUES ($1, $2, $3) "
    "ON CONFLICT (org_id) DO UPDATE SET currency = excluded.currency, "
    "organization_version = excluded.organization_version, updated_at = now() "
    "WHERE billing_settings.organization_version < excluded.organization_version"};

template <typename Payload>
absl::Status Unpack(const events::v1::Envelope& event, Payload* payload) {
  if (event.payload().UnpackTo(payload)) return absl::OkStatus();
  return absl::InvalidArgumentError(event.type() + " without its payload");
}

}  // namespace

absl::Status CreateBillingSettings(db::Transaction& tx, const events::v1::Envelope& event) {
  events::v1::OrganizationCreated created;
  if (auto s = Unpack(event, &created); !s.ok()) return s;
  const std::string currency = created.default_currency().empty() ? "USD" : created.default_currency();
  return tx.Execute(kUpsert, event.org_id(), currency, 1).status();
}

absl::Status FollowOrganizationUpdate(db::Transaction& tx, const events::v1::Envelope& event) {
  events::v1::OrganizationUpdated updated;
  if (auto s = Unpack(event, &updated); !s.ok()) return s;
  if (updated.default_currency().empty() || updated.version() < 1) {
    return absl::InvalidArgumentError("organization.updated without a currency or version");
  }
  return tx.Execute(kUpsert, event.org_id(), updated.default_currency(), updated.version()).status();
}

}  // namespace sentra::billing
