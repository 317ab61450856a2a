// The rules of pipelines: the ordered stages deals move through. Every
// organization has one default pipeline (from signing up) and may make
// more; stages are edited in place, and a stage live deals are in is
// neither removed nor given another kind, nor its pipeline deleted. No SQL
// and no gRPC, so the unit tests run it on fakes (tests/pipelines_test.cc).
#pragma once

#include "pipeline_queries.h"
#include "sentra/bus/event_sink.h"
#include "sentra/events/v1/envelope.pb.h"
#include "sentra/service/call_context.h"
#include "sentra/service/repository.h"

namespace sentra::core {

// On organization.created: the organization's default pipeline, once.
absl::Status CreateDefaultPipeline(PipelineQueries& pipelines, bus::EventSink& events,
                                   const events::v1::Envelope& event);

class PipelineLogic {
 public:
  explicit PipelineLogic(service::Repository<PipelineQueries>& pipelines) : pipelines_(pipelines) {}

  absl::Status List(const service::CallContext& call, v1::ListPipelinesResponse* out);
  absl::Status Get(const service::CallContext& call, std::string_view id, v1::Pipeline* out);
  // pipeline.created.
  absl::Status Create(const service::CallContext& call, v1::CreatePipelineRequest request, v1::Pipeline* out);
  // pipeline.updated naming the fields set.
  absl::Status Update(const service::CallContext& call, v1::UpdatePipelineRequest request, v1::Pipeline* out);
  // pipeline.deleted.
  absl::Status Delete(const service::CallContext& call, std::string_view id);

 private:
  service::Repository<PipelineQueries>& pipelines_;
};

}  // namespace sentra::core
