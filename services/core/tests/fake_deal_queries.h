// Deals in a map and one pipeline of stages, for DealLogic's unit tests:
// what the Postgres queries do, minus SQL.
#pragma once

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "src/deal_queries.h"

namespace sentra::core::testing {

class FakeDealQueries final : public DealQueries {
 public:
  absl::StatusOr<bool> LockClient(std::string_view client_id) override {
    return clients.contains(std::string(client_id));
  }

  absl::StatusOr<std::optional<StageRef>> FindStage(std::string_view stage_id) override {
    for (const auto& s : stages) {
      if (s.id == stage_id) return s;
    }
    return std::nullopt;
  }

  absl::StatusOr<std::optional<StageRef>> FirstStage(std::string_view pipeline_id) override {
    const std::string wanted = pipeline_id.empty() ? default_pipeline : std::string(pipeline_id);
    for (const auto& s : stages) {  // in position order
      if (s.pipeline_id == wanted) return s;
    }
    return std::nullopt;
  }

  absl::Status EnsureDefaultPipeline() override {
    if (default_pipeline.empty()) {
      default_pipeline = "0190f1c2-3b4a-7def-8123-4567890000c0";
      stages.push_back({"0190f1c2-3b4a-7def-8123-4567890000c1", default_pipeline, "open"});
    }
    return absl::OkStatus();
  }

  absl::StatusOr<SharedFieldDefinitions> FieldDefinitions() override {
    return std::make_shared<const std::vector<v1::CustomField>>(definitions);
  }

  absl::StatusOr<StoredDeal> Insert(std::string_view id, const DealValues& v) override {
    StoredDeal& stored = deals[std::string(id)];
    stored.deal.set_id(std::string(id));
    Apply(stored, v);
    stored.deal.set_client_id(v.client_id);
    stored.deal.set_pipeline_id(v.pipeline_id);
    stored.deal.set_version(1);
    stored.deal.add_stage_history()->set_stage_id(v.stage_id);
    return stored;
  }

  absl::StatusOr<std::optional<StoredDeal>> Find(std::string_view id) override {
    auto it = deals.find(std::string(id));
    if (it == deals.end() || !clients.contains(it->second.deal.client_id())) return std::nullopt;
    return it->second;
  }

  absl::StatusOr<std::optional<StoredDeal>> Lock(std::string_view id) override { return Find(id); }

  absl::StatusOr<bool> List(const DealFilter& f, std::vector<StoredDeal>* listed) override {
    std::vector<StoredDeal>& out = *listed;
    const auto& page = f.order.page;
    const auto keep = [&](const StoredDeal& stored) {
      const v1::Deal& d = stored.deal;
      return (f.status.empty() || d.status() == f.status) && (f.stage_id.empty() || d.stage_id() == f.stage_id) &&
             (f.pipeline_id.empty() || d.pipeline_id() == f.pipeline_id) &&
             (f.client_id.empty() || d.client_id() == f.client_id);
    };
    for (const auto& [id, stored] : deals) {
      const bool after = page.after_id.empty() || (f.order.newest_first ? id < page.after_id : id > page.after_id);
      if (after && keep(stored)) out.push_back(stored);
    }
    if (f.order.newest_first) std::reverse(out.begin(), out.end());
    if (static_cast<int>(out.size()) > page.limit + 1) out.resize(static_cast<std::size_t>(page.limit + 1));
    return false;  // no byte budget here: the extra item tells
  }

  absl::StatusOr<std::optional<StoredDeal>> Update(std::string_view id, int version, const DealValues& v,
                                                   bool stage_changed) override {
    auto found = Find(id);
    if (!found.ok() || !*found || (*found)->deal.version() != version) return std::optional<StoredDeal>();
    StoredDeal& stored = deals.at(std::string(id));
    Apply(stored, v);
    stored.deal.set_version(version + 1);
    if (stage_changed) stored.deal.add_stage_history()->set_stage_id(v.stage_id);
    return stored;
  }

  absl::StatusOr<std::optional<StoredDeal>> Archive(std::string_view id) override {
    auto found = Find(id);
    if (!found.ok() || !*found) return found;
    deals.erase(std::string(id));
    return found;
  }

  absl::StatusOr<bool> PipelineExists(std::string_view pipeline_id) override {
    return std::any_of(stages.begin(), stages.end(), [&](const StageRef& s) { return s.pipeline_id == pipeline_id; });
  }

  absl::StatusOr<std::vector<StageSum>> StageSums(std::string_view pipeline_id) override {
    std::map<std::pair<std::string, std::string>, std::pair<int, std::int64_t>> sums;  // (stage, currency)
    for (const auto& [id, stored] : deals) {
      if (stored.deal.pipeline_id() != pipeline_id || !clients.contains(stored.deal.client_id())) continue;
      auto& [count, value] = sums[{stored.deal.stage_id(), stored.deal.currency()}];
      ++count;
      value += stored.value_minor;
    }
    std::vector<StageSum> out;
    for (const auto& [key, sum] : sums) {
      out.push_back({.stage_id = key.first, .currency = key.second, .count = sum.first,
                     .value_minor = std::to_string(sum.second)});
    }
    return out;
  }

  std::vector<v1::CustomField> definitions;
  std::set<std::string> clients;
  std::vector<StageRef> stages;  // in position order
  std::string default_pipeline;
  std::map<std::string, StoredDeal> deals;

 private:
  static void Apply(StoredDeal& stored, const DealValues& v) {
    stored.deal.set_title(v.title);
    stored.deal.set_stage_id(v.stage_id);
    stored.deal.set_status(v.status);
    stored.value_minor = v.value_minor;
    stored.deal.set_currency(v.currency);
    stored.deal.set_expected_close_date(v.expected_close_date);
    stored.deal.set_owner_id(v.owner_id);
    *stored.deal.mutable_custom_fields() = v.custom_fields;
    *stored.deal.mutable_tags() = v.tags;
  }
};

}  // namespace sentra::core::testing
