#include "pg_outbound_email_queries.h"

#include "sentra/ids/uuid.h"

namespace sentra::comms {

namespace {
constexpr db::Query kQueue{
    "comms.queue_email",
    "INSERT INTO outbound_emails (id, org_id, to_address, to_name, template, subject, body_text, source_event_id) "
    "VALUES ($1, current_org(), $2, $3, $4, $5, $6, $7)"};
}  // namespace

absl::Status PgOutboundEmailQueries::Queue(const OutboundEmail& email) {
  return tx_.Execute(kQueue, ids::NewUuidV7(), email.to_address, email.to_name, email.template_name, email.subject,
                     email.body_text, email.source_event_id)
      .status();
}

}  // namespace sentra::comms
