#include "clients.h"

#include "client_rules.h"
#include "custom_field_rules.h"
#include "portal_access.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/client.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/text/validation.h"
#include "sentra/service/patch_fields.h"
#include "sentra/service/versioned_write.h"

namespace sentra::core {

namespace {

constexpr std::string_view kList = "clients";

}  // namespace

absl::Status EmitClientChanged(bus::EventSink& events, std::string_view type, const v1::Client& client,
                               std::vector<std::string> changed) {
  events::v1::ClientChanged event;
  event.set_client_id(client.id());
  event.set_kind(client.kind());
  event.set_name(client.name());
  event.set_email(client.email());
  event.set_brand_id(client.brand_id());
  event.set_currency(client.currency());
  event.set_version(client.version());
  for (auto& f : changed) event.add_changed_fields(std::move(f));
  return events.Emit(type, "client", client.id(), event);
}

namespace {

// The fields an update request sets, as the event names them.
std::vector<std::string> ChangedFields(const v1::UpdateClientRequest& r) {
  auto changed = service::FieldsSet(
      r, {"kind", "name", "email", "phone", "website", "notes", "owner_id", "brand_id", "custom_fields", "currency"});
  if (service::BodyHas(r, "tags")) changed.push_back("tags");
  return changed;
}

absl::Status Found(absl::StatusOr<std::optional<v1::Client>> found, v1::Client* out) {
  if (!found.ok()) return found.status();
  if (!*found) return errors::NotFound("client");
  *out = **std::move(found);
  return absl::OkStatus();
}

}  // namespace

absl::Status ClientLogic::Create(const service::CallContext& call, v1::CreateClientRequest r, v1::Client* out) {
  if (auto s = NormalizeCreate(r); !s.ok()) return s;
  if (auto s = CheckNewRecord(references_, call, r.owner_id(), r.brand_id()); !s.ok()) return s;
  if (r.owner_id().empty()) r.set_owner_id(call.user_id);
  const std::string id = ids::NewUuidV7();
  return clients_.Write([&](ClientQueries& clients, bus::EventSink& events) -> absl::Status {
    if (auto s = CheckCustomFieldsIn(clients.FieldDefinitions(), "client", r.mutable_custom_fields()); !s.ok()) {
      return s;
    }
    auto created = clients.Insert(id, r);
    if (!created.ok()) return created.status();
    *out = *std::move(created);
    return EmitClientChanged(events, "client.created", *out);
  });
}

absl::Status ClientLogic::Get(const service::CallContext&, std::string_view id, v1::Client* out) {
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a client id");
  return clients_.Read([&](ClientQueries& clients) { return Found(clients.Find(*canonical), out); });
}

absl::Status ClientLogic::List(const service::CallContext&, const v1::ListClientsRequest& request,
                               v1::ListClientsResponse* out) {
  auto order = service::ParseSortedPage(kList, "name", request);
  if (!order.ok()) return order.status();
  if (auto s = CheckListFilters(request); !s.ok()) return s;
  // Checked above; compared as stored, lower case.
  const ClientFilter filter{.pattern = text::ContainsPattern(request.q()),
                            .kind = request.kind(),
                            .brand_id = ids::NormalizeUuid(request.brand_id()).value_or(""),
                            .owner_id = ids::NormalizeUuid(request.owner_id()).value_or(""),
                            .archived = request.archived(),
                            .order = *std::move(order)};
  return clients_.Read([&](ClientQueries& clients) {
    out->Clear();
    auto more = clients.List(filter, out);
    if (!more.ok()) return more.status();
    service::FinishSortedPage(filter.order, *more, out,
                              [](const v1::Client& last) -> const std::string& { return last.name(); });
    return absl::OkStatus();
  });
}

absl::Status ClientLogic::Update(const service::CallContext& call, v1::UpdateClientRequest r, v1::Client* out) {
  if (auto s = NormalizeUpdate(r); !s.ok()) return s;
  if (auto s = CheckChangedRecord(references_, call, r.has_owner_id() ? &r.owner_id() : nullptr,
                                  r.has_brand_id() ? &r.brand_id() : nullptr);
      !s.ok()) {
    return s;
  }
  // The values sent, kept apart: a write retried after a deadlock merges them again.
  const google::protobuf::Struct given = r.custom_fields();
  return clients_.Write([&](ClientQueries& clients, bus::EventSink& events) -> absl::Status {
    if (r.has_custom_fields()) {
      *r.mutable_custom_fields() = given;
      // Merged over the stored values, which stay put until this commits.
      auto current = clients.Lock(r.id());
      if (!current.ok()) return current.status();
      if (*current) {
        auto checked = CheckCustomFieldsIn(clients.FieldDefinitions(), "client", r.mutable_custom_fields(),
                                           &(*current)->custom_fields());
        if (!checked.ok()) return checked;
      }
    }
    auto updated = clients.Update(r);
    if (!updated.ok()) return updated.status();
    if (!*updated) {
      // There is no such client, it is archived, or its version moved on.
      auto current = clients.Find(r.id());
      if (current.ok() && *current && (*current)->has_archived_at()) {
        return errors::Conflict("id", "names an archived client: restore it first");
      }
      return service::GoneOrStale(current, "client");
    }
    *out = **std::move(updated);
    return EmitClientChanged(events, "client.updated", *out, ChangedFields(r));
  });
}

absl::Status ClientLogic::SetArchived(const service::CallContext&, std::string_view id, bool archived,
                                      v1::Client* out) {
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a client id");
  return clients_.Write([&](ClientQueries& clients, bus::EventSink& events) -> absl::Status {
    auto changed = clients.SetArchived(*canonical, archived);
    if (!changed.ok()) return changed.status();
    if (!*changed) return Found(clients.Find(*canonical), out);  // in that state already, or none
    *out = **std::move(changed);
    return EmitClientChanged(events, archived ? "client.archived" : "client.restored", *out);
  });
}

absl::Status ClientLogic::GetPortalClient(const service::CallContext& call, v1::PortalClient* out) {
  if (auto s = PortalOnly(call); !s.ok()) return s;
  v1::Client client;
  auto status = clients_.Read([&](ClientQueries& clients) { return Found(clients.Find(call.client_id), &client); });
  if (!status.ok()) return status;
  // An archived client's portal is closed until the agency restores it.
  if (client.has_archived_at()) return errors::NotFound("client");
  out->set_id(client.id());
  out->set_kind(client.kind());
  out->set_name(client.name());
  out->set_email(client.email());
  out->set_phone(client.phone());
  out->set_website(client.website());
  *out->mutable_created_at() = client.created_at();
  return absl::OkStatus();
}

}  // namespace sentra::core
