// Roles: the system roles (fixed, from code) and an organization's custom
// roles, drawn from the permission catalogue. Nobody can create or widen a
// role beyond their own permissions.
#pragma once

#include "sentra/auth/v1/roles.grpc.pb.h"
#include "sentra/db/pool.h"
#include "sentra/service/call_context.h"
#include "sentra/service/idempotency.h"

namespace sentra::auth {

class RoleServiceImpl final : public v1::RoleService::Service {
 public:
  explicit RoleServiceImpl(db::Pool& pool) : pool_(pool) {}

  grpc::Status ListRoles(grpc::ServerContext*, const v1::ListRolesRequest*, v1::ListRolesResponse*) override;
  grpc::Status CreateRole(grpc::ServerContext*, const v1::CreateRoleRequest*, v1::Role*) override;
  grpc::Status GetRole(grpc::ServerContext*, const v1::GetRoleRequest*, v1::Role*) override;
  grpc::Status UpdateRole(grpc::ServerContext*, const v1::UpdateRoleRequest*, v1::Role*) override;
  grpc::Status DeleteRole(grpc::ServerContext*, const v1::DeleteRoleRequest*, v1::DeleteRoleResponse*) override;

 private:
  absl::Status DoCreate(const service::CallContext& call, v1::CreateRoleRequest req, v1::Role* out,
                        service::IdempotentWrite& write);
  absl::Status DoUpdate(const service::CallContext& call, v1::UpdateRoleRequest req, v1::Role* out);
  absl::Status DoDelete(const service::CallContext& call, const std::string& name);

  db::Pool& pool_;
};

}  // namespace sentra::auth
