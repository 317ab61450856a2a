// analytics: wiring only.
#include <span>

#include "sentra/service/host.h"
#include "src/event_archive.h"

namespace sentra::analytics {
std::span<const db::Migration> Migrations();
}

int main() {
  sentra::service::ServiceHost host("analytics");
  host.Migrate(sentra::analytics::Migrations());
  host.consumer().On("#", sentra::analytics::ArchiveEvent);  // every event type
  return host.Run();
}
