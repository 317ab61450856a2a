// What a keyset list statement returns, for the fakes of repositories:
// the matching items in the page's order, up to limit + 1 of them after
// the page's position. One place, so no fake pages differently from SQL.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "sentra/service/paging.h"
#include "sentra/testing/name_order.h"

namespace sentra::testing {

// `key_of(item)` is the item's sort key (a name) for a page sorted by key.
// Keys (names) are ordered as PostgreSQL orders them (name_order.h), ties
// by id.
template <typename Item, typename KeyOf>
std::vector<const Item*> SortedSlice(std::vector<const Item*> matching, const service::SortedPage& order,
                                     KeyOf key_of) {
  using Position = std::pair<std::string, std::string>;  // key, id
  const auto less = [&](const Position& a, const Position& b) {
    if (order.by_key) {
      if (const int by_name = CompareNames(a.first, b.first); by_name != 0) return by_name < 0;
    }
    return a.second < b.second;
  };
  const auto of = [&](const Item* item) { return Position(std::string(key_of(*item)), item->id()); };
  std::sort(matching.begin(), matching.end(), [&](const Item* a, const Item* b) {
    return order.descending ? less(of(b), of(a)) : less(of(a), of(b));
  });
  std::vector<const Item*> page;
  const Position after(order.after_key, order.page.after_id);
  for (const Item* item : matching) {
    if (static_cast<int>(page.size()) == order.page.limit + 1) break;
    if (!order.page.after_id.empty()) {
      const Position here = of(item);
      if (order.descending ? !less(here, after) : !less(after, here)) continue;
    }
    page.push_back(item);
  }
  return page;
}

}  // namespace sentra::testing
