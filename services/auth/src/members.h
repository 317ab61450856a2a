// The rules of an organization's members: who may invite whom with which
// role and brands (nobody grants more than they hold), the daily invitation
// limit, the version check, and that the last active owner stays. No SQL
// and no gRPC, so the unit tests run it on fakes (tests/members_test.cc).
#pragma once

#include "client_references.h"
#include "member_queries.h"
#include "sentra/auth/v1/users.pb.h"
#include "sentra/service/call_context.h"
#include "sentra/service/repository.h"

namespace sentra::auth {

class MemberLogic {
 public:
  // `invitations_per_day`: how many invitations one organization may send
  // in 24 hours; their e-mails carry text the inviter chooses. `clients`
  // tells whether a client-portal member's client is the organization's.
  MemberLogic(service::Repository<MemberQueries>& members, int invitations_per_day, const ClientChecker& clients)
      : members_(members), invitations_per_day_(invitations_per_day), clients_(clients) {}

  absl::Status List(const service::CallContext& call, const v1::ListUsersRequest& request, v1::ListUsersResponse* out);
  absl::Status Get(const service::CallContext& call, std::string_view id, v1::Member* out);
  // user.invited, carrying the single-use link's token for comms to e-mail.
  absl::Status Invite(const service::CallContext& call, v1::InviteUserRequest request, v1::Member* out);
  // Name, role, brand access, status; deactivating ends the member's
  // sessions and emits user.deactivated.
  absl::Status Update(const service::CallContext& call, v1::UpdateUserRequest request, v1::Member* out);

 private:
  service::Repository<MemberQueries>& members_;
  const int invitations_per_day_;
  const ClientChecker& clients_;
};

}  // namespace sentra::auth
