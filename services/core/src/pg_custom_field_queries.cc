#include "pg_custom_field_queries.h"

#include <google/protobuf/util/time_util.h>

#include "json_columns.h"
#include "sentra/db/page_budget.h"
#include "sentra/db/query.h"

namespace sentra::core {

namespace {

using db::Query;
using google::protobuf::util::TimeUtil;

// The columns every statement returns, in ReadDefinition's order; the
// options as a JSON array.
#define SENTRA_FIELD_COLUMNS                                                                                  \
  "id, entity, key, label, type, array_to_json(options)::text, required, version, "                           \
  "(extract(epoch from created_at) * 1000000)::bigint, (extract(epoch from updated_at) * 1000000)::bigint"

// $2 the record type ("" for all), $3/$4 the last one shown's type and key
// ("" for the first page), $5 the limit.
constexpr Query kList{
    "core.list_custom_fields",
    SENTRA_SQL_PAGE(SENTRA_FIELD_COLUMNS, "listed_bytes",
                    "custom_field_definitions WHERE org_id = $1 AND archived_at IS NULL AND ($2 = '' OR entity = $2) "
                    "AND ($3 = '' OR (entity, key) > ($3, $4))",
                    "entity, key", "$5")};
constexpr Query kVersion{"core.custom_fields_version",
                         "SELECT version FROM custom_field_sets WHERE org_id = $1 AND entity = $2 FOR SHARE"};
constexpr Query kLoad{"core.load_custom_fields",
                      "SELECT " SENTRA_FIELD_COLUMNS " FROM custom_field_definitions WHERE org_id = $1 "
                      "AND archived_at IS NULL AND entity = $2 ORDER BY key"};
constexpr Query kBumpVersion{
    "core.bump_custom_fields_version",
    "INSERT INTO custom_field_sets AS s (org_id, entity, version) VALUES ($1, $2, 1) "
    "ON CONFLICT (org_id, entity) DO UPDATE SET version = s.version + 1 RETURNING version"};
constexpr Query kCountLive{"core.count_custom_fields",
                           "SELECT count(*) FROM custom_field_definitions WHERE org_id = $1 AND entity = $2 "
                           "AND archived_at IS NULL"};
// $7: the options as a JSON array.
constexpr Query kInsert{
    "core.insert_custom_field",
    "INSERT INTO custom_field_definitions (org_id, id, entity, key, label, type, options, required) "
    "SELECT $1, $2, $3, $4, $5, $6, coalesce(array(SELECT jsonb_array_elements_text($7::jsonb)), '{}'), $8 "
    "ON CONFLICT DO NOTHING RETURNING " SENTRA_FIELD_COLUMNS};
constexpr Query kFind{"core.get_custom_field",
                      "SELECT " SENTRA_FIELD_COLUMNS " FROM custom_field_definitions WHERE org_id = $1 "
                      "AND id = $2 AND archived_at IS NULL"};
constexpr Query kLock{"core.lock_custom_field",
                      "SELECT " SENTRA_FIELD_COLUMNS " FROM custom_field_definitions WHERE org_id = $1 "
                      "AND id = $2 AND archived_at IS NULL FOR UPDATE"};
constexpr Query kUpdate{
    "core.update_custom_field",
    "UPDATE custom_field_definitions SET label = $3, "
    "options = coalesce(array(SELECT jsonb_array_elements_text($4::jsonb)), '{}'), required = $5, "
    "version = version + 1, updated_at = now() WHERE org_id = $1 AND id = $2 RETURNING " SENTRA_FIELD_COLUMNS};
constexpr Query kArchive{"core.archive_custom_field",
                         "UPDATE custom_field_definitions SET archived_at = now(), version = version + 1, "
                         "updated_at = now() WHERE org_id = $1 AND id = $2 AND archived_at IS NULL "
                         "RETURNING " SENTRA_FIELD_COLUMNS};

#undef SENTRA_FIELD_COLUMNS

void ReadDefinition(const db::Result& r, int row, v1::CustomField* d) {
  d->set_id(r.String(row, 0));
  d->set_entity(r.String(row, 1));
  d->set_key(r.String(row, 2));
  d->set_label(r.String(row, 3));
  d->set_type(r.String(row, 4));
  ReadStringList(r.Text(row, 5), d->mutable_options());
  d->set_required(r.Bool(row, 6));
  d->set_version(static_cast<int>(r.Int(row, 7)));
  *d->mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 8));
  *d->mutable_updated_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 9));
}

