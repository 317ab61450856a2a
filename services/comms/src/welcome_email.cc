#include "welcome_email.h"

#include "fmt/format.h"
#include "sentra/events/v1/organization.pb.h"
#include "sentra/ids/uuid.h"

namespace sentra::comms {

namespace {
constexpr db::Query kQueue{
    "comms.queue_email",
    "INSERT INTO outbound_emails (id, org_id, to_address, to_name, template, subject, body_text, source_event_id) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"};
}  // namespace

absl::Status QueueWelcomeEmail(db::Transaction& tx, const events::v1::Envelope& event) {
  events::v1::OrganizationCreated created;
  if (!event.payload().UnpackTo(&created)) return absl::InvalidArgumentError("organization.created without its payload");
  const std::string subject = fmt::format("Welcome to Sentra, {}", created.owner_name());
  const std::string body = fmt::format(
      "Hello {},\n\nyour organization \"{}\" is ready. Sign in with {} to start adding leads.\n",
      created.owner_name(), created.name(), created.owner_email());
  return tx.Execute(kQueue, ids::NewUuidV7(), event.org_id(), created.owner_email(), created.owner_name(),
                    "welcome", subject, body, event.id())
      .status();
}

}  // namespace sentra::comms
