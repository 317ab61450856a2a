#include "pg_order_queries.h"

#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/time_util.h>

#include <unordered_map>

#include "pg_custom_field_queries.h"
#include "json_columns.h"
#include "sentra/db/page_budget.h"
#include "sentra/db/query.h"

namespace sentra::core {

namespace {

using db::Query;
using google::protobuf::util::TimeUtil;

// The columns every order statement returns (`o` the order), in ReadOrder's
// order; the lines come from kLines.
#define SENTRA_ORDER_COLUMNS                                                                               \
  "o.id, o.client_id, coalesce(o.deal_id::text, ''), coalesce(o.owner_id::text, ''), o.currency, o.status, " \
  "o.subtotal_minor, o.tax_minor, o.total_minor, o.version, (extract(epoch from o.created_at) * 1000000)::bigint, " \
  "(extract(epoch from o.updated_at) * 1000000)::bigint, (extract(epoch from o.confirmed_at) * 1000000)::bigint, " \
  "(extract(epoch from o.cancelled_at) * 1000000)::bigint, o.custom_fields::text, array_to_json(o.tags)::text"
// A live order of a live client the caller sees (RLS on clients).
#define SENTRA_LIVE_ORDER                                                                                    \
  "o.org_id = $1 AND o.archived_at IS NULL AND EXISTS (SELECT 1 FROM clients cl WHERE cl.org_id = o.org_id " \
  "AND cl.id = o.client_id AND cl.archived_at IS NULL) "

std::optional<google::protobuf::Timestamp> OptionalTime(const db::Result& r, int row, int column) {
  if (r.IsNull(row, column)) return std::nullopt;
  return TimeUtil::MicrosecondsToTimestamp(r.Int(row, column));
}

void ReadOrder(const db::Result& r, int row, StoredOrder* out) {
  OrderState& o = out->state;
  o.set_order_id(r.String(row, 0));
  o.set_client_id(r.String(row, 1));
  o.set_deal_id(r.String(row, 2));
  o.set_owner_id(r.String(row, 3));
  o.set_currency(r.String(row, 4));
  o.set_status(r.String(row, 5));
  o.set_subtotal_minor(r.Int(row, 6));
  o.set_tax_minor(r.Int(row, 7));
  o.set_total_minor(r.Int(row, 8));
  o.set_version(static_cast<int>(r.Int(row, 9)));
  out->created_at = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 10));
  out->updated_at = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 11));
  out->confirmed_at = OptionalTime(r, row, 12);
  out->cancelled_at = OptionalTime(r, row, 13);
  ReadObject(r.Text(row, 14), o.mutable_custom_fields());
  ReadStringList(r.Text(row, 15), o.mutable_tags());
}

constexpr Query kLockClient{
    "core.order_lock_client",
    "SELECT 1 FROM clients WHERE org_id = $1 AND id = $2 AND archived_at IS NULL FOR SHARE"};
constexpr Query kDealClient{
    "core.order_deal_client",
    "SELECT d.client_id FROM deals d WHERE d.org_id = $1 AND d.id = $2 AND d.archived_at IS NULL AND EXISTS "
    "(SELECT 1 FROM clients cl WHERE cl.org_id = d.org_id AND cl.id = d.client_id AND cl.archived_at IS NULL) "
    "FOR SHARE OF d"};
constexpr Query kInsert{
    "core.insert_order",
    "INSERT INTO orders (org_id, id, client_id, deal_id, owner_id, currency, status, subtotal_minor, tax_minor, "
    "total_minor, custom_fields, tags) VALUES ($1, $2, $3, NULLIF($4, '')::uuid, NULLIF($5, '')::uuid, $6, 'draft', "
    "$7, $8, $9, $10::jsonb, ARRAY(SELECT jsonb_array_elements_text($11::jsonb)))"};
// $3: the lines as JSON ({"lines": [...]}, int64s as strings); one
// statement however many there are.
// The order's lines_bytes becomes what its lines take as read (kLines), so
// that a list's byte budget counts them.
constexpr Query kInsertLines{
    "core.insert_order_lines",
    "WITH inserted AS (INSERT INTO order_lines (org_id, order_id, position, description, quantity_micros, "
    "unit_price_minor, tax_rate_ten_thousandths, subtotal_minor, tax_minor, total_minor) SELECT $1, $2, e.position, "
    "e.line->>'description', (e.line->>'quantity_micros')::bigint, (e.line->>'unit_price_minor')::bigint, "
    "(e.line->>'tax_rate_ten_thousandths')::bigint, (e.line->>'subtotal_minor')::bigint, "
    "(e.line->>'tax_minor')::bigint, (e.line->>'total_minor')::bigint "
    "FROM jsonb_array_elements($3::jsonb -> 'lines') WITH ORDINALITY AS e(line, position) RETURNING listed_bytes) "
    "UPDATE orders SET lines_bytes = (SELECT coalesce(sum(listed_bytes), 0) FROM inserted) "
    "WHERE org_id = $1 AND id = $2"};
