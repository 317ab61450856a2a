// Where the client timeline is kept: what its projection writes as events
// arrive, what its list reads, and the lookups the projection needs (the
// client of a deal, order or note's record; a stage's name). The PostgreSQL
// side runs on one transaction: a request's, or the consumer's for one event.
// No SQL here: the PostgreSQL implementation is pg_timeline_queries.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "sentra/core/v1/timeline.pb.h"

namespace sentra::core {

struct TimelinePage {
  int limit = 50;
  // The last item shown: its time in microseconds and id; "" for the first page.
  std::int64_t before_micros = 0;
  std::string before_id;
  // The kinds of item the caller may read (comma-separated ref types): a
  // note's text needs notes:read, a deal's deals:read, and so on.
  std::string ref_types = "client,note,deal,order,task";
  // The records items may come through (comma-separated): an item of a
  // deal, or a note on one, needs deals:read too.
  std::string via_types = "deal,order";
};

class TimelineQueries {
 public:
  virtual ~TimelineQueries() = default;
  // Read side.
  virtual absl::StatusOr<bool> ClientVisible(std::string_view client_id) = 0;
  // Up to page.limit + 1 items of the client, newest first, after the
  // page's position, into `out`, fewer when they pass the page's byte
  // budget; whether more follow the last one read (service::FinishPage).
  virtual absl::StatusOr<bool> List(std::string_view client_id, const TimelinePage& page,
                                    std::vector<v1::TimelineItem>* out) = 0;

  // Projection side. The client a deal, order, note or task is about, in
  // whatever state; nothing when none (a lead's note, a record unknown).
  virtual absl::StatusOr<std::optional<std::string>> ClientOf(std::string_view type, std::string_view id) = 0;
  virtual absl::StatusOr<std::string> StageName(std::string_view stage_id) = 0;
  // Adds the item of one event, which came through the deal or order
  // `via` (type and id; "" for none); an event already added adds nothing.
  virtual absl::Status Add(std::string_view client_id, const v1::TimelineItem& item, const v1::TimelineRef& via) = 0;
  // The items about one record (a note edited or deleted).
  virtual absl::Status Resummarize(std::string_view ref_type, std::string_view ref_id, std::string_view summary) = 0;
  // The items about a record, or that came through it.
  virtual absl::Status Remove(std::string_view ref_type, std::string_view ref_id) = 0;
};

}  // namespace sentra::core
