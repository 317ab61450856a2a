#include "pg_note_queries.h"

#include <algorithm>

#include <google/protobuf/util/time_util.h>

#include "record_visibility.h"
#include "sentra/db/page_budget.h"
#include "sentra/db/query.h"

namespace sentra::core {

namespace {

using db::Query;
using google::protobuf::util::TimeUtil;

// The columns every statement returns (`n` the note), in ReadNote's order.
#define SENTRA_NOTE_COLUMNS                                                                           \
  "n.id, n.parent_type, n.parent_id, n.body, n.author_id, n.version, "                                \
  "(extract(epoch from n.created_at) * 1000000)::bigint, (extract(epoch from n.updated_at) * 1000000)::bigint"
#define SENTRA_LIVE_NOTE \
  "n.org_id = $1 AND n.archived_at IS NULL AND " SENTRA_RECORD_VISIBLE("n.parent_type", "n.parent_id") " "

void ReadNote(const db::Result& r, int row, v1::Note* n) {
  n->set_id(r.String(row, 0));
  n->set_parent_type(r.String(row, 1));
  n->set_parent_id(r.String(row, 2));
  n->set_body(r.String(row, 3));
  n->set_author_id(r.String(row, 4));
  n->set_version(static_cast<int>(r.Int(row, 5)));
  *n->mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 6));
  *n->mutable_updated_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 7));
}

constexpr Query kParentVisible{"core.note_parent_visible",
                               "SELECT " SENTRA_RECORD_VISIBLE("$2::text", "$3::uuid")};
constexpr Query kInsert{"core.insert_note",
                        "INSERT INTO notes AS n (org_id, id, parent_type, parent_id, body, author_id) "
                        "VALUES ($1, $2, $3, $4, $5, $6) RETURNING " SENTRA_NOTE_COLUMNS};
constexpr Query kFind{"core.get_note",
                      "SELECT " SENTRA_NOTE_COLUMNS " FROM notes n WHERE " SENTRA_LIVE_NOTE "AND n.id = $2"};
constexpr Query kLock{"core.lock_note", "SELECT " SENTRA_NOTE_COLUMNS " FROM notes n WHERE " SENTRA_LIVE_NOTE
                                        "AND n.id = $2 FOR NO KEY UPDATE OF n"};
// $2 parent type, $3 parent id, $4 the page's position ("" for the first page), $5 limit.
#define SENTRA_NOTE_LIST(AFTER, ORDER)                                                              \
  SENTRA_SQL_PAGE(SENTRA_NOTE_COLUMNS, "n.listed_bytes",                                           \
                  "notes n WHERE n.org_id = $1 AND n.archived_at IS NULL AND n.parent_type = $2 " \
                  "AND n.parent_id = $3 " AFTER,                                                  \
                  ORDER, "$5")
constexpr Query kListNewest{"core.list_notes",
                            SENTRA_NOTE_LIST("AND ($4 = '' OR n.id < NULLIF($4, '')::uuid)", "n.id DESC")};
constexpr Query kListOldest{"core.list_notes_oldest",
                            SENTRA_NOTE_LIST("AND ($4 = '' OR n.id > NULLIF($4, '')::uuid)", "n.id")};
#undef SENTRA_NOTE_LIST
// Only after Lock found the note: it is there.
constexpr Query kUpdate{"core.update_note",
                        "UPDATE notes n SET body = $3, version = n.version + 1, updated_at = now() "
                        "WHERE n.org_id = $1 AND n.id = $2 RETURNING " SENTRA_NOTE_COLUMNS};
constexpr Query kArchive{"core.archive_note",
                         "UPDATE notes n SET archived_at = now(), version = n.version + 1, updated_at = now() "
                         "WHERE n.org_id = $1 AND n.id = $2 RETURNING " SENTRA_NOTE_COLUMNS};

