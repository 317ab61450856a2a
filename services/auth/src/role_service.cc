#include "role_service.h"

#include "custom_roles.h"
#include "pg_role_queries.h"
#include "sentra/service/idempotency.h"
#include "sentra/service/serve.h"

namespace sentra::auth {

namespace {

using Roles = service::PgRepository<RoleQueries, PgRoleQueries>;
using service::CallContext;

}  // namespace

grpc::Status RoleServiceImpl::ListRoles(grpc::ServerContext* c, const v1::ListRolesRequest*,
                                        v1::ListRolesResponse* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Roles roles(storage_, call);
    return RoleLogic(roles).List(call, out);
  });
}

grpc::Status RoleServiceImpl::CreateRole(grpc::ServerContext* c, const v1::CreateRoleRequest* request, v1::Role* out) {
  return service::ServeIdempotent(c, *request, storage_.pool, out,
                                  [&](const CallContext& call, service::IdempotentWrite& write) {
                                    Roles roles(storage_, call, &write, out);
                                    return RoleLogic(roles).Create(call, *request, out);
                                  });
}

grpc::Status RoleServiceImpl::GetRole(grpc::ServerContext* c, const v1::GetRoleRequest* request, v1::Role* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Roles roles(storage_, call);
    return RoleLogic(roles).Get(call, request->name(), out);
  });
}

grpc::Status RoleServiceImpl::UpdateRole(grpc::ServerContext* c, const v1::UpdateRoleRequest* request, v1::Role* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Roles roles(storage_, call);
    return RoleLogic(roles).Update(call, *request, out);
  });
}

grpc::Status RoleServiceImpl::DeleteRole(grpc::ServerContext* c, const v1::DeleteRoleRequest* request,
                                         v1::DeleteRoleResponse*) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Roles roles(storage_, call);
    return RoleLogic(roles).Delete(call, request->name());
  });
}

}  // namespace sentra::auth
