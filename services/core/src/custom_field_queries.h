// Where custom field definitions are stored: the queries their logic needs.
// No SQL here: the PostgreSQL implementation, and the one reader every
// record type's Postgres queries use to check custom_fields, are in
// pg_custom_field_queries.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "sentra/core/v1/custom_fields.pb.h"
#include "field_definition_cache.h"
#include "sentra/service/paging.h"

namespace sentra::core {

// The most definitions a record type may have, and of options one field.
inline constexpr int kMaxFieldsPerEntity = 100;

struct CustomFieldFilter {
  std::string entity;  // "" for every record type
  service::KeyedPage page;  // after_key: "<entity>/<key>" of the last one shown
};

class CustomFieldQueries {
 public:
  virtual ~CustomFieldQueries() = default;
  // Up to page.limit + 1 live definitions of the filter's record type, by
  // type then key, after the page's position, into `out`, fewer when they
  // pass the page's byte budget; whether more follow the last one read.
  virtual absl::StatusOr<bool> List(const CustomFieldFilter& filter, std::vector<v1::CustomField>* out) = 0;
  // Marks the record type's definitions as changing in this write: their
  // version is bumped and locked until it commits, so a record's write sees
  // all of the change or none, and changes of one record type take turns.
  // Answers how many live definitions it has.
  virtual absl::StatusOr<int> ChangeDefinitions(std::string_view entity) = 0;
  // Stores a definition; nothing when a live one of its record type has its key.
  virtual absl::StatusOr<std::optional<v1::CustomField>> Insert(std::string_view id, const v1::CustomField& values) = 0;
  virtual absl::StatusOr<std::optional<v1::CustomField>> Find(std::string_view id) = 0;
  // Find, locked for the rest of the write.
  virtual absl::StatusOr<std::optional<v1::CustomField>> Lock(std::string_view id) = 0;
  // Writes the label, options and required flag and bumps the version.
  virtual absl::StatusOr<v1::CustomField> Update(std::string_view id, const v1::CustomField& values) = 0;
  virtual absl::StatusOr<std::optional<v1::CustomField>> Archive(std::string_view id) = 0;
};

}  // namespace sentra::core
