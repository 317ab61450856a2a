#include "user_service.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>

#include "account_queries.h"
#include "fmt/format.h"
#include "grant.h"
#include "identity_queries.h"
#include "member_queries.h"
#include "roles.h"
#include "scoped_token.h"
#include "sentra/db/transaction.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/identity.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/service/paging.h"
#include "sentra/service/serve.h"
#include "sentra/text/validation.h"
#include "sentra/text/comma_list.h"

namespace sentra::auth {

namespace {

using errors::FieldError;
using google::protobuf::util::TimeUtil;

void ReadMember(const db::Result& r, int row, v1::Member* m) {
  m->set_id(r.String(row, 0));
  m->set_email(r.String(row, 1));
  m->set_name(r.String(row, 2));
  m->set_role(r.String(row, 3));
  m->set_status(r.String(row, 4));
  m->set_email_verified(r.Bool(row, 5));
  const std::string_view brands = r.Text(row, 6);
  auto* access = m->mutable_brand_access();
  access->set_all(brands == "*");
  if (brands != "*") {
    for (auto& id : text::SplitList(brands)) access->add_brand_ids(std::move(id));
  }
  m->set_client_id(r.String(row, 7));
  if (r.Int(row, 8) != 0) *m->mutable_last_login_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 8));
  *m->mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 9));
  m->set_version(static_cast<int>(r.Int(row, 10)));
}

absl::Status ReadMemberInto(db::Transaction& tx, const std::string& user_id, v1::Member* out) {
  auto r = tx.Execute(sql::kGetMember, user_id);
  if (!r.ok()) return r.status();
  if (r->rows() == 0) return errors::NotFound("user");
  ReadMember(*r, 0, out);
  return absl::OkStatus();
}

// Normalizes brand ids in place; problems name `field`.
void CheckBrandAccess(v1::BrandAccess* access, std::vector<FieldError>& problems) {
  if (access->all()) {
    if (access->brand_ids_size() > 0) problems.push_back({"brand_access", "is either all or a list of brands"});
    return;
  }
  if (access->brand_ids_size() > 100) problems.push_back({"brand_access.brand_ids", "has too many brands (max 100)"});
  for (auto& id : *access->mutable_brand_ids()) {
    auto normal = ids::NormalizeUuid(id);
    if (!normal) {
      problems.push_back({"brand_access.brand_ids", "must be brand ids"});
      return;
    }
    id = *normal;
  }
  // Each brand once, whatever the spelling it came in.
  auto* list = access->mutable_brand_ids();
  std::sort(list->begin(), list->end());
  list->erase(std::unique(list->begin(), list->end()), list->end());
}

absl::Status BrandsExist(db::Transaction& tx, const v1::BrandAccess& access) {
  if (access.all() || access.brand_ids_size() == 0) return absl::OkStatus();
  std::vector<std::string> wanted(access.brand_ids().begin(), access.brand_ids().end());
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  auto r = tx.Execute(sql::kCountBrands, text::JoinList(wanted));
  if (!r.ok()) return r.status();
  if (r->Int(0, 0) != static_cast<std::int64_t>(wanted.size())) {
    return errors::Validation("brand_access.brand_ids", "names a brand that does not exist");
  }
  return absl::OkStatus();
}

// A role's permissions, if the caller may hand it out: it must exist, and
// hold nothing the caller does not.
absl::StatusOr<std::vector<std::string>> GrantableRole(db::Transaction& tx, const Grant& caller,
                                                      const std::string& role, std::string_view field) {
  auto permissions = RolePermissions(tx, role);
  if (!permissions.ok()) return permissions.status();
  if (!IsSystemRole(role) && permissions->empty()) return errors::Validation(std::string(field), "is not a role here");
  if (!IsSubset(*permissions, caller.permissions)) {
    return errors::WithCode(absl::PermissionDeniedError("that role holds permissions you do not have"),
                            errors::kForbidden);
  }
  return permissions;
}

