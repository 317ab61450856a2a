#include "user_service.h"

#include "pg_member_queries.h"
#include "members.h"
#include "sentra/service/idempotency.h"
#include "sentra/service/serve.h"

namespace sentra::auth {

namespace {

using Members = service::PgRepository<MemberQueries, PgMemberQueries>;
using service::CallContext;

}  // namespace

grpc::Status UserServiceImpl::ListUsers(grpc::ServerContext* c, const v1::ListUsersRequest* request,
                                        v1::ListUsersResponse* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Members members(storage_, call);
    return MemberLogic(members, invitations_per_day_, clients_).List(call, *request, out);
  });
}

grpc::Status UserServiceImpl::InviteUser(grpc::ServerContext* c, const v1::InviteUserRequest* request,
                                         v1::Member* out) {
  return service::ServeIdempotent(c, *request, storage_.pool, out,
                                  [&](const CallContext& call, service::IdempotentWrite& write) {
                                    Members members(storage_, call, &write, out);
                                    return MemberLogic(members, invitations_per_day_, clients_).Invite(call, *request, out);
                                  });
}

grpc::Status UserServiceImpl::GetUser(grpc::ServerContext* c, const v1::GetUserRequest* request, v1::Member* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Members members(storage_, call);
    return MemberLogic(members, invitations_per_day_, clients_).Get(call, request->id(), out);
  });
}

grpc::Status UserServiceImpl::UpdateUser(grpc::ServerContext* c, const v1::UpdateUserRequest* request,
                                         v1::Member* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    Members members(storage_, call);
    return MemberLogic(members, invitations_per_day_, clients_).Update(call, *request, out);
  });
}

grpc::Status UserServiceImpl::DeactivateUser(grpc::ServerContext* c, const v1::DeactivateUserRequest* request,
                                             v1::DeactivateUserResponse*) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    v1::UpdateUserRequest update;
    update.set_id(request->id());
    update.set_status("deactivated");
    v1::Member ignored;
    Members members(storage_, call);
    return MemberLogic(members, invitations_per_day_, clients_).Update(call, std::move(update), &ignored);
  });
}

}  // namespace sentra::auth
