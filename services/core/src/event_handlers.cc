#include "event_handlers.h"

#include "pipelines.h"
#include "timeline.h"
#include "timeline_repository.h"

namespace sentra::core {

void HandleEvents(service::EventHandlers& on) {
  on.On<PgPipelineQueries>("organization.created", CreateDefaultPipeline);
  // The client timeline: every event about a client, its notes, deals,
  // orders and tasks.
  for (const std::string& type : TimelineEventTypes()) on.On<PgTimelineQueries>(type, ProjectOntoTimeline);
}

}  // namespace sentra::core
