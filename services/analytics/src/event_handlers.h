// Which events analytics handles, and with what: its one table.
#pragma once

#include "sentra/service/event_handlers.h"

namespace sentra::analytics {

void HandleEvents(service::EventHandlers& on);

}  // namespace sentra::analytics
