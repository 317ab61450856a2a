// billing's copy of what it needs of each organization: its settings row,
// made on organization.created, with the currency following
// organization.updated. Either event may be the first to arrive (a retried
// delivery comes after later ones), so both write the row and the newer
// organization version wins; the invoice numbering in the row is never
// touched. No SQL here (pg_billing_settings_queries.h is the real storage).
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "sentra/bus/event_sink.h"
#include "sentra/events/v1/envelope.pb.h"

namespace sentra::billing {

class BillingSettingsQueries {
 public:
  virtual ~BillingSettingsQueries() = default;
  // The organization's currency as of `organization_version`: the row made
  // if there is none, changed if it holds an older version, else left.
  virtual absl::Status FollowOrganization(std::string_view currency, int organization_version) = 0;
};

absl::Status CreateBillingSettings(BillingSettingsQueries& settings, bus::EventSink& events,
                                   const events::v1::Envelope& event);
absl::Status FollowOrganizationUpdate(BillingSettingsQueries& settings, bus::EventSink& events,
                                      const events::v1::Envelope& event);

}  // namespace sentra::billing
