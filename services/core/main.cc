// core: wiring only.
#include "core_migrations.h"
#include "sentra/service/host.h"
#include "src/client_service.h"
#include "src/default_pipeline.h"
#include "src/lead_service.h"

int main() {
  sentra::service::ServiceHost host("core");
  host.Migrate(sentra::core::Migrations());
  sentra::core::LeadServiceImpl leads(host.pool(), host.outbox());
  host.AddService(&leads);
  sentra::core::ClientServiceImpl clients(host.pool(), host.outbox());
  host.AddService(&clients);
  sentra::core::PortalServiceImpl portal(host.pool());
  host.AddService(&portal);
  host.consumer().On("organization.created", sentra::core::CreateDefaultPipeline);
  return host.Run();
}
