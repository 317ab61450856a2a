#include "billing_settings.h"

#include "sentra/events/v1/organization.pb.h"

namespace sentra::billing {

namespace {

constexpr std::string_view kDefaultCurrency = "USD";

template <typename Payload>
absl::Status Unpack(const events::v1::Envelope& event, Payload* payload) {
  if (event.payload().UnpackTo(payload)) return absl::OkStatus();
  return absl::InvalidArgumentError(event.type() + " without its payload");
}

}  // namespace

absl::Status CreateBillingSettings(BillingSettingsQueries& settings, bus::EventSink&,
                                   const events::v1::Envelope& event) {
  events::v1::OrganizationCreated created;
  if (auto s = Unpack(event, &created); !s.ok()) return s;
  // An organization is created at version 1.
  return settings.FollowOrganization(
      created.default_currency().empty() ? kDefaultCurrency : std::string_view(created.default_currency()), 1);
}

absl::Status FollowOrganizationUpdate(BillingSettingsQueries& settings, bus::EventSink&,
                                      const events::v1::Envelope& event) {
  events::v1::OrganizationUpdated updated;
  if (auto s = Unpack(event, &updated); !s.ok()) return s;
  if (updated.default_currency().empty() || updated.version() < 1) {
    return absl::InvalidArgumentError("organization.updated without a currency or version");
  }
  return settings.FollowOrganization(updated.default_currency(), static_cast<int>(updated.version()));
}

}  // namespace sentra::billing
