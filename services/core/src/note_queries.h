// Where notes are stored: the queries the note logic needs. A note is seen
// through its live parent record, whose own row-level security decides. No
// SQL here: the PostgreSQL implementation is pg_note_queries.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "sentra/core/v1/notes.pb.h"
#include "sentra/service/paging.h"

namespace sentra::core {

class NoteQueries {
 public:
  virtual ~NoteQueries() = default;
  // Whether the caller sees this live lead, client, deal or order.
  virtual absl::StatusOr<bool> ParentVisible(std::string_view parent_type, std::string_view parent_id) = 0;
  virtual absl::StatusOr<v1::Note> Insert(std::string_view id, std::string_view parent_type,
                                          std::string_view parent_id, std::string_view body,
                                          std::string_view author_id) = 0;
  virtual absl::StatusOr<std::optional<v1::Note>> Find(std::string_view id) = 0;
  // Find, the note locked for the rest of the write.
  virtual absl::StatusOr<std::optional<v1::Note>> Lock(std::string_view id) = 0;
  // Up to page.limit + 1 of the record's notes in the page's order after its
  // position, fewer when they pass the page's byte budget; whether more
  // follow the last one read (service::FinishPage).
  virtual absl::StatusOr<bool> List(std::string_view parent_type, std::string_view parent_id,
                                    const service::IdOrder& order, v1::ListNotesResponse* out) = 0;
  virtual absl::StatusOr<v1::Note> Update(std::string_view id, std::string_view body) = 0;
  virtual absl::StatusOr<v1::Note> Archive(std::string_view id) = 0;
  // Carries up to `limit` of one record's live notes to another (the oldest
  // first), bumping their versions; answers them as they now are, none once
  // the first record has no more.
  virtual absl::StatusOr<std::vector<v1::Note>> Move(std::string_view from_type, std::string_view from_id,
                                                     std::string_view to_type, std::string_view to_id, int limit) = 0;
};

}  // namespace sentra::core