// Brand access may be given only within the giver's own, to themselves as
// to anyone; and only someone who holds every brand a member has may
// change that member.
absl::Status GivableBrands(const Grant& caller, const v1::BrandAccess& access) {
  const std::vector<std::string> ids(access.brand_ids().begin(), access.brand_ids().end());
  if (BrandsWithin(access.all(), ids, caller.brand_access)) return absl::OkStatus();
  return errors::WithCode(absl::PermissionDeniedError("brand_access: you can give access only to brands you have"),
                          errors::kForbidden, {{"brand_access", "reaches brands you do not have"}});
}

absl::Status ReachesMember(const Grant& caller, std::string_view member_brands) {
  if (BrandsWithin(member_brands == "*", text::SplitList(member_brands), caller.brand_access)) return absl::OkStatus();
  return errors::WithCode(absl::PermissionDeniedError("that member has brands you do not have"), errors::kForbidden);
}

absl::Status KeepAnOwner(db::Transaction& tx, const std::string& user_id) {
  auto owners = tx.Execute(sql::kLockOwners);
  if (!owners.ok()) return owners.status();
  for (int i = 0; i < owners->rows(); ++i) {
    if (owners->Text(i, 0) != user_id) return absl::OkStatus();
  }
  return errors::Conflict("role", "the organization must keep at least one active owner");
}


}  // namespace

absl::Status UserServiceImpl::DoList(const service::CallContext& call, const v1::ListUsersRequest& req,
                                     v1::ListUsersResponse* out) {
  auto page = service::ParseIdPage("users", req);
  if (!page.ok()) return page.status();
  std::vector<FieldError> problems;
  if (!req.status().empty() && req.status() != "invited" && req.status() != "active" && req.status() != "deactivated") {
    problems.push_back({"status", "must be invited, active or deactivated"});
  }
  if (req.role().size() > 64) problems.push_back({"role", "is too long"});
  if (req.q().size() > 200) problems.push_back({"q", "is too long (max 200)"});
  if (!problems.empty()) return errors::Validation(std::move(problems));
  return db::InTransaction(pool_, {.org_id = call.org_id, .read_only = true}, [&](db::Transaction& tx) {
    out->Clear();
    auto r = tx.Execute(sql::kListMembers, page->after_id, req.status(), req.role(), text::ContainsPattern(req.q()),
                        page->limit + 1);
    if (!r.ok()) return r.status();
    service::FillIdPage(*r, *page, "users", out, ReadMember);
    return absl::OkStatus();
  });
}

