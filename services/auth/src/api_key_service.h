// auth's API keys over gRPC: each RPC builds the call's repository and hands
// the request to ApiKeyLogic.
#pragma once

#include "sentra/auth/v1/api_keys.grpc.pb.h"
#include "sentra/service/pg_repository.h"

namespace sentra::auth {

class ApiKeyServiceImpl final : public v1::ApiKeyService::Service {
 public:
  explicit ApiKeyServiceImpl(const service::Storage& storage) : storage_(storage) {}

  grpc::Status ListApiKeys(grpc::ServerContext*, const v1::ListApiKeysRequest*, v1::ListApiKeysResponse*) override;
  grpc::Status CreateApiKey(grpc::ServerContext*, const v1::CreateApiKeyRequest*, v1::ApiKey*) override;
  grpc::Status RevokeApiKey(grpc::ServerContext*, const v1::RevokeApiKeyRequest*, v1::RevokeApiKeyResponse*) override;

 private:
  const service::Storage& storage_;
};

}  // namespace sentra::auth
