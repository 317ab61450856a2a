#include "src/connection_limits.h"

#include <catch2/catch.hpp>
#include <vector>

using namespace sentra::gateway;

TEST_CASE("one address holds no more than its share of connections, and closing one frees its place",
          "[gateway]") {
  auto limits = ConnectionLimits::Create({.max_total = 100, .max_per_address = 3});
  std::vector<std::unique_ptr<ConnectionLimits::Slot>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(limits->TryOpen("192.0.2.1"));
    REQUIRE(held.back());
  }
  CHECK_FALSE(limits->TryOpen("192.0.2.1"));
  CHECK(limits->TryOpen("192.0.2.2"));  // another address is not affected
  held.pop_back();
  CHECK(limits->TryOpen("192.0.2.1"));
  CHECK(limits->open() == 2);
}

TEST_CASE("the total is bounded whatever the addresses, and pressure starts at its share", "[gateway]") {
  auto limits = ConnectionLimits::Create({.max_total = 8, .max_per_address = 0, .pressure_share = 0.75});
  std::vector<std::unique_ptr<ConnectionLimits::Slot>> held;
  for (int i = 0; i < 5; ++i) held.push_back(limits->TryOpen("198.51.100.1"));
  CHECK_FALSE(limits->UnderPressure());
  held.push_back(limits->TryOpen("198.51.100.2"));
  CHECK(limits->UnderPressure());  // 6 of 8
  held.push_back(limits->TryOpen("198.51.100.3"));
  held.push_back(limits->TryOpen("198.51.100.4"));
  for (const auto& slot : held) CHECK(slot);
  CHECK_FALSE(limits->TryOpen("198.51.100.5"));
  held.clear();
  CHECK(limits->open() == 0);
  CHECK_FALSE(limits->UnderPressure());
}

TEST_CASE("the connection total stays below the open-file limit", "[gateway]") {
  const std::size_t affordable = AffordableConnections(1'000'000'000, 128);
  CHECK(affordable > 0);
  CHECK(affordable <= 1'000'000'000);
  CHECK(AffordableConnections(10, 128) == 10);
}

TEST_CASE("IPv6 clients are counted by their /64, IPv4 ones by address", "[gateway]") {
  using boost::asio::ip::make_address;
  CHECK(ConnectionKey(make_address("192.0.2.7")) == "192.0.2.7");
  CHECK(ConnectionKey(make_address("::ffff:192.0.2.7")) == "192.0.2.7");
  CHECK(ConnectionKey(make_address("2001:db8:1:2:aaaa::1")) == ConnectionKey(make_address("2001:db8:1:2:bbbb::9")));
  CHECK(ConnectionKey(make_address("2001:db8:1:2::1")) != ConnectionKey(make_address("2001:db8:1:3::1")));
}
