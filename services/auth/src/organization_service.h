// auth's own-organization routes over gRPC: each RPC builds the call's
// repository and hands the request to OwnOrganizationLogic.
#pragma once

#include "sentra/auth/v1/organization.grpc.pb.h"
#include "sentra/service/pg_repository.h"

namespace sentra::auth {

class OrganizationServiceImpl final : public v1::OrganizationService::Service {
 public:
  explicit OrganizationServiceImpl(const service::Storage& storage) : storage_(storage) {}

  grpc::Status GetOwnOrganization(grpc::ServerContext*, const v1::GetOwnOrganizationRequest*,
                                  v1::Organization*) override;
  grpc::Status UpdateOwnOrganization(grpc::ServerContext*, const v1::UpdateOwnOrganizationRequest*,
                                     v1::Organization*) override;

 private:
  const service::Storage& storage_;
};

}  // namespace sentra::auth
