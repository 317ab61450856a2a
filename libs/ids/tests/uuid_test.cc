#include "sentra/ids/uuid.h"

#include <catch2/catch.hpp>
#include <set>

using namespace sentra::ids;

TEST_CASE("a new id is a canonical version-7, variant-10 UUID", "[ids]") {
  const std::string id = NewUuidV7();
  REQUIRE(IsUuid(id));
  CHECK(id[14] == '7');
  CHECK(std::string("89ab").find(id[19]) != std::string::npos);
}

TEST_CASE("the timestamp is the first 48 bits, big-endian", "[ids]") {
  // Far in the future (year 2253, still within system_clock's range), so the
  // monotonic state of earlier ids cannot win.
  const auto at = std::chrono::system_clock::time_point(std::chrono::milliseconds(0x0823456789ab));
  CHECK(NewUuidV7(at).substr(0, 13) == "08234567-89ab");
}

TEST_CASE("ids made in a burst are unique and strictly increasing", "[ids]") {
  std::string previous;
  std::set<std::string> seen;
  for (int i = 0; i < 20000; ++i) {
    std::string id = NewUuidV7();
    CHECK(id > previous);
    seen.insert(id);
    previous = std::move(id);
  }
  CHECK(seen.size() == 20000);
}

TEST_CASE("ids from client input are checked strictly", "[ids]") {
  CHECK(IsUuid("0190f1c2-3b4a-7def-8123-456789abcdef"));
  CHECK(NormalizeUuid("0190F1C2-3B4A-7DEF-8123-456789ABCDEF") == "0190f1c2-3b4a-7def-8123-456789abcdef");
  CHECK_FALSE(IsUuid(""));
  CHECK_FALSE(IsUuid("not-a-uuid"));
  CHECK_FALSE(IsUuid("0190f1c2-3b4a-7def-8123-456789abcdeg"));
  CHECK_FALSE(IsUuid("0190f1c23b4a7def8123456789abcdef"));
  CHECK_FALSE(IsUuid("0190f1c2-3b4a-7def-8123-456789abcdef0"));
  CHECK_FALSE(IsUuid("'; drop table leads; --'"));
}
