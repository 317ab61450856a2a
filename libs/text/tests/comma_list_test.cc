#include "sentra/text/comma_list.h"

#include <catch2/catch.hpp>

using namespace sentra::text;

TEST_CASE("comma lists split, join and answer membership the same way", "[text]") {
  CHECK(SplitList("leads:read,leads:write") == std::vector<std::string>{"leads:read", "leads:write"});
  CHECK(SplitList("") == std::vector<std::string>{});
  CHECK(SplitList(",a,,b,") == std::vector<std::string>{"a", "b"});
  CHECK(JoinList(std::vector<std::string>{"a", "b"}) == "a,b");
  CHECK(JoinList(std::vector<std::string>{}) == "");
  CHECK(SplitList(JoinList(std::vector<std::string>{"x", "y", "z"})) == std::vector<std::string>{"x", "y", "z"});
  CHECK(ListContains("leads:read,leads:write", "leads:write"));
  CHECK(ListContains("a", "a"));
  CHECK_FALSE(ListContains("leads:read,leads:write", "leads"));
  CHECK_FALSE(ListContains("leads:reader", "leads:read"));
  CHECK_FALSE(ListContains("", ""));
  CHECK_FALSE(ListContains("a,,b", ""));
}
