// auth's gRPC surface: signup, login, refresh (rotating, with reuse
// detection), logout, me, and the public keys.
#pragma once

#include <chrono>

#include "grant.h"
#include "key_ring.h"
#include "scoped_token.h"
#include "sentra/auth/v1/auth.grpc.pb.h"
#include "sentra/bus/outbox_writer.h"
#include "sentra/db/pool.h"
#include "sentra/service/call_context.h"

namespace sentra::auth {

class AuthServiceImpl final : public v1::AuthService::Service {
 public:
  AuthServiceImpl(db::Pool& pool, const bus::OutboxWriter& outbox, const KeyRing& keys,
                  std::chrono::milliseconds refresh_reuse_grace)
      : pool_(pool), outbox_(outbox), keys_(keys), refresh_reuse_grace_(refresh_reuse_grace) {}

  grpc::Status Signup(grpc::ServerContext*, const v1::SignupRequest*, v1::SessionResponse*) override;
  grpc::Status Login(grpc::ServerContext*, const v1::LoginRequest*, v1::SessionResponse*) override;
  grpc::Status Refresh(grpc::ServerContext*, const v1::RefreshRequest*, v1::SessionResponse*) override;
  grpc::Status Logout(grpc::ServerContext*, const v1::LogoutRequest*, v1::LogoutResponse*) override;
  grpc::Status Me(grpc::ServerContext*, const v1::MeRequest*, v1::MeResponse*) override;
  grpc::Status ForgotPassword(grpc::ServerContext*, const v1::ForgotPasswordRequest*, v1::Accepted*) override;
  grpc::Status ResetPassword(grpc::ServerContext*, const v1::ResetPasswordRequest*, v1::Accepted*) override;
  grpc::Status VerifyEmail(grpc::ServerContext*, const v1::VerifyEmailRequest*, v1::Accepted*) override;
  grpc::Status RequestEmailVerification(grpc::ServerContext*, const v1::RequestEmailVerificationRequest*,
                                        v1::Accepted*) override;
  grpc::Status AcceptInvite(grpc::ServerContext*, const v1::AcceptInviteRequest*, v1::SessionResponse*) override;
  grpc::Status Jwks(grpc::ServerContext*, const v1::JwksRequest*, v1::JwksResponse*) override;

 private:
  absl::Status DoSignup(const service::CallContext& call, const v1::SignupRequest&, v1::SessionResponse*);
  absl::Status DoLogin(const v1::LoginRequest&, v1::SessionResponse*);
  absl::Status DoRefresh(const v1::RefreshRequest&, v1::SessionResponse*);
  absl::Status DoLogout(const service::CallContext& call, const v1::LogoutRequest&);
  absl::Status DoMe(const service::CallContext& call, v1::MeResponse*);

  // account_flows.cc: the flows through the person's mailbox.
  static constexpr int kResetSeconds = 60 * 60;
  static constexpr int kVerificationSeconds = 48 * 60 * 60;
  struct Person {
    std::string user_id;
    std::string email;
    std::string name;
    bool email_verified = false;
    std::string home_org_id;  // where their account e-mails are filed
  };
  absl::StatusOr<Person> FindPerson(std::string_view email);
  // A new single-use secret for `purpose` and the event asking comms to
  // mail it, in the caller's transaction.
  absl::Status RequestUserEmail(db::Transaction& tx, std::string_view event_type, std::string_view purpose,
                                int lifetime_seconds, const Person& person, const std::string& request_id) const;
  absl::Status DoForgotPassword(const v1::ForgotPasswordRequest&, const std::string& request_id);
  absl::Status DoResetPassword(const v1::ResetPasswordRequest&);
  absl::Status DoVerifyEmail(const v1::VerifyEmailRequest&);
  absl::Status DoRequestEmailVerification(const service::CallContext& call);
  absl::Status DoAcceptInvite(const v1::AcceptInviteRequest&, v1::SessionResponse*);
  // Uses the invitation, activates the membership and signs the person in.
  absl::Status OpenInvitedSession(const ParsedScopedToken& invitation, const std::string& user_id,
                                  const std::optional<std::string>& new_password_hash, v1::SessionResponse* out);
  // Fills the access token fields of `out` for this membership.
  void IssueAccessToken(const std::string& user_id, const std::string& org_id, const Grant& grant,
                        bool superadmin, v1::SessionResponse* out) const;

  db::Pool& pool_;
  const bus::OutboxWriter& outbox_;
  const KeyRing& keys_;
  // How long after its rotation a refresh token is still taken (refresh_rule.h).
  const std::chrono::milliseconds refresh_reuse_grace_;
};

}  // namespace sentra::auth
