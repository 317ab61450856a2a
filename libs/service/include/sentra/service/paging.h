// Keyset pages over lists ordered by a UUIDv7 id (which orders by creation):
// the limit convention of PRODUCT.md §7 and an opaque cursor that is valid
// only for the list that issued it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace sentra::service {

struct IdPage {
  int limit = 50;
  std::string after_id;  // "" for the first page; compare as uuid
};

inline constexpr int kDefaultLimit = 50;
inline constexpr int kMaxLimit = 200;

// `list` names the list ("users", "brands", …) so a cursor from one list is
// refused by another.
absl::StatusOr<IdPage> ParseIdPage(std::string_view list, std::optional<int> limit, std::string_view cursor);
std::string IdCursor(std::string_view list, std::string_view last_id);

}  // namespace sentra::service
