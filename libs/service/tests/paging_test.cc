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
