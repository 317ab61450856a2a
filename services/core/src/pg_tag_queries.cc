#include "pg_tag_queries.h"

#include <google/protobuf/util/time_util.h>

#include "sentra/db/query.h"

namespace sentra::core {

namespace {

using db::Query;
using google::protobuf::util::TimeUtil;

#define SENTRA_TAG_COLUMNS \
  "id, name, color, version, (extract(epoch from created_at) * 1000000)::bigint, " \
  "(extract(epoch from updated_at) * 1000000)::bigint"

constexpr Query kList{"core.list_tags", "SELECT " SENTRA_TAG_COLUMNS " FROM tags WHERE org_id = $1 "
                                        "AND ($2 = '' OR id > NULLIF($2, '')::uuid) ORDER BY id LIMIT $3"};
constexpr Query kInsert{"core.insert_tag", "INSERT INTO tags (org_id, id, name, color) VALUES ($1, $2, $3, $4) "
                                           "ON CONFLICT DO NOTHING RETURNING " SENTRA_TAG_COLUMNS};
constexpr Query kFind{"core.get_tag", "SELECT " SENTRA_TAG_COLUMNS " FROM tags WHERE org_id = $1 AND id = $2"};
constexpr Query kLock{"core.lock_tag",
                      "SELECT " SENTRA_TAG_COLUMNS " FROM tags WHERE org_id = $1 AND id = $2 FOR UPDATE"};
// Nothing when another tag has the name already.
constexpr Query kUpdate{
    "core.update_tag",
    "UPDATE tags t SET name = $3, color = $4, version = t.version + 1, updated_at = now() WHERE t.org_id = $1 "
    "AND t.id = $2 AND NOT EXISTS (SELECT 1 FROM tags o WHERE o.org_id = $1 AND o.id <> $2 AND lower(o.name) = "
    "lower($3)) RETURNING " SENTRA_TAG_COLUMNS};
constexpr Query kDelete{"core.delete_tag", "DELETE FROM tags WHERE org_id = $1 AND id = $2"};

// On the records of one table: $2 (any case) becomes $3, or goes when $3 is
// ''; a tag the record has twice after it is kept once, where it came first.
#define SENTRA_REPLACE_TAG(TABLE)                                                                               \
  Query {                                                                                                       \
    "core.replace_tag_on_" TABLE,                                                                               \
        "UPDATE " TABLE " r SET tags = ARRAY(SELECT u.t FROM (SELECT CASE WHEN lower(x.t) = lower($2) THEN $3 " \
        "ELSE x.t END AS t, x.n FROM unnest(r.tags) WITH ORDINALITY AS x(t, n)) u WHERE u.t <> '' "             \
        "GROUP BY u.t ORDER BY min(u.n)), version = r.version + 1, updated_at = now() WHERE r.org_id = $1 "      \
        "AND EXISTS (SELECT 1 FROM unnest(r.tags) AS y(t) WHERE lower(y.t) = lower($2))"                          \
  }
constexpr Query kReplace[] = {SENTRA_REPLACE_TAG("leads"), SENTRA_REPLACE_TAG("clients"),
                              SENTRA_REPLACE_TAG("contacts"), SENTRA_REPLACE_TAG("deals"),
                              SENTRA_REPLACE_TAG("orders")};

#undef SENTRA_REPLACE_TAG
#undef SENTRA_TAG_COLUMNS

void ReadTag(const db::Result& r, int row, v1::Tag* t) {
  t->set_id(r.String(row, 0));
  t->set_name(r.String(row, 1));
  t->set_color(r.String(row, 2));
  t->set_version(static_cast<int>(r.Int(row, 3)));
  *t->mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 4));
  *t->mutable_updated_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 5));
}

absl::StatusOr<std::optional<v1::Tag>> OneTag(const absl::StatusOr<db::Result>& rows) {
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::nullopt;
  v1::Tag tag;
  ReadTag(*rows, 0, &tag);
  return tag;
}

}  // namespace

absl::StatusOr<std::vector<v1::Tag>> PgTagQueries::List(const service::IdPage& page) {
  auto rows = tx_.Execute(kList, tx_.org_id(), page.after_id, page.limit + 1);
  if (!rows.ok()) return rows.status();
  std::vector<v1::Tag> tags(static_cast<std::size_t>(rows->rows()));
  for (int i = 0; i < rows->rows(); ++i) ReadTag(*rows, i, &tags[static_cast<std::size_t>(i)]);
  return tags;
}

absl::StatusOr<std::optional<v1::Tag>> PgTagQueries::Insert(std::string_view id, std::string_view name,
                                                            std::string_view color) {
  return OneTag(tx_.Execute(kInsert, tx_.org_id(), id, name, color));
}

absl::StatusOr<std::optional<v1::Tag>> PgTagQueries::Find(std::string_view id) {
  return OneTag(tx_.Execute(kFind, tx_.org_id(), id));
}

absl::StatusOr<std::optional<v1::Tag>> PgTagQueries::Lock(std::string_view id) {
  return OneTag(tx_.Execute(kLock, tx_.org_id(), id));
}

absl::StatusOr<std::optional<v1::Tag>> PgTagQueries::Update(std::string_view id, std::string_view name,
                                                            std::string_view color) {
  return OneTag(tx_.Execute(kUpdate, tx_.org_id(), id, name, color));
}

absl::Status PgTagQueries::Delete(std::string_view id) {
  auto r = tx_.Execute(kDelete, tx_.org_id(), id);
  return r.ok() ? absl::OkStatus() : r.status();
}

absl::StatusOr<int> PgTagQueries::ReplaceOnRecords(std::string_view from, std::string_view to) {
  int changed = 0;
  for (const Query& query : kReplace) {
    auto r = tx_.Execute(query, tx_.org_id(), from, to);
    if (!r.ok()) return r.status();
    changed += static_cast<int>(r->affected());
  }
  return changed;
}

}  // namespace sentra::core
