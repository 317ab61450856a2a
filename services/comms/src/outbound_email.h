// The outbound e-mail queue, as comms' logic sees it: an interface, so the
// rules that compose e-mails are tested on a fake
// (pg_outbound_email_queries.h is the real one).
#pragma once

#include <string>

#include "absl/status/status.h"

namespace sentra::comms {

struct OutboundEmail {
  std::string to_address;
  std::string to_name;
  std::string template_name;  // "welcome", "invitation", …
  std::string subject;
  std::string body_text;
  std::string source_event_id;  // the event that asked for it
};

class OutboundEmailQueries {
 public:
  virtual ~OutboundEmailQueries() = default;
  // Queues `email` for the transaction's organization.
  virtual absl::Status Queue(const OutboundEmail& email) = 0;
};

}  // namespace sentra::comms
