#include "lead_conversion.h"

#include "clients.h"
#include "contacts.h"
#include "custom_field_rules.h"
#include "deals.h"
#include "leads.h"
#include "notes.h"
#include "tasks.h"
#include "sentra/errors/errors.h"
#include "sentra/ids/uuid.h"

namespace sentra::core {

namespace {

absl::Status Forbidden(std::string_view permission) {
  return errors::WithCode(absl::PermissionDeniedError("converting a lead needs " + std::string(permission)),
                          errors::kForbidden);
}

// Field errors named as the conversion request names them, with `prefix`
// ("deal.", "client_"); any other failure as it is.
absl::Status Prefixed(const absl::Status& status, std::string_view prefix) {
  auto fields = errors::FieldErrors(status);
  if (fields.empty()) return status;
  for (auto& f : fields) f.field = std::string(prefix) + f.field;
  return errors::Validation(std::move(fields));
}
absl::Status UnderDeal(const absl::Status& status) { return Prefixed(status, "deal."); }

// Notes and tasks are carried over this many at a time: the transaction
// holds one batch in memory, however many the lead has.
constexpr int kCarriedAtOnce = 100;

// The client a lead becomes.
v1::CreateClientRequest ClientFrom(const v1::Lead& lead) {
  v1::CreateClientRequest client;
  client.set_kind(lead.company().empty() ? "person" : "company");
  client.set_name(lead.company().empty() ? lead.name() : lead.company());
  client.set_email(lead.email());
  client.set_phone(lead.phone());
  client.set_notes(lead.notes());
  client.set_owner_id(lead.owner_id());
  client.set_brand_id(lead.brand_id());
  *client.mutable_tags() = lead.tags();
  return client;
}

// The lead's person, as the primary contact of the company it became.
v1::CreateContactRequest ContactFrom(const v1::Lead& lead, const std::string& client_id) {
  v1::CreateContactRequest contact;
  contact.set_client_id(client_id);
  contact.set_name(lead.name());
  contact.set_email(lead.email());
  contact.set_phone(lead.phone());
  return contact;
}

// The custom fields a new record of `entity` gets: the lead's values its
// definitions take, then what the request gave (which wins; null drops
// one), checked. Errors name `<prefix>custom_fields.<key>`.
absl::Status CarryCustomFields(const absl::StatusOr<SharedFieldDefinitions>& definitions, std::string_view entity,
                               const v1::Lead& lead, const google::protobuf::Struct& given,
                               google::protobuf::Struct* out, std::string_view prefix) {
  if (!definitions.ok()) return definitions.status();
  *out = CarriedCustomFields(lead.custom_fields(), **definitions);
  for (const auto& [key, value] : given.fields()) (*out->mutable_fields())[key] = value;
  return Prefixed(CheckCustomFieldsIn(definitions, entity, out), prefix);
}

// The lead's notes, then its tasks, carried to the client `batch` at a time,
// each with its note.updated or task.updated.
absl::Status CarryNotesAndTasks(ConversionQueries& q, bus::EventSink& events, const std::string& lead_id,
                                const std::string& client_id) {
  for (;;) {
    auto notes = q.notes().Move("lead", lead_id, "client", client_id, kCarriedAtOnce);
    if (!notes.ok()) return notes.status();
    for (const v1::Note& note : *notes) {
      if (auto s = EmitNoteChanged(events, "note.updated", note, {"parent_type", "parent_id"}); !s.ok()) return s;
    }
    if (static_cast<int>(notes->size()) < kCarriedAtOnce) break;
  }
  for (;;) {
    auto tasks = q.tasks().Move("lead", lead_id, "client", client_id, kCarriedAtOnce);
    if (!tasks.ok()) return tasks.status();
    for (const v1::Task& task : *tasks) {
      if (auto s = EmitTaskChanged(events, "task.updated", task, {"related_type", "related_id"}); !s.ok()) return s;
    }
    if (static_cast<int>(tasks->size()) < kCarriedAtOnce) break;
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status LeadConversion::Convert(const service::CallContext& call, v1::ConvertLeadRequest r,
                                     v1::ConvertLeadResponse* out) {
  const auto id = ids::NormalizeUuid(r.id());
  if (!id) return errors::Validation("id", "must be a lead id");
  if (!call.Has("clients:write")) return Forbidden("clients:write");
  DealValues deal;
  v1::CreateDealRequest draft;
  if (r.has_deal()) {
    if (!call.Has("deals:write")) return Forbidden("deals:write");
    draft.set_title(r.deal().title());
    draft.set_value(r.deal().value());
    draft.set_currency(r.deal().currency());
    draft.set_pipeline_id(r.deal().pipeline_id());
    *draft.mutable_custom_fields() = r.deal().custom_fields();
    if (auto s = CheckNewDeal(draft, &deal); !s.ok()) return UnderDeal(s);
  }
  return conversions_.Write([&](ConversionQueries& q, bus::EventSink& events) -> absl::Status {
    out->Clear();
    // Locked first: of two conversions at once, the second waits here for
    // the first and then finds the lead converted, before carrying anything.
    auto lead = q.leads().Lock(*id);
    if (!lead.ok()) return lead.status();
    if (!*lead) return errors::NotFound("lead");
    if ((*lead)->status() == "converted") return errors::Conflict("id", "names a lead converted already");
    // What the lead refers to may have gone since it came in: an owner who
    // left hands the client and deal to whoever converts; a deleted brand
    // must be changed on the lead first.
    v1::Lead& source = **lead;
    if (!source.owner_id().empty()) {
      const auto owner = references_.Check(call, source.owner_id(), "");
      if (owner.code() == absl::StatusCode::kInvalidArgument) source.set_owner_id(call.user_id);
      else if (!owner.ok()) return owner;
    }
    if (!source.brand_id().empty()) {
      const auto brand = references_.Check(call, "", source.brand_id());
      if (brand.code() == absl::StatusCode::kInvalidArgument) {
        return errors::Validation("brand_id", "is the lead's brand, which no longer exists: move the lead first");
      }
      if (!brand.ok()) return brand;
    }

    v1::CreateClientRequest client_values = ClientFrom(source);
    if (auto s = CarryCustomFields(q.clients().FieldDefinitions(), "client", source, r.client_custom_fields(),
                                   client_values.mutable_custom_fields(), "client_");
        !s.ok()) {
      return s;
    }
    auto client = q.clients().Insert(ids::NewUuidV7(), client_values);
    if (!client.ok()) return client.status();
    if (auto s = EmitClientChanged(events, "client.created", *client); !s.ok()) return s;
    if (client->kind() == "company") {
      v1::CreateContactRequest person = ContactFrom(source, client->id());
      if (auto s = CarryCustomFields(q.contacts().FieldDefinitions(), "contact", source, r.contact_custom_fields(),
                                     person.mutable_custom_fields(), "contact_");
          !s.ok()) {
        return s;
      }
      auto contact = q.contacts().Insert(ids::NewUuidV7(), person, /*is_primary=*/true);
      if (!contact.ok()) return contact.status();
      if (auto s = EmitContactChanged(events, "contact.created", *contact); !s.ok()) return s;
      *out->mutable_contact() = *std::move(contact);
    }
    if (r.has_deal()) {
      deal.client_id = client->id();
      deal.owner_id = source.owner_id().empty() ? call.user_id : source.owner_id();
      auto created = StoreNewDeal(q.deals(), events, deal, draft.pipeline_id(), "");
      if (!created.ok()) return UnderDeal(created.status());
      *out->mutable_deal() = *std::move(created);
    }
    if (auto s = CarryNotesAndTasks(q, events, *id, client->id()); !s.ok()) return s;
    auto converted = q.leads().Convert(*id, client->id());
    if (!converted.ok()) return converted.status();
    if (!*converted) {
      // Converted, or deleted, while this transaction waited for the row.
      auto now = q.leads().Find(*id);
      if (!now.ok()) return now.status();
      return *now ? errors::Conflict("id", "names a lead converted already") : errors::NotFound("lead");
    }
    if (auto s = EmitLeadChanged(events, "lead.converted", **converted); !s.ok()) return s;
    *out->mutable_lead() = **std::move(converted);
    *out->mutable_client() = *std::move(client);
    return absl::OkStatus();
  });
}

}  // namespace sentra::core
