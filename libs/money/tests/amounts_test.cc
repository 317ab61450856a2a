#include "sentra/money/amounts.h"

#include <catch2/catch.hpp>
#include <limits>

#include "sentra/errors/errors.h"

using namespace sentra::money;

namespace {

constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
constexpr auto kMin = std::numeric_limits<std::int64_t>::min();

Currency C(std::string_view code) { return *FindCurrency(code); }

}  // namespace

TEST_CASE("amounts are read and written with the currency's minor digits", "[money]") {
  CHECK(*ParseAmount("1099", C("JPY"), "value") == 1099);
  CHECK(*ParseAmount("10.99", C("USD"), "value") == 1099);
  CHECK(*ParseAmount("10.9", C("USD"), "value") == 1090);
  CHECK(*ParseAmount("1.1", C("KWD"), "value") == 1100);
  CHECK_FALSE(ParseAmount("10.5", C("JPY"), "value").ok());
  CHECK_FALSE(ParseAmount("10.999", C("USD"), "value").ok());
  CHECK(FormatAmount(1099, C("JPY")) == "1099");
  CHECK(FormatAmount(1099, C("USD")) == "10.99");
  CHECK(FormatAmount(1100, C("KWD")) == "1.100");
  CHECK(FormatAmount(-1, C("USD")) == "-0.01");
}

TEST_CASE("scaled products round half away from zero", "[money]") {
  CHECK(*MultiplyScaled(15, 1, 1) == 2);    // 1.5 → 2
  CHECK(*MultiplyScaled(14, 1, 1) == 1);    // 1.4 → 1
  CHECK(*MultiplyScaled(25, 1, 1) == 3);    // 2.5 → 3, not banker's 2
  CHECK(*MultiplyScaled(-15, 1, 1) == -2);  // a credit rounds like its charge
  CHECK(*MultiplyScaled(-14, 1, 1) == -1);
  CHECK(*MultiplyScaled(7, 3, 0) == 21);
  CHECK(*MultiplyScaled(kMax, 1, 0) == kMax);
  CHECK(*MultiplyScaled(kMin, 1, 0) == kMin);
  CHECK(*MultiplyScaled(kMax, 1000, 3) == kMax);
}

TEST_CASE("overflow is detected, not wrapped", "[money]") {
  CHECK_FALSE(MultiplyScaled(kMax, kMax, 18));
  CHECK_FALSE(MultiplyScaled(kMax, 2, 0));
  CHECK_FALSE(MultiplyScaled(kMin, -1, 0));
  CHECK_FALSE(MultiplyScaled(1, 1, 19));
  CHECK_FALSE(MultiplyScaled(1, 1, -1));
  CHECK_FALSE(CheckedAdd(kMax, 1));
  CHECK_FALSE(CheckedAdd(kMin, -1));
  CHECK(*CheckedAdd(kMax, kMin) == -1);
  CHECK_FALSE(PriceLine(1'000'000, kMax, 10'0000));  // subtotal and tax fit, their total does not
}

TEST_CASE("line sums are exact: only the final sums must fit, whatever the order of the lines", "[money]") {
  const LineAmounts most{.subtotal = kMax, .tax = 0, .total = kMax};
  const LineAmounts least{.subtotal = -kMax, .tax = 0, .total = -kMax};
  const LineAmounts one{.subtotal = 1, .tax = 0, .total = 1};
  const auto sum_of = [](std::initializer_list<LineAmounts> lines) {
    LineSums sums;
    for (const auto& line : lines) sums.Add(line);
    return sums.Total();
  };
  // [M, M, -M, -M]: the running sum passes 2M, the final sum is 0.
  CHECK(sum_of({most, most, least, least}) == LineAmounts{});
  // [M, -M, 1] and [M, 1, -M] both come to 1.
  CHECK(sum_of({most, least, one}) == one);
  CHECK(sum_of({most, one, least}) == one);
  // A final sum past an int64 is refused, in any field.
  CHECK_FALSE(sum_of({most, one}));
  CHECK_FALSE(sum_of({least, least}));
  CHECK_FALSE(sum_of({{.subtotal = 0, .tax = kMax, .total = 0}, {.subtotal = 0, .tax = 1, .total = 0}}));
  CHECK(sum_of({}) == LineAmounts{});
}

TEST_CASE("a line: quantity × unit price, then tax on the subtotal, each rounded", "[money]") {
  // 3 × 19.99 at 20 %: 59.97 + 11.994 → 11.99.
  CHECK(*PriceLine(3'000000, 1999, 20'0000) == LineAmounts{.subtotal = 5997, .tax = 1199, .total = 7196});
  // 1.5 hours × 33.33 = 49.995 → 50.00; 8.875 % of 50.00 = 4.4375 → 4.44.
  CHECK(*PriceLine(1'500000, 3333, 8'8750) == LineAmounts{.subtotal = 5000, .tax = 444, .total = 5444});
  // 0.333333 × 1 yen = 0.33 → 0; no tax.
  CHECK(*PriceLine(333333, 1, 0) == LineAmounts{});
  // A credit line: -2 × 0.25 at 10 % = -0.50 - 0.05.
  CHECK(*PriceLine(-2'000000, 25, 10'0000) == LineAmounts{.subtotal = -50, .tax = -5, .total = -55});
  LineSums sums;
  sums.Add(*PriceLine(3'000000, 1999, 20'0000));
  sums.Add(*PriceLine(1'500000, 3333, 8'8750));
  CHECK(sums.Total() == LineAmounts{.subtotal = 10997, .tax = 1643, .total = 12640});
}

TEST_CASE("a sum written as digits of any length is shown in the currency's digits", "[money]") {
  const Currency usd{"USD", 2}, jpy{"JPY", 0}, kwd{"KWD", 3};
  CHECK(FormatAmountText("1250050", usd) == "12500.50");
  CHECK(FormatAmountText("-5", usd) == "-0.05");
  CHECK(FormatAmountText("0", usd) == "0.00");
  CHECK(FormatAmountText("-0", usd) == "0.00");
  CHECK(FormatAmountText("00042", kwd) == "0.042");
  CHECK(FormatAmountText("1099", jpy) == "1099");
  // Past an int64: 2^63 cents and more.
  CHECK(FormatAmountText("92233720368547758080", usd) == "922337203685477580.80");
  CHECK(FormatAmountText("1099", jpy) == FormatAmount(1099, jpy));
  CHECK(FormatAmountText("-123456", usd) == FormatAmount(-123456, usd));
  CHECK_FALSE(FormatAmountText("", usd));
  CHECK_FALSE(FormatAmountText("-", usd));
  CHECK_FALSE(FormatAmountText("12.5", usd));
}
