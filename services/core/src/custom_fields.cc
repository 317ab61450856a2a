#include "custom_fields.h"

#include <algorithm>

#include "custom_field_rules.h"
#include "fmt/format.h"
#include "portal_access.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/custom_field.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/service/patch_fields.h"
#include "sentra/service/versioned_write.h"

namespace sentra::core {

namespace {

constexpr std::string_view kList = "custom_fields";

// A page's position in a cursor: "<record type>/<key>".
bool IsPosition(std::string_view position) {
  const auto slash = position.find('/');
  if (slash == std::string_view::npos || !IsFieldEntity(position.substr(0, slash))) return false;
  const std::string_view key = position.substr(slash + 1);
  return !key.empty() && key.size() <= 50 && std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Definitions are the organization's staff's: a client-portal member's
// credential reads none.
absl::Status Emit(bus::EventSink& events, std::string_view type, const v1::CustomField& field) {
  events::v1::CustomFieldChanged event;
  event.set_custom_field_id(field.id());
  event.set_entity(field.entity());
  event.set_key(field.key());
  event.set_label(field.label());
  event.set_type(field.type());
  *event.mutable_options() = field.options();
  event.set_required(field.required());
  event.set_version(field.version());
  return events.Emit(type, "custom_field", field.id(), event);
}

}  // namespace

absl::Status CustomFieldLogic::Create(const service::CallContext&, v1::CreateCustomFieldRequest r,
                                      v1::CustomField* out) {
  v1::CustomField values;
  values.set_entity(r.entity());
  values.set_key(r.key());
  values.set_label(r.label());
  values.set_type(r.type());
  *values.mutable_options() = r.options();
  values.set_required(r.required());
  if (auto s = CheckDefinition(values); !s.ok()) return s;
  return fields_.Write([&](CustomFieldQueries& fields, bus::EventSink& events) -> absl::Status {
    auto live = fields.ChangeDefinitions(values.entity());
    if (!live.ok()) return live.status();
    if (*live >= kMaxFieldsPerEntity) {
      return errors::Validation("entity", fmt::format("has {} custom fields already, the most a record type may have: "
                                                      "delete one first",
                                                      kMaxFieldsPerEntity));
    }
    auto created = fields.Insert(ids::NewUuidV7(), values);
    if (!created.ok()) return created.status();
    if (!*created) return errors::Conflict("key", "is taken by another custom field of " + values.entity() + "s");
    *out = **std::move(created);
    return Emit(events, "custom_field.created", *out);
  });
}

absl::Status CustomFieldLogic::Get(const service::CallContext& call, std::string_view id, v1::CustomField* out) {
  if (auto s = NotForPortal(call, "custom fields"); !s.ok()) return s;
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a custom field id");
  return fields_.Read([&](CustomFieldQueries& fields) -> absl::Status {
    auto found = fields.Find(*canonical);
    if (!found.ok()) return found.status();
    if (!*found) return errors::NotFound("custom field");
    *out = **std::move(found);
    return absl::OkStatus();
  });
}

absl::Status CustomFieldLogic::List(const service::CallContext& call, const v1::ListCustomFieldsRequest& request,
                                    v1::ListCustomFieldsResponse* out) {
  if (auto s = NotForPortal(call, "custom fields"); !s.ok()) return s;
  if (!request.entity().empty() && !IsFieldEntity(request.entity())) {
    return errors::Validation("entity", "must be lead, client, contact, deal or order");
  }
  // A cursor names the list's record type, so one of another's is refused.
  const std::string list = std::string(kList) + ":" + request.entity();
  auto page = service::ParseKeyedPage(
      list, request.has_limit() ? std::optional<int>(request.limit()) : std::nullopt, request.cursor());
  if (!page.ok()) return page.status();
  if (!page->page.after_id.empty() && !IsPosition(page->after_key)) {
    return errors::Validation("cursor", "is not a cursor from this list");
  }
  const CustomFieldFilter filter{.entity = request.entity(), .page = *page};
  return fields_.Read([&](CustomFieldQueries& fields) -> absl::Status {
    std::vector<v1::CustomField> found;
    auto more = fields.List(filter, &found);
    if (!more.ok()) return more.status();
    out->Clear();
    for (auto& f : found) *out->add_data() = std::move(f);
    service::FinishPage(filter.page.page.limit, *more, out, [&](const v1::CustomField& last) {
      return service::KeyedCursor(list, last.id(), last.entity() + "/" + last.key());
    });
    return absl::OkStatus();
  });
}

absl::Status CustomFieldLogic::Update(const service::CallContext&, v1::UpdateCustomFieldRequest r,
                                      v1::CustomField* out) {
  const auto id = ids::NormalizeUuid(r.id());
  if (!id) return errors::Validation("id", "must be a custom field id");
  if (r.has_version() && r.version() < 1) return errors::Validation("version", "must be a positive integer");
  const bool new_options = service::BodyHas(r, "options");
  return fields_.Write([&](CustomFieldQueries& fields, bus::EventSink& events) -> absl::Status {
    auto current = service::AtVersion(fields.Lock(*id), "custom field", service::RequestedVersion(r), [](const auto& record) { return record.version(); });
    if (!current.ok()) return current.status();
    v1::CustomField values = *current;
    if (r.has_label()) values.set_label(r.label());
    if (new_options) *values.mutable_options() = r.options();
    if (r.has_required()) values.set_required(r.required());
    if (auto s = CheckDefinition(values); !s.ok()) return s;
    if (!r.has_label() && !new_options && !r.has_required()) {
      *out = values;
      return absl::OkStatus();
    }
    if (auto changing = fields.ChangeDefinitions(values.entity()); !changing.ok()) return changing.status();
    auto updated = fields.Update(*id, values);
    if (!updated.ok()) return updated.status();
    *out = *std::move(updated);
    return Emit(events, "custom_field.updated", *out);
  });
}

absl::Status CustomFieldLogic::Delete(const service::CallContext&, std::string_view id) {
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a custom field id");
  return fields_.Write([&](CustomFieldQueries& fields, bus::EventSink& events) -> absl::Status {
    auto archived = fields.Archive(*canonical);
    if (!archived.ok()) return archived.status();
    if (!*archived) return errors::NotFound("custom field");
    if (auto changing = fields.ChangeDefinitions((*archived)->entity()); !changing.ok()) return changing.status();
    return Emit(events, "custom_field.deleted", **archived);
  });
}

}  // namespace sentra::core
