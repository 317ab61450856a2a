// PipelineQueries (pipeline_queries.h) on PostgreSQL, on one transaction: each named
// statement, the column list and the one reader of its rows side by side.
#pragma once

#include "pipeline_queries.h"
#include "sentra/db/transaction.h"

namespace sentra::core {

class PgPipelineQueries final : public PipelineQueries {
 public:
  explicit PgPipelineQueries(db::Transaction& tx) : tx_(tx) {}

  absl::Status List(v1::ListPipelinesResponse* out) override;
  absl::StatusOr<std::optional<v1::Pipeline>> Find(std::string_view id) override;
  absl::StatusOr<std::optional<v1::Pipeline>> Lock(std::string_view id) override;
  absl::StatusOr<std::set<std::string>> StagesInUse(std::string_view pipeline_id) override;
  absl::StatusOr<v1::Pipeline> Insert(std::string_view id, const v1::Pipeline& values) override;
  absl::StatusOr<std::optional<v1::Pipeline>> Update(std::string_view id, int version,
                                                     const v1::Pipeline& values) override;
  absl::StatusOr<std::optional<v1::Pipeline>> Archive(std::string_view id) override;
  absl::StatusOr<int> LockAndCount() override;
  absl::Status EnsureDefault() override;

 private:
  absl::Status MakeDefault(std::string_view id);
  absl::Status SaveStages(std::string_view pipeline_id, const v1::Pipeline& values);

  db::Transaction& tx_;
};

}  // namespace sentra::core