// $2/$3 from, $4/$5 to, $6 how many.
constexpr Query kMove{
    "core.move_notes",
    "UPDATE notes n SET parent_type = $4, parent_id = $5, version = n.version + 1, updated_at = now() "
    "WHERE n.org_id = $1 AND n.id IN (SELECT m.id FROM notes m WHERE m.org_id = $1 AND m.parent_type = $2 "
    "AND m.parent_id = $3 AND m.archived_at IS NULL ORDER BY m.id LIMIT $6) RETURNING " SENTRA_NOTE_COLUMNS};

#undef SENTRA_NOTE_COLUMNS
#undef SENTRA_LIVE_NOTE

absl::StatusOr<std::optional<v1::Note>> OneNote(const absl::StatusOr<db::Result>& rows) {
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::nullopt;
  v1::Note note;
  ReadNote(*rows, 0, &note);
  return note;
}

absl::StatusOr<v1::Note> TheNote(const absl::StatusOr<db::Result>& rows) {
  auto one = OneNote(rows);
  if (!one.ok()) return one.status();
  if (!*one) return absl::InternalError("a locked note is gone");
  return **std::move(one);
}

}  // namespace

absl::StatusOr<bool> PgNoteQueries::ParentVisible(std::string_view parent_type, std::string_view parent_id) {
  auto rows = tx_.Execute(kParentVisible, tx_.org_id(), parent_type, parent_id);
  if (!rows.ok()) return rows.status();
  return rows->Bool(0, 0);
}

absl::StatusOr<v1::Note> PgNoteQueries::Insert(std::string_view id, std::string_view parent_type,
                                               std::string_view parent_id, std::string_view body,
                                               std::string_view author_id) {
  return TheNote(tx_.Execute(kInsert, tx_.org_id(), id, parent_type, parent_id, body, author_id));
}

absl::StatusOr<std::optional<v1::Note>> PgNoteQueries::Find(std::string_view id) {
  return OneNote(tx_.Execute(kFind, tx_.org_id(), id));
}

absl::StatusOr<std::optional<v1::Note>> PgNoteQueries::Lock(std::string_view id) {
  return OneNote(tx_.Execute(kLock, tx_.org_id(), id));
}

absl::StatusOr<bool> PgNoteQueries::List(std::string_view parent_type, std::string_view parent_id,
                                         const service::IdOrder& order, v1::ListNotesResponse* out) {
  auto rows = tx_.Execute(order.newest_first ? kListNewest : kListOldest, tx_.org_id(), parent_type, parent_id,
                          order.page.after_id, order.page.limit + 1);
  if (!rows.ok()) return rows.status();
  for (int i = 0; i < rows->rows(); ++i) ReadNote(*rows, i, out->add_data());
  return db::MoreAfter(*rows);
}

absl::StatusOr<v1::Note> PgNoteQueries::Update(std::string_view id, std::string_view body) {
  return TheNote(tx_.Execute(kUpdate, tx_.org_id(), id, body));
}

absl::StatusOr<v1::Note> PgNoteQueries::Archive(std::string_view id) {
  return TheNote(tx_.Execute(kArchive, tx_.org_id(), id));
}

absl::StatusOr<std::vector<v1::Note>> PgNoteQueries::Move(std::string_view from_type, std::string_view from_id,
                                                         std::string_view to_type, std::string_view to_id, int limit) {
  auto rows = tx_.Execute(kMove, tx_.org_id(), from_type, from_id, to_type, to_id, limit);
  if (!rows.ok()) return rows.status();
  std::vector<v1::Note> moved(static_cast<std::size_t>(rows->rows()));
  for (int i = 0; i < rows->rows(); ++i) ReadNote(*rows, i, &moved[static_cast<std::size_t>(i)]);
  // RETURNING comes in no particular order: the oldest first, as selected.
  std::sort(moved.begin(), moved.end(), [](const v1::Note& a, const v1::Note& b) { return a.id() < b.id(); });
  return moved;
}

}  // namespace sentra::core
