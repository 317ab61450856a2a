#include "event_handlers.h"

#include "pg_pipeline_queries.h"
#include "pg_timeline_queries.h"
#include "pipelines.h"
#include "timeline.h"

namespace sentra::core {

void HandleEvents(service::EventHandlers& on) {
  on.On<PgPipelineQueries>("organization.created", CreateDefaultPipeline);
  // The client timeline: every event about a client, its notes, deals,
  // orders and tasks.
  for (const std::string& type : TimelineEventTypes()) on.On<PgTimelineQueries>(type, ProjectOntoTimeline);
}

}  // namespace sentra::core
