// billing: wiring only.
#include <span>

#include "sentra/service/host.h"
#include "src/event_handlers.h"

namespace sentra::billing {
std::span<const db::Migration> Migrations();
}

int main() {
  sentra::service::ServiceHost host("billing");
  host.Migrate(sentra::billing::Migrations());
  sentra::billing::HandleEvents(host.events());
  return host.Run();
}
