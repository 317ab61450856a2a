// Reading pipelines: the stages deals move through. Every organization has
// its default one from signing up.
#pragma once

#include "pipeline_repository.h"
#include "sentra/service/call_context.h"
#include "sentra/service/repository.h"

namespace sentra::core {

class PipelineLogic {
 public:
  explicit PipelineLogic(service::Repository<PipelineQueries>& pipelines) : pipelines_(pipelines) {}

  absl::Status List(const service::CallContext& call, v1::ListPipelinesResponse* out);
  absl::Status Get(const service::CallContext& call, std::string_view id, v1::Pipeline* out);

 private:
  service::Repository<PipelineQueries>& pipelines_;
};

}  // namespace sentra::core
