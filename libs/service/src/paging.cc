#include "sentra/service/paging.h"

#include <charconv>

#include "sentra/errors/errors.h"
#include "sentra/ids/uuid.h"
#include "sentra/jwt/jwt.h"
#include "sentra/text/utf8.h"

namespace sentra::service {

absl::StatusOr<IdPage> ParseIdPage(std::string_view list, std::optional<int> limit, std::string_view cursor) {
  IdPage page;
  if (limit) {
    if (*limit < 1 || *limit > kMaxLimit) return errors::Validation("limit", "must be from 1 to 200");
    page.limit = *limit;
  }
  if (cursor.empty()) return page;
  auto raw = cursor.size() <= 256 ? jwt::Base64UrlDecode(cursor) : std::nullopt;
  const std::string expected = std::string(list) + "|";
  if (!raw || !raw->starts_with(expected) || !ids::IsUuid(raw->substr(expected.size()))) {
    return errors::Validation("cursor", "is not a cursor from this list");
  }
  page.after_id = raw->substr(expected.size());
  return page;
}

std::string IdCursor(std::string_view list, std::string_view last_id) {
  return jwt::Base64UrlEncode(std::string(list) + "|" + std::string(last_id));
}

absl::StatusOr<KeyedPage> ParseKeyedPage(std::string_view list, std::optional<int> limit, std::string_view cursor) {
  // "<list>|<id>|<key>": the id part is read as an id page's cursor would be.
  KeyedPage keyed;
  auto page = ParseIdPage(list, limit, "");
  if (!page.ok()) return page.status();
  keyed.page = *page;
  if (cursor.empty()) return keyed;
  // Room for a key of 200 characters of up to 4 bytes each, in base64.
  auto raw = cursor.size() <= 1400 ? jwt::Base64UrlDecode(cursor) : std::nullopt;
  const std::string expected = std::string(list) + "|";
  constexpr std::size_t kUuidLength = 36;
  if (!raw || !raw->starts_with(expected) || raw->size() < expected.size() + kUuidLength + 1 ||
      (*raw)[expected.size() + kUuidLength] != '|' || !ids::IsUuid(raw->substr(expected.size(), kUuidLength))) {
    return errors::Validation("cursor", "is not a cursor from this list");
  }
  keyed.page.after_id = raw->substr(expected.size(), kUuidLength);
  keyed.after_key = raw->substr(expected.size() + kUuidLength + 1);
  return keyed;
}

absl::StatusOr<IdOrder> ParseIdOrder(std::string_view list, std::optional<int> limit, std::string_view cursor,
                                     std::string_view sort, std::string_view default_sort) {
  if (sort.empty()) sort = default_sort;
  if (sort != "created_at" && sort != "-created_at") {
    return errors::Validation("sort", "must be created_at or -created_at");
  }
  IdOrder order{.newest_first = sort == "-created_at"};
  auto page = ParseIdPage(std::string(list) + (order.newest_first ? "_desc" : ""), limit, cursor);
  if (!page.ok()) return page.status();
  order.page = *page;
  return order;
}

absl::StatusOr<SortedPage> ParseSortedPage(std::string_view list, std::string_view key, std::optional<int> limit,
                                           std::string_view cursor, std::string_view sort) {
  SortedPage sorted{.descending = sort.starts_with('-')};
  const std::string_view field = sorted.descending ? sort.substr(1) : sort;
  sorted.by_key = field == key;
  if (!sort.empty() && field != "created_at" && !sorted.by_key) {
    const std::string k(key);
    return errors::Validation("sort", "must be one of created_at, -created_at, " + k + ", -" + k);
  }
  sorted.list = std::string(list) + ":" + std::string(sorted.by_key ? key : "created_at") +
                (sorted.descending ? "_desc" : "");
  auto keyed = ParseKeyedPage(sorted.list, limit, cursor);
  if (!keyed.ok()) return keyed.status();
  // The key goes to the database as text: nothing a forged cursor could
  // turn into an encoding error there.
  if (!text::IsValidUtf8(keyed->after_key) || keyed->after_key.find('\0') != std::string::npos) {
    return errors::Validation("cursor", "is not a cursor from this list");
  }
  sorted.page = keyed->page;
  sorted.after_key = std::move(keyed->after_key);
  return sorted;
}

std::optional<std::int64_t> ParseTimeKey(std::string_view key) {
  constexpr std::int64_t kFirst = -62135596800LL * 1000000;          // 0001-01-01T00:00:00Z
  constexpr std::int64_t kLast = 253402300799LL * 1000000 + 999999;  // 9999-12-31T23:59:59.999999Z
  std::int64_t micros = 0;
  const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), micros);
  if (key.empty() || error != std::errc() || end != key.data() + key.size() || micros < kFirst || micros > kLast) {
    return std::nullopt;
  }
  return micros;
}

std::string KeyedCursor(std::string_view list, std::string_view last_id, std::string_view last_key) {
  return jwt::Base64UrlEncode(std::string(list) + "|" + std::string(last_id) + "|" + std::string(last_key));
}

}  // namespace sentra::service
