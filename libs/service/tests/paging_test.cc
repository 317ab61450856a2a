#include "sentra/service/paging.h"

#include <catch2/catch.hpp>

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
