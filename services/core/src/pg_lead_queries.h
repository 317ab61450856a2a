// LeadQueries (lead_queries.h) on PostgreSQL, on one transaction: each named
// statement, the column list and the one reader of its rows side by side.
#pragma once

#include "lead_queries.h"
#include "sentra/db/transaction.h"

namespace sentra::core {

class PgLeadQueries final : public LeadQueries {
 public:
  explicit PgLeadQueries(db::Transaction& tx) : tx_(tx) {}

  absl::StatusOr<v1::Lead> Insert(std::string_view id, const v1::CreateLeadRequest& values) override;
  absl::StatusOr<std::optional<v1::Lead>> Find(std::string_view id) override;
  absl::StatusOr<bool> List(const LeadFilter& filter, v1::ListLeadsResponse* out) override;
  absl::StatusOr<std::optional<v1::Lead>> Update(const v1::UpdateLeadRequest& patch) override;
  absl::StatusOr<std::optional<v1::Lead>> Archive(std::string_view id) override;
  absl::StatusOr<std::optional<v1::Lead>> Convert(std::string_view id, std::string_view client_id) override;
  absl::StatusOr<std::optional<v1::Lead>> Lock(std::string_view id) override;
  absl::StatusOr<SharedFieldDefinitions> FieldDefinitions() override;

 private:
  db::Transaction& tx_;
};

}  // namespace sentra::core
