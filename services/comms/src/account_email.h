// On user.invited, auth.password_reset_requested and
// auth.email_verification_requested: queue the e-mail carrying the person's
// single-use link into the console at SENTRA_APP_URL.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "outbound_email.h"
#include "sentra/bus/event_sink.h"
#include "sentra/events/v1/envelope.pb.h"

namespace sentra::comms {

class AccountEmails {
 public:
  explicit AccountEmails(std::string app_url) : app_url_(std::move(app_url)) {}

  absl::Status Queue(OutboundEmailQueries& outbound, bus::EventSink& events, const events::v1::Envelope& event) const;

 private:
  std::string app_url_;
};

}  // namespace sentra::comms
