#include "tags.h"

#include "absl/strings/ascii.h"
#include "portal_access.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/tag.pb.h"
#include "sentra/ids/uuid.h"
#include "tag_rules.h"
#include "sentra/service/versioned_write.h"

namespace sentra::core {

namespace {

constexpr std::string_view kList = "tags";

void CheckColor(const std::string& color, std::vector<errors::FieldError>& problems) {
  if (color.empty()) return;
  const bool ok = color.size() == 7 && color[0] == '#' &&
                  std::all_of(color.begin() + 1, color.end(), [](char c) { return absl::ascii_isxdigit(c); });
  if (!ok) problems.push_back({"color", "must be a colour as #rrggbb"});
}

absl::Status Emit(bus::EventSink& events, std::string_view type, const v1::Tag& tag) {
  events::v1::TagChanged event;
  event.set_tag_id(tag.id());
  event.set_name(tag.name());
  event.set_color(tag.color());
  event.set_version(tag.version());
  return events.Emit(type, "tag", tag.id(), event);
}

absl::Status NameTaken() { return errors::Conflict("name", "is another tag's already"); }

// A rename or deletion reaches every record of the organization: only for
// a caller who sees every brand, or records they cannot see would change
// (or, hidden from the statement, keep the old name).
absl::Status SeesEveryBrand(const service::CallContext& call) {
  if (call.brand_access == "*") return absl::OkStatus();
  return errors::WithCode(
      absl::PermissionDeniedError("renaming or deleting a tag changes every brand's records: it needs every brand"),
      errors::kForbidden);
}

}  // namespace

absl::Status TagLogic::Create(const service::CallContext&, v1::CreateTagRequest r, v1::Tag* out) {
  std::vector<errors::FieldError> problems;
  CheckTagName(r.mutable_name(), "name", problems);
  CheckColor(r.color(), problems);
  if (!problems.empty()) return errors::Validation(std::move(problems));
  return tags_.Write([&](TagQueries& tags, bus::EventSink& events) -> absl::Status {
    auto created = tags.Insert(ids::NewUuidV7(), r.name(), absl::AsciiStrToLower(r.color()));
    if (!created.ok()) return created.status();
    if (!*created) return NameTaken();
    *out = **std::move(created);
    return Emit(events, "tag.created", *out);
  });
}

absl::Status TagLogic::Get(const service::CallContext& call, std::string_view id, v1::Tag* out) {
  if (auto s = NotForPortal(call, "tags"); !s.ok()) return s;
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a tag id");
  return tags_.Read([&](TagQueries& tags) -> absl::Status {
    auto found = tags.Find(*canonical);
    if (!found.ok()) return found.status();
    if (!*found) return errors::NotFound("tag");
    *out = **std::move(found);
    return absl::OkStatus();
  });
}

absl::Status TagLogic::List(const service::CallContext& call, const v1::ListTagsRequest& request,
                            v1::ListTagsResponse* out) {
  if (auto s = NotForPortal(call, "tags"); !s.ok()) return s;
  auto page = service::ParseIdPage(kList, request);
  if (!page.ok()) return page.status();
  return tags_.Read([&](TagQueries& tags) -> absl::Status {
    out->Clear();
    auto found = tags.List(*page);
    if (!found.ok()) return found.status();
    for (auto& tag : *found) *out->add_data() = std::move(tag);
    service::FinishIdPage(*page, kList, out);
    return absl::OkStatus();
  });
}

absl::Status TagLogic::Update(const service::CallContext& call, v1::UpdateTagRequest r, v1::Tag* out) {
  const auto id = ids::NormalizeUuid(r.id());
  if (!id) return errors::Validation("id", "must be a tag id");
  std::vector<errors::FieldError> problems;
  if (r.has_name()) CheckTagName(r.mutable_name(), "name", problems);
  if (r.has_color()) CheckColor(r.color(), problems);
  if (r.has_version() && r.version() < 1) problems.push_back({"version", "must be a positive integer"});
  if (!problems.empty()) return errors::Validation(std::move(problems));
  return tags_.Write([&](TagQueries& tags, bus::EventSink& events) -> absl::Status {
    auto current = service::AtVersion(tags.Lock(*id), "tag", service::RequestedVersion(r), [](const auto& record) { return record.version(); });
    if (!current.ok()) return current.status();
    const v1::Tag was = *current;
    if (!r.has_name() && !r.has_color()) {
      *out = was;
      return absl::OkStatus();
    }
    const std::string name = r.has_name() ? r.name() : was.name();
    if (name != was.name()) {
      if (auto s = SeesEveryBrand(call); !s.ok()) return s;
    }
    auto updated = tags.Update(*id, name, r.has_color() ? absl::AsciiStrToLower(r.color()) : was.color());
    if (!updated.ok()) return updated.status();
    if (!*updated) return NameTaken();
    if (name != was.name()) {
      if (auto changed = tags.ReplaceOnRecords(was.name(), name); !changed.ok()) return changed.status();
    }
    *out = **std::move(updated);
    return Emit(events, "tag.updated", *out);
  });
}

absl::Status TagLogic::Delete(const service::CallContext& call, std::string_view id) {
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a tag id");
  if (auto s = SeesEveryBrand(call); !s.ok()) return s;
  return tags_.Write([&](TagQueries& tags, bus::EventSink& events) -> absl::Status {
    auto current = tags.Lock(*canonical);
    if (!current.ok()) return current.status();
    if (!*current) return errors::NotFound("tag");
    if (auto s = tags.Delete(*canonical); !s.ok()) return s;
    if (auto changed = tags.ReplaceOnRecords((*current)->name(), ""); !changed.ok()) return changed.status();
    return Emit(events, "tag.deleted", **current);
  });
}

}  // namespace sentra::core
