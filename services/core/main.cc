// core: wiring only.
#include <grpcpp/create_channel.h>

#include "core_migrations.h"
#include "sentra/config/env_reader.h"
#include "sentra/service/host.h"
#include "src/auth_references.h"
#include "src/internal_service.h"
#include "src/client_service.h"
#include "src/contact_service.h"
#include "src/custom_field_service.h"
#include "src/deal_service.h"
#include "src/event_handlers.h"
#include "src/lead_service.h"
#include "src/note_service.h"
#include "src/order_service.h"
#include "src/tag_service.h"
#include "src/task_overdue.h"
#include "src/task_service.h"
#include "src/timeline_service.h"

namespace {

struct CoreConfig {
  // Where auth answers whether owner_id and brand_id name its members and brands.
  std::string auth_address;
  // How often a recurring job looks for tasks that have become overdue.
  std::chrono::seconds overdue_check;
};

CoreConfig ReadConfig() {
  auto lookup = sentra::config::ProcessEnvironment();
  sentra::config::ExitIfInvalid(lookup.status(), "core");
  sentra::config::EnvReader env(*lookup);
  const auto overdue_check = env.Duration("SENTRA_TASK_OVERDUE_CHECK", std::chrono::seconds(30));
  CoreConfig config{.auth_address = env.String("SENTRA_AUTH_ADDR"),
                    .overdue_check = std::chrono::duration_cast<std::chrono::seconds>(overdue_check)};
  if (env.status().ok() && (overdue_check < std::chrono::seconds(1) || overdue_check.count() % 1000 != 0)) {
    env.Fail("SENTRA_TASK_OVERDUE_CHECK", "must be whole seconds, at least 1s", "");
  }
  sentra::config::ExitIfInvalid(env.status(), "core");
  return config;
}

}  // namespace

int main() {
  const CoreConfig config = ReadConfig();
  sentra::service::ServiceHost host("core");
  host.Migrate(sentra::core::Migrations());
  const sentra::core::AuthReferences references(
      grpc::CreateChannel(config.auth_address, grpc::InsecureChannelCredentials()));
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
  sentra::core::TaskServiceImpl tasks(storage, references);
  host.AddService(&tasks);
  sentra::core::OverdueTaskCheck overdue(storage, references);
  // One check per period across every replica; a period missed while core
  // was down is made up by the next check, which finds every overdue task.
  host.jobs().Register(sentra::core::kOverdueCheckJob,
                       {.lease = std::chrono::minutes(5), .retry_for = config.overdue_check},
                       [&overdue](sentra::jobs::JobRun&) { return overdue.RunRound(); });
  host.jobs().Recur({.name = sentra::core::kOverdueCheckJob,
                     .kind = sentra::core::kOverdueCheckJob,
                     .period = config.overdue_check,
                     .catch_up = sentra::jobs::CatchUp::kLatestOnly});
  sentra::core::CustomFieldServiceImpl custom_fields(storage);
  host.AddService(&custom_fields);
  sentra::core::TagServiceImpl tags(storage);
  host.AddService(&tags);
  sentra::core::TimelineServiceImpl timeline(storage);
  host.AddService(&timeline);
  sentra::core::CoreInternalServiceImpl internal(host.pool());
  host.AddService(&internal);
  sentra::core::HandleEvents(host.events());
  return host.Run();
}
