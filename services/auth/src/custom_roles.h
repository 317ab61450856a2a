// The rules of roles: the system roles (fixed, from code) and an
// organization's custom roles, drawn from the permission catalogue. Nobody
// creates, widens, narrows or deletes a role beyond the permissions they
// hold now. No SQL and no gRPC, so the unit tests run it on fakes
// (tests/custom_roles_test.cc).
#pragma once

#include "role_queries.h"
#include "sentra/service/repository.h"

namespace sentra::auth {

class RoleLogic {
 public:
  explicit RoleLogic(service::Repository<RoleQueries>& roles) : roles_(roles) {}

  absl::Status Create(const service::CallContext& call, v1::CreateRoleRequest request, v1::Role* out);
  // A system role, or a custom one.
  absl::Status Get(const service::CallContext& call, const std::string& name, v1::Role* out);
  // The system roles, then the custom ones by name.
  absl::Status List(const service::CallContext& call, v1::ListRolesResponse* out);
  absl::Status Update(const service::CallContext& call, v1::UpdateRoleRequest request, v1::Role* out);
  // Not while members have it.
  absl::Status Delete(const service::CallContext& call, const std::string& name);

 private:
  service::Repository<RoleQueries>& roles_;
};

}  // namespace sentra::auth
