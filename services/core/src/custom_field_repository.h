// Where custom field definitions are stored: the queries their logic
// needs, their Postgres implementation on one transaction, and the one
// reader every record type's repository uses to check its custom_fields.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "sentra/core/v1/custom_fields.pb.h"
#include "sentra/db/transaction.h"

namespace sentra::core {

class CustomFieldQueries {
 public:
  virtual ~CustomFieldQueries() = default;
  // The live definitions of one record type ("" for all), by type then key.
  virtual absl::StatusOr<std::vector<v1::CustomField>> List(std::string_view entity) = 0;
  // Stores a definition; nothing when a live one of its record type has its key.
  virtual absl::StatusOr<std::optional<v1::CustomField>> Insert(std::string_view id, const v1::CustomField& values) = 0;
  virtual absl::StatusOr<std::optional<v1::CustomField>> Find(std::string_view id) = 0;
  // Find, locked for the rest of the write.
  virtual absl::StatusOr<std::optional<v1::CustomField>> Lock(std::string_view id) = 0;
  // Writes the label, options and required flag and bumps the version.
  virtual absl::StatusOr<v1::CustomField> Update(std::string_view id, const v1::CustomField& values) = 0;
  virtual absl::StatusOr<std::optional<v1::CustomField>> Archive(std::string_view id) = 0;
};

class PgCustomFieldQueries final : public CustomFieldQueries {
 public:
  explicit PgCustomFieldQueries(db::Transaction& tx) : tx_(tx) {}

  absl::StatusOr<std::vector<v1::CustomField>> List(std::string_view entity) override;
  absl::StatusOr<std::optional<v1::CustomField>> Insert(std::string_view id, const v1::CustomField& values) override;
  absl::StatusOr<std::optional<v1::CustomField>> Find(std::string_view id) override;
  absl::StatusOr<std::optional<v1::CustomField>> Lock(std::string_view id) override;
  absl::StatusOr<v1::CustomField> Update(std::string_view id, const v1::CustomField& values) override;
  absl::StatusOr<std::optional<v1::CustomField>> Archive(std::string_view id) override;

 private:
  db::Transaction& tx_;
};

// The live definitions of a record type, share-locked for the rest of the
// write: a definition changed meanwhile waits for the record checked by it.
absl::StatusOr<std::vector<v1::CustomField>> LoadFieldDefinitions(db::Transaction& tx, std::string_view entity);

}  // namespace sentra::core
