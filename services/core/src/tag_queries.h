// Where the tag vocabulary is stored, and how a rename or a deletion reaches
// every record's tags: the queries the tag logic needs. No SQL here: the
// PostgreSQL implementation is pg_tag_queries.h.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "sentra/core/v1/tags.pb.h"
#include "sentra/service/paging.h"

namespace sentra::core {

class TagQueries {
 public:
  virtual ~TagQueries() = default;
  // Up to page.limit + 1 tags in id order after the page's position.
  virtual absl::StatusOr<std::vector<v1::Tag>> List(const service::IdPage& page) = 0;
  // Nothing when a tag of that name (whatever its case) is there already.
  virtual absl::StatusOr<std::optional<v1::Tag>> Insert(std::string_view id, std::string_view name,
                                                        std::string_view color) = 0;
  virtual absl::StatusOr<std::optional<v1::Tag>> Find(std::string_view id) = 0;
  // Find, locked for the rest of the write.
  virtual absl::StatusOr<std::optional<v1::Tag>> Lock(std::string_view id) = 0;
  // Renames and recolours the tag; nothing when another tag has the name.
  virtual absl::StatusOr<std::optional<v1::Tag>> Update(std::string_view id, std::string_view name,
                                                        std::string_view color) = 0;
  virtual absl::Status Delete(std::string_view id) = 0;
  // On every record of every type: `from` (whatever its case) becomes `to`,
  // or goes when `to` is "". How many records changed.
  virtual absl::StatusOr<int> ReplaceOnRecords(std::string_view from, std::string_view to) = 0;
};

}  // namespace sentra::core
