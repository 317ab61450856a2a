// CustomFieldQueries (custom_field_queries.h) on PostgreSQL, on one transaction: each named
// statement, the column list and the one reader of its rows side by side.
#pragma once

#include "custom_field_queries.h"
#include "sentra/db/transaction.h"

namespace sentra::core {

class PgCustomFieldQueries final : public CustomFieldQueries {
 public:
  explicit PgCustomFieldQueries(db::Transaction& tx) : tx_(tx) {}

  absl::StatusOr<bool> List(const CustomFieldFilter& filter, std::vector<v1::CustomField>* out) override;
  absl::StatusOr<int> ChangeDefinitions(std::string_view entity) override;
  absl::StatusOr<std::optional<v1::CustomField>> Insert(std::string_view id, const v1::CustomField& values) override;
  absl::StatusOr<std::optional<v1::CustomField>> Find(std::string_view id) override;
  absl::StatusOr<std::optional<v1::CustomField>> Lock(std::string_view id) override;
  absl::StatusOr<v1::CustomField> Update(std::string_view id, const v1::CustomField& values) override;
  absl::StatusOr<std::optional<v1::CustomField>> Archive(std::string_view id) override;

 private:
  db::Transaction& tx_;
};

// The live definitions of a record type as they stand for the rest of the
// write: their version is share-locked, so a change of them waits for the
// record checked by them. From memory (field_definition_cache.h) when this
// version is held there, else read and kept.
absl::StatusOr<SharedFieldDefinitions> LoadFieldDefinitions(db::Transaction& tx, std::string_view entity);

}  // namespace sentra::core
