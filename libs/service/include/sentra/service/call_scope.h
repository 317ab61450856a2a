// The database scope of work done for a caller: its organization, user,
// brand access and (client-portal members) client, for the RLS policies.
// Apart from call_context.h, so that logic classes, which see a call but
// never a transaction, compile without the database's headers.
#pragma once

#include "sentra/db/transaction.h"
#include "sentra/service/call_context.h"

namespace sentra::service {

db::TxOptions TxFor(const CallContext& call, bool read_only = false);

}  // namespace sentra::service
