// API keys: created by a signed-in member with a subset of their own
// permissions, shown once, stored as a hash; listed without the secret;
// revoked with an event so gateways drop them from their caches at once.
// Also the gateway's own lookups: verifying a key, and which organizations
// are suspended.
#pragma once

#include "sentra/auth/v1/api_keys.grpc.pb.h"
#include "sentra/auth/v1/internal.grpc.pb.h"
#include "sentra/bus/outbox_writer.h"
#include "sentra/db/pool.h"
#include "sentra/service/call_context.h"
#include "sentra/service/idempotency.h"

namespace sentra::auth {

class ApiKeyServiceImpl final : public v1::ApiKeyService::Service {
 public:
  ApiKeyServiceImpl(db::Pool& pool, const bus::OutboxWriter& outbox) : pool_(pool), outbox_(outbox) {}

  grpc::Status ListApiKeys(grpc::ServerContext*, const v1::ListApiKeysRequest*, v1::ListApiKeysResponse*) override;
  grpc::Status CreateApiKey(grpc::ServerContext*, const v1::CreateApiKeyRequest*, v1::ApiKey*) override;
  grpc::Status RevokeApiKey(grpc::ServerContext*, const v1::RevokeApiKeyRequest*, v1::RevokeApiKeyResponse*) override;

 private:
  absl::Status DoCreate(const service::CallContext& call, const v1::CreateApiKeyRequest& req, v1::ApiKey* out,
                        service::IdempotentWrite& write);
  absl::Status DoRevoke(const service::CallContext& call, const std::string& id);

  db::Pool& pool_;
  const bus::OutboxWriter& outbox_;
};

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
