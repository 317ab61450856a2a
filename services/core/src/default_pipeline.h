// On organization.created: the organization's default sales pipeline.
#pragma once

#include "absl/status/status.h"
#include "sentra/db/transaction.h"
#include "sentra/events/v1/envelope.pb.h"

namespace sentra::core {

absl::Status CreateDefaultPipeline(db::Transaction& tx, const events::v1::Envelope& event);

}  // namespace sentra::core
