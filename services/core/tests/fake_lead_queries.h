// Leads in a map, for LeadLogic's unit tests: what the Postgres queries do,
// minus SQL (organization scoping is the database's job and is tested end
// to end).
#pragma once

#include <map>
#include <set>
#include <vector>

#include "sentra/testing/fake_paging.h"
#include "sentra/service/patch_fields.h"
#include "src/lead_queries.h"

namespace sentra::core::testing {

class FakeLeadQueries final : public LeadQueries {
 public:
  absl::StatusOr<v1::Lead> Insert(std::string_view id, const v1::CreateLeadRequest& v) override {
    v1::Lead& lead = rows[std::string(id)];
    lead.set_id(std::string(id));
    lead.set_name(v.name());
    lead.set_email(v.email());
    lead.set_phone(v.phone());
    lead.set_company(v.company());
    lead.set_source(v.source());
    lead.set_status(v.status());
    lead.set_score(v.score());
    lead.set_notes(v.notes());
    lead.set_owner_id(v.owner_id());
    *lead.mutable_tags() = v.tags();
    lead.set_brand_id(v.brand_id());
    *lead.mutable_custom_fields() = v.custom_fields();
    lead.set_version(1);
    return lead;
  }

  absl::StatusOr<std::optional<v1::Lead>> Find(std::string_view id) override {
    auto it = rows.find(std::string(id));
    if (it == rows.end() || archived.contains(it->first)) return std::nullopt;
    return it->second;
  }

  absl::StatusOr<bool> List(const LeadFilter& f, v1::ListLeadsResponse* out) override {
    std::vector<const v1::Lead*> matching;
    for (const auto& [id, lead] : rows) {
      if (archived.contains(id)) continue;
      if (!f.status.empty() && lead.status() != f.status) continue;
      if (!f.owner_id.empty() && lead.owner_id() != f.owner_id) continue;
      if (!f.brand_id.empty() && lead.brand_id() != f.brand_id) continue;
      matching.push_back(&lead);
    }
    for (const v1::Lead* lead : sentra::testing::SortedSlice(std::move(matching), f.order, [](const v1::Lead& l) {
           return l.name();
         })) {
      *out->add_data() = *lead;
    }
    return false;  // no byte budget here: the slice's extra item tells
  }

  absl::StatusOr<std::optional<v1::Lead>> Update(const v1::UpdateLeadRequest& p) override {
    auto it = rows.find(p.id());
    if (it == rows.end() || archived.contains(p.id()) || (p.has_version() && p.version() != it->second.version()) ||
        (p.has_status() && it->second.status() == "converted")) {
      return std::nullopt;
    }
    v1::Lead& l = it->second;
    if (p.has_name()) l.set_name(p.name());
    if (p.has_email()) l.set_email(p.email());
    if (p.has_phone()) l.set_phone(p.phone());
    if (p.has_company()) l.set_company(p.company());
    if (p.has_source()) l.set_source(p.source());
    if (p.has_status()) l.set_status(p.status());
    if (p.has_score()) l.set_score(p.score());
    if (p.has_notes()) l.set_notes(p.notes());
    if (p.has_owner_id()) l.set_owner_id(p.owner_id());
    if (p.has_brand_id()) l.set_brand_id(p.brand_id());
    if (p.has_custom_fields()) *l.mutable_custom_fields() = p.custom_fields();
    if (service::BodyHas(p, "tags")) *l.mutable_tags() = p.tags();
    l.set_version(l.version() + 1);
    return l;
  }

  absl::StatusOr<std::optional<v1::Lead>> Archive(std::string_view id) override {
    auto found = Find(id);
    if (!found.ok() || !*found) return found;
    archived.insert(std::string(id));
    v1::Lead& lead = rows.at(std::string(id));
    lead.set_version(lead.version() + 1);
    return lead;
  }

  absl::StatusOr<std::optional<v1::Lead>> Convert(std::string_view id, std::string_view client_id) override {
    auto found = Find(id);
    if (!found.ok() || !*found || (*found)->status() == "converted") return std::optional<v1::Lead>();
    v1::Lead& lead = rows.at(std::string(id));
    lead.set_status("converted");
    lead.set_client_id(std::string(client_id));
    lead.set_version(lead.version() + 1);
    return lead;
  }

  absl::StatusOr<std::optional<v1::Lead>> Lock(std::string_view id) override { return Find(id); }
  absl::StatusOr<SharedFieldDefinitions> FieldDefinitions() override {
    return std::make_shared<const std::vector<v1::CustomField>>(definitions);
  }

  std::map<std::string, v1::Lead> rows;  // by id, which orders as UUIDv7 does
  std::vector<v1::CustomField> definitions;
  std::set<std::string> archived;
};

}  // namespace sentra::core::testing
