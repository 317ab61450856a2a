// core: wiring only.
#include <grpcpp/create_channel.h>

#include "core_migrations.h"
#include "sentra/config/env_reader.h"
#include "sentra/service/host.h"
#include "src/auth_references.h"
#include "src/client_service.h"
#include "src/contact_service.h"
#include "src/deal_service.h"
#include "src/default_pipeline.h"
#include "src/lead_service.h"
#include "src/note_service.h"
#include "src/order_service.h"

namespace {

// Where auth answers whether owner_id and brand_id name its members and brands.
std::string ReadAuthAddress() {
  auto lookup = sentra::config::ProcessEnvironment();
  sentra::config::ExitIfInvalid(lookup.status(), "core");
  sentra::config::EnvReader env(*lookup);
  std::string address = env.String("SENTRA_AUTH_ADDR");
  sentra::config::ExitIfInvalid(env.status(), "core");
  return address;
}

}  // namespace

int main() {
  const std::string auth_address = ReadAuthAddress();
  sentra::service::ServiceHost host("core");
  host.Migrate(sentra::core::Migrations());
  const sentra::core::AuthReferences references(
      grpc::CreateChannel(auth_address, grpc::InsecureChannelCredentials()));
  const sentra::service::Storage storage{host.pool(), host.outbox()};
  sentra::core::LeadServiceImpl leads(storage, references);
  host.AddService(&leads);
  sentra::core::ClientServiceImpl clients(storage, references);
  host.AddService(&clients);
  sentra::core::PortalServiceImpl portal(storage, references);
  host.AddService(&portal);
  sentra::core::ContactServiceImpl contacts(storage);
  host.AddService(&contacts);
  sentra::core::PipelineServiceImpl pipelines(storage);
  host.AddService(&pipelines);
  sentra::core::DealServiceImpl deals(storage, references);
  host.AddService(&deals);
  sentra::core::NoteServiceImpl notes(storage);
  host.AddService(&notes);
  sentra::core::OrderServiceImpl orders(storage, references);
  host.AddService(&orders);
  host.consumer().On("organization.created", sentra::core::CreateDefaultPipeline);
  return host.Run();
}
