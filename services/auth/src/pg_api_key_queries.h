// ApiKeyQueries (api_key_queries.h) on PostgreSQL, on one transaction: each named
// statement, the column list and the one reader of its rows side by side.
#pragma once

#include "api_key_queries.h"
#include "sentra/db/transaction.h"

namespace sentra::auth {

class PgApiKeyQueries final : public ApiKeyQueries {
 public:
  explicit PgApiKeyQueries(db::Transaction& tx) : tx_(tx) {}

  absl::StatusOr<Grant> CallerGrant(const service::CallContext& call, std::string_view permission) override;
  absl::StatusOr<std::vector<v1::ApiKey>> List(const service::IdPage& page) override;
  absl::StatusOr<v1::ApiKey> Insert(const ApiKeyToStore& key) override;
  absl::StatusOr<Revocation> Revoke(std::string_view id) override;

 private:
  db::Transaction& tx_;
};

}  // namespace sentra::auth
