#include "notes.h"

#include "field_checks.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/note.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/service/versioned_write.h"

namespace sentra::core {

namespace {

constexpr std::string_view kList = "notes";
constexpr std::size_t kMaxBody = 10000;

// Notes are read with the record: leads:read for a lead's, and so on.
absl::Status MayReadRecord(const service::CallContext& call, std::string_view parent_type) {
  const std::string permission = std::string(parent_type) + "s:read";
  if (call.Has(permission)) return absl::OkStatus();
  return errors::WithCode(absl::PermissionDeniedError("the notes of a " + std::string(parent_type) + " need " +
                                                      permission),
                          errors::kForbidden);
}

// A note is changed or deleted by its author, or an organization admin.
absl::Status MayChange(const service::CallContext& call, const v1::Note& note) {
  if (note.author_id() == call.user_id || call.Has("organization:manage")) return absl::OkStatus();
  return errors::WithCode(absl::PermissionDeniedError("only its author or an admin changes a note"),
                          errors::kForbidden);
}

absl::StatusOr<std::string> ParentId(std::string_view value) {
  auto id = ids::NormalizeUuid(value);
  if (!id) return errors::Validation("parent_id", "must be the record's id");
  return *id;
}

}  // namespace

absl::Status EmitNoteChanged(bus::EventSink& events, std::string_view type, const v1::Note& note,
                             std::vector<std::string> changed) {
  events::v1::NoteChanged event;
  event.set_note_id(note.id());
  event.set_parent_type(note.parent_type());
  event.set_parent_id(note.parent_id());
  event.set_author_id(note.author_id());
  event.set_body(note.body());
  event.set_version(note.version());
  *event.mutable_created_at() = note.created_at();
  for (auto& f : changed) event.add_changed_fields(std::move(f));
  return events.Emit(type, "note", note.id(), event);
}

absl::Status NoteLogic::Create(const service::CallContext& call, std::string_view parent_type,
                               v1::CreateNoteRequest r, v1::Note* out) {
  auto parent = ParentId(r.parent_id());
  if (!parent.ok()) return parent.status();
  std::vector<errors::FieldError> problems;
  CheckRequiredLines(r.mutable_body(), "body", kMaxBody, problems);
  if (!problems.empty()) return errors::Validation(std::move(problems));
  if (auto s = MayReadRecord(call, parent_type); !s.ok()) return s;
  const std::string id = ids::NewUuidV7();
  return notes_.Write([&](NoteQueries& notes, bus::EventSink& events) -> absl::Status {
    auto visible = notes.ParentVisible(parent_type, *parent);
    if (!visible.ok()) return visible.status();
    if (!*visible) return errors::NotFound(parent_type);
    auto created = notes.Insert(id, parent_type, *parent, r.body(), call.user_id);
    if (!created.ok()) return created.status();
    *out = *std::move(created);
    return EmitNoteChanged(events, "note.created", *out);
  });
}

absl::Status NoteLogic::List(const service::CallContext& call, std::string_view parent_type,
                             const v1::ListNotesRequest& request, v1::ListNotesResponse* out) {
  auto parent = ParentId(request.parent_id());
  if (!parent.ok()) return parent.status();
  // A cursor pages one record's notes only.
  const std::string list = std::string(kList) + ":" + std::string(parent_type) + ":" + *parent;
  auto order = service::ParseIdOrder(list, request, "-created_at");  // newest first unless asked
  if (!order.ok()) return order.status();
  if (auto s = MayReadRecord(call, parent_type); !s.ok()) return s;
  return notes_.Read([&](NoteQueries& notes) -> absl::Status {
    out->Clear();
    auto visible = notes.ParentVisible(parent_type, *parent);
    if (!visible.ok()) return visible.status();
    if (!*visible) return errors::NotFound(parent_type);
    auto more = notes.List(parent_type, *parent, *order, out);
    if (!more.ok()) return more.status();
    service::FinishIdOrderPage(*order, list, *more, out);
    return absl::OkStatus();
  });
}

absl::Status NoteLogic::Get(const service::CallContext& call, std::string_view id, v1::Note* out) {
  auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a note id");
  return notes_.Read([&](NoteQueries& notes) -> absl::Status {
    auto found = notes.Find(*canonical);
    if (!found.ok()) return found.status();
    if (!*found) return errors::NotFound("note");
    if (auto s = MayReadRecord(call, (*found)->parent_type()); !s.ok()) return s;
    *out = **std::move(found);
    return absl::OkStatus();
  });
}

absl::Status NoteLogic::Update(const service::CallContext& call, v1::UpdateNoteRequest r, v1::Note* out) {
  auto id = ids::NormalizeUuid(r.id());
  if (!id) return errors::Validation("id", "must be a note id");
  std::vector<errors::FieldError> problems;
  if (r.has_body()) CheckRequiredLines(r.mutable_body(), "body", kMaxBody, problems);
  if (r.has_version() && r.version() < 1) problems.push_back({"version", "must be a positive integer"});
  if (!problems.empty()) return errors::Validation(std::move(problems));
  return notes_.Write([&](NoteQueries& notes, bus::EventSink& events) -> absl::Status {
    auto current = service::AtVersion(notes.Lock(*id), "note", std::nullopt, [](const auto& record) { return record.version(); });
    if (!current.ok()) return current.status();
    if (auto s = MayReadRecord(call, current->parent_type()); !s.ok()) return s;
    if (auto s = MayChange(call, *current); !s.ok()) return s;
    if (auto s = service::CheckVersion("note", service::RequestedVersion(r), current->version()); !s.ok()) return s;
    if (!r.has_body() || r.body() == current->body()) {  // nothing to write
      *out = *std::move(current);
      return absl::OkStatus();
    }
    auto updated = notes.Update(*id, r.body());
    if (!updated.ok()) return updated.status();
    *out = *std::move(updated);
    return EmitNoteChanged(events, "note.updated", *out, {"body"});
  });
}

absl::Status NoteLogic::Delete(const service::CallContext& call, std::string_view id) {
  auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a note id");
  return notes_.Write([&](NoteQueries& notes, bus::EventSink& events) -> absl::Status {
    auto current = notes.Lock(*canonical);
    if (!current.ok()) return current.status();
    if (!*current) return errors::NotFound("note");
    if (auto s = MayReadRecord(call, (*current)->parent_type()); !s.ok()) return s;
    if (auto s = MayChange(call, **current); !s.ok()) return s;
    auto archived = notes.Archive(*canonical);
    if (!archived.ok()) return archived.status();
    return EmitNoteChanged(events, "note.deleted", *archived);
  });
}

}  // namespace sentra::core
