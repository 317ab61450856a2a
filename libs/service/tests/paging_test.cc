#include "sentra/service/paging.h"

#include <catch2/catch.hpp>

#include "sentra/errors/errors.h"

using sentra::service::IdCursor;
using sentra::service::ParseIdPage;

TEST_CASE("a page cursor round-trips and is refused by another list", "[service]") {
  const std::string id = "0190f1c2-3b4a-7def-8123-456789abcdef";
  auto page = ParseIdPage("users", 10, IdCursor("users", id));
  REQUIRE(page.ok());
  CHECK(page->limit == 10);
  CHECK(page->after_id == id);
  CHECK(ParseIdPage("brands", std::nullopt, IdCursor("users", id)).status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(ParseIdPage("users", std::nullopt, "").value().limit == 50);
  CHECK_FALSE(ParseIdPage("users", 0, "").ok());
  CHECK_FALSE(ParseIdPage("users", 201, "").ok());
  CHECK_FALSE(ParseIdPage("users", std::nullopt, "!!").ok());
  CHECK_FALSE(ParseIdPage("users", std::nullopt, IdCursor("users", "not-an-id")).ok());
  CHECK_FALSE(ParseIdPage("users", std::nullopt, std::string(300, 'A')).ok());
}

TEST_CASE("a keyed cursor carries the last key beside the id, and only for its list", "[service]") {
  using sentra::service::KeyedCursor;
  using sentra::service::ParseKeyedPage;
  const std::string id = "0190f1c2-3b4a-7def-8123-456789abcdef";
  auto page = ParseKeyedPage("tasks_by_due", 5, KeyedCursor("tasks_by_due", id, "1795664188000000"));
  REQUIRE(page.ok());
  CHECK(page->page.limit == 5);
  CHECK(page->page.after_id == id);
  CHECK(page->after_key == "1795664188000000");
  CHECK(ParseKeyedPage("tasks_by_due", std::nullopt, KeyedCursor("tasks_by_due", id, "")).value().after_key.empty());
  CHECK(ParseKeyedPage("tasks_by_due", std::nullopt, "").value().page.after_id.empty());
  CHECK_FALSE(ParseKeyedPage("tasks", std::nullopt, KeyedCursor("tasks_by_due", id, "1")).ok());
  CHECK_FALSE(ParseKeyedPage("tasks_by_due", std::nullopt, IdCursor("tasks_by_due", id)).ok());
  CHECK_FALSE(ParseKeyedPage("tasks_by_due", std::nullopt, KeyedCursor("tasks_by_due", "not-an-id", "1")).ok());
  CHECK_FALSE(ParseKeyedPage("tasks_by_due", 0, "").ok());
}

TEST_CASE("an id order is oldest or newest first, its cursors its own", "[service]") {
  using sentra::service::IdCursor;
  using sentra::service::ParseIdOrder;
  const std::string id = "0190f1c2-3b4a-7def-8123-456789abcdef";
  auto newest = ParseIdOrder("deals", 5, IdCursor("deals_desc", id), "-created_at");
  REQUIRE(newest.ok());
  CHECK(newest->newest_first);
  CHECK(newest->page.after_id == id);
  CHECK_FALSE(ParseIdOrder("deals", 5, IdCursor("deals_desc", id), "created_at").ok());
  CHECK_FALSE(ParseIdOrder("deals", 5, "", "title").ok());
  CHECK_FALSE(ParseIdOrder("deals", 5, "", "").value().newest_first);
  CHECK(ParseIdOrder("notes", 5, "", "", "-created_at").value().newest_first);
  CHECK_FALSE(ParseIdOrder("notes", 5, "", "created_at", "-created_at").value().newest_first);
}

TEST_CASE("a sorted page is by creation or by its key, either way, its cursors its own", "[service]") {
  using sentra::service::KeyedCursor;
  using sentra::service::ParseSortedPage;
  const std::string id = "0190f1c2-3b4a-7def-8123-456789abcdef";
  auto first = ParseSortedPage("clients", "name", std::nullopt, "", "");
  REQUIRE(first.ok());
  CHECK(first->variant() == 0);
  CHECK(first->page.after_id.empty());
  const std::string wide_name = [] {
    std::string s;
    for (int i = 0; i < 200; ++i) s += "\xF0\x9F\x98\x80";  // 200 four-byte characters
    return s;
  }();
  auto by_name = ParseSortedPage("clients", "name", 10, "", "-name");
  REQUIRE(by_name.ok());
  CHECK(by_name->variant() == 3);
  auto next = ParseSortedPage("clients", "name", 10, KeyedCursor(by_name->list, id, wide_name), "-name");
  REQUIRE(next.ok());
  CHECK(next->after_key == wide_name);
  CHECK(next->page.after_id == id);
  // Another order, another list or a forged key: refused.
  CHECK_FALSE(ParseSortedPage("clients", "name", 10, KeyedCursor(by_name->list, id, "a"), "name").ok());
  CHECK_FALSE(ParseSortedPage("contacts", "name", 10, KeyedCursor(by_name->list, id, "a"), "-name").ok());
  CHECK_FALSE(ParseSortedPage("clients", "name", 10, KeyedCursor(by_name->list, id, "\xC3("), "-name").ok());
  CHECK_FALSE(ParseSortedPage("clients", "name", 10, KeyedCursor(by_name->list, id, std::string("a\0b", 3)),
                              "-name").ok());
  CHECK(ParseSortedPage("clients", "name", 10, "", "-created_at")->variant() == 1);
  CHECK(ParseSortedPage("clients", "name", 10, "", "name")->variant() == 2);
  const auto bad = ParseSortedPage("clients", "name", 10, "", "email");
  REQUIRE_FALSE(bad.ok());
  CHECK(sentra::errors::FieldErrors(bad.status()) ==
        std::vector<sentra::errors::FieldError>{{"sort", "must be one of created_at, -created_at, name, -name"}});
  CHECK_FALSE(ParseSortedPage("clients", "name", 10, "", "-").ok());
  CHECK_FALSE(ParseSortedPage("clients", "name", 10, "", "--name").ok());
}

TEST_CASE("a cursor's time key is a time a Timestamp holds", "[service]") {
  using sentra::service::ParseTimeKey;
  CHECK(ParseTimeKey("1795664188000000") == 1795664188000000);
  CHECK(ParseTimeKey("-1") == -1);
  CHECK(ParseTimeKey("253402300799999999") == 253402300799999999);
  CHECK_FALSE(ParseTimeKey("253402300800000000"));
  CHECK_FALSE(ParseTimeKey("9223372036854775807"));
  CHECK_FALSE(ParseTimeKey(""));
  CHECK_FALSE(ParseTimeKey("12x"));
}

namespace {

// The parts of a list response FinishPage uses.
struct Item {
  std::string id_;
  const std::string& id() const { return id_; }
};
struct Items {
  std::vector<Item> items;
  void DeleteSubrange(int start, int count) { items.erase(items.begin() + start, items.begin() + start + count); }
};
struct ListResponse {
  Items data_;
  std::string next_cursor;
  int data_size() const { return static_cast<int>(data_.items.size()); }
  const Item& data(int i) const { return data_.items[static_cast<std::size_t>(i)]; }
  Items* mutable_data() { return &data_; }
  void set_next_cursor(std::string cursor) { next_cursor = std::move(cursor); }
};

ListResponse Listed(int count) {
  ListResponse r;
  for (int i = 0; i < count; ++i) r.data_.items.push_back({std::to_string(i)});
  return r;
}

std::string CursorAfter(const Item& last) { return "after " + last.id(); }

}  // namespace

TEST_CASE("a page ends at its limit or where its byte budget cut it, with a cursor only when more follow", "[service]") {
  using sentra::service::FinishPage;
  // The statement's extra row: the page is cut at the limit, more follow.
  ListResponse full = Listed(4);
  FinishPage(3, false, &full, CursorAfter);
  CHECK(full.data_size() == 3);
  CHECK(full.next_cursor == "after 2");
  // Cut short by the byte budget: fewer than the limit, and still more.
  ListResponse cut = Listed(2);
  FinishPage(3, true, &cut, CursorAfter);
  CHECK(cut.data_size() == 2);
  CHECK(cut.next_cursor == "after 1");
  // The end of the list: no cursor, even when the page is exactly full.
  ListResponse last = Listed(3);
  FinishPage(3, false, &last, CursorAfter);
  CHECK(last.data_size() == 3);
  CHECK(last.next_cursor.empty());
  ListResponse empty = Listed(0);
  FinishPage(3, true, &empty, CursorAfter);
  CHECK(empty.next_cursor.empty());
}
