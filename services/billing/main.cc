// billing: wiring only.
#include <span>

#include "sentra/service/host.h"
#include "src/billing_settings.h"

namespace sentra::billing {
std::span<const db::Migration> Migrations();
}

int main() {
  sentra::service::ServiceHost host("billing");
  host.Migrate(sentra::billing::Migrations());
  host.consumer().On("organization.created", sentra::billing::CreateBillingSettings);
  host.consumer().On("organization.updated", sentra::billing::FollowOrganizationUpdate);
  return host.Run();
}
