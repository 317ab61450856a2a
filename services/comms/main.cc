// comms: wiring only.
#include <span>

#include "sentra/service/host.h"
#include "src/welcome_email.h"

namespace sentra::comms {
std::span<const db::Migration> Migrations();
}

int main() {
  sentra::service::ServiceHost host("comms");
  host.Migrate(sentra::comms::Migrations());
  host.consumer().On("organization.created", sentra::comms::QueueWelcomeEmail);
  return host.Run();
}
