// ClientQueries (client_queries.h) on PostgreSQL, on one transaction: each named
// statement, the column list and the one reader of its rows side by side.
#pragma once

#include "client_queries.h"
#include "sentra/db/transaction.h"

namespace sentra::core {

class PgClientQueries final : public ClientQueries {
 public:
  explicit PgClientQueries(db::Transaction& tx) : tx_(tx) {}

  absl::StatusOr<v1::Client> Insert(std::string_view id, const v1::CreateClientRequest& values) override;
  absl::StatusOr<std::optional<v1::Client>> Find(std::string_view id) override;
  absl::StatusOr<bool> List(const ClientFilter& filter, v1::ListClientsResponse* out) override;
  absl::StatusOr<std::optional<v1::Client>> Update(const v1::UpdateClientRequest& patch) override;
  absl::StatusOr<std::optional<v1::Client>> SetArchived(std::string_view id, bool archived) override;
  absl::StatusOr<std::optional<v1::Client>> Lock(std::string_view id) override;
  absl::StatusOr<SharedFieldDefinitions> FieldDefinitions() override;

 private:
  db::Transaction& tx_;
};

}  // namespace sentra::core
