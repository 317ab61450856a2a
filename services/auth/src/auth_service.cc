#include "auth_service.h"

#include <google/protobuf/util/time_util.h>
#include <spdlog/spdlog.h>

#include "account_queries.h"
#include "identity_queries.h"
#include "organization_slug.h"
#include "passwords.h"
#include "pg_grant.h"
#include "refresh_rule.h"
#include "scoped_token.h"
#include "roles.h"
#include "sentra/db/pg_error.h"
#include "sentra/errors/errors.h"
#include "sentra/errors/grpc_status.h"
#include "sentra/events/v1/organization.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/service/call_context.h"
#include "sentra/service/serve.h"
#include "sentra/text/validation.h"

namespace sentra::auth {

namespace {

using google::protobuf::util::TimeUtil;
using errors::FieldError;
using text::IsValidName;
using text::NormalizeEmail;
using text::Trim;

constexpr int kAccessTokenSeconds = 15 * 60;
constexpr std::size_t kMinPassword = 10;
constexpr std::size_t kMaxPassword = 1024;

absl::Status InvalidCredentials() {
  return errors::WithCode(absl::UnauthenticatedError("e-mail or password is wrong"),
                          errors::kInvalidCredentials);
}

absl::Status InvalidRefresh() {
  return absl::UnauthenticatedError("refresh token is invalid, expired or already used");
}

absl::Status Suspended() {
  return errors::WithCode(absl::PermissionDeniedError("organization is suspended"),
                          errors::kOrgSuspended);
}

void ReadUser(const db::Result& r, int row, v1::User* user) {
  user->set_id(r.String(row, 0));
  user->set_email(r.String(row, 1));
  user->set_name(r.String(row, 2));
  user->set_email_verified(r.Bool(row, 4));
  user->set_status(r.String(row, 5));
  *user->mutable_created_at() = TimeUtil::MicrosecondsToTimestamp(r.Int(row, 6));
}

// The role (column 0) and the brand access and client after the
// organization's columns in kMembershipsOfUser; the permissions come later,
// in the organization's scope, where its custom roles are visible.
Grant ReadGrant(const db::Result& r, int row) {
  constexpr int kAfterOrganization = 1 + kOrganizationColumnCount;
  return Grant{.role = r.String(row, 0),
               .brand_access = r.String(row, kAfterOrganization),
               .client_id = r.String(row, kAfterOrganization + 1)};
}

absl::Status InsertRefresh(db::Transaction& tx, const std::string& family_id,
                           const std::string& user_id, std::string* token_out) {
  *token_out = NewScopedToken(tx.org_id());
  return tx.Execute(sql::kInsertRefresh, ids::NewUuidV7(), tx.org_id(), family_id, user_id,
                    db::Bytes{HashToken(*token_out)})
      .status();
}

}  // namespace

void AuthServiceImpl::IssueAccessToken(const std::string& user_id, const std::string& org_id,
                                       const Grant& grant, bool superadmin, v1::SessionResponse* out) const {
  v1::AccessClaims claims;
  claims.set_iss("sentra");
  claims.set_sub(user_id);
  claims.set_org(org_id);
  claims.set_role(grant.role);
  for (const auto& p : grant.permissions) claims.add_perms(p);
  if (superadmin) claims.add_perms(std::string(kPlatformAdmin));
  claims.set_brands(grant.brand_access);
  claims.set_client(grant.client_id);
  claims.set_jti(ids::NewUuidV7());
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count();
  claims.set_iat(static_cast<std::uint32_t>(now));
  claims.set_exp(static_cast<std::uint32_t>(now + kAccessTokenSeconds));
  out->set_access_token(jwt::Sign(claims, keys_.active()));
  out->set_token_type("Bearer");
  out->set_expires_in(kAccessTokenSeconds);
}

absl::Status AuthServiceImpl::DoSignup(const service::CallContext& call, const v1::SignupRequest& req,
                                       v1::SessionResponse* out) {
  std::vector<FieldError> problems;
  const std::string org_name = Trim(req.organization_name());
  if (!IsValidName(org_name, 200)) problems.push_back({"organization_name", "is required (1-200 characters)"});
  const bool slug_chosen = !req.organization_slug().empty();
  std::string slug = slug_chosen ? req.organization_slug() : OrganizationSlugFor(org_name);
  if (auto problem = OrganizationSlugProblem(slug)) problems.push_back({"organization_slug", *std::move(problem)});
  const std::string name = Trim(req.name());
  if (!IsValidName(name, 200)) problems.push_back({"name", "is required (1-200 characters)"});
  auto email = NormalizeEmail(req.email());
  if (!email) problems.push_back({"email", "must be an e-mail address"});
  if (req.password().size() < kMinPassword || req.password().size() > kMaxPassword) {
    problems.push_back({"password", "must be 10 to 1024 characters"});
  }
  if (!problems.empty()) return errors::Validation(std::move(problems));

  // Hash before taking a connection: it is the slow part.
  auto hash = HashPassword(req.password());
  if (!hash.ok()) return hash.status();

  const std::string org_id = ids::NewUuidV7();
  const std::string new_user_id = ids::NewUuidV7();
  std::string user_id;
  std::string refresh;
  const auto create = [&](db::Transaction& tx) -> absl::Status {
    if (auto r = tx.Execute(sql::kInsertOrg, org_id, org_name, slug); !r.ok()) return r.status();
    // Someone invited this address but it never became an account of its
    // own: the person signing up takes it over, or an invitation (even one
    // withdrawn at once) would keep the address from ever signing up.
    auto claimed = tx.Execute(sql::kClaimInvitedUser, *email, name, *hash);
    if (!claimed.ok()) return claimed.status();
    if (claimed->rows() > 0) {
      user_id = claimed->String(0, 0);
    } else {
      user_id = new_user_id;
      if (auto r = tx.Execute(sql::kInsertUser, user_id, *email, name, *hash); !r.ok()) return r.status();
    }
    if (auto r = tx.Execute(sql::kInsertMembership, org_id, user_id, "owner"); !r.ok()) return r.status();
    events::v1::OrganizationCreated event;
    event.set_org_id(org_id);
    event.set_name(org_name);
    event.set_slug(slug);
    event.set_default_currency("USD");
    event.set_timezone("UTC");
    event.set_owner_user_id(user_id);
    event.set_owner_email(*email);
    event.set_owner_name(name);
    if (auto id = outbox_.Append(tx, "organization.created", "organization", org_id, event,
                                 {user_id, call.request_id});
        !id.ok()) {
      return id.status();
    }
    const Person owner{.user_id = user_id, .email = *email, .name = name};
    if (auto s = RequestUserEmail(tx, "auth.email_verification_requested", "email_verification",
                                  kVerificationSeconds, owner, call.request_id);
        !s.ok()) {
      return s;
    }
    return InsertRefresh(tx, ids::NewUuidV7(), user_id, &refresh);
  };
  absl::Status status = db::InTransaction(pool_, {.org_id = org_id, .user_id = new_user_id}, create);
  // A slug made from the name that another organization has: another
  // ending, a few times (each of 65,536 endings is as likely).
  for (int attempt = 0; attempt < 3 && !slug_chosen && status.code() == absl::StatusCode::kAlreadyExists &&
                        db::ConstraintName(status) == "organizations_slug_key";
       ++attempt) {
    slug = OrganizationSlugVariant(OrganizationSlugFor(org_name));
    status = db::InTransaction(pool_, {.org_id = org_id, .user_id = new_user_id}, create);
  }
  if (status.code() == absl::StatusCode::kAlreadyExists) {
    const std::string_view constraint = db::ConstraintName(status);
    if (constraint == "organizations_slug_key") return errors::Conflict("organization_slug", "is already taken");
    return errors::Conflict("email", "is already registered");
  }
  if (!status.ok()) return status;

  IssueAccessToken(user_id, org_id, Grant{.role = "owner", .permissions = PermissionsFor("owner")}, false, out);
  out->set_refresh_token(refresh);
  auto* user = out->mutable_user();
  user->set_id(user_id);
  user->set_email(*email);
  user->set_name(name);
  user->set_status("active");
  *user->mutable_created_at() = TimeUtil::GetCurrentTime();
  auto* org = out->mutable_organization();
  org->set_id(org_id);
  org->set_name(org_name);
  org->set_slug(slug);
  org->set_status("active");
  org->set_default_currency("USD");
  org->set_timezone("UTC");
  *org->mutable_created_at() = user->created_at();
  *org->mutable_updated_at() = user->created_at();
  org->set_version(1);
  return absl::OkStatus();
}

absl::Status AuthServiceImpl::DoLogin(const v1::LoginRequest& req, v1::SessionResponse* out) {
  auto email = NormalizeEmail(req.email());
  if (!email || req.password().empty() || req.password().size() > kMaxPassword) {
    if (auto s = VerifyAgainstDummy(req.password().substr(0, kMaxPassword)); !s.ok()) return s;
    return InvalidCredentials();
  }
  // Read the user, check the password without holding a connection, then
  // open the session in a second transaction.
  v1::User user;
  std::string hash;
  bool superadmin = false;
  absl::Status found = db::InTransaction(pool_, {.read_only = true}, [&](db::Transaction& tx) {
    auto r = tx.Execute(sql::kUserByEmail, *email);
    if (!r.ok()) return r.status();
    if (r->rows() == 0) return errors::NotFound("user");
    ReadUser(*r, 0, &user);
    hash = r->String(0, 3);
    superadmin = r->Bool(0, 7);
    return absl::OkStatus();
  });
  if (found.code() == absl::StatusCode::kNotFound || (found.ok() && hash.empty())) {
    if (auto s = VerifyAgainstDummy(req.password()); !s.ok()) return s;
    return InvalidCredentials();
  }
  if (!found.ok()) return found;
  auto matches = VerifyPassword(hash, req.password());
  if (!matches.ok()) return matches.status();
  if (!*matches || user.status() != "active") return InvalidCredentials();

  // The organization to sign in to, named by its id or by its slug.
  std::string org_by_id, org_by_slug;
  if (auto id = ids::NormalizeUuid(req.organization())) org_by_id = *id;
  else org_by_slug = req.organization();
  Grant grant;
  std::string refresh;
  absl::Status status = db::InTransaction(pool_, {.user_id = user.id()}, [&](db::Transaction& tx) {
    auto m = tx.Execute(sql::kMembershipsOfUser, user.id(), org_by_id, org_by_slug);
    if (!m.ok()) return m.status();
    if (m->rows() == 0) return InvalidCredentials();
    grant = ReadGrant(*m, 0);
    ReadOrganization(*m, 0, /*first=*/1, out->mutable_organization());
    if (out->organization().status() != "active") return Suspended();
    return tx.Execute(sql::kTouchLogin, user.id()).status();
  });
  if (!status.ok()) return status;
  // The refresh token row and custom roles are tenant data: the
  // organization's scope.
  status = db::InTransaction(pool_, {.org_id = out->organization().id(), .user_id = user.id()},
                             [&](db::Transaction& tx) {
                               auto permissions = RolePermissions(tx, grant.role);
                               if (!permissions.ok()) return permissions.status();
                               grant.permissions = *std::move(permissions);
                               if (auto r = tx.Execute(sql::kTouchMemberLogin, user.id()); !r.ok()) return r.status();
                               return InsertRefresh(tx, ids::NewUuidV7(), user.id(), &refresh);
                             });
  if (!status.ok()) return status;
  IssueAccessToken(user.id(), out->organization().id(), grant, superadmin, out);
  out->set_refresh_token(refresh);
  *out->mutable_user() = user;
  return absl::OkStatus();
}

absl::Status AuthServiceImpl::DoRefresh(const v1::RefreshRequest& req, v1::SessionResponse* out) {
  auto parsed = ParseScopedToken(req.refresh_token());
  if (!parsed) return InvalidRefresh();
  enum class Outcome { kIssued, kInvalid, kReused, kSuspended } outcome = Outcome::kInvalid;
  std::string user_id, refresh;
  Grant grant;
  bool superadmin = false;
  absl::Status status = db::InTransaction(pool_, {.org_id = parsed->org_id}, [&](db::Transaction& tx) {
    outcome = Outcome::kInvalid;
    auto t = tx.Execute(sql::kFindRefresh, db::Bytes{parsed->hash}, refresh_reuse_grace_.count());
    if (!t.ok()) return t.status();
    const PresentedRefresh presented = t->rows() == 0 ? PresentedRefresh{}
                                                      : PresentedRefresh{.found = true,
                                                                         .revoked = t->Bool(0, 4),
                                                                         .expired = t->Bool(0, 5),
                                                                         .rotated = t->Bool(0, 3),
                                                                         .rotated_within_grace = t->Bool(0, 6)};
    const RefreshVerdict verdict = JudgeRefresh(presented);
    if (verdict == RefreshVerdict::kRefuse) return absl::OkStatus();
    const std::string token_id = t->String(0, 0);
    const std::string family_id = t->String(0, 1);
    user_id = t->String(0, 2);
    if (verdict == RefreshVerdict::kRevokeFamily) {
      // Commit the revocation even though this call fails.
      outcome = Outcome::kReused;
      auto revoked = tx.Execute(sql::kRevokeFamily, family_id);
      if (!revoked.ok()) return revoked.status();
      if (revoked->affected() > 0) {
        spdlog::warn("a rotated or revoked refresh token came back: family {} of user {} revoked", family_id, user_id);
      }
      return absl::OkStatus();
    }
    auto u = tx.Execute(sql::kUserById, user_id);
    if (!u.ok()) return u.status();
    if (u->rows() == 0 || u->String(0, 5) != "active") return absl::OkStatus();
    ReadUser(*u, 0, out->mutable_user());
    superadmin = u->Bool(0, 7);
    // The current role and its current permissions, so a change applies at
    // once on refresh; a deactivated member has no active membership.
    auto m = tx.Execute(sql::kMembershipsOfUser, user_id, parsed->org_id, "");
    if (!m.ok()) return m.status();
    if (m->rows() == 0) return absl::OkStatus();
    grant = ReadGrant(*m, 0);
    auto permissions = RolePermissions(tx, grant.role);
    if (!permissions.ok()) return permissions.status();
    grant.permissions = *std::move(permissions);
    ReadOrganization(*m, 0, /*first=*/1, out->mutable_organization());
    if (out->organization().status() != "active") {
      outcome = Outcome::kSuspended;
      return absl::OkStatus();
    }
    // The family keeps one live token: the one this answer carries.
    const auto retire = verdict == RefreshVerdict::kRotate ? tx.Execute(sql::kRotateRefresh, token_id)
                                                           : tx.Execute(sql::kSupersedeFamily, family_id);
    if (!retire.ok()) return retire.status();
    outcome = Outcome::kIssued;
    return InsertRefresh(tx, family_id, user_id, &refresh);
  });
  if (!status.ok()) return status;
  if (outcome == Outcome::kSuspended) return Suspended();
  if (outcome != Outcome::kIssued) return InvalidRefresh();
  IssueAccessToken(user_id, parsed->org_id, grant, superadmin, out);
  out->set_refresh_token(refresh);
  return absl::OkStatus();
}

absl::Status AuthServiceImpl::DoLogout(const service::CallContext& call, const v1::LogoutRequest& req) {
  auto parsed = ParseScopedToken(req.refresh_token());
  if (!parsed || parsed->org_id != call.org_id) {
    return errors::Validation("refresh_token", "is not a refresh token of this session");
  }
  return db::InTransaction(pool_, {.org_id = call.org_id, .user_id = call.user_id}, [&](db::Transaction& tx) {
    auto t = tx.Execute(sql::kFindRefresh, db::Bytes{parsed->hash}, std::int64_t{0});
    if (!t.ok()) return t.status();
    // Someone else's token, or none: answer as if revoked, reveal nothing.
    if (t->rows() == 0 || t->String(0, 2) != call.user_id) return absl::OkStatus();
    return tx.Execute(sql::kRevokeFamily, t->String(0, 1)).status();
  });
}

absl::Status AuthServiceImpl::DoMe(const service::CallContext& call, v1::MeResponse* out) {
  return db::InTransaction(pool_, {.org_id = call.org_id, .user_id = call.user_id, .read_only = true},
                           [&](db::Transaction& tx) {
    auto u = tx.Execute(sql::kUserById, call.user_id);
    if (!u.ok()) return u.status();
    if (u->rows() == 0) return absl::UnauthenticatedError("user no longer exists");
    ReadUser(*u, 0, out->mutable_user());
    auto m = tx.Execute(sql::kMembershipsOfUser, call.user_id, call.org_id, "");
    if (!m.ok()) return m.status();
    if (m->rows() == 0) return absl::UnauthenticatedError("no longer a member");
    out->set_role(m->String(0, 0));
    ReadOrganization(*m, 0, /*first=*/1, out->mutable_organization());
    auto permissions = RolePermissions(tx, out->role());
    if (!permissions.ok()) return permissions.status();
    for (auto& p : *permissions) out->add_permissions(std::move(p));
    if (u->Bool(0, 7)) out->add_permissions(std::string(kPlatformAdmin));
    return absl::OkStatus();
  });
}

absl::Status AuthServiceImpl::OpenInvitedSession(const ParsedScopedToken& invitation, const std::string& user_id,
                                                 const std::optional<std::string>& new_password_hash,
                                                 v1::SessionResponse* out) {
  Grant grant;
  bool superadmin = false;
  bool accepted = false;
  std::string refresh;
  absl::Status status = db::InTransaction(pool_, {.org_id = invitation.org_id, .user_id = user_id},
                                          [&](db::Transaction& tx) {
    accepted = false;
    auto a = tx.Execute(sql::kAcceptInvitation, db::Bytes{invitation.hash});
    if (!a.ok()) return a.status();
    if (a->rows() == 0) return absl::OkStatus();  // used or revoked meanwhile
    auto changed = new_password_hash ? tx.Execute(sql::kSetFirstPassword, user_id, *new_password_hash)
                                     : tx.Execute(sql::kMarkEmailVerified, user_id);
    if (!changed.ok()) return changed.status();
    if (new_password_hash && changed->rows() == 0) {
      return errors::WithCode(absl::UnauthenticatedError("this account already has a password; sign in with it"),
                              errors::kInvalidCredentials);
    }
    auto activated = tx.Execute(sql::kActivateInvitedMembership, user_id);
    if (!activated.ok()) return activated.status();
    if (activated->rows() == 0) return absl::OkStatus();  // deactivated before acceptance
    auto u = tx.Execute(sql::kUserById, user_id);
    if (!u.ok()) return u.status();
    ReadUser(*u, 0, out->mutable_user());
    superadmin = u->Bool(0, 7);
    auto m = tx.Execute(sql::kMembershipsOfUser, user_id, invitation.org_id, "");
    if (!m.ok()) return m.status();
    if (m->rows() == 0) return absl::OkStatus();
    grant = ReadGrant(*m, 0);
    ReadOrganization(*m, 0, /*first=*/1, out->mutable_organization());
    if (out->organization().status() != "active") return Suspended();
    auto permissions = RolePermissions(tx, grant.role);
    if (!permissions.ok()) return permissions.status();
    grant.permissions = *std::move(permissions);
    accepted = true;
    if (auto r = tx.Execute(sql::kTouchMemberLogin, user_id); !r.ok()) return r.status();
    return InsertRefresh(tx, ids::NewUuidV7(), user_id, &refresh);
  });
  if (!status.ok()) return status;
  if (!accepted) return errors::Validation("token", "is invalid, expired or already used");
  IssueAccessToken(user_id, invitation.org_id, grant, superadmin, out);
  out->set_refresh_token(refresh);
  return absl::OkStatus();
}

grpc::Status AuthServiceImpl::Signup(grpc::ServerContext* c, const v1::SignupRequest* req, v1::SessionResponse* out) {
  return service::Serve(c, [&](const service::CallContext& call) { return DoSignup(call, *req, out); });
}
grpc::Status AuthServiceImpl::Login(grpc::ServerContext* c, const v1::LoginRequest* req, v1::SessionResponse* out) {
  return service::Serve(c, [&](const service::CallContext&) { return DoLogin(*req, out); });
}
grpc::Status AuthServiceImpl::Refresh(grpc::ServerContext* c, const v1::RefreshRequest* req, v1::SessionResponse* out) {
  return service::Serve(c, [&](const service::CallContext&) { return DoRefresh(*req, out); });
}
grpc::Status AuthServiceImpl::Logout(grpc::ServerContext* c, const v1::LogoutRequest* req, v1::LogoutResponse*) {
  return service::ServeTenant(c, [&](const service::CallContext& call) { return DoLogout(call, *req); });
}
grpc::Status AuthServiceImpl::Me(grpc::ServerContext* c, const v1::MeRequest*, v1::MeResponse* out) {
  return service::ServeTenant(c, [&](const service::CallContext& call) { return DoMe(call, out); });
}
grpc::Status AuthServiceImpl::ForgotPassword(grpc::ServerContext* c, const v1::ForgotPasswordRequest* req,
                                             v1::Accepted*) {
  return service::Serve(c, [&](const service::CallContext& call) { return DoForgotPassword(*req, call.request_id); });
}
grpc::Status AuthServiceImpl::ResetPassword(grpc::ServerContext* c, const v1::ResetPasswordRequest* req, v1::Accepted*) {
  return service::Serve(c, [&](const service::CallContext&) { return DoResetPassword(*req); });
}
grpc::Status AuthServiceImpl::VerifyEmail(grpc::ServerContext* c, const v1::VerifyEmailRequest* req, v1::Accepted*) {
  return service::Serve(c, [&](const service::CallContext&) { return DoVerifyEmail(*req); });
}
grpc::Status AuthServiceImpl::RequestEmailVerification(grpc::ServerContext* c,
                                                       const v1::RequestEmailVerificationRequest*, v1::Accepted*) {
  return service::ServeTenant(c, [&](const service::CallContext& call) { return DoRequestEmailVerification(call); });
}
grpc::Status AuthServiceImpl::AcceptInvite(grpc::ServerContext* c, const v1::AcceptInviteRequest* req,
                                           v1::SessionResponse* out) {
  return service::Serve(c, [&](const service::CallContext&) { return DoAcceptInvite(*req, out); });
}
grpc::Status AuthServiceImpl::Jwks(grpc::ServerContext* c, const v1::JwksRequest*, v1::JwksResponse* out) {
  return service::Serve(c, [&](const service::CallContext&) {
    for (const auto& key : keys_.jwks()) *out->add_keys() = key;
    return absl::OkStatus();
  });
}

}  // namespace sentra::auth
