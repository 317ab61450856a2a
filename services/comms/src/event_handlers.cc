#include "event_handlers.h"

#include "pg_outbound_email_queries.h"
#include "welcome_email.h"

namespace sentra::comms {

void HandleEvents(service::EventHandlers& on, const AccountEmails& account_emails) {
  on.On<PgOutboundEmailQueries>("organization.created", QueueWelcomeEmail);
  const auto queue_account_email = [&account_emails](OutboundEmailQueries& outbound, bus::EventSink& events,
                                                     const events::v1::Envelope& event) {
    return account_emails.Queue(outbound, events, event);
  };
  for (const char* type : {"user.invited", "auth.password_reset_requested", "auth.email_verification_requested"}) {
    on.On<PgOutboundEmailQueries>(type, queue_account_email);
  }
}

}  // namespace sentra::comms
