// An organization's members: list, invite (with an e-mailed single-use
// link), read, change name/role/brand access/status, deactivate. Nobody can
// grant more than they hold, and the last active owner stays.
#pragma once

#include "sentra/auth/v1/users.grpc.pb.h"
#include "sentra/bus/outbox_writer.h"
#include "sentra/db/pool.h"
#include "sentra/service/call_context.h"
#include "sentra/service/idempotency.h"

namespace sentra::auth {

class UserServiceImpl final : public v1::UserService::Service {
 public:
  // `invitations_per_day`: how many invitations one organization may send
  // in 24 hours; their e-mails carry text the inviter chooses.
  UserServiceImpl(db::Pool& pool, const bus::OutboxWriter& outbox, int invitations_per_day)
      : pool_(pool), outbox_(outbox), invitations_per_day_(invitations_per_day) {}

  grpc::Status ListUsers(grpc::ServerContext*, const v1::ListUsersRequest*, v1::ListUsersResponse*) override;
  grpc::Status InviteUser(grpc::ServerContext*, const v1::InviteUserRequest*, v1::Member*) override;
  grpc::Status GetUser(grpc::ServerContext*, const v1::GetUserRequest*, v1::Member*) override;
  grpc::Status UpdateUser(grpc::ServerContext*, const v1::UpdateUserRequest*, v1::Member*) override;
  grpc::Status DeactivateUser(grpc::ServerContext*, const v1::DeactivateUserRequest*,
                              v1::DeactivateUserResponse*) override;

 private:
  absl::Status DoList(const service::CallContext& call, const v1::ListUsersRequest& req, v1::ListUsersResponse* out);
  absl::Status DoInvite(const service::CallContext& call, v1::InviteUserRequest req, v1::Member* out,
                        service::IdempotentWrite& write);
  absl::Status DoUpdate(const service::CallContext& call, v1::UpdateUserRequest req, v1::Member* out);

  db::Pool& pool_;
  const bus::OutboxWriter& outbox_;
  const int invitations_per_day_;
};

}  // namespace sentra::auth
