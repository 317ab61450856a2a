#include "pg_timeline_queries.h"

#include <google/protobuf/util/time_util.h>

#include "sentra/db/page_budget.h"
#include "sentra/db/query.h"

namespace sentra::core {

namespace {

using db::Query;
using google::protobuf::util::TimeUtil;

constexpr Query kClientVisible{"core.timeline_client_visible",
                               "SELECT 1 FROM clients WHERE org_id = $1 AND id = $2"};
// Newest first; $3/$4 the last item shown (time in microseconds, id), $3 NULL for the first page.
constexpr Query kList{
    "core.list_timeline",
    SENTRA_SQL_PAGE("id, type, (extract(epoch from occurred_at) * 1000000)::bigint, summary, ref_type, ref_id",
                    "listed_bytes",
                    "timeline_items WHERE org_id = $1 AND client_id = $2 AND ref_type = ANY (string_to_array($6, ',')) "
                    "AND (via_type = '' OR via_type = ANY (string_to_array($7, ','))) "
                    "AND ($3::bigint IS NULL OR (occurred_at, id) < (" SENTRA_SQL_MICROS("$3") ", NULLIF($4, '')::uuid))",
                    "occurred_at DESC, id DESC", "$5")};
constexpr Query kClientOf{
    "core.timeline_client_of",
    "SELECT CASE $2 WHEN 'deal' THEN (SELECT client_id FROM deals WHERE org_id = $1 AND id = $3::uuid) "
    "WHEN 'order' THEN (SELECT client_id FROM orders WHERE org_id = $1 AND id = $3::uuid) END"};
constexpr Query kStageName{"core.timeline_stage_name",
                           "SELECT name FROM pipeline_stages WHERE org_id = $1 AND id = $2"};
constexpr Query kAdd{
    "core.add_timeline_item",
    "INSERT INTO timeline_items (org_id, id, client_id, occurred_at, type, summary, ref_type, ref_id, via_type, "
    "via_id) "
    "VALUES ($1, $2, $3, " SENTRA_SQL_MICROS("$4") ", $5, $6, $7, $8, $9, NULLIF($10, '')::uuid) "
    "ON CONFLICT DO NOTHING"};
constexpr Query kResummarize{"core.resummarize_timeline",
                             "UPDATE timeline_items SET summary = $4 WHERE org_id = $1 AND ref_type = $2 AND ref_id = $3"};
constexpr Query kRemove{"core.remove_timeline_items",
                        "DELETE FROM timeline_items WHERE org_id = $1 AND ((ref_type = $2 AND ref_id = $3) "
                        "OR (via_type = $2 AND via_id = $3))"};

absl::Status Done(const absl::StatusOr<db::Result>& result) { return result.ok() ? absl::OkStatus() : result.status(); }

}  // namespace

absl::StatusOr<bool> PgTimelineQueries::ClientVisible(std::string_view client_id) {
  auto rows = tx_.Execute(kClientVisible, tx_.org_id(), client_id);
  if (!rows.ok()) return rows.status();
  return rows->rows() > 0;
}

absl::StatusOr<bool> PgTimelineQueries::List(std::string_view client_id, const TimelinePage& page,
                                             std::vector<v1::TimelineItem>* out) {
  const std::optional<std::int64_t> before =
      page.before_id.empty() ? std::nullopt : std::optional<std::int64_t>(page.before_micros);
  auto rows = tx_.Execute(kList, tx_.org_id(), client_id, before, page.before_id, page.limit + 1, page.ref_types,
                          page.via_types);
  if (!rows.ok()) return rows.status();
  out->resize(static_cast<std::size_t>(rows->rows()));
  for (int i = 0; i < rows->rows(); ++i) {
    v1::TimelineItem& item = (*out)[static_cast<std::size_t>(i)];
    item.set_id(rows->String(i, 0));
    item.set_type(rows->String(i, 1));
    *item.mutable_occurred_at() = TimeUtil::MicrosecondsToTimestamp(rows->Int(i, 2));
    item.set_summary(rows->String(i, 3));
    item.mutable_ref()->set_type(rows->String(i, 4));
    item.mutable_ref()->set_id(rows->String(i, 5));
  }
  return db::MoreAfter(*rows);
}

absl::StatusOr<std::optional<std::string>> PgTimelineQueries::ClientOf(std::string_view type, std::string_view id) {
  auto rows = tx_.Execute(kClientOf, tx_.org_id(), type, id);
  if (!rows.ok()) return rows.status();
  if (rows->rows() == 0 || rows->IsNull(0, 0)) return std::nullopt;
  return rows->String(0, 0);
}

absl::StatusOr<std::string> PgTimelineQueries::StageName(std::string_view stage_id) {
  auto rows = tx_.Execute(kStageName, tx_.org_id(), stage_id);
  if (!rows.ok()) return rows.status();
  return rows->rows() == 0 ? std::string() : rows->String(0, 0);
}

absl::Status PgTimelineQueries::Add(std::string_view client_id, const v1::TimelineItem& item,
                                    const v1::TimelineRef& via) {
  return Done(tx_.Execute(kAdd, tx_.org_id(), item.id(), client_id,
                          TimeUtil::TimestampToMicroseconds(item.occurred_at()), item.type(), item.summary(),
                          item.ref().type(), item.ref().id(), via.type(), via.id()));
}

absl::Status PgTimelineQueries::Resummarize(std::string_view ref_type, std::string_view ref_id,
                                            std::string_view summary) {
  return Done(tx_.Execute(kResummarize, tx_.org_id(), ref_type, ref_id, summary));
}

absl::Status PgTimelineQueries::Remove(std::string_view ref_type, std::string_view ref_id) {
  return Done(tx_.Execute(kRemove, tx_.org_id(), ref_type, ref_id));
}

}  // namespace sentra::core
