// RoleQueries (role_queries.h) on PostgreSQL, on one transaction: each named
// statement, the column list and the one reader of its rows side by side.
#pragma once

#include "role_queries.h"
#include "sentra/db/transaction.h"

namespace sentra::auth {

class PgRoleQueries final : public RoleQueries {
 public:
  explicit PgRoleQueries(db::Transaction& tx) : tx_(tx) {}

  absl::StatusOr<Grant> CallerGrant(const service::CallContext& call, std::string_view permission) override;
  absl::StatusOr<std::vector<v1::Role>> List() override;
  absl::StatusOr<std::optional<v1::Role>> Find(std::string_view name) override;
  absl::StatusOr<std::optional<v1::Role>> Lock(std::string_view name) override;
  absl::StatusOr<std::optional<v1::Role>> Insert(std::string_view id, std::string_view name,
                                                 std::string_view description,
                                                 const std::vector<std::string>& permissions) override;
  absl::StatusOr<v1::Role> Update(std::string_view name, const std::optional<std::string>& description,
                                  const std::vector<std::string>& permissions) override;
  absl::StatusOr<bool> InUse(std::string_view name) override;
  absl::Status Delete(std::string_view name) override;
  absl::StatusOr<int> LockAndCount() override;

 private:
  db::Transaction& tx_;
};

}  // namespace sentra::auth
