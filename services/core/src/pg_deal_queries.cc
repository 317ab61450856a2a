#include "pg_deal_queries.h"

#include <google/protobuf/util/time_util.h>

#include "pg_custom_field_queries.h"
#include "default_pipeline.h"
#include "json_columns.h"
#include "sentra/db/page_budget.h"
#include "sentra/db/query.h"
#include "sentra/text/comma_list.h"

namespace sentra::core {

namespace {

using db::Query;
using google::protobuf::util::TimeUtil;

// The columns every deal statement returns (`d` the deal), in ReadDeal's
// order; the stage history comes along as "stage micros,stage micros".
#define SENTRA_DEAL_COLUMNS                                                                                      \
  "d.id, d.title, d.client_id, d.pipeline_id, d.stage_id, d.value_minor, d.currency, "                          \
  "coalesce(to_char(d.expected_close_date, 'YYYY-MM-DD'), ''), d.status, coalesce(d.owner_id::text, ''), "      \
  "coalesce((SELECT string_agg(h.stage_id::text || ' ' || (extract(epoch from h.entered_at) * 1000000)::bigint, " \
  "',' ORDER BY h.seq) FROM deal_stage_history h WHERE h.org_id = d.org_id AND h.deal_id = d.id), ''), "      \
  "d.version, (extract(epoch from d.created_at) * 1000000)::bigint, "                                          \
  "(extract(epoch from d.updated_at) * 1000000)::bigint, d.custom_fields::text, array_to_json(d.tags)::text"
// What one stage history entry adds to a deal as read: "<stage id> <micros>,".
#define SENTRA_STAGE_ENTRY_BYTES "56"
// A live deal of a live client the caller sees (RLS on clients).
#define SENTRA_LIVE_DEAL                                                                                    \
  "d.org_id = $1 AND d.archived_at IS NULL AND EXISTS (SELECT 1 FROM clients cl WHERE cl.org_id = d.org_id " \
  "AND cl.id = d.client_id AND cl.archived_at IS NULL) "

void ReadDeal(const db::Result& r, int row, StoredDeal* out) {
  v1::Deal& d = out->deal;
  d.set_id(r.String(row, 0));
  d.set_title(r.String(row, 1));
  d.set_client_id(r.String(row, 2));
  d.set_pipeline_id(r.String(row, 3));
  d.set_stage_id(r.String(row, 4));
  out->value_minor = r.Int(row, 5);
  d.set_currency(r.String(row, 6));
  d.set_expected_close_date(r.String(row, 7));
  d.set_status(r.String(row, 8));
  d.set_owner_id(r.String(row, 9));
  for (const std::string& entry : text::SplitList(r.Text(row, 10))) {
    const auto space = entry.find(' ');
    auto* e = d.add_stage_history();
    e->set_stage_id(entry.substr(0, space));
    *e->mutable_entered_at() = TimeUtil::MicrosecondsToTimestamp(std::stoll(entry.substr(space + 1)));
  }
  d.set_version(static_cast<int>(r.Int(row, 11)));
  *d.mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 12));
  *d.mutable_updated_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 13));
  ReadObject(r.Text(row, 14), d.mutable_custom_fields());
  ReadStringList(r.Text(row, 15), d.mutable_tags());
}

constexpr Query kLockClient{
    "core.deal_lock_client",
    "SELECT 1 FROM clients WHERE org_id = $1 AND id = $2 AND archived_at IS NULL FOR SHARE"};
// A live stage, share-locked for the rest of the write: a pipeline edit
// that would remove it or change its kind waits for the deal to be in it,
// and then sees it there.
constexpr Query kFindStage{"core.find_stage",
                           "SELECT id, pipeline_id, kind FROM pipeline_stages WHERE org_id = $1 AND id = $2 "
                           "AND archived_at IS NULL FOR SHARE"};
// $2: the pipeline, or "" for the default one.
constexpr Query kFirstStage{
    "core.first_stage",
    "SELECT s.id, s.pipeline_id, s.kind FROM pipeline_stages s JOIN pipelines p ON p.org_id = s.org_id "
    "AND p.id = s.pipeline_id WHERE s.org_id = $1 AND s.archived_at IS NULL AND p.archived_at IS NULL "
    "AND CASE WHEN $2 = '' THEN p.is_default ELSE p.id = NULLIF($2, '')::uuid END ORDER BY s.position LIMIT 1 "
    "FOR SHARE OF s"};
constexpr Query kInsert{
    "core.insert_deal",
    "INSERT INTO deals (org_id, id, client_id, pipeline_id, stage_id, owner_id, title, value_minor, currency, "
    "expected_close_date, status, custom_fields, tags) VALUES ($1, $2, $3, $4, $5, NULLIF($6, '')::uuid, $7, $8, "
    "$9, NULLIF($10, '')::date, $11, $12::jsonb, ARRAY(SELECT jsonb_array_elements_text($13::jsonb)))"};
