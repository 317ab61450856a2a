// What other services ask auth, never routed from the outside: the
// gateway's lookups (an API key's identity, which organizations are
// suspended) and whether ids another record would refer to are members or
// brands of the organization.
#pragma once

#include "sentra/auth/v1/internal.grpc.pb.h"
#include "sentra/db/pool.h"

namespace sentra::auth {

class AuthInternalServiceImpl final : public v1::AuthInternalService::Service {
 public:
  explicit AuthInternalServiceImpl(db::Pool& pool) : pool_(pool) {}

  grpc::Status VerifyApiKey(grpc::ServerContext*, const v1::VerifyApiKeyRequest*, v1::ApiKeyIdentity*) override;
  grpc::Status ListSuspendedOrganizations(grpc::ServerContext*, const v1::ListSuspendedOrganizationsRequest*,
                                          v1::ListSuspendedOrganizationsResponse*) override;
  // In internal_references.cc.
  grpc::Status CheckReferences(grpc::ServerContext*, const v1::CheckReferencesRequest*,
                               v1::CheckReferencesResponse*) override;

 private:
  absl::Status DoVerify(const std::string& key, v1::ApiKeyIdentity* out);
  absl::Status DoCheckReferences(const v1::CheckReferencesRequest& req, v1::CheckReferencesResponse* out);

  db::Pool& pool_;
};

}  // namespace sentra::auth
