// The one spelling of a list in a header value, a gRPC metadata value or a
// setting: items joined by ',' with no spaces ("leads:read,leads:write").
// Permissions and brand access travel this way.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sentra::text {

// The non-empty items of `list`, in order.
std::vector<std::string> SplitList(std::string_view list);
template <typename Strings>
std::string JoinList(const Strings& items) {
  std::string list;
  for (const auto& item : items) {
    if (!list.empty()) list += ',';
    list += item;
  }
  return list;
}
// Whether `item` is one of the items of `list`, without splitting it.
bool ListContains(std::string_view list, std::string_view item);

}  // namespace sentra::text
