// Which events billing handles, and with what: its one table.
#pragma once

#include "sentra/service/event_handlers.h"

namespace sentra::billing {

void HandleEvents(service::EventHandlers& on);

}  // namespace sentra::billing
