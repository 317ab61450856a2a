// The rules of API keys: created by a signed-in member (never by a key)
// with a subset of what they hold now, the secret shown once and stored as
// a hash; listed without the secret; revoked with an event so gateways drop
// the key from their caches at once. No SQL and no gRPC, so the unit tests
// run it on fakes (tests/api_keys_test.cc).
#pragma once

#include "api_key_queries.h"
#include "sentra/service/repository.h"

namespace sentra::auth {

class ApiKeyLogic {
 public:
  explicit ApiKeyLogic(service::Repository<ApiKeyQueries>& keys) : keys_(keys) {}

  // `out` gets the key with its secret, the only time the secret is seen.
  absl::Status Create(const service::CallContext& call, const v1::CreateApiKeyRequest& request, v1::ApiKey* out);
  absl::Status List(const service::CallContext& call, const v1::ListApiKeysRequest& request,
                    v1::ListApiKeysResponse* out);
  absl::Status Revoke(const service::CallContext& call, std::string_view id);

 private:
  service::Repository<ApiKeyQueries>& keys_;
};

}  // namespace sentra::auth
