// On organization.created: queue the welcome e-mail to the new owner.
#pragma once

#include "absl/status/status.h"
#include "sentra/db/transaction.h"
#include "sentra/events/v1/envelope.pb.h"

namespace sentra::comms {

absl::Status QueueWelcomeEmail(db::Transaction& tx, const events::v1::Envelope& event);

}  // namespace sentra::comms
