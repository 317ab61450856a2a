// analytics: wiring only.
#include <span>

#include "sentra/service/host.h"
#include "src/event_handlers.h"

namespace sentra::analytics {
std::span<const db::Migration> Migrations();
}

int main() {
  sentra::service::ServiceHost host("analytics");
  host.Migrate(sentra::analytics::Migrations());
  sentra::analytics::HandleEvents(host.events());
  return host.Run();
}
