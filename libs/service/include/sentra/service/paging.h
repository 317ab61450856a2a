// Keyset pages over lists ordered by a UUIDv7 id (which orders by creation):
// the limit convention of PRODUCT.md §7 and an opaque cursor that is valid
// only for the list that issued it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "sentra/db/page_budget.h"
#include "sentra/db/result.h"

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

// For lists in id order either way: `sort` "created_at" (oldest first: ids
// are UUIDv7) or "-created_at" (newest first); "" is `default_sort`. A
// cursor of one order is refused by the other.
struct IdOrder {
  IdPage page;
  bool newest_first = false;
};
absl::StatusOr<IdOrder> ParseIdOrder(std::string_view list, std::optional<int> limit, std::string_view cursor,
                                     std::string_view sort, std::string_view default_sort = "created_at");
template <typename Request>
absl::StatusOr<IdOrder> ParseIdOrder(std::string_view list, const Request& request,
                                     std::string_view default_sort = "created_at") {
  return ParseIdOrder(list, request.has_limit() ? std::optional<int>(request.limit()) : std::nullopt,
                      request.cursor(), request.sort(), default_sort);
}
// FinishPage for such a list.
template <typename Response>
void FinishIdOrderPage(const IdOrder& order, std::string_view list, bool more, Response* out);

// For lists ordered by another key first, then id: the cursor carries the
// last item's key too, as text the list itself reads back ("" allowed).
struct KeyedPage {
  IdPage page;
  std::string after_key;  // meaningful only when page.after_id is set
};
absl::StatusOr<KeyedPage> ParseKeyedPage(std::string_view list, std::optional<int> limit, std::string_view cursor);
std::string KeyedCursor(std::string_view list, std::string_view last_id, std::string_view last_key);
// A keyed cursor's time: microseconds since the epoch, within what a
// protobuf Timestamp holds (years 1 to 9999); nothing for anything else.
std::optional<std::int64_t> ParseTimeKey(std::string_view key);

// For lists sorted by creation or by one text column (a name), either way:
// `sort` "created_at" (the default), "-created_at", "<key>" or "-<key>",
// ties broken by id. The cursor carries the last item's key and is refused
// by any other order.
struct SortedPage {
  IdPage page;
  std::string after_key;  // when by_key and page.after_id is set: valid UTF-8
  bool by_key = false;
  bool descending = false;
  std::string list;  // the list's name with its order: what its cursors name

  // Which of a list's four statements runs: created ascending, created
  // descending, key ascending, key descending.
  int variant() const { return (by_key ? 2 : 0) + (descending ? 1 : 0); }
};
absl::StatusOr<SortedPage> ParseSortedPage(std::string_view list, std::string_view key, std::optional<int> limit,
                                           std::string_view cursor, std::string_view sort);
template <typename Request>
absl::StatusOr<SortedPage> ParseSortedPage(std::string_view list, std::string_view key, const Request& request) {
  return ParseSortedPage(list, key, request.has_limit() ? std::optional<int>(request.limit()) : std::nullopt,
                         request.cursor(), request.sort());
}
// FinishPage for such a list; `key_of(item)` is the item's sort key.
template <typename Response, typename KeyOf>
void FinishSortedPage(const SortedPage& sorted, bool more, Response* out, KeyOf key_of) {
  FinishPage(sorted.page.limit, more, out, [&](const auto& last) {
    return KeyedCursor(sorted.list, last.id(), sorted.by_key ? std::string_view(key_of(last)) : std::string_view());
  });
}

// A list request's page: its optional `limit` and its `cursor`.
template <typename Request>
absl::StatusOr<IdPage> ParseIdPage(std::string_view list, const Request& request) {
  return ParseIdPage(list, request.has_limit() ? std::optional<int>(request.limit()) : std::nullopt,
                     request.cursor());
}

// For a list statement that put up to limit + 1 items into out->data and
// said whether rows follow the last one it read (`more`: its rows also stop
// at the page's byte budget, before the limit): drops the item past the
// limit, whose presence only says another page follows, and, when one does,
// sets next_cursor to cursor_after(last item shown).
template <typename Response, typename CursorAfter>
void FinishPage(int limit, bool more, Response* out, CursorAfter cursor_after) {
  if (out->data_size() > limit) {
    out->mutable_data()->DeleteSubrange(limit, out->data_size() - limit);
    more = true;
  }
  if (more && out->data_size() > 0) out->set_next_cursor(cursor_after(out->data(out->data_size() - 1)));
}

// FinishPage for lists in id order.
template <typename Response>
void FinishIdPage(const IdPage& page, std::string_view list, bool more, Response* out) {
  FinishPage(page.limit, more, out, [&](const auto& last) { return IdCursor(list, last.id()); });
}

// FinishIdPage for a list whose rows are small by validation and read
// without a byte budget (tags, brands, keys): only its extra item tells.
template <typename Response>
void FinishIdPage(const IdPage& page, std::string_view list, Response* out) {
  FinishIdPage(page, list, false, out);
}

template <typename Response>
void FinishIdOrderPage(const IdOrder& order, std::string_view list, bool more, Response* out) {
  const std::string name = std::string(list) + (order.newest_first ? "_desc" : "");
  FinishIdPage(order.page, name, more, out);
}

// Fills `out` (a list response: `data`, `next_cursor`) from rows of small
// items fetched with LIMIT page.limit + 1, without a byte budget.
// `read(result, row, item)` reads one row; items have an `id`.
template <typename Response, typename ReadRow>
void FillIdPage(const db::Result& rows, const IdPage& page, std::string_view list, Response* out, ReadRow read) {
  for (int i = 0; i < rows.rows(); ++i) read(rows, i, out->add_data());
  FinishIdPage(page, list, out);
}

}  // namespace sentra::service
