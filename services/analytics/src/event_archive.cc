#include "event_archive.h"

namespace sentra::analytics {

absl::Status ArchiveEvent(ArchiveQueries& archive, bus::EventSink&, const events::v1::Envelope& event) {
  // An event without an organization (none is emitted yet) has no archive
  // to go to under row-level security.
  if (event.org_id().empty()) return absl::OkStatus();
  return archive.Append(event);
}

}  // namespace sentra::analytics
