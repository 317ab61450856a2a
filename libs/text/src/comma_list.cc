#include "sentra/text/comma_list.h"

namespace sentra::text {

namespace {

// Calls `visit` with each non-empty item until it returns true.
template <typename Visit>
bool AnyItem(std::string_view list, Visit&& visit) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    const std::string_view item = list.substr(0, comma);
    if (!item.empty() && visit(item)) return true;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

std::vector<std::string> SplitList(std::string_view list) {
  std::vector<std::string> items;
  AnyItem(list, [&](std::string_view item) {
    items.emplace_back(item);
    return false;
  });
  return items;
}

bool ListContains(std::string_view list, std::string_view item) {
  return AnyItem(list, [&](std::string_view candidate) { return candidate == item; });
}

}  // namespace sentra::text
