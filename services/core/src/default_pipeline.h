// On organization.created: the organization's default sales pipeline. A
// deal created before that event arrived makes it then instead; whichever
// comes second finds it made.
#pragma once

#include "absl/status/status.h"
#include "sentra/db/transaction.h"
#include "sentra/events/v1/envelope.pb.h"

namespace sentra::core {

absl::Status CreateDefaultPipeline(db::Transaction& tx, const events::v1::Envelope& event);
// The same for the transaction's organization, if it has no default yet.
absl::Status EnsureDefaultPipeline(db::Transaction& tx, std::string_view org_id);

}  // namespace sentra::core
