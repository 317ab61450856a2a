// OrganizationQueries (organization_queries.h) on PostgreSQL, on one transaction: each named
// statement, the column list and the one reader of its rows side by side.
#pragma once

#include "organization_queries.h"
#include "sentra/db/transaction.h"

namespace sentra::auth {

class PgOrganizationQueries final : public OrganizationQueries {
 public:
  explicit PgOrganizationQueries(db::Transaction& tx) : tx_(tx) {}

  absl::StatusOr<Grant> CallerGrant(const service::CallContext& call, std::string_view permission) override;
  absl::StatusOr<std::optional<v1::Organization>> Find() override;
  absl::StatusOr<std::optional<v1::Organization>> Lock() override;
  absl::StatusOr<std::optional<std::string>> KnownTimezone(std::string_view name) override;
  absl::StatusOr<v1::Organization> Update(const v1::UpdateOwnOrganizationRequest& change) override;

 private:
  db::Transaction& tx_;
};

}  // namespace sentra::auth