// The deal's history_bytes grows with its history, which every read of the
// deal brings along: a list's byte budget counts it.
constexpr Query kEnterStage{
    "core.enter_stage",
    "WITH entered AS (INSERT INTO deal_stage_history (org_id, deal_id, stage_id) VALUES ($1, $2, $3) RETURNING 1) "
    "UPDATE deals SET history_bytes = history_bytes + " SENTRA_STAGE_ENTRY_BYTES " WHERE org_id = $1 AND id = $2"};
constexpr Query kFind{"core.get_deal",
                      "SELECT " SENTRA_DEAL_COLUMNS " FROM deals d WHERE " SENTRA_LIVE_DEAL "AND d.id = $2"};
constexpr Query kLock{"core.lock_deal", "SELECT " SENTRA_DEAL_COLUMNS " FROM deals d WHERE " SENTRA_LIVE_DEAL
                                        "AND d.id = $2 FOR NO KEY UPDATE OF d"};
// $2-$5 filters ("" for any), $6 after id, $7 limit.
#define SENTRA_DEAL_FILTERS                                                                                  \
  "AND ($2 = '' OR d.pipeline_id = NULLIF($2, '')::uuid) AND ($3 = '' OR d.stage_id = NULLIF($3, '')::uuid) " \
  "AND ($4 = '' OR d.status = $4) AND ($5 = '' OR d.client_id = NULLIF($5, '')::uuid) "
#define SENTRA_DEAL_PAGE(AFTER, ORDER)                                                     \
  SENTRA_SQL_PAGE(SENTRA_DEAL_COLUMNS, "d.listed_bytes + d.history_bytes",                 \
                  "deals d WHERE " SENTRA_LIVE_DEAL SENTRA_DEAL_FILTERS AFTER, ORDER, "$7")
constexpr Query kList{"core.list_deals", SENTRA_DEAL_PAGE("AND ($6 = '' OR d.id > NULLIF($6, '')::uuid)", "d.id")};
constexpr Query kListNewest{"core.list_deals_desc",
                            SENTRA_DEAL_PAGE("AND ($6 = '' OR d.id < NULLIF($6, '')::uuid)", "d.id DESC")};
#undef SENTRA_DEAL_PAGE
#undef SENTRA_DEAL_FILTERS
constexpr Query kPipelineExists{"core.deal_pipeline_exists",
                                "SELECT 1 FROM pipelines WHERE org_id = $1 AND id = $2 AND archived_at IS NULL"};
// A few rows (stages × currencies), however many deals: summed by PostgreSQL.
constexpr Query kStageSums{
    "core.deal_stage_sums",
    "SELECT d.stage_id, d.currency, count(*), sum(d.value_minor)::text FROM deals d WHERE " SENTRA_LIVE_DEAL
    "AND d.pipeline_id = $2 GROUP BY d.stage_id, d.currency ORDER BY d.stage_id, d.currency"};
constexpr Query kUpdate{
    "core.update_deal",
    "UPDATE deals d SET title = $3, stage_id = $4, status = $5, value_minor = $6, currency = $7, "
    "expected_close_date = NULLIF($8, '')::date, owner_id = NULLIF($9, '')::uuid, custom_fields = $11::jsonb, "
    "tags = ARRAY(SELECT jsonb_array_elements_text($12::jsonb)), "
    "version = d.version + 1, "
    "updated_at = now() WHERE " SENTRA_LIVE_DEAL "AND d.id = $2 AND d.version = $10 RETURNING d.id"};
constexpr Query kArchive{"core.archive_deal",
                         "UPDATE deals d SET archived_at = now(), version = d.version + 1, updated_at = now() "
                         "WHERE " SENTRA_LIVE_DEAL "AND d.id = $2 RETURNING " SENTRA_DEAL_COLUMNS};

#undef SENTRA_DEAL_COLUMNS
#undef SENTRA_LIVE_DEAL
#undef SENTRA_STAGE_ENTRY_BYTES

absl::StatusOr<std::optional<StoredDeal>> OneDeal(const absl::StatusOr<db::Result>& rows) {
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::nullopt;
  StoredDeal deal;
  ReadDeal(*rows, 0, &deal);
  return deal;
}

absl::StatusOr<std::optional<StageRef>> OneStage(const absl::StatusOr<db::Result>& rows) {
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0) return std::nullopt;
  return StageRef{.id = rows->String(0, 0), .pipeline_id = rows->String(0, 1), .kind = rows->String(0, 2)};
}

}  // namespace

