// Contacts in a map, for ContactLogic's unit tests: what the Postgres
// queries do, minus SQL. `clients` are the live clients the caller sees.
#pragma once

#include <map>
#include <set>

#include "sentra/service/patch_fields.h"
#include "sentra/testing/fake_paging.h"
#include "src/contact_queries.h"

namespace sentra::core::testing {

class FakeContactQueries final : public ContactQueries {
 public:
  absl::StatusOr<bool> ClientVisible(std::string_view client_id) override {
    return clients.contains(std::string(client_id));
  }
  absl::StatusOr<bool> LockClient(std::string_view client_id) override { return ClientVisible(client_id); }

  absl::StatusOr<bool> HasPrimary(std::string_view client_id) override {
    for (const auto& [id, c] : live) {
      if (c.client_id() == client_id && c.is_primary()) return true;
    }
    return false;
  }

  absl::StatusOr<std::optional<v1::Contact>> ClearPrimary(std::string_view client_id) override {
    for (auto& [id, c] : live) {
      if (c.client_id() == client_id && c.is_primary()) {
        Bump(c).set_is_primary(false);
        return c;
      }
    }
    return std::nullopt;
  }

  absl::StatusOr<std::optional<v1::Contact>> PromoteOldest(std::string_view client_id) override {
    for (auto& [id, c] : live) {
      if (c.client_id() == client_id) {
        Bump(c).set_is_primary(true);
        return c;
      }
    }
    return std::nullopt;
  }

  absl::StatusOr<v1::Contact> Insert(std::string_view id, const v1::CreateContactRequest& v, bool primary) override {
    v1::Contact& c = live[std::string(id)];
    c.set_id(std::string(id));
    c.set_client_id(v.client_id());
    c.set_name(v.name());
    c.set_email(v.email());
    c.set_phone(v.phone());
    c.set_title(v.title());
    c.set_is_primary(primary);
    *c.mutable_custom_fields() = v.custom_fields();
    *c.mutable_tags() = v.tags();
    c.set_version(1);
    return c;
  }

  absl::StatusOr<std::optional<v1::Contact>> Find(std::string_view id) override {
    auto it = live.find(std::string(id));
    if (it == live.end() || !clients.contains(it->second.client_id())) return std::nullopt;
    return it->second;
  }

  absl::StatusOr<bool> List(std::string_view client_id, const service::SortedPage& order,
                            v1::ListContactsResponse* out) override {
    std::vector<const v1::Contact*> matching;
    for (const auto& [id, contact] : live) {
      if (contact.client_id() == client_id) matching.push_back(&contact);
    }
    for (const v1::Contact* contact : sentra::testing::SortedSlice(std::move(matching), order, [](const v1::Contact& c) {
           return c.name();
         })) {
      *out->add_data() = *contact;
    }
    return false;  // no byte budget here: the slice's extra item tells
  }

  absl::StatusOr<std::optional<v1::Contact>> Update(const v1::UpdateContactRequest& p) override {
    auto found = Find(p.id());
    if (!found.ok() || !*found) return found;
    v1::Contact& c = live.at(p.id());
    if (p.has_version() && p.version() != c.version()) return std::nullopt;
    if (p.has_name()) c.set_name(p.name());
    if (p.has_email()) c.set_email(p.email());
    if (p.has_phone()) c.set_phone(p.phone());
    if (p.has_title()) c.set_title(p.title());
    if (p.has_is_primary() && p.is_primary()) c.set_is_primary(true);
    if (p.has_custom_fields()) *c.mutable_custom_fields() = p.custom_fields();
    if (service::BodyHas(p, "tags")) *c.mutable_tags() = p.tags();
    return Bump(c);
  }

  absl::StatusOr<std::optional<v1::Contact>> Archive(std::string_view id) override {
    auto found = Find(id);
    if (!found.ok() || !*found) return found;
    v1::Contact c = live.at(std::string(id));
    live.erase(std::string(id));
    c.set_is_primary(false);
    return Bump(c);
  }

  absl::StatusOr<SharedFieldDefinitions> FieldDefinitions() override {
    return std::make_shared<const std::vector<v1::CustomField>>(definitions);
  }

  std::vector<v1::CustomField> definitions;
  std::set<std::string> clients;
  std::map<std::string, v1::Contact> live;  // by id, which orders as UUIDv7 does

 private:
  static v1::Contact& Bump(v1::Contact& c) {
    c.set_version(c.version() + 1);
    return c;
  }
};

}  // namespace sentra::core::testing
