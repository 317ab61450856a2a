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
      metrics_.ForgetBusGauges(name);  // an old value would look like a healthy one
      continue;
    }
    metrics_.SetBusGauges(name, {.outbox_unpublished = info.outbox_unpublished(),
                                 .outbox_oldest_unpublished_seconds = info.outbox_oldest_unpublished_seconds(),
                                 .parked_events = info.parked_events()});
  }
}

}  // namespace sentra::gateway
