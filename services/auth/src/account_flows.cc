// The flows that go through the person's mailbox: forgot/reset password,
// e-mail verification, and accepting an invitation. Each secret is
// single-use and expires; the e-mail itself is comms' job, asked for by an
// event committed with the secret.
#include <google/protobuf/util/time_util.h>

#include "account_queries.h"
#include "auth_service.h"
#include "identity_queries.h"
#include "passwords.h"
#include "scoped_token.h"
#include "sentra/errors/errors.h"
#include "sentra/events/v1/identity.pb.h"
#include "sentra/ids/uuid.h"
#include "sentra/text/validation.h"

namespace sentra::auth {

namespace {

constexpr std::size_t kMinPassword = 10;
constexpr std::size_t kMaxPassword = 1024;

absl::Status CheckNewPassword(const std::string& password) {
  if (password.size() < kMinPassword || password.size() > kMaxPassword) {
    return errors::Validation("password", "must be 10 to 1024 characters");
  }
  return absl::OkStatus();
}

absl::Status BadToken() { return errors::Validation("token", "is invalid, expired or already used"); }

}  // namespace

absl::Status AuthServiceImpl::RequestUserEmail(db::Transaction& tx, std::string_view event_type,
                                               std::string_view purpose, int lifetime_seconds,
                                               const Person& person, const std::string& request_id) const {
  const std::string& user_id = person.user_id;
  const std::string token = NewSecret();
  // The user row stays locked until commit, so two requests for one person
  // commit, and their events are published, in one order: the e-mail sent
  // last carries the token that is still valid.
  if (auto r = tx.Execute(sql::kUserByIdForUpdate, user_id); !r.ok()) return r.status();
  if (auto r = tx.Execute(sql::kRetireUserTokens, user_id, purpose); !r.ok()) return r.status();
  auto expires = tx.Execute(sql::kInsertUserToken, ids::NewUuidV7(), user_id, purpose,
                            db::Bytes{HashToken(token)}, lifetime_seconds);
  if (!expires.ok()) return expires.status();
  events::v1::AccountEmailRequested event;
  event.set_user_id(user_id);
  event.set_email(person.email);
  event.set_name(person.name);
  event.set_token(token);
  event.set_expires_at_unix(expires->Int(0, 0));
  return outbox_.Append(tx, event_type, "user", user_id, event, {user_id, request_id}).status();
}

absl::StatusOr<AuthServiceImpl::Person> AuthServiceImpl::FindPerson(std::string_view email) {
  std::optional<Person> person;
  absl::Status status = db::InTransaction(pool_, {.read_only = true}, [&](db::Transaction& tx) {
    person.reset();
    auto u = tx.Execute(sql::kUserByEmail, email);
    if (!u.ok()) return u.status();
    if (u->rows() == 0) return absl::OkStatus();
    Person found{.user_id = u->String(0, 0), .email = u->String(0, 1), .name = u->String(0, 2),
                 .email_verified = u->Bool(0, 4)};
    if (auto r = tx.Execute(sql::kScopeToUser, found.user_id); !r.ok()) return r.status();
    auto home = tx.Execute(sql::kHomeOrgOfUser, found.user_id);
    if (!home.ok()) return home.status();
    if (home->rows() == 0) return absl::OkStatus();  // no active membership anywhere
    found.home_org_id = home->String(0, 0);
    person = std::move(found);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!person) return errors::NotFound("user");
  return *std::move(person);
}

absl::Status AuthServiceImpl::DoForgotPassword(const v1::ForgotPasswordRequest& req, const std::string& request_id) {
  auto email = text::NormalizeEmail(req.email());
  if (!email) return errors::Validation("email", "must be an e-mail address");
  // The same answer whether or not anyone has this address.
  auto person = FindPerson(*email);
  if (person.status().code() == absl::StatusCode::kNotFound) return absl::OkStatus();
  if (!person.ok()) return person.status();
  return db::InTransaction(pool_, {.org_id = person->home_org_id, .user_id = person->user_id},
                           [&](db::Transaction& tx) {
                             return RequestUserEmail(tx, "auth.password_reset_requested", "password_reset",
                                                     kResetSeconds, *person, request_id);
                           });
}

absl::Status AuthServiceImpl::DoResetPassword(const v1::ResetPasswordRequest& req) {
  if (req.token().empty() || req.token().size() > 100) return BadToken();
  if (auto s = CheckNewPassword(req.password()); !s.ok()) return s;
  auto hash = HashPassword(req.password());
  if (!hash.ok()) return hash.status();
  bool used = false;
  absl::Status status = db::InTransaction(pool_, {}, [&](db::Transaction& tx) {
    used = false;
    auto t = tx.Execute(sql::kUseUserToken, db::Bytes{HashToken(req.token())}, "password_reset");
    if (!t.ok()) return t.status();
    if (t->rows() == 0) return absl::OkStatus();
    const std::string user_id = t->String(0, 0);
    if (auto r = tx.Execute(sql::kSetPassword, user_id, *hash); !r.ok()) return r.status();
    // A reset says the old password may be known to someone else: every
    // session of this person ends (their own rows, in every organization).
    if (auto r = tx.Execute(sql::kScopeToUser, user_id); !r.ok()) return r.status();
    if (auto r = tx.Execute(sql::kRevokeUserSessions, user_id); !r.ok()) return r.status();
    used = true;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return used ? absl::OkStatus() : BadToken();
}

absl::Status AuthServiceImpl::DoVerifyEmail(const v1::VerifyEmailRequest& req) {
  if (req.token().empty() || req.token().size() > 100) return BadToken();
  bool used = false;
  absl::Status status = db::InTransaction(pool_, {}, [&](db::Transaction& tx) {
    auto t = tx.Execute(sql::kUseUserToken, db::Bytes{HashToken(req.token())}, "email_verification");
    if (!t.ok()) return t.status();
    used = t->rows() == 1;
    if (!used) return absl::OkStatus();
    return tx.Execute(sql::kMarkEmailVerified, t->String(0, 0)).status();
  });
  if (!status.ok()) return status;
  return used ? absl::OkStatus() : BadToken();
}

absl::Status AuthServiceImpl::DoRequestEmailVerification(const service::CallContext& call) {
  return db::InTransaction(pool_, {.org_id = call.org_id, .user_id = call.user_id}, [&](db::Transaction& tx) {
    auto u = tx.Execute(sql::kUserById, call.user_id);
    if (!u.ok()) return u.status();
    if (u->rows() == 0 || u->Bool(0, 4)) return absl::OkStatus();  // already verified: nothing to send
    const Person person{.user_id = call.user_id, .email = u->String(0, 1), .name = u->String(0, 2)};
    return RequestUserEmail(tx, "auth.email_verification_requested", "email_verification", kVerificationSeconds,
                            person, call.request_id);
  });
}

absl::Status AuthServiceImpl::DoAcceptInvite(const v1::AcceptInviteRequest& req, v1::SessionResponse* out) {
  auto parsed = ParseScopedToken(req.token());
  if (!parsed) return BadToken();
  if (req.password().empty() || req.password().size() > kMaxPassword) {
    return errors::Validation("password", "must be 10 to 1024 characters");
  }
  // First look (not yet using the secret): whose invitation, and do they
  // already have a password?
  std::string user_id, existing_hash;
  absl::Status status = db::InTransaction(pool_, {.org_id = parsed->org_id, .read_only = true},
                                          [&](db::Transaction& tx) {
    auto i = tx.Execute(sql::kPendingInvitation, db::Bytes{parsed->hash});
    if (!i.ok()) return i.status();
    if (i->rows() == 0) return BadToken();
    user_id = i->String(0, 0);
    auto u = tx.Execute(sql::kUserById, user_id);
    if (!u.ok()) return u.status();
    if (u->rows() == 0 || u->String(0, 5) == "deactivated") return BadToken();
    existing_hash = u->String(0, 3);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  // Someone who already has an account joins with their own password; a
  // new person chooses one now.
  std::optional<std::string> new_hash;
  if (existing_hash.empty()) {
    if (auto s = CheckNewPassword(req.password()); !s.ok()) return s;
    auto hash = HashPassword(req.password());
    if (!hash.ok()) return hash.status();
    new_hash = *std::move(hash);
  } else if (auto matches = VerifyPassword(existing_hash, req.password()); !matches.ok()) {
    return matches.status();
  } else if (!*matches) {
    return errors::WithCode(absl::UnauthenticatedError("this account already has a password, and this is not it"),
                            errors::kInvalidCredentials);
  }
  return OpenInvitedSession(*parsed, user_id, new_hash, out);
}

}  // namespace sentra::auth
