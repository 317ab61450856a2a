#include "sentra/money/decimal.h"

#include <algorithm>
#include <limits>

#include "sentra/errors/errors.h"

namespace sentra::money {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

absl::StatusOr<std::int64_t> ParseDecimal(std::string_view text, int scale, std::string_view field, Sign sign) {
  if (scale < 0 || scale > kMaxScale) return absl::InvalidArgumentError("scale out of range");
  const auto malformed = [&] {
    return errors::Validation(field, scale == 0 ? "must be a whole number, such as \"10\""
                                                : "must be a decimal number with at most " + std::to_string(scale) +
                                                      " digits after the point, such as \"10.5\"");
  };
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  const auto point = text.find('.');
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction = point == std::string_view::npos ? std::string_view() : text.substr(point + 1);
  if (whole.empty() || (point != std::string_view::npos && fraction.empty())) return malformed();
  if (static_cast<int>(fraction.size()) > scale) return malformed();
  for (char c : whole) {
    if (!IsDigit(c)) return malformed();
  }
  for (char c : fraction) {
    if (!IsDigit(c)) return malformed();
  }

  // Accumulated as a magnitude in unsigned arithmetic, which cannot wrap
  // unnoticed: each step checks the room left before it multiplies. A
  // negative number may be one larger: INT64_MIN's magnitude.
  const std::uint64_t kLimit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + (negative ? 1 : 0);
  std::uint64_t magnitude = 0;
  const auto push = [&](int digit) {
    if (magnitude > (kLimit - static_cast<std::uint64_t>(digit)) / 10) return false;
    magnitude = magnitude * 10 + static_cast<std::uint64_t>(digit);
    return true;
  };
  bool fits = true;
  for (char c : whole) fits = fits && push(c - '0');
  for (char c : fraction) fits = fits && push(c - '0');
  for (int i = static_cast<int>(fraction.size()); i < scale; ++i) fits = fits && push(0);
  if (!fits) return errors::Validation(field, "is too large");
  if (negative && magnitude != 0 && sign == Sign::kNonNegative) return errors::Validation(field, "must not be negative");
  // Negated in unsigned arithmetic (two's complement), where INT64_MIN's
  // magnitude does not overflow.
  return static_cast<std::int64_t>(negative ? ~magnitude + 1 : magnitude);
}

std::string FormatDecimal(std::int64_t value, int scale, int min_fraction_digits) {
  scale = std::clamp(scale, 0, kMaxScale);
  min_fraction_digits = std::clamp(min_fraction_digits, 0, scale);
  // The magnitude as unsigned: -INT64_MIN does not fit an int64.
  const std::uint64_t magnitude =
      value < 0 ? ~static_cast<std::uint64_t>(value) + 1 : static_cast<std::uint64_t>(value);
  std::string digits = std::to_string(magnitude);
  if (static_cast<int>(digits.size()) <= scale) digits.insert(0, static_cast<std::size_t>(scale) + 1 - digits.size(), '0');
  std::string whole = digits.substr(0, digits.size() - static_cast<std::size_t>(scale));
  std::string fraction = digits.substr(digits.size() - static_cast<std::size_t>(scale));
  while (static_cast<int>(fraction.size()) > min_fraction_digits && fraction.back() == '0') fraction.pop_back();
  std::string out;
  out.reserve(whole.size() + fraction.size() + 2);
  if (value < 0) out += '-';
  out += whole;
  if (!fraction.empty()) {
    out += '.';
    out += fraction;
  }
  return out;
}

}  // namespace sentra::money
