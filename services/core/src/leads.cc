#include "leads.h"

#include "custom_field_rules.h"
#include "lead_rules.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/lead.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/service/paging.h"
#include "sentra/text/validation.h"
#include "sentra/service/patch_fields.h"
#include "sentra/service/versioned_write.h"

namespace sentra::core {

namespace {

// The fields an update request sets, as the event names them.
std::vector<std::string> ChangedFields(const v1::UpdateLeadRequest& r) {
  auto changed = service::FieldsSet(r, {"name", "email", "phone", "company", "source", "status", "score", "notes",
                                         "owner_id", "brand_id", "custom_fields"});
  if (service::BodyHas(r, "tags")) changed.push_back("tags");
  return changed;
}

}  // namespace

absl::Status EmitLeadChanged(bus::EventSink& events, std::string_view type, const v1::Lead& lead,
                             std::vector<std::string> changed) {
  events::v1::LeadChanged event;
  event.set_lead_id(lead.id());
  event.set_name(lead.name());
  event.set_email(lead.email());
  event.set_status(lead.status());
  event.set_source(lead.source());
  event.set_version(lead.version());
  event.set_brand_id(lead.brand_id());
  event.set_client_id(lead.client_id());
  for (auto& f : changed) event.add_changed_fields(std::move(f));
  return events.Emit(type, "lead", lead.id(), event);
}

absl::Status LeadLogic::Create(const service::CallContext& call, v1::CreateLeadRequest r, v1::Lead* out) {
  if (auto s = NormalizeCreate(r); !s.ok()) return s;
  if (auto s = CheckNewRecord(references_, call, r.owner_id(), r.brand_id()); !s.ok()) return s;
  if (r.owner_id().empty()) r.set_owner_id(call.user_id);
  const std::string id = ids::NewUuidV7();
  return leads_.Write([&](LeadQueries& leads, bus::EventSink& events) -> absl::Status {
    if (auto s = CheckCustomFieldsIn(leads.FieldDefinitions(), "lead", r.mutable_custom_fields()); !s.ok()) return s;
    auto created = leads.Insert(id, r);
    if (!created.ok()) return created.status();
    *out = *std::move(created);
    return EmitLeadChanged(events, "lead.created", *out);
  });
}

absl::Status LeadLogic::Get(const service::CallContext&, std::string_view id, v1::Lead* out) {
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a lead id");
  return leads_.Read([&](LeadQueries& leads) -> absl::Status {
    auto found = leads.Find(*canonical);
    if (!found.ok()) return found.status();
    if (!*found) return errors::NotFound("lead");
    *out = **std::move(found);
    return absl::OkStatus();
  });
}

absl::Status LeadLogic::List(const service::CallContext&, const v1::ListLeadsRequest& request,
                             v1::ListLeadsResponse* out) {
  auto page = ParseListRequest(request);
  if (!page.ok()) return page.status();
  const LeadFilter filter{.status = request.status(),
                          .source = request.source(),
                          .owner_id = page->owner_id,
                          .brand_id = page->brand_id,
                          .pattern = text::ContainsPattern(request.q()),
                          .order = page->order};
  return leads_.Read([&](LeadQueries& leads) -> absl::Status {
    out->Clear();
    auto more = leads.List(filter, out);
    if (!more.ok()) return more.status();
    service::FinishSortedPage(filter.order, *more, out,
                              [](const v1::Lead& last) -> const std::string& { return last.name(); });
    return absl::OkStatus();
  });
}

absl::Status LeadLogic::Update(const service::CallContext& call, v1::UpdateLeadRequest r, v1::Lead* out) {
  if (auto s = NormalizeUpdate(r); !s.ok()) return s;
  if (auto s = CheckChangedRecord(references_, call, r.has_owner_id() ? &r.owner_id() : nullptr,
                                  r.has_brand_id() ? &r.brand_id() : nullptr);
      !s.ok()) {
    return s;
  }
  // The values sent, kept apart: a write retried after a deadlock merges them again.
  const google::protobuf::Struct given = r.custom_fields();
  return leads_.Write([&](LeadQueries& leads, bus::EventSink& events) -> absl::Status {
    if (r.has_custom_fields()) {
      *r.mutable_custom_fields() = given;
      // Merged over the stored values, which stay put until this commits.
      auto current = leads.Lock(r.id());
      if (!current.ok()) return current.status();
      if (*current) {
        auto checked = CheckCustomFieldsIn(leads.FieldDefinitions(), "lead", r.mutable_custom_fields(),
                                           &(*current)->custom_fields());
        if (!checked.ok()) return checked;
      }
    }
    auto updated = leads.Update(r);
    if (!updated.ok()) return updated.status();
    if (!*updated) {
      // There is no such lead, its version moved on, or it is converted and
      // the request would change its status.
      auto current = leads.Find(r.id());
      if (current.ok() && *current && r.has_status() && (*current)->status() == "converted") {
        return errors::Conflict("status", "cannot change: the lead is converted");
      }
      return service::GoneOrStale(current, "lead");
    }
    *out = **std::move(updated);
    return EmitLeadChanged(events, "lead.updated", *out, ChangedFields(r));
  });
}

absl::Status LeadLogic::Delete(const service::CallContext&, std::string_view id) {
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a lead id");
  return leads_.Write([&](LeadQueries& leads, bus::EventSink& events) -> absl::Status {
    auto archived = leads.Archive(*canonical);
    if (!archived.ok()) return archived.status();
    if (!*archived) return errors::NotFound("lead");
    return EmitLeadChanged(events, "lead.deleted", **archived);
  });
}

}  // namespace sentra::core
