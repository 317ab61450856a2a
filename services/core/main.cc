// core: wiring only.
#include "core_migrations.h"
#include "sentra/service/host.h"
#include "src/default_pipeline.h"
#include "src/lead_service.h"

int main() {
  sentra::service::ServiceHost host("core");
  host.Migrate(sentra::core::Migrations());
  sentra::core::LeadServiceImpl leads(host.pool(), host.outbox());
  host.AddService(&leads);
  host.consumer().On("organization.created", sentra::core::CreateDefaultPipeline);
  return host.Run();
}
