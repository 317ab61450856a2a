// Pipelines in a map, for PipelineLogic's unit tests: what the Postgres
// queries do, minus SQL. `deals_in` plays the deals: stage id → how many.
#pragma once

#include <map>
#include <set>

#include "sentra/ids/uuid.h"
#include "src/pipeline_queries.h"

namespace sentra::core::testing {

class FakePipelineQueries final : public PipelineQueries {
 public:
  absl::Status List(v1::ListPipelinesResponse* out) override {
    for (const auto& [id, p] : pipelines) {
      if (p.is_default()) *out->add_data() = p;
    }
    for (const auto& [id, p] : pipelines) {
      if (!p.is_default()) *out->add_data() = p;
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::optional<v1::Pipeline>> Find(std::string_view id) override {
    auto it = pipelines.find(std::string(id));
    if (it == pipelines.end()) return std::nullopt;
    return it->second;
  }

  absl::StatusOr<std::optional<v1::Pipeline>> Lock(std::string_view id) override { return Find(id); }

  absl::StatusOr<std::set<std::string>> StagesInUse(std::string_view pipeline_id) override {
    std::set<std::string> used;
    auto it = pipelines.find(std::string(pipeline_id));
    if (it == pipelines.end()) return used;
    for (const auto& s : it->second.stages()) {
      if (deals_in.contains(s.id())) used.insert(s.id());
    }
    return used;
  }

  absl::StatusOr<v1::Pipeline> Insert(std::string_view id, const v1::Pipeline& values) override {
    v1::Pipeline& p = pipelines[std::string(id)];
    p = values;
    p.set_id(std::string(id));
    p.set_version(1);
    Place(p);
    if (p.is_default()) MakeDefault(p.id());
    return p;
  }

  absl::StatusOr<std::optional<v1::Pipeline>> Update(std::string_view id, int version,
                                                     const v1::Pipeline& values) override {
    auto it = pipelines.find(std::string(id));
    if (it == pipelines.end() || it->second.version() != version) return std::optional<v1::Pipeline>();
    it->second = values;
    it->second.set_version(version + 1);
    Place(it->second);
    if (values.is_default()) MakeDefault(it->second.id());
    return it->second;
  }

  absl::StatusOr<std::optional<v1::Pipeline>> Archive(std::string_view id) override {
    auto found = Find(id);
    if (!found.ok() || !*found || (*found)->is_default()) return std::optional<v1::Pipeline>();
    pipelines.erase(std::string(id));
    return found;
  }
  absl::StatusOr<int> LockAndCount() override { return static_cast<int>(pipelines.size()); }
  absl::Status EnsureDefault() override {
    for (const auto& [id, p] : pipelines) {
      if (p.is_default()) return absl::OkStatus();
    }
    v1::Pipeline sales;
    sales.set_name("Sales");
    sales.set_is_default(true);
    for (const char* stage : {"New", "Qualified", "Proposal", "Negotiation", "Won", "Lost"}) {
      sales.add_stages()->set_name(stage);
    }
    return Insert(ids::NewUuidV7(), sales).status();
  }

  std::map<std::string, v1::Pipeline> pipelines;
  std::set<std::string> deals_in;

 private:
  // New stages get ids; positions follow the order.
  static void Place(v1::Pipeline& p) {
    int position = 0;
    for (auto& s : *p.mutable_stages()) {
      if (s.id().empty()) s.set_id(ids::NewUuidV7());
      s.set_position(++position);
    }
  }
  void MakeDefault(const std::string& id) {
    for (auto& [other, p] : pipelines) p.set_is_default(other == id);
  }
};

}  // namespace sentra::core::testing
