// Which events core handles, and with what: its one table.
#pragma once

#include "sentra/service/event_handlers.h"

namespace sentra::core {

void HandleEvents(service::EventHandlers& on);

}  // namespace sentra::core
