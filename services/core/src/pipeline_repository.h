// Where pipelines and their stages are stored: the queries the pipeline
// logic needs, and their Postgres implementation on one transaction.
#pragma once

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "sentra/core/v1/deals.pb.h"
#include "sentra/db/transaction.h"

namespace sentra::core {

class PipelineQueries {
 public:
  virtual ~PipelineQueries() = default;
  // Every pipeline with its stages in order, the default first.
  virtual absl::Status List(v1::ListPipelinesResponse* out) = 0;
  virtual absl::StatusOr<std::optional<v1::Pipeline>> Find(std::string_view id) = 0;
};

class PgPipelineQueries final : public PipelineQueries {
 public:
  explicit PgPipelineQueries(db::Transaction& tx) : tx_(tx) {}

  absl::Status List(v1::ListPipelinesResponse* out) override;
  absl::StatusOr<std::optional<v1::Pipeline>> Find(std::string_view id) override;

 private:
  db::Transaction& tx_;
};

}  // namespace sentra::core
