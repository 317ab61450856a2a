#include "sentra/db/params.h"

#include <catch2/catch.hpp>

using sentra::db::Bytes;
using sentra::db::Params;

TEST_CASE("parameters are sent as text, nulls as null pointers, bytes as binary", "[db]") {
  std::optional<std::string> missing;
  Params params(std::string("abc"), std::int64_t{-42}, true, missing, Bytes{std::string_view("\0\x01", 2)});
  REQUIRE(params.size() == 5);
  const char* const* values = params.values();
  CHECK(std::string(values[0]) == "abc");
  CHECK(std::string(values[1]) == "-42");
  CHECK(std::string(values[2]) == "t");
  CHECK(values[3] == nullptr);
  CHECK(params.lengths()[4] == 2);
  CHECK(params.formats()[4] == 1);
  CHECK(params.formats()[0] == 0);
}
