// The event archive on PostgreSQL, in the consumer's transaction.
#pragma once

#include "event_archive.h"
#include "sentra/db/transaction.h"

namespace sentra::analytics {

class PgArchiveQueries final : public ArchiveQueries {
 public:
  explicit PgArchiveQueries(db::Transaction& tx) : tx_(tx) {}
  absl::Status Append(const events::v1::Envelope& event) override;

 private:
  db::Transaction& tx_;
};

}  // namespace sentra::analytics
