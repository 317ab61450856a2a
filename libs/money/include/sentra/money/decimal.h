// Decimal strings ↔ integers scaled by a power of ten, exactly: "12.5" at
// scale 2 is 1250. No floating point anywhere, so "0.1" is one tenth.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace sentra::money {

inline constexpr int kMaxScale = 18;

enum class Sign { kAny, kNonNegative };

// Parses an optional '-', one or more digits and, optionally, '.' and one to
// `scale` digits ("10", "10.5", "-0.25"; not "+1", ".5", "1.", "1e3" or " 1").
// More fraction digits than `scale` is an error, never a silent rounding.
// VALIDATION_ERROR naming `field` when malformed, negative where `sign`
// forbids it, or beyond the int64 range. `scale` is 0 to kMaxScale.
absl::StatusOr<std::int64_t> ParseDecimal(std::string_view text, int scale, std::string_view field,
                                          Sign sign = Sign::kAny);

// `value` ÷ 10^scale as a decimal string with at least `min_fraction_digits`
// fraction digits and no trailing zeros beyond them: (1250, 2, 2) → "12.50",
// (1250, 2, 0) → "12.5", (1200, 2, 0) → "12". `scale` is 0 to kMaxScale,
// `min_fraction_digits` at most `scale`.
std::string FormatDecimal(std::int64_t value, int scale, int min_fraction_digits);

}  // namespace sentra::money
