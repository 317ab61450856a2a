#include "src/path_template.h"

#include <catch2/catch.hpp>

using namespace sentra::gateway;

TEST_CASE("a template binds its variables and matches literals exactly", "[gateway]") {
  auto t = PathTemplate::Parse("/v1/leads/{id}");
  REQUIRE(t);
  auto m = t->Match("/v1/leads/abc%2Dd");
  REQUIRE(m);
  CHECK(m->at(0).first == "id");
  CHECK(m->at(0).second == "abc-d");
  CHECK_FALSE(t->Match("/v1/leads"));
  CHECK_FALSE(t->Match("/v1/leads/"));
  CHECK_FALSE(t->Match("/v1/leads/a/b"));
  CHECK_FALSE(t->Match("/v1/Leads/a"));
  CHECK_FALSE(t->Match("/v1/leads/a%2Fb"));  // an encoded slash never splits a variable
  CHECK_FALSE(t->Match("/v1/leads/%zz"));
  CHECK_FALSE(t->Match("v1/leads/a"));
  CHECK(t->variables() == std::vector<std::string>{"id"});
  CHECK(PathTemplate::Parse("/v1/orders/{parent_id}/notes")->variables() == std::vector<std::string>{"parent_id"});
  CHECK(PathTemplate::Parse("/v1/leads")->variables().empty());
}

TEST_CASE("a literal segment is tried before a variable in the same place", "[gateway]") {
  const auto t = [](std::string_view text) { return *PathTemplate::Parse(text); };
  CHECK(t("/v1/clients/duplicates").Precedes(t("/v1/clients/{id}")));
  CHECK_FALSE(t("/v1/clients/{id}").Precedes(t("/v1/clients/duplicates")));
  // The leftmost difference decides, not how many literals there are.
  CHECK(t("/v1/clients/duplicates/{x}").Precedes(t("/v1/clients/{id}/contacts")));
  CHECK_FALSE(t("/v1/clients/{id}/contacts").Precedes(t("/v1/clients/duplicates/{x}")));
  // Same shape: neither first.
  CHECK_FALSE(t("/v1/leads/{id}").Precedes(t("/v1/clients/{id}")));
  CHECK_FALSE(t("/v1/clients/{id}").Precedes(t("/v1/leads/{id}")));
}

TEST_CASE("malformed templates are refused at start-up", "[gateway]") {
  CHECK_FALSE(PathTemplate::Parse(""));
  CHECK_FALSE(PathTemplate::Parse("v1/leads"));
  CHECK_FALSE(PathTemplate::Parse("/v1//leads"));
  CHECK_FALSE(PathTemplate::Parse("/v1/{Id}"));
  CHECK_FALSE(PathTemplate::Parse("/v1/{id"));
  CHECK(PathTemplate::Parse("/.well-known/jwks.json"));
}

TEST_CASE("percent-decoding handles plus, escapes and truncation", "[gateway]") {
  CHECK(PercentDecode("a+b%20c", true) == "a b c");
  CHECK(PercentDecode("a+b", false) == "a+b");
  CHECK_FALSE(PercentDecode("%2", true));
  CHECK_FALSE(PercentDecode("%", true));
}