absl::Status UserServiceImpl::DoInvite(const service::CallContext& call, v1::InviteUserRequest req, v1::Member* out,
                                       service::IdempotentWrite& write) {
  std::vector<FieldError> problems;
  auto email = text::NormalizeEmail(req.email());
  if (!email) problems.push_back({"email", "must be an e-mail address"});
  const std::string name = text::Trim(req.name());
  if (!text::IsValidName(name, 200)) problems.push_back({"name", "is required (1-200 characters)"});
  if (req.role().empty() || req.role().size() > 64) problems.push_back({"role", "is required"});
  const bool brands_given = req.has_brand_access();
  if (brands_given) CheckBrandAccess(req.mutable_brand_access(), problems);
  if (req.role() == "client") {
    auto client = ids::NormalizeUuid(req.client_id());
    if (!client) problems.push_back({"client_id", "is required for the client role: the client's id"});
    else req.set_client_id(*client);
  } else if (!req.client_id().empty()) {
    problems.push_back({"client_id", "is only for the client role"});
  }
  if (!problems.empty()) return errors::Validation(std::move(problems));

  return write.InTransaction(pool_, {.org_id = call.org_id, .user_id = call.user_id}, out, [&](db::Transaction& tx) {
    auto caller = CallerGrantNow(tx, call, "users:manage");
    if (!caller.ok()) return caller.status();
    if (!brands_given) {
      // Unless told otherwise, the new member sees what the inviter sees.
      req.mutable_brand_access()->set_all(caller->brand_access == "*");
      req.mutable_brand_access()->clear_brand_ids();
      if (caller->brand_access != "*") {
        for (auto& id : text::SplitList(caller->brand_access)) req.mutable_brand_access()->add_brand_ids(std::move(id));
      }
    }
    if (auto p = GrantableRole(tx, *caller, req.role(), "role"); !p.ok()) return p.status();
    if (auto s = GivableBrands(*caller, req.brand_access()); !s.ok()) return s;
    if (auto s = BrandsExist(tx, req.brand_access()); !s.ok()) return s;
    if (auto locked = tx.Execute(sql::kLockInvitations); !locked.ok()) return locked.status();
    auto sent = tx.Execute(sql::kInvitationsToday);
    if (!sent.ok()) return sent.status();
    if (sent->Int(0, 0) >= invitations_per_day_) {
      return errors::WithCode(absl::ResourceExhaustedError(fmt::format(
                                  "this organization has sent its {} invitations for today; try again tomorrow",
                                  invitations_per_day_)),
                              errors::kRateLimited);
    }
    if (auto r = tx.Execute(sql::kInsertInvitedUser, ids::NewUuidV7(), *email, name); !r.ok()) return r.status();
    auto u = tx.Execute(sql::kUserByEmail, *email);
    if (!u.ok()) return u.status();
    const std::string user_id = u->String(0, 0);
    const std::string brands = text::JoinList(req.brand_access().brand_ids());
    auto m = tx.Execute(sql::kInsertInvitedMember, user_id, req.role(), name, req.brand_access().all(), brands,
                        req.client_id());
    if (m.status().code() == absl::StatusCode::kAlreadyExists) {
      return errors::Conflict("email", "is already a member of this organization");
    }
    if (!m.ok()) return m.status();

    const std::string token = NewScopedToken(call.org_id);
    auto expires = tx.Execute(sql::kInsertInvitation, ids::NewUuidV7(), user_id, db::Bytes{HashToken(token)},
                              call.user_id);
    if (!expires.ok()) return expires.status();
    auto org = tx.Execute(sql::kOrgName);
    if (!org.ok()) return org.status();
    auto inviter = tx.Execute(sql::kGetMember, call.user_id);
    if (!inviter.ok()) return inviter.status();
    events::v1::AccountEmailRequested event;
    event.set_user_id(user_id);
    event.set_email(*email);
    event.set_name(name);
    event.set_token(token);
    event.set_expires_at_unix(expires->Int(0, 0));
    event.set_organization_name(org->String(0, 0));
    event.set_invited_by_name(inviter->rows() > 0 ? inviter->String(0, 2) : "");
    event.set_role(req.role());
    if (auto id = outbox_.Append(tx, "user.invited", "user", user_id, event, {call.actor(), call.request_id});
        !id.ok()) {
      return id.status();
    }
    return ReadMemberInto(tx, user_id, out);
  });
}

