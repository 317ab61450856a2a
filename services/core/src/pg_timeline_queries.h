// TimelineQueries (timeline_queries.h) on PostgreSQL, on one transaction: each named
// statement, the column list and the one reader of its rows side by side.
#pragma once

#include "timeline_queries.h"
#include "sentra/db/transaction.h"

namespace sentra::core {

class PgTimelineQueries final : public TimelineQueries {
 public:
  explicit PgTimelineQueries(db::Transaction& tx) : tx_(tx) {}

  absl::StatusOr<bool> ClientVisible(std::string_view client_id) override;
  absl::StatusOr<bool> List(std::string_view client_id, const TimelinePage& page,
                            std::vector<v1::TimelineItem>* out) override;
  absl::StatusOr<std::optional<std::string>> ClientOf(std::string_view type, std::string_view id) override;
  absl::StatusOr<std::string> StageName(std::string_view stage_id) override;
  absl::Status Add(std::string_view client_id, const v1::TimelineItem& item, const v1::TimelineRef& via) override;
  absl::Status Resummarize(std::string_view ref_type, std::string_view ref_id, std::string_view summary) override;
  absl::Status Remove(std::string_view ref_type, std::string_view ref_id) override;

 private:
  db::Transaction& tx_;
};

}  // namespace sentra::core
