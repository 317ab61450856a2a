#include "backend_gauges.h"

#include "sentra/common/v1/service_info.grpc.pb.h"

namespace sentra::gateway {

BackendGauges::BackendGauges(const std::map<std::string, std::shared_ptr<grpc::Channel>>& backends,
                             Metrics& metrics, std::chrono::milliseconds every)
    : backends_(backends), metrics_(metrics), rounds_(every, [this] { PollOnce(); }) {}

void BackendGauges::PollOnce() {
  for (const auto& [name, channel] : backends_) {
    auto stub = common::v1::ServiceInfoService::NewStub(channel);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(1));
    common::v1::GetServiceInfoRequest request;
    common::v1::ServiceInfo info;
    if (!stub->GetServiceInfo(&context, request, &info).ok()) {
      metrics_.ForgetBackend(name);  // an old value would look like a healthy one
      continue;
    }
    BackendValues values{.outbox_unpublished = info.outbox_unpublished(),
                         .outbox_oldest_unpublished_seconds = info.outbox_oldest_unpublished_seconds(),
                         .parked_events = info.parked_events(),
                         .resident_bytes = info.resident_bytes() > 0 ? info.resident_bytes() : -1,
                         .statement_reads = {}};
    for (const auto& r : info.statement_reads()) {
      values.statement_reads.push_back(
          {.statement = r.statement(), .results = r.results(), .bytes = r.bytes(), .largest_bytes = r.largest_bytes()});
    }
    for (const auto& q : info.jobs()) {
      values.jobs.push_back({.kind = q.kind(),
                             .queued = q.queued(),
                             .running = q.running(),
                             .failed = q.failed(),
                             .oldest_due_seconds = q.oldest_due_seconds()});
    }
    metrics_.SetBackend(name, std::move(values));
  }
}

}  // namespace sentra::gateway