absl::Status UserServiceImpl::DoUpdate(const service::CallContext& call, v1::UpdateUserRequest req, v1::Member* out) {
  std::vector<FieldError> problems;
  auto id = ids::NormalizeUuid(req.id());
  if (!id) return errors::Validation("id", "must be a user id");
  if (req.has_name()) {
    req.set_name(text::Trim(req.name()));
    if (!text::IsValidName(req.name(), 200)) problems.push_back({"name", "must be 1-200 characters"});
  }
  if (req.has_role() && (req.role().empty() || req.role().size() > 64)) problems.push_back({"role", "must be a role"});
  if (req.has_role() && req.role() == "client") problems.push_back({"role", "client-portal members are invited as such"});
  if (req.has_brand_access()) CheckBrandAccess(req.mutable_brand_access(), problems);
  if (req.has_status() && req.status() != "active" && req.status() != "deactivated") {
    problems.push_back({"status", "must be active or deactivated"});
  }
  if (req.has_version() && req.version() < 1) problems.push_back({"version", "must be a positive integer"});
  if (!problems.empty()) return errors::Validation(std::move(problems));

  return db::InTransaction(pool_, {.org_id = call.org_id, .user_id = call.user_id}, [&](db::Transaction& tx) {
    auto caller = CallerGrantNow(tx, call, "users:manage");
    if (!caller.ok()) return caller.status();
    auto current = tx.Execute(sql::kLockMember, *id);
    if (!current.ok()) return current.status();
    if (current->rows() == 0) return errors::NotFound("user");
    const std::string role = current->String(0, 0);
    const std::string status = current->String(0, 1);
    if (req.has_version() && req.version() != current->Int(0, 2)) return errors::VersionConflict("user");
    // Only someone who could grant a member's role, and holds every brand
    // the member has, may change that member.
    if (auto p = GrantableRole(tx, *caller, role, "role"); !p.ok()) return p.status();
    if (auto s = ReachesMember(*caller, current->Text(0, 3)); !s.ok()) return s;
    if (role == "client" && req.has_role()) return errors::Validation("role", "a client-portal member keeps that role");
    if (req.has_role() && req.role() != role) {
      if (auto p = GrantableRole(tx, *caller, req.role(), "role"); !p.ok()) return p.status();
    }
    if (req.has_brand_access()) {
      if (auto s = GivableBrands(*caller, req.brand_access()); !s.ok()) return s;
      if (auto s = BrandsExist(tx, req.brand_access()); !s.ok()) return s;
    }
    const bool deactivating = req.has_status() && req.status() == "deactivated" && status != "deactivated";
    const bool demoting = req.has_role() && req.role() != "owner";
    if (role == "owner" && status == "active" && (deactivating || demoting)) {
      if (auto s = KeepAnOwner(tx, *id); !s.ok()) return s;
    }
    if (req.has_status() && req.status() == "active" && status == "invited") {
      return errors::Validation("status", "an invited member becomes active by accepting the invitation");
    }
    const std::string brands =
        text::JoinList(req.brand_access().brand_ids());
    auto updated = tx.Execute(sql::kUpdateMember, *id, req.has_name() ? std::optional(req.name()) : std::nullopt,
                              req.has_role() ? std::optional(req.role()) : std::nullopt, req.has_brand_access(),
                              req.brand_access().all(), brands,
                              req.has_status() ? std::optional(req.status()) : std::nullopt);
    if (!updated.ok()) return updated.status();
    if (deactivating) {
      // Their refresh tokens stop now; their access tokens at expiry.
      if (auto r = tx.Execute(sql::kRevokeMemberSessions, call.org_id, *id); !r.ok()) return r.status();
      if (auto r = tx.Execute(sql::kRevokeInvitations, *id); !r.ok()) return r.status();
      events::v1::UserDeactivated event;
      event.set_user_id(*id);
      if (auto e = outbox_.Append(tx, "user.deactivated", "user", *id, event, {call.actor(), call.request_id});
          !e.ok()) {
        return e.status();
      }
    }
    return ReadMemberInto(tx, *id, out);
  });
}

grpc::Status UserServiceImpl::ListUsers(grpc::ServerContext* c, const v1::ListUsersRequest* req,
                                        v1::ListUsersResponse* out) {
  return service::ServeTenant(c, [&](const service::CallContext& call) { return DoList(call, *req, out); });
}

grpc::Status UserServiceImpl::InviteUser(grpc::ServerContext* c, const v1::InviteUserRequest* req, v1::Member* out) {
  return service::ServeIdempotent(c, *req, pool_, out, [&](const service::CallContext& call, service::IdempotentWrite& write) {
    return DoInvite(call, *req, out, write);
  });
}

grpc::Status UserServiceImpl::GetUser(grpc::ServerContext* c, const v1::GetUserRequest* req, v1::Member* out) {
  return service::ServeTenant(c, [&](const service::CallContext& call) {
    auto id = ids::NormalizeUuid(req->id());
    if (!id) return errors::Validation("id", "must be a user id");
    return db::InTransaction(pool_, {.org_id = call.org_id, .read_only = true},
                             [&](db::Transaction& tx) { return ReadMemberInto(tx, *id, out); });
  });
}

grpc::Status UserServiceImpl::UpdateUser(grpc::ServerContext* c, const v1::UpdateUserRequest* req, v1::Member* out) {
  return service::ServeTenant(c, [&](const service::CallContext& call) { return DoUpdate(call, *req, out); });
}

grpc::Status UserServiceImpl::DeactivateUser(grpc::ServerContext* c, const v1::DeactivateUserRequest* req,
                                             v1::DeactivateUserResponse*) {
  return service::ServeTenant(c, [&](const service::CallContext& call) {
    v1::UpdateUserRequest update;
    update.set_id(req->id());
    update.set_status("deactivated");
    v1::Member ignored;
    return DoUpdate(call, std::move(update), &ignored);
  });
}

}  // namespace sentra::auth
