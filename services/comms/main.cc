// comms: wiring only.
#include <span>

#include "sentra/config/env_reader.h"
#include "sentra/service/host.h"
#include "src/event_handlers.h"

namespace sentra::comms {
std::span<const db::Migration> Migrations();
}

int main() {
  sentra::service::ServiceHost host("comms");
  auto lookup = sentra::config::ProcessEnvironment();
  sentra::config::ExitIfInvalid(lookup.status(), "comms");
  sentra::config::EnvReader env(*lookup);
  // Where the links in account e-mails point: the console's public address.
  const sentra::comms::AccountEmails account_emails(env.String("SENTRA_APP_URL", "http://127.0.0.1:8080"));
  sentra::config::ExitIfInvalid(env.status(), "comms");

  host.Migrate(sentra::comms::Migrations());
  sentra::comms::HandleEvents(host.events(), account_emails);
  return host.Run();
}
