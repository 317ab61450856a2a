// Clients in a map, for ClientLogic's unit tests: what the Postgres queries
// do, minus SQL (organization scoping is the database's job and is tested
// end to end).
#pragma once

#include <map>

#include "sentra/testing/fake_paging.h"
#include "sentra/service/patch_fields.h"
#include "src/client_queries.h"

namespace sentra::core::testing {

class FakeClientQueries final : public ClientQueries {
 public:
  absl::StatusOr<v1::Client> Insert(std::string_view id, const v1::CreateClientRequest& v) override {
    v1::Client& client = rows[std::string(id)];
    client.set_id(std::string(id));
    client.set_kind(v.kind());
    client.set_name(v.name());
    client.set_email(v.email());
    client.set_phone(v.phone());
    client.set_website(v.website());
    client.set_notes(v.notes());
    client.set_owner_id(v.owner_id());
    client.set_brand_id(v.brand_id());
    *client.mutable_custom_fields() = v.custom_fields();
    *client.mutable_tags() = v.tags();
    client.set_currency(v.currency());
    client.set_version(1);
    return client;
  }

  absl::StatusOr<std::optional<v1::Client>> Find(std::string_view id) override {
    auto it = rows.find(std::string(id));
    if (it == rows.end()) return std::nullopt;
    return it->second;
  }

  absl::StatusOr<bool> List(const ClientFilter& filter, v1::ListClientsResponse* out) override {
    std::vector<const v1::Client*> matching;
    for (const auto& [id, client] : rows) {
      if (client.has_archived_at() != filter.archived) continue;
      if (!filter.kind.empty() && client.kind() != filter.kind) continue;
      if (!filter.brand_id.empty() && client.brand_id() != filter.brand_id) continue;
      if (!filter.owner_id.empty() && client.owner_id() != filter.owner_id) continue;
      matching.push_back(&client);
    }
    for (const v1::Client* client : sentra::testing::SortedSlice(std::move(matching), filter.order, [](const v1::Client& c) {
           return c.name();
         })) {
      *out->add_data() = *client;
    }
    return false;  // no byte budget here: the slice's extra item tells
  }

  absl::StatusOr<std::optional<v1::Client>> Update(const v1::UpdateClientRequest& p) override {
    auto it = rows.find(p.id());
    if (it == rows.end() || it->second.has_archived_at() || (p.has_version() && p.version() != it->second.version())) {
      return std::nullopt;
    }
    v1::Client& c = it->second;
    if (p.has_kind()) c.set_kind(p.kind());
    if (p.has_name()) c.set_name(p.name());
    if (p.has_email()) c.set_email(p.email());
    if (p.has_phone()) c.set_phone(p.phone());
    if (p.has_website()) c.set_website(p.website());
    if (p.has_notes()) c.set_notes(p.notes());
    if (p.has_owner_id()) c.set_owner_id(p.owner_id());
    if (p.has_brand_id()) c.set_brand_id(p.brand_id());
    if (p.has_custom_fields()) *c.mutable_custom_fields() = p.custom_fields();
    if (service::BodyHas(p, "tags")) *c.mutable_tags() = p.tags();
    if (p.has_currency()) c.set_currency(p.currency());
    c.set_version(c.version() + 1);
    return c;
  }

  absl::StatusOr<std::optional<v1::Client>> SetArchived(std::string_view id, bool archived) override {
    auto it = rows.find(std::string(id));
    if (it == rows.end() || it->second.has_archived_at() == archived) return std::nullopt;
    if (archived) it->second.mutable_archived_at()->set_seconds(1'800'000'000);
    else it->second.clear_archived_at();
    it->second.set_version(it->second.version() + 1);
    return it->second;
  }

  absl::StatusOr<std::optional<v1::Client>> Lock(std::string_view id) override { return Find(id); }
  absl::StatusOr<SharedFieldDefinitions> FieldDefinitions() override {
    return std::make_shared<const std::vector<v1::CustomField>>(definitions);
  }

  std::map<std::string, v1::Client> rows;  // by id, which orders as UUIDv7 does
  std::vector<v1::CustomField> definitions;
};

}  // namespace sentra::core::testing
