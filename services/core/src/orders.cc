#include "orders.h"

#include <algorithm>

#include "custom_field_rules.h"
#include "field_checks.h"
#include "fmt/format.h"
#include "order_pricing.h"
#include "tag_rules.h"
#include "portal_access.h"
#include "sentra/errors/errors.h"
#include "sentra/ids/uuid.h"
#include "sentra/money/amounts.h"
#include "sentra/service/patch_fields.h"
#include "sentra/service/versioned_write.h"

namespace sentra::core {

namespace {

using errors::FieldError;

constexpr std::string_view kList = "orders";
constexpr std::string_view kPortalList = "portal_orders";
constexpr char kCurrencyProblem[] = "must be an ISO 4217 currency code, such as USD";

// The stored order as the API shows it: amounts in its currency's digits.
v1::Order Shown(const StoredOrder& stored) {
  const OrderState& s = stored.state;
  // Stored currencies were checked on the way in; show minor units as
  // they are should the ISO list ever drop one.
  const money::Currency currency = money::FindCurrency(s.currency()).value_or(money::Currency{s.currency(), 0});
  v1::Order order;
  order.set_id(s.order_id());
  order.set_client_id(s.client_id());
  order.set_deal_id(s.deal_id());
  order.set_currency(s.currency());
  order.set_status(s.status());
  for (const auto& line : s.lines()) *order.add_lines() = ShowLine(line, currency);
  *order.mutable_tags() = s.tags();
  order.set_subtotal(money::FormatAmount(s.subtotal_minor(), currency));
  order.set_tax(money::FormatAmount(s.tax_minor(), currency));
  order.set_total(money::FormatAmount(s.total_minor(), currency));
  order.set_owner_id(s.owner_id());
  order.set_version(s.version());
  *order.mutable_created_at() = stored.created_at;
  *order.mutable_updated_at() = stored.updated_at;
  if (stored.confirmed_at) *order.mutable_confirmed_at() = *stored.confirmed_at;
  if (stored.cancelled_at) *order.mutable_cancelled_at() = *stored.cancelled_at;
  *order.mutable_custom_fields() = s.custom_fields();
  return order;
}

// An order as the client's own portal members see it: without the agency's
// internal links and notes (its owner, the deal in its pipeline, its custom fields).
v1::Order ForPortal(v1::Order order) {
  order.clear_owner_id();
  order.clear_deal_id();
  order.clear_custom_fields();
  order.clear_tags();
  return order;
}

absl::Status Emit(bus::EventSink& events, std::string_view type, const StoredOrder& order,
                  std::vector<std::string> changed = {}) {
  OrderState event = order.state;
  for (auto& f : changed) event.add_changed_fields(std::move(f));
  return events.Emit(type, "order", order.state.order_id(), event);
}

// A deal to link: one the caller sees, of the order's client.
absl::Status CheckDeal(OrderQueries& orders, const std::string& deal_id, const std::string& client_id) {
  if (deal_id.empty()) return absl::OkStatus();
  auto deal_client = orders.DealClient(deal_id);
  if (!deal_client.ok()) return deal_client.status();
  if (!*deal_client) return errors::Validation("deal_id", "is not a deal here");
  if (**deal_client != client_id) return errors::Validation("deal_id", "is a deal of another client");
  return absl::OkStatus();
}

// After a write that matched nothing although the order was locked: its
// client went (archived, or out of sight) while this one waited.
absl::Status GoneOrStale(OrderQueries& orders, const std::string& id) {
  return service::GoneOrStale(orders.Find(id), "order");
}

// The statuses an order may move to `to` from, and the verb for messages.
struct StatusMove {
  std::string_view to;
  std::vector<std::string_view> from;
  std::string_view verb;
};

const StatusMove* FindMove(std::string_view to) {
  static const StatusMove kMoves[] = {{"confirmed", {"draft"}, "confirmed"},
                                {"fulfilled", {"confirmed"}, "fulfilled"},
                                {"cancelled", {"draft", "confirmed"}, "cancelled"}};
  for (const StatusMove& m : kMoves) {
    if (m.to == to) return &m;
  }
  return nullptr;
}

}  // namespace

absl::Status OrderLogic::Create(const service::CallContext& call, v1::CreateOrderRequest r, v1::Order* out) {
  std::vector<FieldError> problems;
  const auto client = ids::NormalizeUuid(r.client_id());
  if (!client) problems.push_back({"client_id", "must be a client id"});
  CheckId(r.mutable_deal_id(), "deal_id", "a deal id", problems);
  CheckId(r.mutable_owner_id(), "owner_id", "a user id", problems);
  CheckTags(r.mutable_tags(), problems);
  OrderState values;
  const auto currency = money::FindCurrency(r.currency());
  if (!currency) problems.push_back({"currency", kCurrencyProblem});
  else PriceOrderLines(r.lines(), *currency, &values, problems);
  if (!problems.empty()) return errors::Validation(std::move(problems));
  if (auto s = references_.Check(call, r.owner_id(), ""); !s.ok()) return s;
  values.set_client_id(*client);
  values.set_deal_id(r.deal_id());
  values.set_owner_id(r.owner_id().empty() ? call.user_id : r.owner_id());
  values.set_currency(r.currency());
  values.set_status("draft");
  *values.mutable_tags() = r.tags();
  return orders_.Write([&](OrderQueries& orders, bus::EventSink& events) -> absl::Status {
    auto visible = orders.LockClient(values.client_id());
    if (!visible.ok()) return visible.status();
    if (!*visible) return errors::Validation("client_id", "is not a client here");
    if (auto s = CheckDeal(orders, values.deal_id(), values.client_id()); !s.ok()) return s;
    auto definitions = orders.FieldDefinitions();
    if (!definitions.ok()) return definitions.status();
    if (auto s = CheckCustomFields("order", **definitions, r.custom_fields(), nullptr, values.mutable_custom_fields());
        !s.ok()) {
      return s;
    }
    auto created = orders.Insert(ids::NewUuidV7(), values);
    if (!created.ok()) return created.status();
    if (auto s = Emit(events, "order.created", *created); !s.ok()) return s;
    *out = Shown(*created);
    return absl::OkStatus();
  });
}

absl::Status OrderLogic::Get(const service::CallContext&, std::string_view id, v1::Order* out) {
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be an order id");
  return orders_.Read([&](OrderQueries& orders) -> absl::Status {
    auto found = orders.Find(*canonical);
    if (!found.ok()) return found.status();
    if (!*found) return errors::NotFound("order");
    *out = Shown(**found);
    return absl::OkStatus();
  });
}

absl::Status OrderLogic::List(const service::CallContext&, const v1::ListOrdersRequest& request,
                              v1::ListOrdersResponse* out) {
  auto order = service::ParseIdOrder(kList, request);
  if (!order.ok()) return order.status();
  std::vector<FieldError> problems;
  OrderFilter filter{.status = request.status(), .order = *order};
  const std::string& status = request.status();
  if (!status.empty() && status != "draft" && status != "confirmed" && status != "fulfilled" &&
      status != "cancelled") {
    problems.push_back({"status", "must be draft, confirmed, fulfilled or cancelled"});
  }
  filter.client_id = request.client_id();
  filter.deal_id = request.deal_id();
  CheckId(&filter.client_id, "client_id", "a client id", problems);
  CheckId(&filter.deal_id, "deal_id", "a deal id", problems);
  if (!problems.empty()) return errors::Validation(std::move(problems));
  return orders_.Read([&](OrderQueries& orders) -> absl::Status {
    out->Clear();
    std::vector<StoredOrder> found;
    auto more = orders.List(filter, &found);
    if (!more.ok()) return more.status();
    for (const auto& order : found) *out->add_data() = Shown(order);
    service::FinishIdOrderPage(filter.order, kList, *more, out);
    return absl::OkStatus();
  });
}

absl::Status OrderLogic::Update(const service::CallContext& call, v1::UpdateOrderRequest r, v1::Order* out) {
  const auto id = ids::NormalizeUuid(r.id());
  if (!id) return errors::Validation("id", "must be an order id");
  const bool new_lines = service::BodyHas(r, "lines");
  std::vector<FieldError> problems;
  if (r.has_deal_id()) CheckId(r.mutable_deal_id(), "deal_id", "a deal id", problems);
  if (r.has_owner_id()) CheckId(r.mutable_owner_id(), "owner_id", "a user id", problems);
  if (r.has_currency() && !money::FindCurrency(r.currency())) problems.push_back({"currency", kCurrencyProblem});
  if (r.has_version() && r.version() < 1) problems.push_back({"version", "must be a positive integer"});
  const bool new_tags = service::BodyHas(r, "tags");
  if (new_tags) CheckTags(r.mutable_tags(), problems);
  if (!problems.empty()) return errors::Validation(std::move(problems));
  if (r.has_owner_id()) {
    if (auto s = references_.Check(call, r.owner_id(), ""); !s.ok()) return s;
  }
  return orders_.Write([&](OrderQueries& orders, bus::EventSink& events) -> absl::Status {
    auto current = service::AtVersion(orders.Lock(*id), "order", service::RequestedVersion(r),
                                      [](const auto& order) { return order.state.version(); });
    if (!current.ok()) return current.status();
    const OrderState& was = current->state;
    const int version = was.version();
    if (was.status() != "draft") {
      return errors::Conflict("status", fmt::format("is {}: only a draft order is edited", was.status()));
    }
    OrderState values = was;
    // The lines' prices are in the currency: a new one needs them again.
    if (r.has_currency() && r.currency() != was.currency() && !new_lines) {
      return errors::Validation("lines", "are required with a new currency: the lines priced in it");
    }
    if (r.has_currency()) values.set_currency(r.currency());
    if (new_lines) {
      auto currency = money::ParseCurrency(values.currency(), "currency");
      if (!currency.ok()) return currency.status();
      std::vector<FieldError> bad;
      PriceOrderLines(r.lines(), *currency, &values, bad);
      if (!bad.empty()) return errors::Validation(std::move(bad));
    }
    if (r.has_deal_id() && r.deal_id() != was.deal_id()) {
      values.set_deal_id(r.deal_id());
      if (auto s = CheckDeal(orders, values.deal_id(), values.client_id()); !s.ok()) return s;
    }
    if (r.has_owner_id()) values.set_owner_id(r.owner_id().empty() ? call.user_id : r.owner_id());
    if (r.has_custom_fields()) {
      auto definitions = orders.FieldDefinitions();
      if (!definitions.ok()) return definitions.status();
      if (auto s = CheckCustomFields("order", **definitions, r.custom_fields(), &was.custom_fields(),
                                     values.mutable_custom_fields());
          !s.ok()) {
        return s;
      }
    }
    std::vector<std::string> changed = service::FieldsSet(r, {"deal_id", "currency", "owner_id", "custom_fields"});
    if (new_lines) changed.push_back("lines");
    if (new_tags) {
      *values.mutable_tags() = r.tags();
      changed.push_back("tags");
    }
    if (changed.empty()) {  // nothing to write: no new version, no event
      *out = Shown(*current);
      return absl::OkStatus();
    }
    auto updated = orders.Update(*id, version, values);
    if (!updated.ok()) return updated.status();
    if (!*updated) return GoneOrStale(orders, *id);
    if (auto s = Emit(events, "order.updated", **updated, std::move(changed)); !s.ok()) return s;
    *out = Shown(**updated);
    return absl::OkStatus();
  });
}

absl::Status OrderLogic::Delete(const service::CallContext&, std::string_view id) {
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be an order id");
  return orders_.Write([&](OrderQueries& orders, bus::EventSink& events) -> absl::Status {
    auto archived = orders.ArchiveDraft(*canonical);
    if (!archived.ok()) return archived.status();
    if (!*archived) {
      auto found = orders.Find(*canonical);
      if (!found.ok()) return found.status();
      if (!*found) return errors::NotFound("order");
      return errors::Conflict("status", fmt::format("is {}: only a draft order is deleted, a confirmed one "
                                                    "is cancelled",
                                                    (*found)->state.status()));
    }
    return Emit(events, "order.deleted", **archived);
  });
}

absl::Status OrderLogic::Confirm(const service::CallContext& call, const v1::OrderTransitionRequest& request,
                                 v1::Order* out) {
  return Move(call, request, "confirmed", out);
}

absl::Status OrderLogic::Fulfill(const service::CallContext& call, const v1::OrderTransitionRequest& request,
                                 v1::Order* out) {
  return Move(call, request, "fulfilled", out);
}

absl::Status OrderLogic::Cancel(const service::CallContext& call, const v1::OrderTransitionRequest& request,
                                v1::Order* out) {
  return Move(call, request, "cancelled", out);
}

absl::Status OrderLogic::Move(const service::CallContext&, const v1::OrderTransitionRequest& r, std::string_view to,
                              v1::Order* out) {
  const auto id = ids::NormalizeUuid(r.id());
  if (!id) return errors::Validation("id", "must be an order id");
  if (r.has_version() && r.version() < 1) return errors::Validation("version", "must be a positive integer");
  const StatusMove* move = FindMove(to);
  return orders_.Write([&](OrderQueries& orders, bus::EventSink& events) -> absl::Status {
    auto current = service::AtVersion(orders.Lock(*id), "order", service::RequestedVersion(r),
                                      [](const auto& order) { return order.state.version(); });
    if (!current.ok()) return current.status();
    const OrderState& was = current->state;
    const int version = was.version();
    if (std::find(move->from.begin(), move->from.end(), was.status()) == move->from.end()) {
      return errors::Conflict("status", fmt::format("is {}: only a {} order is {}", was.status(),
                                                    fmt::join(move->from, " or "), move->verb));
    }
    if (to == "confirmed" && was.lines().empty()) {
      return errors::Validation("lines", "must have at least one line to confirm the order");
    }
    auto moved = orders.SetStatus(*id, version, to);
    if (!moved.ok()) return moved.status();
    if (!*moved) return GoneOrStale(orders, *id);
    if (auto s = Emit(events, fmt::format("order.{}", to), **moved); !s.ok()) return s;
    *out = Shown(**moved);
    return absl::OkStatus();
  });
}

absl::Status OrderLogic::ListPortal(const service::CallContext& call, const v1::ListPortalOrdersRequest& request,
                                    v1::ListOrdersResponse* out) {
  if (auto s = PortalOnly(call); !s.ok()) return s;
  auto order = service::ParseIdOrder(kPortalList, request);
  if (!order.ok()) return order.status();
  const OrderFilter filter{.client_id = call.client_id, .confirmed_only = true, .order = *order};
  return orders_.Read([&](OrderQueries& orders) -> absl::Status {
    out->Clear();
    std::vector<StoredOrder> found;
    auto more = orders.List(filter, &found);
    if (!more.ok()) return more.status();
    for (const auto& order : found) *out->add_data() = ForPortal(Shown(order));
    service::FinishIdOrderPage(filter.order, kPortalList, *more, out);
    return absl::OkStatus();
  });
}

absl::Status OrderLogic::GetPortal(const service::CallContext& call, std::string_view id, v1::Order* out) {
  if (auto s = PortalOnly(call); !s.ok()) return s;
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be an order id");
  return orders_.Read([&](OrderQueries& orders) -> absl::Status {
    auto found = orders.Find(*canonical);
    if (!found.ok()) return found.status();
    // Another client's order, or one never confirmed, is not there for this member.
    if (!*found || (*found)->state.client_id() != call.client_id || !(*found)->confirmed_at) {
      return errors::NotFound("order");
    }
    *out = ForPortal(Shown(**found));
    return absl::OkStatus();
  });
}

}  // namespace sentra::core
