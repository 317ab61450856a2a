// NoteQueries (note_queries.h) on PostgreSQL, on one transaction: each named
// statement, the column list and the one reader of its rows side by side.
#pragma once

#include "note_queries.h"
#include "sentra/db/transaction.h"

namespace sentra::core {

class PgNoteQueries final : public NoteQueries {
 public:
  explicit PgNoteQueries(db::Transaction& tx) : tx_(tx) {}

  absl::StatusOr<bool> ParentVisible(std::string_view parent_type, std::string_view parent_id) override;
  absl::StatusOr<v1::Note> Insert(std::string_view id, std::string_view parent_type, std::string_view parent_id,
                                  std::string_view body, std::string_view author_id) override;
  absl::StatusOr<std::optional<v1::Note>> Find(std::string_view id) override;
  absl::StatusOr<std::optional<v1::Note>> Lock(std::string_view id) override;
  absl::StatusOr<bool> List(std::string_view parent_type, std::string_view parent_id, const service::IdOrder& order,
                            v1::ListNotesResponse* out) override;
  absl::StatusOr<v1::Note> Update(std::string_view id, std::string_view body) override;
  absl::StatusOr<v1::Note> Archive(std::string_view id) override;
  absl::StatusOr<std::vector<v1::Note>> Move(std::string_view from_type, std::string_view from_id,
                                             std::string_view to_type, std::string_view to_id, int limit) override;

 private:
  db::Transaction& tx_;
};

}  // namespace sentra::core
