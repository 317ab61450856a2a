// On organization.created: queue the welcome e-mail to the new owner.
#pragma once

#include "absl/status/status.h"
#include "outbound_email.h"
#include "sentra/bus/event_sink.h"
#include "sentra/events/v1/envelope.pb.h"

namespace sentra::comms {

absl::Status QueueWelcomeEmail(OutboundEmailQueries& outbound, bus::EventSink& events,
                               const events::v1::Envelope& event);

}  // namespace sentra::comms
