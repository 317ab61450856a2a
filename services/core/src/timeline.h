// A client's timeline: the projection that turns the events about a client
// (its own, its notes', deals', orders' and tasks') into items as they
// arrive, and the newest-first list of them. No SQL and no gRPC, so the
// unit tests run both on fakes (tests/timeline_test.cc).
#pragma once

#include <string>
#include <vector>

#include "sentra/bus/event_sink.h"
#include "sentra/core/v1/timeline.pb.h"
#include "sentra/events/v1/envelope.pb.h"
#include "sentra/service/call_context.h"
#include "sentra/service/repository.h"
#include "timeline_queries.h"

namespace sentra::core {

// The event types the projection handles.
const std::vector<std::string>& TimelineEventTypes();

// One event onto the timeline of the client it concerns, if any: an item
// added (once, whatever the redeliveries), or a note's item edited or gone.
absl::Status ProjectOntoTimeline(TimelineQueries& timeline, bus::EventSink& events,
                                 const events::v1::Envelope& event);

class TimelineLogic {
 public:
  explicit TimelineLogic(service::Repository<TimelineQueries>& timeline) : timeline_(timeline) {}

  // The items of a client the caller sees, newest first.
  absl::Status List(const service::CallContext& call, const v1::ListTimelineRequest& request,
                    v1::ListTimelineResponse* out);

 private:
  service::Repository<TimelineQueries>& timeline_;
};

}  // namespace sentra::core
