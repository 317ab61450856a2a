#include "order_pricing.h"

#include "fmt/format.h"
#include "field_checks.h"
#include "sentra/money/amounts.h"
#include "sentra/money/decimal.h"

namespace sentra::core {

namespace {

using errors::FieldError;

constexpr std::int64_t kHundredPercent = 100 * 10'000;  // at money::kRateScale

// Parses `text` into `out`, or names what is wrong with `field`.
bool Parse(const absl::StatusOr<std::int64_t>& parsed, std::int64_t* out, std::vector<FieldError>& problems) {
  if (!parsed.ok()) {
    for (auto& f : errors::FieldErrors(parsed.status())) problems.push_back(std::move(f));
    return false;
  }
  *out = *parsed;
  return true;
}

}  // namespace

void PriceOrderLines(const google::protobuf::RepeatedPtrField<v1::OrderLine>& lines, const money::Currency& currency,
                     OrderState* into, std::vector<FieldError>& problems) {
  into->clear_lines();
  if (lines.size() > kMaxOrderLines) {
    problems.push_back({"lines", fmt::format("must have at most {} lines", kMaxOrderLines)});
    return;
  }
  money::LineSums sums;
  for (int i = 0; i < lines.size(); ++i) {
    const v1::OrderLine& line = lines[i];
    const std::string at = fmt::format("lines[{}].", i);
    const std::size_t problems_before = problems.size();
    std::string description = line.description();
    CheckRequiredLines(&description, at + "description", 1000, problems);
    std::int64_t quantity = 0, unit_price = 0, tax_rate = 0;
    if (Parse(money::ParseDecimal(line.quantity().empty() ? "1" : line.quantity(), money::kQuantityScale,
                                  at + "quantity", money::Sign::kNonNegative),
              &quantity, problems) &&
        quantity == 0) {
      problems.push_back({at + "quantity", "must be more than zero"});
    }
    if (line.unit_price().empty()) problems.push_back({at + "unit_price", "is required"});
    else Parse(money::ParseAmount(line.unit_price(), currency, at + "unit_price"), &unit_price, problems);
    if (Parse(money::ParseDecimal(line.tax_rate().empty() ? "0" : line.tax_rate(), money::kRateScale,
                                  at + "tax_rate", money::Sign::kNonNegative),
              &tax_rate, problems) &&
        tax_rate > kHundredPercent) {
      problems.push_back({at + "tax_rate", "must be a percentage from 0 to 100"});
    }
    if (problems.size() != problems_before) continue;
    const auto priced = money::PriceLine(quantity, unit_price, tax_rate);
    if (!priced) {
      problems.push_back({at + "unit_price", "makes the line too large to price"});
      continue;
    }
    sums.Add(*priced);
    auto* stored = into->add_lines();
    stored->set_description(description);
    stored->set_quantity_micros(quantity);
    stored->set_unit_price_minor(unit_price);
    stored->set_tax_rate_ten_thousandths(tax_rate);
    stored->set_subtotal_minor(priced->subtotal);
    stored->set_tax_minor(priced->tax);
    stored->set_total_minor(priced->total);
  }
  const auto sum = sums.Total();
  if (!sum) {
    problems.push_back({"lines", "add up to more than can be priced"});
    return;
  }
  if (sum->total < 0) problems.push_back({"lines", "must not total less than zero"});
  into->set_subtotal_minor(sum->subtotal);
  into->set_tax_minor(sum->tax);
  into->set_total_minor(sum->total);
}

v1::OrderLine ShowLine(const events::v1::OrderLineAmounts& line, const money::Currency& currency) {
  v1::OrderLine shown;
  shown.set_description(line.description());
  shown.set_quantity(money::FormatDecimal(line.quantity_micros(), money::kQuantityScale, 0));
  shown.set_unit_price(money::FormatAmount(line.unit_price_minor(), currency));
  shown.set_tax_rate(money::FormatDecimal(line.tax_rate_ten_thousandths(), money::kRateScale, 0));
  shown.set_subtotal(money::FormatAmount(line.subtotal_minor(), currency));
  shown.set_tax(money::FormatAmount(line.tax_minor(), currency));
  shown.set_total(money::FormatAmount(line.total_minor(), currency));
  return shown;
}

}  // namespace sentra::core
