#include "api_key_service.h"

#include "pg_api_key_queries.h"
#include "api_keys.h"
#include "fmt/format.h"
#include "sentra/errors/errors.h"
#include "sentra/service/idempotency.h"
#include "sentra/service/serve.h"

namespace sentra::auth {

namespace {

using ApiKeys = service::PgRepository<ApiKeyQueries, PgApiKeyQueries>;
using service::CallContext;

// A repeat of a creation whose answer (with the secret) was lost: the secret
// is stored nowhere, so the only safe answer says which key it made.
absl::Status SecretShownOnce(const v1::ApiKey& created) {
  return errors::Conflict("Idempotency-Key",
                          fmt::format("this key already created API key {}; its secret is shown only once, so "
                                      "revoke that key and create another",
                                      created.id()));
}

}  // namespace

grpc::Status ApiKeyServiceImpl::ListApiKeys(grpc::ServerContext* c, const v1::ListApiKeysRequest* request,
                                            v1::ListApiKeysResponse* out) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    ApiKeys keys(storage_, call);
    return ApiKeyLogic(keys).List(call, *request, out);
  });
}

grpc::Status ApiKeyServiceImpl::CreateApiKey(grpc::ServerContext* c, const v1::CreateApiKeyRequest* request,
                                             v1::ApiKey* out) {
  // Not ServeIdempotent: a repeat is answered with a conflict, not the key.
  return service::ServeTenant(c, [&](const CallContext& call) -> absl::Status {
    service::IdempotentWrite write(*c, call, *request);
    write.StoreWithout("secret");
    auto replayed = write.Replay(storage_.pool, out);
    if (!replayed.ok()) return replayed.status();
    if (!*replayed) {
      ApiKeys keys(storage_, call, &write, out);
      if (auto s = ApiKeyLogic(keys).Create(call, *request, out); !s.ok()) return s;
    }
    // Also when a concurrent request with the key made it first.
    return write.replayed() ? SecretShownOnce(*out) : absl::OkStatus();
  });
}

grpc::Status ApiKeyServiceImpl::RevokeApiKey(grpc::ServerContext* c, const v1::RevokeApiKeyRequest* request,
                                             v1::RevokeApiKeyResponse*) {
  return service::ServeTenant(c, [&](const CallContext& call) {
    ApiKeys keys(storage_, call);
    return ApiKeyLogic(keys).Revoke(call, request->id());
  });
}

}  // namespace sentra::auth
