// Money in integer minor units and the arithmetic of an order or invoice
// line (PRODUCT.md §11): subtotal = quantity × unit price, tax = subtotal ×
// rate / 100, each rounded half-up to the minor unit, totals the sums of the
// lines. "Half-up" is on the magnitude (half away from zero), so a credit
// line rounds like the charge it reverses. Every step detects overflow.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "sentra/money/currency.h"

namespace sentra::money {

// Quantities are decimals with up to six fraction digits ("1.5" hours),
// tax rates percentages with up to four ("8.875").
inline constexpr int kQuantityScale = 6;
inline constexpr int kRateScale = 4;

// An amount written with the currency's minor digits or fewer ("10.5" USD is
// 1050 cents; "10.555" USD and "10.5" JPY are errors), or VALIDATION_ERROR
// naming `field`.
absl::StatusOr<std::int64_t> ParseAmount(std::string_view text, Currency currency, std::string_view field);
// Exactly the currency's minor digits: "1099" JPY, "10.99" USD, "1.100" KWD.
std::string FormatAmount(std::int64_t minor, Currency currency);
// The same for minor units written as a decimal integer of any length (a
// sum PostgreSQL made, which may pass an int64): "-1250050" USD is
// "-12500.50". Nothing when `minor` is not an integer.
std::optional<std::string> FormatAmountText(std::string_view minor, Currency currency);

// a × b ÷ 10^shift (0 ≤ shift ≤ 18), rounded half away from zero; nothing
// when the result does not fit an int64.
std::optional<std::int64_t> MultiplyScaled(std::int64_t a, std::int64_t b, int shift);
// a + b, nothing on overflow.
std::optional<std::int64_t> CheckedAdd(std::int64_t a, std::int64_t b);

struct LineAmounts {
  std::int64_t subtotal = 0;
  std::int64_t tax = 0;
  std::int64_t total = 0;

  bool operator==(const LineAmounts&) const = default;
};

// One line: `quantity` at kQuantityScale, `unit_price` in minor units,
// `tax_rate` (percent) at kRateScale. Nothing on overflow.
std::optional<LineAmounts> PriceLine(std::int64_t quantity, std::int64_t unit_price, std::int64_t tax_rate);
// The sums of a document's lines, kept exactly (in 128 bits: any number of
// lines a request can hold) so that only the final sums must fit an int64:
// a line and the line that reverses it cancel out in any order.
class LineSums {
 public:
  void Add(const LineAmounts& line);
  // The sums, field by field; nothing when one does not fit an int64.
  std::optional<LineAmounts> Total() const;

 private:
  __extension__ using Wide = __int128;
  Wide subtotal_ = 0, tax_ = 0, total_ = 0;
};

}  // namespace sentra::money
