#include "sentra/money/amounts.h"

#include <array>
#include <limits>

#include "sentra/money/decimal.h"

namespace sentra::money {

namespace {

// 128 bits hold the product of any two int64s exactly (GCC and Clang).
__extension__ using Wide = __int128;

constexpr std::array<std::int64_t, kMaxScale + 1> kPowersOfTen = [] {
  std::array<std::int64_t, kMaxScale + 1> powers{};
  powers[0] = 1;
  for (std::size_t i = 1; i < powers.size(); ++i) powers[i] = powers[i - 1] * 10;
  return powers;
}();

bool FitsInt64(Wide value) {
  return value >= std::numeric_limits<std::int64_t>::min() && value <= std::numeric_limits<std::int64_t>::max();
}

}  // namespace

absl::StatusOr<std::int64_t> ParseAmount(std::string_view text, Currency currency, std::string_view field) {
  return ParseDecimal(text, currency.exponent, field);
}

std::string FormatAmount(std::int64_t minor, Currency currency) {
  return FormatDecimal(minor, currency.exponent, currency.exponent);
}

std::optional<std::string> FormatAmountText(std::string_view minor, Currency currency) {
  const bool negative = minor.starts_with('-');
  std::string_view digits = negative ? minor.substr(1) : minor;
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  const auto exponent = static_cast<std::size_t>(currency.exponent);
  std::string padded(exponent + 1 > digits.size() ? exponent + 1 - digits.size() : 0, '0');
  padded.append(digits);
  std::string text = (negative && digits != "0") ? "-" : "";
  text.append(padded, 0, padded.size() - exponent);
  if (exponent > 0) text.append(".").append(padded, padded.size() - exponent, exponent);
  return text;
}

std::optional<std::int64_t> MultiplyScaled(std::int64_t a, std::int64_t b, int shift) {
  if (shift < 0 || shift > kMaxScale) return std::nullopt;
  const Wide product = static_cast<Wide>(a) * b;
  const Wide divisor = kPowersOfTen[static_cast<std::size_t>(shift)];
  Wide quotient = product / divisor;  // truncates toward zero
  const Wide remainder = product % divisor;  // has the product's sign
  const Wide twice = remainder < 0 ? -2 * remainder : 2 * remainder;
  if (twice >= divisor) quotient += product < 0 ? -1 : 1;
  if (!FitsInt64(quotient)) return std::nullopt;
  return static_cast<std::int64_t>(quotient);
}

std::optional<std::int64_t> CheckedAdd(std::int64_t a, std::int64_t b) {
  std::int64_t sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) return std::nullopt;
  return sum;
}

std::optional<LineAmounts> PriceLine(std::int64_t quantity, std::int64_t unit_price, std::int64_t tax_rate) {
  const auto subtotal = MultiplyScaled(quantity, unit_price, kQuantityScale);
  if (!subtotal) return std::nullopt;
  // rate is a percentage at kRateScale: ÷ 100 ÷ 10^kRateScale.
  const auto tax = MultiplyScaled(*subtotal, tax_rate, kRateScale + 2);
  if (!tax) return std::nullopt;
  const auto total = CheckedAdd(*subtotal, *tax);
  if (!total) return std::nullopt;
  return LineAmounts{.subtotal = *subtotal, .tax = *tax, .total = *total};
}

void LineSums::Add(const LineAmounts& line) {
  subtotal_ += line.subtotal;
  tax_ += line.tax;
  total_ += line.total;
}

std::optional<LineAmounts> LineSums::Total() const {
  if (!FitsInt64(subtotal_) || !FitsInt64(tax_) || !FitsInt64(total_)) return std::nullopt;
  return LineAmounts{.subtotal = static_cast<std::int64_t>(subtotal_),
                     .tax = static_cast<std::int64_t>(tax_),
                     .total = static_cast<std::int64_t>(total_)};
}

}  // namespace sentra::money
