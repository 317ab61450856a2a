// The rules of notes: on a lead, client, deal or order the caller may read, by
// their author, changed or deleted only by the author or an organization
// admin; note.created/updated/deleted carry the text for the timeline. No
// SQL and no gRPC, so tests/notes_test.cc runs it on fakes.
#pragma once

#include "note_queries.h"
#include "sentra/service/call_context.h"
#include "sentra/service/repository.h"

namespace sentra::core {

// The NoteChanged event of `type` for `note`, into `events`; `changed` names
// the fields a note.updated changed.
absl::Status EmitNoteChanged(bus::EventSink& events, std::string_view type, const v1::Note& note,
                             std::vector<std::string> changed = {});

class NoteLogic {
 public:
  explicit NoteLogic(service::Repository<NoteQueries>& notes) : notes_(notes) {}

  // `parent_type`: "lead", "client", "deal" or "order", from the route.
  absl::Status Create(const service::CallContext& call, std::string_view parent_type, v1::CreateNoteRequest request,
                      v1::Note* out);
  absl::Status List(const service::CallContext& call, std::string_view parent_type,
                    const v1::ListNotesRequest& request, v1::ListNotesResponse* out);
  absl::Status Get(const service::CallContext& call, std::string_view id, v1::Note* out);
  absl::Status Update(const service::CallContext& call, v1::UpdateNoteRequest request, v1::Note* out);
  absl::Status Delete(const service::CallContext& call, std::string_view id);

 private:
  service::Repository<NoteQueries>& notes_;
};

}  // namespace sentra::core
