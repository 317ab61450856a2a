#include "src/lead_rules.h"

#include <catch2/catch.hpp>

#include "sentra/errors/errors.h"
#include "sentra/testing/error_fields.h"

using namespace sentra::core;

TEST_CASE("a new lead gets defaults and trimmed, normalised fields", "[core]") {
  v1::CreateLeadRequest r;
  r.set_name("  Ada Lovelace ");
  r.set_email("ADA@Example.com");
  REQUIRE(NormalizeCreate(r).ok());
  CHECK(r.name() == "Ada Lovelace");
  CHECK(r.email() == "ada@example.com");
  CHECK(r.source() == "manual");
  CHECK(r.status() == "new");
}

TEST_CASE("every bad field of a new lead is named at once", "[core]") {
  v1::CreateLeadRequest r;
  r.set_email("nope");
  r.set_source("telepathy");
  r.set_score(101);
  r.set_owner_id("x");
  auto s = NormalizeCreate(r);
  CHECK(sentra::testing::ErrorFields(s) == std::vector<std::string>{"name", "email", "source", "score", "owner_id"});
}

TEST_CASE("an update checks only the fields it carries", "[core]") {
  v1::UpdateLeadRequest r;
  r.set_id("0190F1C2-3B4A-7DEF-8123-456789ABCDEF");
  r.set_status("qualified");
  REQUIRE(NormalizeUpdate(r).ok());
  CHECK(r.id() == "0190f1c2-3b4a-7def-8123-456789abcdef");
  r.set_status("won");
  CHECK(sentra::testing::ErrorFields(NormalizeUpdate(r)) == std::vector<std::string>{"status"});
  r.set_id("../etc/passwd");
  CHECK(sentra::testing::ErrorFields(NormalizeUpdate(r)) == std::vector<std::string>{"id"});
}

TEST_CASE("list limits, sorts and filters are validated", "[core]") {
  v1::ListLeadsRequest r;
  CHECK(ParseListRequest(r)->order.page.limit == 50);
  r.set_limit(201);
  CHECK(sentra::testing::ErrorFields(ParseListRequest(r).status()) == std::vector<std::string>{"limit"});
  r.set_limit(0);
  CHECK(sentra::testing::ErrorFields(ParseListRequest(r).status()) == std::vector<std::string>{"limit"});
  r.clear_limit();
  r.set_sort("-name");
  CHECK(ParseListRequest(r)->order.variant() == 3);
  r.set_sort("price");
  CHECK_FALSE(ParseListRequest(r).ok());
}

TEST_CASE("id filters in any letter case name the same records", "[core]") {
  v1::ListLeadsRequest r;
  r.set_owner_id("0190F1C2-3B4A-7DEF-8123-456789ABCDEF");
  r.set_brand_id("0190f1c2-3b4a-7def-8123-456789ABCDEE");
  auto q = ParseListRequest(r);
  REQUIRE(q.ok());
  CHECK(q->owner_id == "0190f1c2-3b4a-7def-8123-456789abcdef");
  CHECK(q->brand_id == "0190f1c2-3b4a-7def-8123-456789abcdee");
  CHECK(ParseListRequest(v1::ListLeadsRequest())->owner_id.empty());
  r.set_owner_id("not-an-id");
  CHECK(sentra::testing::ErrorFields(ParseListRequest(r).status()) == std::vector<std::string>{"owner_id"});
}

TEST_CASE("a cursor round-trips and is refused when forged or from another sort", "[core]") {
  v1::ListLeadsRequest r;
  r.set_sort("name");
  r.set_cursor(sentra::service::KeyedCursor("leads:name", "0190f1c2-3b4a-7def-8123-456789abcdef", "Ada|x"));
  auto q = ParseListRequest(r);
  REQUIRE(q.ok());
  CHECK(q->order.page.after_id == "0190f1c2-3b4a-7def-8123-456789abcdef");
  CHECK(q->order.after_key == "Ada|x");
  r.set_sort("created_at");
  CHECK(sentra::testing::ErrorFields(ParseListRequest(r).status()) == std::vector<std::string>{"cursor"});
  for (const char* junk : {"!!", "AAAA", "MHxub3QtYS11dWlkfA"}) {
    r.set_cursor(junk);
    CHECK_FALSE(ParseListRequest(r).ok());
  }
}
