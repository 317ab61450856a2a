// An organization's members over gRPC: each RPC builds the call's
// repository and hands the request to MemberLogic.
#pragma once

#include "client_references.h"
#include "sentra/auth/v1/users.grpc.pb.h"
#include "sentra/service/pg_repository.h"

namespace sentra::auth {

class UserServiceImpl final : public v1::UserService::Service {
 public:
  // `invitations_per_day`: how many invitations one organization may send
  // in 24 hours; `clients`: whether a client-portal member's client exists.
  UserServiceImpl(const service::Storage& storage, int invitations_per_day, const ClientChecker& clients)
      : storage_(storage), invitations_per_day_(invitations_per_day), clients_(clients) {}

  grpc::Status ListUsers(grpc::ServerContext*, const v1::ListUsersRequest*, v1::ListUsersResponse*) override;
  grpc::Status InviteUser(grpc::ServerContext*, const v1::InviteUserRequest*, v1::Member*) override;
  grpc::Status GetUser(grpc::ServerContext*, const v1::GetUserRequest*, v1::Member*) override;
  grpc::Status UpdateUser(grpc::ServerContext*, const v1::UpdateUserRequest*, v1::Member*) override;
  grpc::Status DeactivateUser(grpc::ServerContext*, const v1::DeactivateUserRequest*,
                              v1::DeactivateUserResponse*) override;

 private:
  const service::Storage& storage_;
  const int invitations_per_day_;
  const ClientChecker& clients_;
};

}  // namespace sentra::auth
