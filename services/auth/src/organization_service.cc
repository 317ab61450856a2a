#include "organization_service.h"

#include "pg_organization_queries.h"
#include "own_organization.h"
#include "sentra/service/serve.h"

namespace sentra::auth {

namespace {

using OwnOrganization = service::PgRepository<OrganizationQueries, PgOrganizationQueries>;
using service::CallContext;

}  // namespace

grpc::Status OrganizationServiceImpl::GetOwnOrganization(grpc::ServerContext* c, const v1::GetOwnOrganizationRequest*,
                                                         v1::Organization* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    OwnOrganization organization(storage_, call);
    return OwnOrganizationLogic(organization).Get(call, out);
  });
}

grpc::Status OrganizationServiceImpl::UpdateOwnOrganization(grpc::ServerContext* c,
                                                            const v1::UpdateOwnOrganizationRequest* request,
                                                            v1::Organization* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    OwnOrganization organization(storage_, call);
    return OwnOrganizationLogic(organization).Update(call, *request, out);
  });
}

}  // namespace sentra::auth
