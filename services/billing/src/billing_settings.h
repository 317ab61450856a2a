// On organization.created: the organization's billing settings.
#pragma once

#include "absl/status/status.h"
#include "sentra/db/transaction.h"
#include "sentra/events/v1/envelope.pb.h"

namespace sentra::billing {

absl::Status CreateBillingSettings(db::Transaction& tx, const events::v1::Envelope& event);

}  // namespace sentra::billing
