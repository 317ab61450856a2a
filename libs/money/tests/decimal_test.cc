#include "sentra/money/decimal.h"

#include <catch2/catch.hpp>
#include <limits>
#include <random>

#include "sentra/errors/errors.h"

using namespace sentra::money;

namespace {

std::int64_t Parsed(std::string_view text, int scale, Sign sign = Sign::kAny) {
  auto value = ParseDecimal(text, scale, "amount", sign);
  INFO(text);
  REQUIRE(value.ok());
  return *value;
}

std::string Refusal(std::string_view text, int scale, Sign sign = Sign::kAny) {
  auto value = ParseDecimal(text, scale, "amount", sign);
  INFO(text);
  REQUIRE_FALSE(value.ok());
  const auto fields = sentra::errors::FieldErrors(value.status());
  REQUIRE(fields.size() == 1);
  CHECK(fields[0].field == "amount");
  return fields[0].message;
}

}  // namespace

TEST_CASE("decimal strings parse exactly at a scale", "[money]") {
  CHECK(Parsed("10", 2) == 1000);
  CHECK(Parsed("10.5", 2) == 1050);
  CHECK(Parsed("10.55", 2) == 1055);
  CHECK(Parsed("0.1", 2) == 10);
  CHECK(Parsed("-0.25", 2) == -25);
  CHECK(Parsed("-0", 2) == 0);
  CHECK(Parsed("007.50", 2) == 750);
  CHECK(Parsed("1099", 0) == 1099);
  CHECK(Parsed("1.1", 3) == 1100);
  CHECK(Parsed("92233720368547758.07", 2) == std::numeric_limits<std::int64_t>::max());
  CHECK(Parsed("-92233720368547758.07", 2) == -std::numeric_limits<std::int64_t>::max());
  CHECK(Parsed("-92233720368547758.08", 2) == std::numeric_limits<std::int64_t>::min());
}

TEST_CASE("malformed or too precise decimals are refused, never rounded", "[money]") {
  for (const char* text : {"", "-", ".", ".5", "1.", "+1", "1e3", " 1", "1 ", "1,5", "1.2.3", "--1", "0x10", "١",
                           "1.-5", "NaN", "inf"}) {
    CHECK_THAT(Refusal(text, 2), Catch::Contains("decimal"));
  }
  CHECK_THAT(Refusal("10.555", 2), Catch::Contains("at most 2 digits"));
  CHECK_THAT(Refusal("10.5", 0), Catch::Contains("whole number"));
  CHECK(Refusal("92233720368547758.08", 2) == "is too large");
  CHECK(Refusal("-92233720368547758.09", 2) == "is too large");
  CHECK(Refusal("99999999999999999999999", 0) == "is too large");
  CHECK(Refusal("-1", 2, Sign::kNonNegative) == "must not be negative");
  CHECK(Parsed("-0.00", 2, Sign::kNonNegative) == 0);
}

TEST_CASE("decimals format with the requested fraction digits", "[money]") {
  CHECK(FormatDecimal(1250, 2, 2) == "12.50");
  CHECK(FormatDecimal(1250, 2, 0) == "12.5");
  CHECK(FormatDecimal(1200, 2, 0) == "12");
  CHECK(FormatDecimal(5, 2, 2) == "0.05");
  CHECK(FormatDecimal(-5, 3, 3) == "-0.005");
  CHECK(FormatDecimal(0, 2, 2) == "0.00");
  CHECK(FormatDecimal(1099, 0, 0) == "1099");
  CHECK(FormatDecimal(std::numeric_limits<std::int64_t>::min(), 2, 2) == "-92233720368547758.08");
  CHECK(FormatDecimal(std::numeric_limits<std::int64_t>::max(), 18, 0) == "9.223372036854775807");
}

TEST_CASE("format then parse gives the same integer, for random values and scales", "[money]") {
  std::mt19937_64 random(20261126);
  std::uniform_int_distribution<int> scales(0, 8);
  std::uniform_int_distribution<int> bits(0, 63);
  for (int i = 0; i < 20000; ++i) {
    // Magnitudes spread over every bit length, both signs.
    // Magnitudes of up to 63 bits, and now and then INT64_MIN.
    const int width = bits(random);
    std::int64_t value = static_cast<std::int64_t>((random() >> 1) >> (63 - width));
    if (random() & 1) value = -value;
    if (i % 1000 == 0) value = std::numeric_limits<std::int64_t>::min();
    const int scale = scales(random);
    const std::string text = FormatDecimal(value, scale, static_cast<int>(random() % (scale + 1)));
    auto back = ParseDecimal(text, scale, "amount");
    INFO(text << " at scale " << scale);
    REQUIRE(back.ok());
    CHECK(*back == value);
  }
}
