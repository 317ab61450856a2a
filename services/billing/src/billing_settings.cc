#include "billing_settings.h"

#include "sentra/events/v1/organization.pb.h"

namespace sentra::billing {

namespace {
constexpr db::Query kInsert{"billing.insert_settings",
                            "INSERT INTO billing_settings (org_id, currency) VALUES ($1, $2) "
                            "ON CONFLICT (org_id) DO NOTHING"};
}  // namespace

absl::Status CreateBillingSettings(db::Transaction& tx, const events::v1::Envelope& event) {
  events::v1::OrganizationCreated created;
  if (!event.payload().UnpackTo(&created)) return absl::InvalidArgumentError("organization.created without its payload");
  const std::string currency = created.default_currency().empty() ? "USD" : created.default_currency();
  return tx.Execute(kInsert, event.org_id(), currency).status();
}

}  // namespace sentra::billing
