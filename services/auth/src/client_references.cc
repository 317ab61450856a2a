#include "client_references.h"

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>

#include <chrono>

#include "sentra/core/v1/internal.grpc.pb.h"
#include "sentra/errors/errors.h"
#include "sentra/service/metadata.h"

namespace sentra::auth {

absl::Status UnknownClient() {
  return errors::Validation("client_id", "is not a client of this organization you may see (or it is archived)");
}

struct CoreClients::Stub {
  std::unique_ptr<core::v1::CoreInternalService::Stub> core;
};

CoreClients::CoreClients(std::shared_ptr<grpc::Channel> core)
    : stub_(std::make_unique<Stub>(Stub{core::v1::CoreInternalService::NewStub(std::move(core))})) {}

CoreClients::~CoreClients() = default;

absl::StatusOr<std::string> CoreClients::ClientBrand(const service::CallContext& call,
                                                     std::string_view client_id) const {
  core::v1::CheckClientsRequest request;
  request.set_org_id(call.org_id);
  request.add_client_ids(std::string(client_id));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  service::ToMetadata({.request_id = call.request_id}, context);
  core::v1::CheckClientsResponse response;
  const grpc::Status status = stub_->core->CheckClients(&context, request, &response);
  if (!status.ok()) {
    return errors::WithCode(absl::UnavailableError("cannot check client_id now; try again"), errors::kUnavailable);
  }
  const auto known = response.brand_ids().find(std::string(client_id));
  if (response.unknown_client_ids_size() > 0 || known == response.brand_ids().end()) return UnknownClient();
  return known->second;
}

}  // namespace sentra::auth
