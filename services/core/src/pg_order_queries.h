// OrderQueries (order_queries.h) on PostgreSQL, on one transaction: each named
// statement, the column list and the one reader of its rows side by side.
#pragma once

#include "order_queries.h"
#include "sentra/db/transaction.h"

namespace sentra::core {

class PgOrderQueries final : public OrderQueries {
 public:
  explicit PgOrderQueries(db::Transaction& tx) : tx_(tx) {}

  absl::StatusOr<bool> LockClient(std::string_view client_id) override;
  absl::StatusOr<std::optional<std::string>> DealClient(std::string_view deal_id) override;
  absl::StatusOr<SharedFieldDefinitions> FieldDefinitions() override;
  absl::StatusOr<StoredOrder> Insert(std::string_view id, const OrderState& values) override;
  absl::StatusOr<std::optional<StoredOrder>> Find(std::string_view id) override;
  absl::StatusOr<std::optional<StoredOrder>> Lock(std::string_view id) override;
  absl::StatusOr<bool> List(const OrderFilter& filter, std::vector<StoredOrder>* out) override;
  absl::StatusOr<std::optional<StoredOrder>> Update(std::string_view id, int version,
                                                    const OrderState& values) override;
  absl::StatusOr<std::optional<StoredOrder>> SetStatus(std::string_view id, int version,
                                                       std::string_view status) override;
  absl::StatusOr<std::optional<StoredOrder>> ArchiveDraft(std::string_view id) override;

 private:
  // The orders of `rows` with their lines, read with one more statement.
  absl::StatusOr<std::vector<StoredOrder>> WithLines(const absl::StatusOr<db::Result>& rows);
  absl::StatusOr<std::optional<StoredOrder>> One(const absl::StatusOr<db::Result>& rows);
  absl::Status ReplaceLines(std::string_view id, const OrderState& values);

  db::Transaction& tx_;
};

}  // namespace sentra::core
