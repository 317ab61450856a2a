// core's client timeline over gRPC, and the consumer handler that projects
// each event onto it.
#pragma once

#include "sentra/core/v1/timeline.grpc.pb.h"
#include "sentra/db/transaction.h"
#include "sentra/events/v1/envelope.pb.h"
#include "sentra/service/pg_repository.h"

namespace sentra::core {

class TimelineServiceImpl final : public v1::TimelineService::Service {
 public:
  explicit TimelineServiceImpl(const service::Storage& storage) : storage_(storage) {}

  grpc::Status ListTimeline(grpc::ServerContext*, const v1::ListTimelineRequest*, v1::ListTimelineResponse*) override;

 private:
  const service::Storage& storage_;
};

}  // namespace sentra::core
