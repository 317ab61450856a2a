// The platform operator's routes: every organization, and its status.
// Suspending one announces organization.suspended so gateways refuse its
// credentials within seconds.
#pragma once

#include "sentra/auth/v1/admin.grpc.pb.h"
#include "sentra/bus/outbox_writer.h"
#include "sentra/db/pool.h"

namespace sentra::auth {

class AdminServiceImpl final : public v1::AdminService::Service {
 public:
  AdminServiceImpl(db::Pool& pool, const bus::OutboxWriter& outbox) : pool_(pool), outbox_(outbox) {}

  grpc::Status ListOrganizations(grpc::ServerContext*, const v1::ListOrganizationsRequest*,
                                 v1::ListOrganizationsResponse*) override;
  grpc::Status GetOrganization(grpc::ServerContext*, const v1::GetOrganizationRequest*, v1::Organization*) override;
  grpc::Status UpdateOrganizationStatus(grpc::ServerContext*, const v1::UpdateOrganizationStatusRequest*,
                                        v1::Organization*) override;

 private:
  db::Pool& pool_;
  const bus::OutboxWriter& outbox_;
};

}  // namespace sentra::auth
