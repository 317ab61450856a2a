// analytics keeps every event it receives in its archive, once, as it came.
// No SQL here: the archive's queries are an interface (pg_archive_queries.h
// is the real one), so the rule is tested on a fake.
#pragma once

#include "absl/status/status.h"
#include "sentra/bus/event_sink.h"
#include "sentra/events/v1/envelope.pb.h"

namespace sentra::analytics {

class ArchiveQueries {
 public:
  virtual ~ArchiveQueries() = default;
  // Stores the event under its id; one already stored is left as it is.
  virtual absl::Status Append(const events::v1::Envelope& event) = 0;
};

// Every event type: the event into the archive of its organization.
absl::Status ArchiveEvent(ArchiveQueries& archive, bus::EventSink& events, const events::v1::Envelope& event);

}  // namespace sentra::analytics
