// billing's settings row on PostgreSQL, in the consumer's transaction.
#pragma once

#include "billing_settings.h"
#include "sentra/db/transaction.h"

namespace sentra::billing {

class PgBillingSettingsQueries final : public BillingSettingsQueries {
 public:
  explicit PgBillingSettingsQueries(db::Transaction& tx) : tx_(tx) {}
  absl::Status FollowOrganization(std::string_view currency, int organization_version) override;

 private:
  db::Transaction& tx_;
};

}  // namespace sentra::billing
