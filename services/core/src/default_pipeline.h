// The organization's default sales pipeline, in SQL: made on
// organization.created (CreateDefaultPipeline, pipelines.h), or by a deal
// created before that event arrived; whichever comes second finds it made.
#pragma once

#include "absl/status/status.h"
#include "sentra/db/transaction.h"

namespace sentra::core {

// For `org_id`, if it has no default yet (PipelineQueries::EnsureDefault,
// DealQueries::EnsureDefaultPipeline).
absl::Status EnsureDefaultPipeline(db::Transaction& tx, std::string_view org_id);

}  // namespace sentra::core
