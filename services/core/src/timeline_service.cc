#include "timeline_service.h"

#include "sentra/service/serve.h"
#include "timeline.h"
#include "pg_timeline_queries.h"

namespace sentra::core {

namespace {

using Timeline = service::PgRepository<TimelineQueries, PgTimelineQueries>;
using service::CallContext;

}  // namespace

grpc::Status TimelineServiceImpl::ListTimeline(grpc::ServerContext* c, const v1::ListTimelineRequest* request,
                                               v1::ListTimelineResponse* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Timeline timeline(storage_, call);
    return TimelineLogic(timeline).List(call, *request, out);
  });
}

}  // namespace sentra::core
