#include "sentra/money/currency.h"

#include <catch2/catch.hpp>

#include "sentra/errors/errors.h"

using namespace sentra::money;

TEST_CASE("currencies carry their ISO 4217 minor-unit exponent", "[money]") {
  CHECK(FindCurrency("JPY")->exponent == 0);
  CHECK(FindCurrency("USD")->exponent == 2);
  CHECK(FindCurrency("EUR")->exponent == 2);
  CHECK(FindCurrency("KWD")->exponent == 3);
  CHECK(FindCurrency("BHD")->exponent == 3);
  CHECK(FindCurrency("CLF")->exponent == 4);
  CHECK(FindCurrency("AED")->code == "AED");  // the first entry
  CHECK(FindCurrency("ZWG")->code == "ZWG");  // the last
}

TEST_CASE("unknown, lower-case and unit codes are not currencies", "[money]") {
  for (const char* code : {"", "US", "USDD", "usd", "Usd", "XXX", "XAU", "XTS", "ABC", "ZZZ", "AAA"}) {
    INFO(code);
    CHECK_FALSE(FindCurrency(code));
  }
  const auto parsed = ParseCurrency("usd", "currency");
  REQUIRE_FALSE(parsed.ok());
  CHECK(sentra::errors::AppCode(parsed.status()) == "VALIDATION_ERROR");
  REQUIRE(sentra::errors::FieldErrors(parsed.status()).size() == 1);
  CHECK(sentra::errors::FieldErrors(parsed.status())[0].field == "currency");
}
