// Which events comms handles, and with what: its one table.
#pragma once

#include "account_email.h"
#include "sentra/service/event_handlers.h"

namespace sentra::comms {

void HandleEvents(service::EventHandlers& on, const AccountEmails& account_emails);

}  // namespace sentra::comms
