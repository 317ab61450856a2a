// What a keyset list statement returns, for the fakes of repositories:
// the matching items in the page's order, up to limit + 1 of them after
// the page's position. One place, so no fake pages differently from SQL.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "sentra/service/paging.h"

namespace sentra::testing {

// `key_of(item)` is the item's sort key (a name) for a page sorted by key.
template <typename Item, typename KeyOf>
std::vector<const Item*> SortedSlice(std::vector<const Item*> matching, const service::SortedPage& order,
                                     KeyOf key_of) {
  const auto position = [&](const std::string& id, const std::string& key) {
    return std::pair<std::string, std::string>(order.by_key ? key : id, id);
  };
  const auto of = [&](const Item* item) { return position(item->id(), std::string(key_of(*item))); };
  std::sort(matching.begin(), matching.end(), [&](const Item* a, const Item* b) {
    return order.descending ? of(b) < of(a) : of(a) < of(b);
  });
  std::vector<const Item*> page;
  for (const Item* item : matching) {
    if (static_cast<int>(page.size()) == order.page.limit + 1) break;
    if (!order.page.after_id.empty()) {
      const auto after = position(order.page.after_id, order.after_key);
      const auto here = of(item);
      if (order.descending ? !(here < after) : !(after < here)) continue;
    }
    page.push_back(item);
  }
  return page;
}

}  // namespace sentra::testing
