// auth's gRPC surface: signup, login, refresh (rotating, with reuse
// detection), logout, me, and the public keys.
#pragma once

#include "key_ring.h"
#include "sentra/auth/v1/auth.grpc.pb.h"
#include "sentra/bus/outbox_writer.h"
#include "sentra/db/pool.h"

namespace sentra::auth {

class AuthServiceImpl final : public v1::AuthService::Service {
 public:
  AuthServiceImpl(db::Pool& pool, const bus::OutboxWriter& outbox, const KeyRing& keys)
      : pool_(pool), outbox_(outbox), keys_(keys) {}

  grpc::Status Signup(grpc::ServerContext*, const v1::SignupRequest*, v1::SessionResponse*) override;
  grpc::Status Login(grpc::ServerContext*, const v1::LoginRequest*, v1::SessionResponse*) override;
  grpc::Status Refresh(grpc::ServerContext*, const v1::RefreshRequest*, v1::SessionResponse*) override;
  grpc::Status Logout(grpc::ServerContext*, const v1::LogoutRequest*, v1::LogoutResponse*) override;
  grpc::Status Me(grpc::ServerContext*, const v1::MeRequest*, v1::MeResponse*) override;
  grpc::Status Jwks(grpc::ServerContext*, const v1::JwksRequest*, v1::JwksResponse*) override;

 private:
  absl::Status DoSignup(grpc::ServerContext*, const v1::SignupRequest&, v1::SessionResponse*);
  absl::Status DoLogin(const v1::LoginRequest&, v1::SessionResponse*);
  absl::Status DoRefresh(const v1::RefreshRequest&, v1::SessionResponse*);
  absl::Status DoLogout(grpc::ServerContext*, const v1::LogoutRequest&);
  absl::Status DoMe(grpc::ServerContext*, v1::MeResponse*);
  // Fills the access token fields of `out` for this membership.
  void IssueAccessToken(const std::string& user_id, const std::string& org_id,
                        const std::string& role, v1::SessionResponse* out) const;

  db::Pool& pool_;
  const bus::OutboxWriter& outbox_;
  const KeyRing& keys_;
};

}  // namespace sentra::auth