absl::StatusOr<std::vector<v1::CustomField>> All(const absl::StatusOr<db::Result>& rows) {
  if (!rows.ok()) return rows.status();
  std::vector<v1::CustomField> out(static_cast<std::size_t>(rows->rows()));
  for (int i = 0; i < rows->rows(); ++i) ReadDefinition(*rows, i, &out[static_cast<std::size_t>(i)]);
  return out;
}

absl::StatusOr<std::optional<v1::CustomField>> One(const absl::StatusOr<db::Result>& rows) {
  auto all = All(rows);
  if (!all.ok()) return all.status();
  if (all->empty()) return std::nullopt;
  return std::move(all->front());
}

}  // namespace

absl::StatusOr<SharedFieldDefinitions> LoadFieldDefinitions(db::Transaction& tx, std::string_view entity) {
  static const SharedFieldDefinitions kNone = std::make_shared<const std::vector<v1::CustomField>>();
  auto version = tx.Execute(kVersion, tx.org_id(), entity);
  if (!version.ok()) return version.status();
  // Never changed: never defined.
  if (version->rows() == 0) return kNone;
  const std::int64_t at = version->Int(0, 0);
  FieldDefinitionCache& cache = TheFieldDefinitionCache();
  if (SharedFieldDefinitions held = cache.Find(tx.org_id(), entity, at)) return held;
  auto read = All(tx.Execute(kLoad, tx.org_id(), entity));
  if (!read.ok()) return read.status();
  auto definitions = std::make_shared<const std::vector<v1::CustomField>>(*std::move(read));
  cache.Keep(tx.org_id(), entity, at, definitions);
  return definitions;
}

absl::StatusOr<bool> PgCustomFieldQueries::List(const CustomFieldFilter& f, std::vector<v1::CustomField>* out) {
  std::string_view after_entity, after_key;
  if (!f.page.page.after_id.empty()) {
    const auto slash = f.page.after_key.find('/');
    after_entity = std::string_view(f.page.after_key).substr(0, slash);
    after_key = slash == std::string::npos ? "" : std::string_view(f.page.after_key).substr(slash + 1);
  }
  auto rows = tx_.Execute(kList, tx_.org_id(), f.entity, after_entity, after_key, f.page.page.limit + 1);
  if (!rows.ok()) return rows.status();
  out->resize(static_cast<std::size_t>(rows->rows()));
  for (int i = 0; i < rows->rows(); ++i) ReadDefinition(*rows, i, &(*out)[static_cast<std::size_t>(i)]);
  return db::MoreAfter(*rows);
}

absl::StatusOr<int> PgCustomFieldQueries::ChangeDefinitions(std::string_view entity) {
  if (auto bumped = tx_.Execute(kBumpVersion, tx_.org_id(), entity); !bumped.ok()) return bumped.status();
  auto live = tx_.Execute(kCountLive, tx_.org_id(), entity);
  if (!live.ok()) return live.status();
  return static_cast<int>(live->Int(0, 0));
}

absl::StatusOr<std::optional<v1::CustomField>> PgCustomFieldQueries::Insert(std::string_view id,
                                                                            const v1::CustomField& v) {
  return One(tx_.Execute(kInsert, tx_.org_id(), id, v.entity(), v.key(), v.label(), v.type(), StringListJson(v.options()),
                         v.required()));
}

absl::StatusOr<std::optional<v1::CustomField>> PgCustomFieldQueries::Find(std::string_view id) {
  return One(tx_.Execute(kFind, tx_.org_id(), id));
}

absl::StatusOr<std::optional<v1::CustomField>> PgCustomFieldQueries::Lock(std::string_view id) {
  return One(tx_.Execute(kLock, tx_.org_id(), id));
}

absl::StatusOr<v1::CustomField> PgCustomFieldQueries::Update(std::string_view id, const v1::CustomField& v) {
  auto updated = One(tx_.Execute(kUpdate, tx_.org_id(), id, v.label(), StringListJson(v.options()), v.required()));
  if (!updated.ok()) return updated.status();
  if (!*updated) return absl::InternalError("a locked custom field is gone");
  return **std::move(updated);
}

absl::StatusOr<std::optional<v1::CustomField>> PgCustomFieldQueries::Archive(std::string_view id) {
  return One(tx_.Execute(kArchive, tx_.org_id(), id));
}

}  // namespace sentra::core
