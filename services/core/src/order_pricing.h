// An order's lines checked and priced exactly in its currency (libs/money:
// quantity × unit price, tax per line rounded half-up, totals the sums of
// the lines), and shown back as decimal strings. Invoices price their
// lines by the same arithmetic.
#pragma once

#include <google/protobuf/repeated_ptr_field.h>

#include <vector>

#include "order_queries.h"
#include "sentra/core/v1/orders.pb.h"
#include "sentra/errors/errors.h"
#include "sentra/money/currency.h"

namespace sentra::core {

inline constexpr int kMaxOrderLines = 200;

// `lines` in `currency` into `into`'s lines and totals; what is wrong goes to
// `problems`, each naming its line ("lines[2].quantity"). A description is
// required and may span lines; quantity defaults to 1 and must be positive;
// unit_price is required and negative only for a discount; tax_rate is a
// percentage from 0 to 100 (default 0). The order may not total below zero.
void PriceOrderLines(const google::protobuf::RepeatedPtrField<v1::OrderLine>& lines, const money::Currency& currency,
                     OrderState* into, std::vector<errors::FieldError>& problems);

// A stored line as the API shows it.
v1::OrderLine ShowLine(const events::v1::OrderLineAmounts& line, const money::Currency& currency);

}  // namespace sentra::core
