#include "contacts.h"

#include "custom_field_rules.h"
#include "field_checks.h"
#include "tag_rules.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/contact.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/service/patch_fields.h"
#include "sentra/service/versioned_write.h"

namespace sentra::core {

namespace {

using errors::FieldError;

constexpr std::string_view kList = "contacts";


absl::Status CheckCreate(v1::CreateContactRequest& r) {
  auto client = ids::NormalizeUuid(r.client_id());
  if (!client) return errors::Validation("client_id", "must be a client id");
  r.set_client_id(*client);
  std::vector<FieldError> problems;
  CheckName(r.mutable_name(), 200, problems);
  CheckEmail(r.mutable_email(), problems);
  CheckText(r.mutable_phone(), "phone", 50, problems);
  CheckText(r.mutable_title(), "title", 200, problems);
  CheckTags(r.mutable_tags(), problems);
  return problems.empty() ? absl::OkStatus() : errors::Validation(std::move(problems));
}

absl::Status CheckUpdate(v1::UpdateContactRequest& r) {
  auto id = ids::NormalizeUuid(r.id());
  if (!id) return errors::Validation("id", "must be a contact id");
  r.set_id(*id);
  std::vector<FieldError> problems;
  if (r.has_name()) CheckName(r.mutable_name(), 200, problems);
  if (r.has_email()) CheckEmail(r.mutable_email(), problems);
  if (r.has_phone()) CheckText(r.mutable_phone(), "phone", 50, problems);
  if (r.has_title()) CheckText(r.mutable_title(), "title", 200, problems);
  if (r.has_is_primary() && !r.is_primary()) {
    problems.push_back({"is_primary", "can only be set: make another contact primary instead"});
  }
  if (r.has_version() && r.version() < 1) problems.push_back({"version", "must be a positive integer"});
  if (service::BodyHas(r, "tags")) CheckTags(r.mutable_tags(), problems);
  return problems.empty() ? absl::OkStatus() : errors::Validation(std::move(problems));
}

// contact.updated for another contact whose primary flag a change moved.
absl::Status EmitPrimaryMoved(bus::EventSink& events, const absl::StatusOr<std::optional<v1::Contact>>& moved) {
  if (!moved.ok()) return moved.status();
  if (!*moved) return absl::OkStatus();
  return EmitContactChanged(events, "contact.updated", **moved, {"is_primary"});
}

std::vector<std::string> ChangedFields(const v1::UpdateContactRequest& r) {
  auto changed = service::FieldsSet(r, {"name", "email", "phone", "title", "is_primary", "custom_fields"});
  if (service::BodyHas(r, "tags")) changed.push_back("tags");
  return changed;
}

// The contact as it is once its client is locked for the rest of the write
// (every contact write takes that lock, so it cannot change under us);
// NOT_FOUND when either is gone or out of the caller's sight.
absl::StatusOr<v1::Contact> FindAndLock(ContactQueries& contacts, const std::string& id) {
  auto found = contacts.Find(id);
  if (!found.ok()) return found.status();
  if (!*found) return errors::NotFound("contact");
  auto locked = contacts.LockClient((*found)->client_id());
  if (!locked.ok()) return locked.status();
  if (!*locked) return errors::NotFound("contact");
  found = contacts.Find(id);  // again: it may have changed while we waited
  if (!found.ok()) return found.status();
  if (!*found) return errors::NotFound("contact");
  return **std::move(found);
}

}  // namespace

absl::Status EmitContactChanged(bus::EventSink& events, std::string_view type, const v1::Contact& contact,
                                std::vector<std::string> changed) {
  events::v1::ContactChanged event;
  event.set_contact_id(contact.id());
  event.set_client_id(contact.client_id());
  event.set_name(contact.name());
  event.set_email(contact.email());
  event.set_is_primary(contact.is_primary());
  event.set_version(contact.version());
  for (auto& f : changed) event.add_changed_fields(std::move(f));
  return events.Emit(type, "contact", contact.id(), event);
}

absl::Status ContactLogic::Create(const service::CallContext&, v1::CreateContactRequest r, v1::Contact* out) {
  if (auto s = CheckCreate(r); !s.ok()) return s;
  const std::string id = ids::NewUuidV7();
  return contacts_.Write([&](ContactQueries& contacts, bus::EventSink& events) -> absl::Status {
    auto client = contacts.LockClient(r.client_id());
    if (!client.ok()) return client.status();
    if (!*client) return errors::NotFound("client");
    auto has_primary = contacts.HasPrimary(r.client_id());
    if (!has_primary.ok()) return has_primary.status();
    if (auto s = CheckCustomFieldsIn(contacts.FieldDefinitions(), "contact", r.mutable_custom_fields()); !s.ok()) {
      return s;
    }
    const bool primary = r.is_primary() || !*has_primary;
    if (primary && *has_primary) {
      if (auto s = EmitPrimaryMoved(events, contacts.ClearPrimary(r.client_id())); !s.ok()) return s;
    }
    auto created = contacts.Insert(id, r, primary);
    if (!created.ok()) return created.status();
    *out = *std::move(created);
    return EmitContactChanged(events, "contact.created", *out);
  });
}

absl::Status ContactLogic::Get(const service::CallContext&, std::string_view id, v1::Contact* out) {
  auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a contact id");
  return contacts_.Read([&](ContactQueries& contacts) -> absl::Status {
    auto found = contacts.Find(*canonical);
    if (!found.ok()) return found.status();
    if (!*found) return errors::NotFound("contact");
    *out = **std::move(found);
    return absl::OkStatus();
  });
}

absl::Status ContactLogic::List(const service::CallContext&, const v1::ListContactsRequest& request,
                                v1::ListContactsResponse* out) {
  auto client = ids::NormalizeUuid(request.client_id());
  if (!client) return errors::Validation("client_id", "must be a client id");
  // A cursor pages one client's contacts only.
  auto order = service::ParseSortedPage(std::string(kList) + ":" + *client, "name", request);
  if (!order.ok()) return order.status();
  return contacts_.Read([&](ContactQueries& contacts) -> absl::Status {
    out->Clear();
    auto visible = contacts.ClientVisible(*client);
    if (!visible.ok()) return visible.status();
    if (!*visible) return errors::NotFound("client");
    auto more = contacts.List(*client, *order, out);
    if (!more.ok()) return more.status();
    service::FinishSortedPage(*order, *more, out,
                              [](const v1::Contact& last) -> const std::string& { return last.name(); });
    return absl::OkStatus();
  });
}

absl::Status ContactLogic::Update(const service::CallContext&, v1::UpdateContactRequest r, v1::Contact* out) {
  if (auto s = CheckUpdate(r); !s.ok()) return s;
  // The values sent, kept apart: a write retried after a deadlock merges them again.
  const google::protobuf::Struct given = r.custom_fields();
  return contacts_.Write([&](ContactQueries& contacts, bus::EventSink& events) -> absl::Status {
    auto current = FindAndLock(contacts, r.id());
    if (!current.ok()) return current.status();
    if (auto s = service::CheckVersion("contact", service::RequestedVersion(r), current->version()); !s.ok()) return s;
    if (r.has_custom_fields()) {
      *r.mutable_custom_fields() = given;
      auto checked = CheckCustomFieldsIn(contacts.FieldDefinitions(), "contact", r.mutable_custom_fields(),
                                         &current->custom_fields());
      if (!checked.ok()) return checked;
    }
    if (r.is_primary() && !current->is_primary()) {
      if (auto s = EmitPrimaryMoved(events, contacts.ClearPrimary(current->client_id())); !s.ok()) return s;
    }
    auto updated = contacts.Update(r);
    if (!updated.ok()) return updated.status();
    // The client is locked and the version was checked: it cannot be gone.
    if (!*updated) return errors::VersionConflict("contact");
    *out = **std::move(updated);
    return EmitContactChanged(events, "contact.updated", *out, ChangedFields(r));
  });
}

absl::Status ContactLogic::Delete(const service::CallContext&, std::string_view id) {
  auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a contact id");
  return contacts_.Write([&](ContactQueries& contacts, bus::EventSink& events) -> absl::Status {
    auto current = FindAndLock(contacts, *canonical);
    if (!current.ok()) return current.status();
    auto archived = contacts.Archive(*canonical);
    if (!archived.ok()) return archived.status();
    if (!*archived) return errors::NotFound("contact");
    if (auto s = EmitContactChanged(events, "contact.deleted", **archived); !s.ok()) return s;
    if (!current->is_primary()) return absl::OkStatus();
    return EmitPrimaryMoved(events, contacts.PromoteOldest(current->client_id()));
  });
}

}  // namespace sentra::core
