// The outbound e-mail queue on PostgreSQL, in the consumer's transaction.
#pragma once

#include "outbound_email.h"
#include "sentra/db/transaction.h"

namespace sentra::comms {

class PgOutboundEmailQueries final : public OutboundEmailQueries {
 public:
  explicit PgOutboundEmailQueries(db::Transaction& tx) : tx_(tx) {}
  absl::Status Queue(const OutboundEmail& email) override;

 private:
  db::Transaction& tx_;
};

}  // namespace sentra::comms
