// ISO 4217 currencies and the exponent of their minor unit: JPY 0 (amounts
// are whole yen), USD 2 (cents), KWD 3 (fils). Amounts are stored as
// integers in that minor unit.
#pragma once

#include <optional>
#include <string_view>

#include "absl/status/statusor.h"

namespace sentra::money {

struct Currency {
  std::string_view code;  // "USD"
  int exponent = 2;       // digits after the decimal point

  bool operator==(const Currency&) const = default;
};

// The active ISO 4217 currency with this alphabetic code (upper case, as
// the standard spells it); nothing for an unknown code or for units without
// a minor unit (gold, SDR, test codes).
std::optional<Currency> FindCurrency(std::string_view code);

// FindCurrency, or VALIDATION_ERROR naming `field`.
absl::StatusOr<Currency> ParseCurrency(std::string_view code, std::string_view field);

}  // namespace sentra::money
