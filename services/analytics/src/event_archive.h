// Appends every event analytics receives to its archive.
#pragma once

#include "absl/status/status.h"
#include "sentra/db/transaction.h"
#include "sentra/events/v1/envelope.pb.h"

namespace sentra::analytics {

absl::Status ArchiveEvent(db::Transaction& tx, const events::v1::Envelope& event);

}  // namespace sentra::analytics
