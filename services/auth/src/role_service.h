// auth's roles over gRPC: each RPC builds the call's repository and hands
// the request to RoleLogic.
#pragma once

#include "sentra/auth/v1/roles.grpc.pb.h"
#include "sentra/service/pg_repository.h"

namespace sentra::auth {

class RoleServiceImpl final : public v1::RoleService::Service {
 public:
  explicit RoleServiceImpl(const service::Storage& storage) : storage_(storage) {}

  grpc::Status ListRoles(grpc::ServerContext*, const v1::ListRolesRequest*, v1::ListRolesResponse*) override;
  grpc::Status CreateRole(grpc::ServerContext*, const v1::CreateRoleRequest*, v1::Role*) override;
  grpc::Status GetRole(grpc::ServerContext*, const v1::GetRoleRequest*, v1::Role*) override;
  grpc::Status UpdateRole(grpc::ServerContext*, const v1::UpdateRoleRequest*, v1::Role*) override;
  grpc::Status DeleteRole(grpc::ServerContext*, const v1::DeleteRoleRequest*, v1::DeleteRoleResponse*) override;

 private:
  const service::Storage& storage_;
};

}  // namespace sentra::auth
