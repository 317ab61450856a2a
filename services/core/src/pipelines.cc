#include "pipelines.h"

#include "sentra/errors/errors.h"
#include "sentra/ids/uuid.h"

namespace sentra::core {

absl::Status PipelineLogic::List(const service::CallContext&, v1::ListPipelinesResponse* out) {
  return pipelines_.Read([&](PipelineQueries& pipelines) {
    out->Clear();
    return pipelines.List(out);
  });
}

absl::Status PipelineLogic::Get(const service::CallContext&, std::string_view id, v1::Pipeline* out) {
  const auto canonical = ids::NormalizeUuid(id);
  if (!canonical) return errors::Validation("id", "must be a pipeline id");
  return pipelines_.Read([&](PipelineQueries& pipelines) -> absl::Status {
    auto found = pipelines.Find(*canonical);
    if (!found.ok()) return found.status();
    if (!*found) return errors::NotFound("pipeline");
    *out = **std::move(found);
    return absl::OkStatus();
  });
}

}  // namespace sentra::core
