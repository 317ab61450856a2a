// Orders in a map, for OrderLogic's unit tests: what the Postgres queries
// do, minus SQL.
#pragma once

#include <algorithm>
#include <map>
#include <set>

#include "src/order_queries.h"

namespace sentra::core::testing {

class FakeOrderQueries final : public OrderQueries {
 public:
  absl::StatusOr<bool> LockClient(std::string_view client_id) override {
    return clients.contains(std::string(client_id));
  }

  absl::StatusOr<std::optional<std::string>> DealClient(std::string_view deal_id) override {
    auto it = deals.find(std::string(deal_id));
    if (it == deals.end()) return std::nullopt;
    return it->second;
  }

  absl::StatusOr<SharedFieldDefinitions> FieldDefinitions() override {
    return std::make_shared<const std::vector<v1::CustomField>>(definitions);
  }

  absl::StatusOr<StoredOrder> Insert(std::string_view id, const OrderState& values) override {
    StoredOrder& stored = orders[std::string(id)];
    stored.state = values;
    stored.state.set_order_id(std::string(id));
    stored.state.set_status("draft");
    stored.state.set_version(1);
    return stored;
  }

  absl::StatusOr<std::optional<StoredOrder>> Find(std::string_view id) override {
    auto it = orders.find(std::string(id));
    if (it == orders.end() || !clients.contains(it->second.state.client_id())) return std::nullopt;
    return it->second;
  }

  absl::StatusOr<std::optional<StoredOrder>> Lock(std::string_view id) override { return Find(id); }

  absl::StatusOr<bool> List(const OrderFilter& f, std::vector<StoredOrder>* listed) override {
    std::vector<StoredOrder>& out = *listed;
    const auto& page = f.order.page;
    for (const auto& [id, stored] : orders) {
      const OrderState& o = stored.state;
      if (!page.after_id.empty() && (f.order.newest_first ? id >= page.after_id : id <= page.after_id)) continue;
      if (!clients.contains(o.client_id())) continue;
      if (!f.status.empty() && o.status() != f.status) continue;
      if (!f.client_id.empty() && o.client_id() != f.client_id) continue;
      if (!f.deal_id.empty() && o.deal_id() != f.deal_id) continue;
      if (f.confirmed_only && !stored.confirmed_at) continue;
      out.push_back(stored);
    }
    if (f.order.newest_first) std::reverse(out.begin(), out.end());
    if (static_cast<int>(out.size()) > page.limit + 1) out.resize(static_cast<std::size_t>(page.limit + 1));
    return false;  // no byte budget here: the extra item tells
  }

  absl::StatusOr<std::optional<StoredOrder>> Update(std::string_view id, int version,
                                                    const OrderState& values) override {
    auto found = Find(id);
    if (!found.ok() || !*found || (*found)->state.version() != version || (*found)->state.status() != "draft") {
      return std::optional<StoredOrder>();
    }
    StoredOrder& stored = orders.at(std::string(id));
    const std::string status = stored.state.status();
    stored.state = values;
    stored.state.set_order_id(std::string(id));
    stored.state.set_status(status);
    stored.state.set_version(version + 1);
    return stored;
  }

  absl::StatusOr<std::optional<StoredOrder>> SetStatus(std::string_view id, int version,
                                                       std::string_view status) override {
    auto found = Find(id);
    if (!found.ok() || !*found || (*found)->state.version() != version) return std::optional<StoredOrder>();
    StoredOrder& stored = orders.at(std::string(id));
    stored.state.set_status(std::string(status));
    stored.state.set_version(version + 1);
    if (status == "confirmed") stored.confirmed_at = google::protobuf::Timestamp();
    if (status == "cancelled") stored.cancelled_at = google::protobuf::Timestamp();
    return stored;
  }

  absl::StatusOr<std::optional<StoredOrder>> ArchiveDraft(std::string_view id) override {
    auto found = Find(id);
    if (!found.ok() || !*found || (*found)->state.status() != "draft") return std::optional<StoredOrder>();
    orders.erase(std::string(id));
    return found;
  }

  std::vector<v1::CustomField> definitions;
  std::set<std::string> clients;
  std::map<std::string, std::string> deals;  // deal id → its client
  std::map<std::string, StoredOrder> orders;
};

}  // namespace sentra::core::testing
