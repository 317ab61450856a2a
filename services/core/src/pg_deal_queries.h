// DealQueries (deal_queries.h) on PostgreSQL, on one transaction: each named
// statement, the column list and the one reader of its rows side by side.
#pragma once

#include "deal_queries.h"
#include "sentra/db/transaction.h"

namespace sentra::core {

class PgDealQueries final : public DealQueries {
 public:
  explicit PgDealQueries(db::Transaction& tx) : tx_(tx) {}

  absl::StatusOr<bool> LockClient(std::string_view client_id) override;
  absl::StatusOr<std::optional<StageRef>> FindStage(std::string_view stage_id) override;
  absl::StatusOr<std::optional<StageRef>> FirstStage(std::string_view pipeline_id) override;
  absl::Status EnsureDefaultPipeline() override;
  absl::StatusOr<SharedFieldDefinitions> FieldDefinitions() override;
  absl::StatusOr<StoredDeal> Insert(std::string_view id, const DealValues& values) override;
  absl::StatusOr<std::optional<StoredDeal>> Find(std::string_view id) override;
  absl::StatusOr<std::optional<StoredDeal>> Lock(std::string_view id) override;
  absl::StatusOr<bool> List(const DealFilter& filter, std::vector<StoredDeal>* out) override;
  absl::StatusOr<std::optional<StoredDeal>> Update(std::string_view id, int version, const DealValues& values,
                                                   bool stage_changed) override;
  absl::StatusOr<std::optional<StoredDeal>> Archive(std::string_view id) override;
  absl::StatusOr<bool> PipelineExists(std::string_view pipeline_id) override;
  absl::StatusOr<std::vector<StageSum>> StageSums(std::string_view pipeline_id) override;

 private:
  db::Transaction& tx_;
};

}  // namespace sentra::core
