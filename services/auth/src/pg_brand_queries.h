// BrandQueries (brand_queries.h) on PostgreSQL, on one transaction: each named
// statement, the column list and the one reader of its rows side by side.
#pragma once

#include "brand_queries.h"
#include "sentra/db/transaction.h"

namespace sentra::auth {

class PgBrandQueries final : public BrandQueries {
 public:
  explicit PgBrandQueries(db::Transaction& tx) : tx_(tx) {}

  absl::StatusOr<Grant> CallerGrant(const service::CallContext& call, std::string_view permission) override;
  absl::StatusOr<std::vector<v1::Brand>> List(const service::IdPage& page) override;
  absl::StatusOr<std::optional<v1::Brand>> Find(std::string_view id) override;
  absl::StatusOr<v1::Brand> Insert(std::string_view id, const v1::CreateBrandRequest& values) override;
  absl::StatusOr<std::optional<v1::Brand>> Update(std::string_view id, const v1::UpdateBrandRequest& change) override;
  absl::StatusOr<bool> Delete(std::string_view id) override;
  absl::StatusOr<int> LockAndCount() override;

 private:
  db::Transaction& tx_;
};

}  // namespace sentra::auth
