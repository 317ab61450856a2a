#include "welcome_email.h"

#include "fmt/format.h"
#include "sentra/events/v1/organization.pb.h"

namespace sentra::comms {

absl::Status QueueWelcomeEmail(OutboundEmailQueries& outbound, bus::EventSink&, const events::v1::Envelope& event) {
  events::v1::OrganizationCreated created;
  if (!event.payload().UnpackTo(&created)) return absl::InvalidArgumentError("organization.created without its payload");
  return outbound.Queue({
      .to_address = created.owner_email(),
      .to_name = created.owner_name(),
      .template_name = "welcome",
      .subject = fmt::format("Welcome to Sentra, {}", created.owner_name()),
      .body_text = fmt::format("Hello {},\n\nyour organization \"{}\" is ready. Sign in with {} to start adding leads.\n",
                               created.owner_name(), created.name(), created.owner_email()),
      .source_event_id = event.id(),
  });
}

}  // namespace sentra::comms
