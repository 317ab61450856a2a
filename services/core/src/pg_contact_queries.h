// ContactQueries (contact_queries.h) on PostgreSQL, on one transaction: each named
// statement, the column list and the one reader of its rows side by side.
#pragma once

#include "contact_queries.h"
#include "sentra/db/transaction.h"

namespace sentra::core {

class PgContactQueries final : public ContactQueries {
 public:
  explicit PgContactQueries(db::Transaction& tx) : tx_(tx) {}

  absl::StatusOr<bool> ClientVisible(std::string_view client_id) override;
  absl::StatusOr<bool> LockClient(std::string_view client_id) override;
  absl::StatusOr<bool> HasPrimary(std::string_view client_id) override;
  absl::StatusOr<std::optional<v1::Contact>> ClearPrimary(std::string_view client_id) override;
  absl::StatusOr<std::optional<v1::Contact>> PromoteOldest(std::string_view client_id) override;
  absl::StatusOr<v1::Contact> Insert(std::string_view id, const v1::CreateContactRequest& values,
                                     bool is_primary) override;
  absl::StatusOr<std::optional<v1::Contact>> Find(std::string_view id) override;
  absl::StatusOr<bool> List(std::string_view client_id, const service::SortedPage& order,
                            v1::ListContactsResponse* out) override;
  absl::StatusOr<std::optional<v1::Contact>> Update(const v1::UpdateContactRequest& patch) override;
  absl::StatusOr<std::optional<v1::Contact>> Archive(std::string_view id) override;
  absl::StatusOr<SharedFieldDefinitions> FieldDefinitions() override;

 private:
  db::Transaction& tx_;
};

}  // namespace sentra::core
