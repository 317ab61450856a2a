// TagQueries (tag_queries.h) on PostgreSQL, on one transaction: each named
// statement, the column list and the one reader of its rows side by side.
#pragma once

#include "tag_queries.h"
#include "sentra/db/transaction.h"

namespace sentra::core {

class PgTagQueries final : public TagQueries {
 public:
  explicit PgTagQueries(db::Transaction& tx) : tx_(tx) {}

  absl::StatusOr<std::vector<v1::Tag>> List(const service::IdPage& page) override;
  absl::StatusOr<std::optional<v1::Tag>> Insert(std::string_view id, std::string_view name,
                                                std::string_view color) override;
  absl::StatusOr<std::optional<v1::Tag>> Find(std::string_view id) override;
  absl::StatusOr<std::optional<v1::Tag>> Lock(std::string_view id) override;
  absl::StatusOr<std::optional<v1::Tag>> Update(std::string_view id, std::string_view name,
                                                std::string_view color) override;
  absl::Status Delete(std::string_view id) override;
  absl::StatusOr<int> ReplaceOnRecords(std::string_view from, std::string_view to) override;

 private:
  db::Transaction& tx_;
};

}  // namespace sentra::core
