#include "pg_archive_queries.h"

#include <google/protobuf/util/time_util.h>

namespace sentra::analytics {

namespace {
constexpr db::Query kAppend{
    "analytics.archive_event",
    "INSERT INTO event_archive (event_id, org_id, event_type, source, actor, request_id, occurred_at, envelope) "
    "VALUES ($1, $2, $3, $4, $5, $6, to_timestamp($7::bigint / 1000000.0), $8) ON CONFLICT DO NOTHING"};
}  // namespace

absl::Status PgArchiveQueries::Append(const events::v1::Envelope& event) {
  const std::string bytes = event.SerializeAsString();
  const std::int64_t micros = google::protobuf::util::TimeUtil::TimestampToMicroseconds(event.occurred_at());
  return tx_.Execute(kAppend, event.id(), event.org_id(), event.type(), event.source(), event.actor(),
                     event.request_id(), micros, db::Bytes{bytes})
      .status();
}

}  // namespace sentra::analytics
