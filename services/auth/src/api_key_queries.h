// Where API keys are stored: the queries the API key logic needs. Only the
// secret's hash and its first characters are kept. No SQL here: the
// PostgreSQL implementation is pg_api_key_queries.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "grant.h"
#include "sentra/auth/v1/api_keys.pb.h"
#include "sentra/service/call_context.h"
#include "sentra/service/paging.h"

namespace sentra::auth {

// A key about to be stored.
struct ApiKeyToStore {
  std::string id;
  std::string created_by;
  std::string name;
  std::string prefix;       // shown in lists to tell keys apart
  std::string secret_hash;  // HashToken of the whole secret
  std::vector<std::string> permissions;
  std::int64_t expires_at_micros = 0;  // 0: never
};

enum class Revocation { kRevoked, kAlreadyRevoked, kNoSuchKey };

class ApiKeyQueries {
 public:
  virtual ~ApiKeyQueries() = default;
  // What the caller holds now (CallerGrantNow): the membership share-locked.
  virtual absl::StatusOr<Grant> CallerGrant(const service::CallContext& call, std::string_view permission) = 0;
  // Up to page.limit + 1 keys in id order after the page's position.
  virtual absl::StatusOr<std::vector<v1::ApiKey>> List(const service::IdPage& page) = 0;
  virtual absl::StatusOr<v1::ApiKey> Insert(const ApiKeyToStore& key) = 0;
  // Stamps revoked_at unless it is stamped already.
  virtual absl::StatusOr<Revocation> Revoke(std::string_view id) = 0;
};

}  // namespace sentra::auth
