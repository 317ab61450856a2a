// A SQL statement with a name: prepared once per connection under that name,
// which also labels it in logs and errors. Both strings must have static
// storage (declare queries as constexpr constants next to their repository).
#pragma once

#include <string_view>

namespace sentra::db {

struct Query {
  std::string_view name;
  std::string_view sql;
};

}  // namespace sentra::db
