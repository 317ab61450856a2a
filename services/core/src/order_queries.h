// Where orders are stored: the queries the order logic needs. An order is
// seen through its live client, like a deal; its lines come with it, in
// order. No SQL here: the PostgreSQL implementation is pg_order_queries.h.
#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "field_definition_cache.h"
#include "sentra/core/v1/custom_fields.pb.h"
#include "sentra/events/v1/order.pb.h"
#include "sentra/service/paging.h"

namespace sentra::core {

// An order's values as stored, and as its events carry them: amounts in
// minor units, quantities in millionths, tax rates in ten-thousandths of a
// percent. Only the logic, knowing the currency, shows them as decimals.
using OrderState = events::v1::OrderChanged;

struct StoredOrder {
  OrderState state;  // changed_fields empty
  google::protobuf::Timestamp created_at, updated_at;
  std::optional<google::protobuf::Timestamp> confirmed_at, cancelled_at;
};

struct OrderFilter {
  std::string status, client_id, deal_id;  // canonical; "" for any
  bool confirmed_only = false;             // the client portal's view: orders ever confirmed
  service::IdOrder order;
};

class OrderQueries {
 public:
  virtual ~OrderQueries() = default;
  // Whether the caller sees this live client, share-locked for the rest of
  // the write so that it cannot be archived or leave the caller's brands
  // while an order is added to it.
  virtual absl::StatusOr<bool> LockClient(std::string_view client_id) = 0;
  // The client of a live deal the caller sees, or nothing; the deal is
  // share-locked for the rest of the write, so it cannot go meanwhile.
  virtual absl::StatusOr<std::optional<std::string>> DealClient(std::string_view deal_id) = 0;

  // The order custom fields' definitions, share-locked for the write.
  virtual absl::StatusOr<SharedFieldDefinitions> FieldDefinitions() = 0;
  // Stores `values` (order_id and version ignored) as a draft with its lines.
  virtual absl::StatusOr<StoredOrder> Insert(std::string_view id, const OrderState& values) = 0;
  virtual absl::StatusOr<std::optional<StoredOrder>> Find(std::string_view id) = 0;
  // Find, the order locked for the rest of the write: changes of one order
  // take turns, so only a version the caller sent can be stale.
  virtual absl::StatusOr<std::optional<StoredOrder>> Lock(std::string_view id) = 0;
  // Up to page.limit + 1 orders with their lines in the filter's id order
  // after the page's position, into `out`, fewer when they pass the page's
  // byte budget (lines included); whether more follow the last one read
  // (service::FinishPage).
  virtual absl::StatusOr<bool> List(const OrderFilter& filter, std::vector<StoredOrder>* out) = 0;
  // Writes the deal, owner, currency, lines, totals and custom fields of `values` and bumps
  // the version; nothing when no visible order has the id at `version`.
  virtual absl::StatusOr<std::optional<StoredOrder>> Update(std::string_view id, int version,
                                                            const OrderState& values) = 0;
  // Moves the order to `status` (stamping confirmed_at or cancelled_at) and
  // bumps the version; nothing when no visible order has the id at `version`.
  virtual absl::StatusOr<std::optional<StoredOrder>> SetStatus(std::string_view id, int version,
                                                               std::string_view status) = 0;
  // Soft-deletes a draft; nothing when no visible draft has the id.
  virtual absl::StatusOr<std::optional<StoredOrder>> ArchiveDraft(std::string_view id) = 0;
};

}  // namespace sentra::core