absl::StatusOr<bool> PgDealQueries::LockClient(std::string_view client_id) {
  auto rows = tx_.Execute(kLockClient, tx_.org_id(), client_id);
  if (!rows.ok()) return rows.status();
  return rows->rows() > 0;
}

absl::StatusOr<std::optional<StageRef>> PgDealQueries::FindStage(std::string_view stage_id) {
  return OneStage(tx_.Execute(kFindStage, tx_.org_id(), stage_id));
}

absl::StatusOr<std::optional<StageRef>> PgDealQueries::FirstStage(std::string_view pipeline_id) {
  return OneStage(tx_.Execute(kFirstStage, tx_.org_id(), pipeline_id));
}

absl::Status PgDealQueries::EnsureDefaultPipeline() { return core::EnsureDefaultPipeline(tx_, tx_.org_id()); }

absl::StatusOr<SharedFieldDefinitions> PgDealQueries::FieldDefinitions() {
  return LoadFieldDefinitions(tx_, "deal");
}

absl::StatusOr<StoredDeal> PgDealQueries::Insert(std::string_view id, const DealValues& v) {
  if (auto r = tx_.Execute(kInsert, tx_.org_id(), id, v.client_id, v.pipeline_id, v.stage_id, v.owner_id, v.title,
                           v.value_minor, v.currency, v.expected_close_date, v.status, ObjectJson(v.custom_fields),
                           StringListJson(v.tags));
      !r.ok()) {
    return r.status();
  }
  if (auto r = tx_.Execute(kEnterStage, tx_.org_id(), id, v.stage_id); !r.ok()) return r.status();
  auto stored = Find(id);
  if (!stored.ok()) return stored.status();
  if (!*stored) return absl::InternalError("a deal just stored is not found");
  return **std::move(stored);
}

absl::StatusOr<std::optional<StoredDeal>> PgDealQueries::Find(std::string_view id) {
  return OneDeal(tx_.Execute(kFind, tx_.org_id(), id));
}

absl::StatusOr<std::optional<StoredDeal>> PgDealQueries::Lock(std::string_view id) {
  return OneDeal(tx_.Execute(kLock, tx_.org_id(), id));
}

absl::StatusOr<bool> PgDealQueries::List(const DealFilter& f, std::vector<StoredDeal>* out) {
  auto rows = tx_.Execute(f.order.newest_first ? kListNewest : kList, tx_.org_id(), f.pipeline_id, f.stage_id,
                          f.status, f.client_id, f.order.page.after_id, f.order.page.limit + 1);
  if (!rows.ok()) return rows.status();
  out->resize(static_cast<std::size_t>(rows->rows()));
  for (int i = 0; i < rows->rows(); ++i) ReadDeal(*rows, i, &(*out)[static_cast<std::size_t>(i)]);
  return db::MoreAfter(*rows);
}

absl::StatusOr<std::optional<StoredDeal>> PgDealQueries::Update(std::string_view id, int version,
                                                                const DealValues& v, bool stage_changed) {
  auto updated = tx_.Execute(kUpdate, tx_.org_id(), id, v.title, v.stage_id, v.status, v.value_minor, v.currency,
                             v.expected_close_date, v.owner_id, version, ObjectJson(v.custom_fields),
                             StringListJson(v.tags));
  if (!updated.ok()) return updated.status();
  if (updated->rows() == 0) return std::nullopt;
  if (stage_changed) {
    if (auto r = tx_.Execute(kEnterStage, tx_.org_id(), id, v.stage_id); !r.ok()) return r.status();
  }
  return Find(id);
}

absl::StatusOr<std::optional<StoredDeal>> PgDealQueries::Archive(std::string_view id) {
  return OneDeal(tx_.Execute(kArchive, tx_.org_id(), id));
}

absl::StatusOr<bool> PgDealQueries::PipelineExists(std::string_view pipeline_id) {
  auto rows = tx_.Execute(kPipelineExists, tx_.org_id(), pipeline_id);
  if (!rows.ok()) return rows.status();
  return rows->rows() > 0;
}

absl::StatusOr<std::vector<StageSum>> PgDealQueries::StageSums(std::string_view pipeline_id) {
  auto rows = tx_.Execute(kStageSums, tx_.org_id(), pipeline_id);
  if (!rows.ok()) return rows.status();
  std::vector<StageSum> sums;
  for (int i = 0; i < rows->rows(); ++i) {
    sums.push_back({.stage_id = rows->String(i, 0),
                    .currency = rows->String(i, 1),
                    .count = static_cast<int>(rows->Int(i, 2)),
                    .value_minor = rows->String(i, 3)});
  }
  return sums;
}

}  // namespace sentra::core