constexpr Query kDeleteLines{
    "core.delete_order_lines",
    "WITH deleted AS (DELETE FROM order_lines WHERE org_id = $1 AND order_id = $2 RETURNING 1) "
    "UPDATE orders SET lines_bytes = 0 WHERE org_id = $1 AND id = $2"};
// $2: comma-separated order ids.
constexpr Query kLines{
    "core.order_lines",
    "SELECT order_id, description, quantity_micros, unit_price_minor, tax_rate_ten_thousandths, subtotal_minor, "
    "tax_minor, total_minor FROM order_lines WHERE org_id = $1 AND order_id = ANY (string_to_array($2, ',')::uuid[]) "
    "ORDER BY order_id, position"};
constexpr Query kFind{"core.get_order",
                      "SELECT " SENTRA_ORDER_COLUMNS " FROM orders o WHERE " SENTRA_LIVE_ORDER "AND o.id = $2"};
constexpr Query kLock{"core.lock_order", "SELECT " SENTRA_ORDER_COLUMNS " FROM orders o WHERE " SENTRA_LIVE_ORDER
                                         "AND o.id = $2 FOR NO KEY UPDATE OF o"};
// $2-$4 filters ("" for any), $5 only orders ever confirmed, $6 after id, $7 limit.
#define SENTRA_ORDER_FILTERS                                                                    \
  "AND ($2 = '' OR o.status = $2) AND ($3 = '' OR o.client_id = NULLIF($3, '')::uuid) "         \
  "AND ($4 = '' OR o.deal_id = NULLIF($4, '')::uuid) AND (NOT $5 OR o.confirmed_at IS NOT NULL) "
// A page's byte budget counts each order's lines too (lines_bytes).
#define SENTRA_ORDER_PAGE(AFTER, ORDER)                                                     \
  SENTRA_SQL_PAGE(SENTRA_ORDER_COLUMNS, "o.listed_bytes + o.lines_bytes",                  \
                  "orders o WHERE " SENTRA_LIVE_ORDER SENTRA_ORDER_FILTERS AFTER, ORDER, "$7")
constexpr Query kList{"core.list_orders", SENTRA_ORDER_PAGE("AND ($6 = '' OR o.id > NULLIF($6, '')::uuid)", "o.id")};
constexpr Query kListNewest{"core.list_orders_desc",
                            SENTRA_ORDER_PAGE("AND ($6 = '' OR o.id < NULLIF($6, '')::uuid)", "o.id DESC")};
#undef SENTRA_ORDER_PAGE
#undef SENTRA_ORDER_FILTERS
constexpr Query kUpdate{
    "core.update_order",
    "UPDATE orders o SET deal_id = NULLIF($3, '')::uuid, owner_id = NULLIF($4, '')::uuid, currency = $5, "
    "subtotal_minor = $6, tax_minor = $7, total_minor = $8, custom_fields = $10::jsonb, "
    "tags = ARRAY(SELECT jsonb_array_elements_text($11::jsonb)), version = o.version + 1, "
    "updated_at = now() "
    "WHERE " SENTRA_LIVE_ORDER "AND o.id = $2 AND o.version = $9 AND o.status = 'draft' RETURNING o.id"};
constexpr Query kSetStatus{
    "core.set_order_status",
    "UPDATE orders o SET status = $3, confirmed_at = CASE WHEN $3 = 'confirmed' THEN now() ELSE o.confirmed_at END, "
    "cancelled_at = CASE WHEN $3 = 'cancelled' THEN now() ELSE o.cancelled_at END, version = o.version + 1, "
    "updated_at = now() WHERE " SENTRA_LIVE_ORDER "AND o.id = $2 AND o.version = $4 RETURNING " SENTRA_ORDER_COLUMNS};
constexpr Query kArchiveDraft{
    "core.archive_order",
    "UPDATE orders o SET archived_at = now(), version = o.version + 1, updated_at = now() "
    "WHERE " SENTRA_LIVE_ORDER "AND o.id = $2 AND o.status = 'draft' RETURNING " SENTRA_ORDER_COLUMNS};

#undef SENTRA_ORDER_COLUMNS
#undef SENTRA_LIVE_ORDER

// {"lines": [...]} with every field present and int64s as strings, as
// kInsertLines reads it.
std::string LinesJson(const OrderState& values) {
  OrderState lines_only;
  *lines_only.mutable_lines() = values.lines();
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  // Printing a message that was built in memory cannot fail.
  (void)google::protobuf::util::MessageToJsonString(lines_only, &json, options);
  return json;
}

}  // namespace

