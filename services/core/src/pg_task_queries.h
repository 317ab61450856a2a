// TaskQueries (task_queries.h) on PostgreSQL, on one transaction: each named
// statement, the column list and the one reader of its rows side by side.
#pragma once

#include "task_queries.h"
#include "sentra/db/transaction.h"

namespace sentra::core {

class PgTaskQueries final : public TaskQueries {
 public:
  explicit PgTaskQueries(db::Transaction& tx) : tx_(tx) {}

  absl::StatusOr<bool> RecordVisible(std::string_view type, std::string_view id) override;
  absl::StatusOr<v1::Task> Insert(std::string_view id, const v1::Task& values) override;
  absl::StatusOr<std::optional<v1::Task>> Find(std::string_view id) override;
  absl::StatusOr<std::optional<v1::Task>> Lock(std::string_view id) override;
  absl::StatusOr<bool> List(const TaskFilter& filter, std::vector<v1::Task>* out) override;
  absl::StatusOr<std::optional<v1::Task>> Update(std::string_view id, int version, const v1::Task& values,
                                                 bool rearm) override;
  absl::StatusOr<std::optional<v1::Task>> Archive(std::string_view id) override;
  absl::StatusOr<std::vector<v1::Task>> ClaimOverdue(int limit) override;
  absl::StatusOr<std::vector<v1::Task>> Move(std::string_view from_type, std::string_view from_id,
                                             std::string_view to_type, std::string_view to_id, int limit) override;

 private:
  db::Transaction& tx_;
};

}  // namespace sentra::core
