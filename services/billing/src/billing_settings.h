// billing's copy of what it needs of each organization: its settings row,
// made on organization.created, with the currency following
// organization.updated.
#pragma once

#include "absl/status/status.h"
#include "sentra/db/transaction.h"
#include "sentra/events/v1/envelope.pb.h"

namespace sentra::billing {

absl::Status CreateBillingSettings(db::Transaction& tx, const events::v1::Envelope& event);
absl::Status FollowOrganizationUpdate(db::Transaction& tx, const events::v1::Envelope& event);

}  // namespace sentra::billing