absl::StatusOr<std::vector<StoredOrder>> PgOrderQueries::WithLines(const absl::StatusOr<db::Result>& rows) {
  if (!rows.ok()) return rows.status();
  std::vector<StoredOrder> orders(static_cast<std::size_t>(rows->rows()));
  if (orders.empty()) return orders;
  std::unordered_map<std::string_view, StoredOrder*> by_id;
  std::string ids;
  for (int i = 0; i < rows->rows(); ++i) {
    StoredOrder& order = orders[static_cast<std::size_t>(i)];
    ReadOrder(*rows, i, &order);
    by_id.emplace(order.state.order_id(), &order);
    if (!ids.empty()) ids += ',';
    ids += order.state.order_id();
  }
  auto lines = tx_.Execute(kLines, tx_.org_id(), ids);
  if (!lines.ok()) return lines.status();
  for (int i = 0; i < lines->rows(); ++i) {
    const auto it = by_id.find(lines->Text(i, 0));
    if (it == by_id.end()) continue;
    auto* line = it->second->state.add_lines();
    line->set_description(lines->String(i, 1));
    line->set_quantity_micros(lines->Int(i, 2));
    line->set_unit_price_minor(lines->Int(i, 3));
    line->set_tax_rate_ten_thousandths(lines->Int(i, 4));
    line->set_subtotal_minor(lines->Int(i, 5));
    line->set_tax_minor(lines->Int(i, 6));
    line->set_total_minor(lines->Int(i, 7));
  }
  return orders;
}

absl::StatusOr<std::optional<StoredOrder>> PgOrderQueries::One(const absl::StatusOr<db::Result>& rows) {
  auto orders = WithLines(rows);
  if (!orders.ok()) return orders.status();
  if (orders->empty()) return std::nullopt;
  return std::move(orders->front());
}

absl::Status PgOrderQueries::ReplaceLines(std::string_view id, const OrderState& values) {
  if (auto r = tx_.Execute(kDeleteLines, tx_.org_id(), id); !r.ok()) return r.status();
  if (values.lines().empty()) return absl::OkStatus();
  auto r = tx_.Execute(kInsertLines, tx_.org_id(), id, LinesJson(values));
  return r.ok() ? absl::OkStatus() : r.status();
}

absl::StatusOr<bool> PgOrderQueries::LockClient(std::string_view client_id) {
  auto rows = tx_.Execute(kLockClient, tx_.org_id(), client_id);
  if (!rows.ok()) return rows.status();
  return rows->rows() > 0;
}

absl::StatusOr<std::optional<std::string>> PgOrderQueries::DealClient(std::string_view deal_id) {
  auto rows = tx_.Execute(kDealClient, tx_.org_id(), deal_id);
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::nullopt;
  return rows->String(0, 0);
}

absl::StatusOr<SharedFieldDefinitions> PgOrderQueries::FieldDefinitions() {
  return LoadFieldDefinitions(tx_, "order");
}

absl::StatusOr<StoredOrder> PgOrderQueries::Insert(std::string_view id, const OrderState& v) {
  if (auto r = tx_.Execute(kInsert, tx_.org_id(), id, v.client_id(), v.deal_id(), v.owner_id(), v.currency(),
                           v.subtotal_minor(), v.tax_minor(), v.total_minor(), ObjectJson(v.custom_fields()),
                           StringListJson(v.tags()));
      !r.ok()) {
    return r.status();
  }
  if (auto s = ReplaceLines(id, v); !s.ok()) return s;
  auto stored = Find(id);
  if (!stored.ok()) return stored.status();
  if (!*stored) return absl::InternalError("an order just stored is not found");
  return **std::move(stored);
}

absl::StatusOr<std::optional<StoredOrder>> PgOrderQueries::Find(std::string_view id) {
  return One(tx_.Execute(kFind, tx_.org_id(), id));
}

absl::StatusOr<std::optional<StoredOrder>> PgOrderQueries::Lock(std::string_view id) {
  return One(tx_.Execute(kLock, tx_.org_id(), id));
}

absl::StatusOr<bool> PgOrderQueries::List(const OrderFilter& f, std::vector<StoredOrder>* out) {
  auto rows = tx_.Execute(f.order.newest_first ? kListNewest : kList, tx_.org_id(), f.status, f.client_id,
                          f.deal_id, f.confirmed_only, f.order.page.after_id, f.order.page.limit + 1);
  if (!rows.ok()) return rows.status();
  auto orders = WithLines(rows);
  if (!orders.ok()) return orders.status();
  *out = *std::move(orders);
  return db::MoreAfter(*rows);
}

absl::StatusOr<std::optional<StoredOrder>> PgOrderQueries::Update(std::string_view id, int version,
                                                                  const OrderState& v) {
  auto updated = tx_.Execute(kUpdate, tx_.org_id(), id, v.deal_id(), v.owner_id(), v.currency(), v.subtotal_minor(),
                             v.tax_minor(), v.total_minor(), version, ObjectJson(v.custom_fields()),
                             StringListJson(v.tags()));
  if (!updated.ok()) return updated.status();
  if (updated->rows() == 0) return std::nullopt;
  if (auto s = ReplaceLines(id, v); !s.ok()) return s;
  return Find(id);
}

absl::StatusOr<std::optional<StoredOrder>> PgOrderQueries::SetStatus(std::string_view id, int version,
                                                                     std::string_view status) {
  return One(tx_.Execute(kSetStatus, tx_.org_id(), id, status, version));
}

absl::StatusOr<std::optional<StoredOrder>> PgOrderQueries::ArchiveDraft(std::string_view id) {
  return One(tx_.Execute(kArchiveDraft, tx_.org_id(), id));
}

}  // namespace sentra::core
