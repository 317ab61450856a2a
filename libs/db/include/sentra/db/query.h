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

// SQL for a time parameter P ("$5") given in microseconds since the epoch
// (NULL for none), exact: seconds and microseconds apart, as
// `bigint * interval` goes through a double, which loses microseconds past
// the year 2255. A macro, so statements stay string literals.
#define SENTRA_SQL_MICROS(P)                                                                              \
  "('epoch'::timestamptz + (" P "::bigint / 1000000) * interval '1 second' + (" P "::bigint % 1000000) * " \
  "interval '1 microsecond')"

// The order in which people read names (ICU's language-neutral collation:
// case and accents second to the letters), for ORDER BY and the keyset
// comparison of lists sorted by name; their indexes use it too.
#define SENTRA_SQL_NAME_ORDER " COLLATE \"und-x-icu\" "
